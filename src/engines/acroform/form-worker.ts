/**
 * The PDF worker's tasks on uploaded forms (see form-workers.ts): /v1/pdf/fields, /v1/pdf/fill
 * and engine=official read and fill a stranger's PDF here, in a worker thread.
 * workerData: { fonts, covered } (the faces of fonts/ and the code points they all draw).
 */
import { workerData } from 'node:worker_threads';
import type { FontFile } from '../../fonts.js';
import { serveTasks } from '../../shared/worker-tasks.js';
import { fillForm } from './fill.js';
import { inspectForm } from './inspect.js';

const data = workerData as { fonts: FontFile[]; covered: number[] };
const covered = new Set(data.covered);

serveTasks({
  async fields(bytes: Uint8Array) {
    return { value: await inspectForm(bytes) };
  },
  async fill(bytes: Uint8Array, values: Record<string, unknown>, flatten: boolean) {
    const pdf = await fillForm(bytes, values, { flatten, fonts: data.fonts, covered });
    return { value: pdf, transfer: [pdf.buffer as ArrayBuffer] };
  },
});
