/**
 * The PDF worker's tasks on annexes (see annex-workers.ts): run in a worker thread, never on the
 * main one. workerData: { font } (Liberation Sans Regular, for the captions and the list page).
 */
import { workerData } from 'node:worker_threads';
import { serveTasks } from '../../shared/worker-tasks.js';
import { appendAnnexes, type Annex } from '../annexes/assemble.js';
import { openPdf } from '../open-pdf.js';
import type { AnnexInput } from './annex-workers.js';
import { sanitizeAttachmentPdf } from './pdf-attachment.js';

const { font } = workerData as { font: Uint8Array };

serveTasks({
  async read(bytes: Uint8Array) {
    const read = await sanitizeAttachmentPdf(bytes);
    return { value: read, transfer: [read.bytes.buffer as ArrayBuffer] };
  },
  async append(documentPdf: Uint8Array, inputs: AnnexInput[], maxPages: number) {
    const annexes: Annex[] = [];
    for (const input of inputs) {
      annexes.push(
        input.kind === 'pdf'
          ? { caption: input.caption, kind: 'pdf', pdf: (await openPdf(input.pdf)).doc }
          : input,
      );
    }
    const pdf = await appendAnnexes(documentPdf, annexes, { font, maxPages });
    return { value: pdf, transfer: [pdf.buffer as ArrayBuffer] };
  },
});
