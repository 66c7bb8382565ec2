import { Worker, type Job } from 'bullmq';
import { baseName, fileNamer } from '../../batch/file-names.js';
import { renderRows, type RowResult } from '../../batch/render-rows.js';
import { writeResults } from '../../batch/write-batch.js';
import { CoreError, type FieldIssue } from '../../core/errors.js';
import type { Core } from '../../core/render-document.js';
import type { Logger } from '../../logger.js';
import type { BatchObserver } from '../../observer.js';
import type { JobReportLine } from '../job-queue.js';
import { counted, publicError, reportLine } from '../job-status.js';
import { deliver, type WebhookOptions } from '../webhook.js';
import { connect, QUEUE_NAME, QUEUE_PREFIX } from './connection.js';
import { JobRecords } from './job-records.js';
import { ASSEMBLE, type AssembleData, type ChunkData } from './plan.js';
import type { ChunkLine, ResultStore } from './result-store.js';
import { sweepStore } from './sweep.js';

export interface JobWorkerOptions {
  redisUrl: string;
  core: Core;
  store: ResultStore;
  /** The face the merged PDF's report is printed in. */
  reportFont: Uint8Array;
  /** JOBS_CONCURRENCY: chunks this process renders at once. */
  concurrency: number;
  /** BATCH_CONCURRENCY: rows of a chunk in flight. */
  rowConcurrency: number;
  /** JOBS_LOCK_SECONDS: how long a silent worker keeps its chunk. */
  lockSeconds: number;
  /** JOBS_CHUNK_ATTEMPTS: also how many times a chunk may lose its worker. */
  attempts: number;
  ttlSeconds: number;
  webhook?: WebhookOptions;
  logger: Logger;
  observer?: BatchObserver;
}

export interface JobWorker {
  /** Resolves once connected to Redis and taking chunks. */
  ready(): Promise<void>;
  /** Finishes the chunks in hand (they are not taken over), then disconnects. */
  close(): Promise<void>;
}

/**
 * What `paperasse worker` runs: BullMQ's worker on the jobs' queue. A chunk renders its rows
 * with the same renderRows as every batch and leaves each PDF in the result store and each
 * row's line in the job's record; the last step writes the ZIP or merged PDF from them, in the
 * rows' order, and ends the job.
 *
 * A worker that dies loses its lock: after JOBS_LOCK_SECONDS another worker takes the chunk
 * over from its first row (BullMQ's stalled jobs), and the rows it writes replace the first
 * try's. A chunk that fails is tried again, JOBS_CHUNK_ATTEMPTS times in all; at its last try a
 * row that faults is reported failed and the others are rendered, so that a poisoned row is
 * never retried forever. A chunk that fails for good leaves its rows reported failed.
 */
export function createJobWorker(options: JobWorkerOptions): JobWorker {
  const redis = connect(options.redisUrl, 'worker');
  redis.on('error', () => undefined);
  const records = new JobRecords(redis);
  const sweeper = sweepStore(options.store, records, options.ttlSeconds, options.logger);
  const log = options.logger;

  const processor = async (job: Job): Promise<unknown> => {
    const lastTry = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    if (job.name === ASSEMBLE) return assemble(job.data as AssembleData, lastTry);
    // By its id only (the job's uuid and the chunk's index): what an operator follows.
    log.debug({ chunk: job.id }, 'job chunk started');
    const done = await renderChunk(job.data as ChunkData, lastTry);
    log.debug({ chunk: job.id }, 'job chunk ended');
    return done;
  };

  const renderChunk = async (data: ChunkData, lastTry: boolean) => {
    const { job: id, chunk } = data;
    const files = await records.files(id);
    // Gone: the job was deleted (or expired) before this chunk's turn.
    if (!files) return { chunk, cancelled: true };
    await records.markRunning(id);
    const stop = new AbortController();
    const core = lastTry ? faultsAsRowErrors(options.core) : options.core;
    const lines: ChunkLine[] = [];
    const writer = await options.store.chunkWriter(id, chunk);
    try {
      const results = renderRows(core, data.rows, {
        document: data.document,
        ...(data.engine ? { engine: data.engine } : {}),
        files,
        concurrency: options.rowConcurrency,
        signal: stop.signal,
        ...(options.observer ? { observer: options.observer } : {}),
      });
      for await (const result of results) {
        const name = result.pdf
          ? baseName(data.pattern, result.input, result.row, result.fileName)
          : undefined;
        const at = result.pdf ? await writer.add(result.pdf) : undefined;
        if (!(await records.recordLine(id, reportLine(result)))) stop.abort();
        lines.push({ ...chunkLine(result, name), ...at });
      }
      await writer.commit(lines);
    } catch (error) {
      await writer.abort();
      if (stop.signal.aborted) return { chunk, cancelled: true };
      throw error;
    }
    return { chunk, rows: lines.length };
  };

  const assemble = async (data: AssembleData, lastTry: boolean) => {
    const { job: id } = data;
    const record = await records.read(id);
    if (!record) {
      // Deleted while it ran: whatever its chunks wrote goes too.
      await options.store.remove(id);
      return { cancelled: true };
    }
    const { status } = record;
    try {
      const { document } = options.core.catalog.find(status.document);
      const writer = await options.store.resultWriter(id, status.output);
      const report: JobReportLine[] = [];
      await writeResults(storedRows(options.store, data), writer.destination, {
        output: status.output,
        title: document.title,
        // Each row's name was worked out by its chunk, from its data: made unique here.
        names: fileNamer(undefined),
        reportFont: options.reportFont,
        onRow: (result, summary) => {
          const file = summary.lines[summary.lines.length - 1]?.file;
          report.push(reportLine(result, file));
        },
      });
      await writer.commit();
      await records.finish(id, { state: 'done', report }, options.ttlSeconds);
      await options.store.removeParts(id);
    } catch (error) {
      if (!lastTry) throw error;
      log.error({ err: error, job: id, document: status.document }, 'batch job failed');
      await records.finish(id, { state: 'failed', error: publicError(error) }, options.ttlSeconds);
      await options.store.remove(id);
    }
    const ended = await records.read(id);
    if (ended) {
      const { state, rows } = ended.status;
      log.info({ job: id, document: status.document, state, rows }, 'batch job finished');
      if (ended.callback && options.webhook) {
        // Apart from the job, which is over: a fault here must not end the worker's process.
        notify(ended.callback, counted(ended.status)).catch((error: unknown) =>
          log.warn({ err: error, job: id }, 'job webhook not delivered'),
        );
      }
    }
    return { done: true };
  };

  const notify = async (url: string, status: ReturnType<typeof counted>): Promise<void> => {
    // The URL's host only: its path or query may carry the receiver's token.
    const target = { job: status.id, host: new URL(url).host };
    const sent = await deliver(url, JSON.stringify(status), options.webhook as WebhookOptions);
    if (sent.delivered) log.info({ ...target, ...sent }, 'job webhook delivered');
    else log.warn({ ...target, ...sent }, 'job webhook not delivered');
  };

  const worker = new Worker(QUEUE_NAME, processor, {
    connection: redis,
    prefix: QUEUE_PREFIX,
    concurrency: options.concurrency,
    lockDuration: options.lockSeconds * 1000,
    stalledInterval: options.lockSeconds * 1000,
    // A chunk whose worker dies is taken over; one that kills every worker it meets, not forever.
    maxStalledCount: options.attempts,
  });
  worker.on('error', (error) => log.warn({ err: error }, 'job worker: Redis error'));
  worker.on('stalled', (chunk) => {
    log.warn({ chunk }, 'job chunk taken over from a worker that stopped answering');
  });
  worker.on('failed', (job, error) => {
    // The error's message only: a row's data is never in it, but a stack is of no use here.
    log.warn(
      { chunk: job?.id, attempts: job?.attemptsMade, reason: error.message },
      'job chunk failed',
    );
  });

  return {
    async ready() {
      await worker.waitUntilReady();
    },
    async close() {
      sweeper.stop();
      await worker.close();
      redis.disconnect();
    },
  };
}

/**
 * The rows as the chunks left them, in order; a chunk that never finished, its rows failed. The
 * next chunk's file is read while this one's rows are written out.
 */
async function* storedRows(store: ResultStore, data: AssembleData): AsyncGenerator<RowResult> {
  const read = (index: number) => {
    const planned = data.chunks[index];
    return planned ? store.readChunk(data.job, planned.chunk) : Promise.resolve(undefined);
  };
  let next = read(0);
  for (const [index, planned] of data.chunks.entries()) {
    const stored = await next;
    next = read(index + 1);
    // Handled now, thrown at its turn: a fault reading it must not be an unhandled rejection.
    next.catch(() => undefined);
    if (!stored) {
      for (const row of planned.rows) yield { ...row, warnings: [], errors: [CHUNK_FAILED] };
      continue;
    }
    for (const line of stored.lines) {
      const { offset, length } = line;
      const pdf =
        offset !== undefined && length !== undefined
          ? stored.pdfs.subarray(offset, offset + length)
          : undefined;
      yield {
        row: line.row,
        ...(line.id !== undefined ? { id: line.id } : {}),
        ...(pdf ? { pdf } : {}),
        ...(line.name ? { fileName: line.name } : {}),
        warnings: line.warnings,
        errors: line.errors,
      };
    }
  }
}

function chunkLine(result: RowResult, name: string | undefined): ChunkLine {
  return {
    row: result.row,
    ...(result.id !== undefined ? { id: result.id } : {}),
    ...(name ? { name } : {}),
    warnings: result.warnings,
    errors: result.errors,
  };
}

/** A row whose chunk failed every try (its worker died each time, or a fault of ours). */
const CHUNK_FAILED: FieldIssue = {
  path: '',
  code: 'INTERNAL',
  message_fr:
    'Cette ligne n’a pas pu être produite : son groupe de lignes a échoué à chaque essai. Relancez-la seule.',
  message_en: 'This row could not be produced: its chunk of rows failed every try. Send it alone.',
};

/**
 * The core, with a fault in a row's render (not a refusal of its data) turned into that row's
 * error: at a chunk's last try, one poisoned row fails alone instead of its whole chunk.
 */
function faultsAsRowErrors(core: Core): Core {
  return {
    ...core,
    render: (request, signal) =>
      core.render(request, signal).catch((error: unknown) => {
        if (error instanceof CoreError) throw error;
        throw new CoreError('INTERNAL', {
          detail_en: 'This row could not be produced (an internal error, each time it was tried).',
          detail_fr: 'Cette ligne n’a pas pu être produite (une erreur interne, à chaque essai).',
        });
      }),
  };
}
