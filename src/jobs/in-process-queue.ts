import { writeBatch } from '../batch/write-batch.js';
import type { Core } from '../core/render-document.js';
import type { Logger } from '../logger.js';
import type { BatchObserver } from '../observer.js';
import { JobFiles } from './job-files.js';
import {
  counted,
  jobFailed,
  notFinished,
  publicError,
  queueFull,
  queuedStatus,
  reportLine,
  unknownJob,
} from './job-status.js';
import type { JobQueue, JobResult, JobStatus, JobSubmission } from './job-queue.js';
import { deliver, type WebhookOptions } from './webhook.js';

export interface InProcessQueueOptions {
  core: Core;
  /** The face the merged PDF's report is printed in. */
  reportFont: Uint8Array;
  /** BATCH_CONCURRENCY: rows of one job in flight. */
  rowConcurrency: number;
  /** JOBS_CONCURRENCY: jobs running at once; the others wait their turn. */
  concurrency: number;
  /** JOBS_MAX: jobs held, waiting, running or finished. */
  maxJobs: number;
  /** JOBS_TTL_SECONDS: how long a finished job is kept. */
  ttlSeconds: number;
  /** Absent: no webhook (the HTTP edge refuses a callback beforehand). */
  webhook?: WebhookOptions;
  logger: Logger;
  observer?: BatchObserver;
  /** Where the results' folder is made; the system's temporary folder by default. */
  tmpDir?: string;
}

interface Job {
  status: JobStatus;
  owner: string | undefined;
  /** Until it has run: the rows and images, let go of at its end. */
  submission: JobSubmission | undefined;
  callback: string | undefined;
  /** Stops the render, then the webhook's retries. */
  controller: AbortController;
  file?: string;
  run?: Promise<void>;
  expiry?: NodeJS.Timeout;
}

/** Retry-After when every job held is still waiting or running: a batch takes some seconds. */
const BUSY_RETRY_SECONDS = 30;

/**
 * The default queue, nothing to install: jobs in this process's memory, run a few at a time
 * through the same writeBatch as POST /v1/batch (so the engines' own queue bounds them with every
 * other render), results in a private temporary folder, each deleted TTL seconds after its job
 * ends, on DELETE, and at close. A restart forgets every job: that is what a Redis backend is for.
 */
export function createInProcessQueue(options: InProcessQueueOptions): JobQueue & {
  /** The results' folder once made: tests check that files go. */
  readonly folder: string | undefined;
} {
  const jobs = new Map<string, Job>();
  const waiting: Job[] = [];
  const files = new JobFiles(options.tmpDir);
  let running = 0;
  let closed = false;

  const find = (id: string, owner: string | undefined): Job => {
    const job = jobs.get(id);
    // Another owner's job is as unknown as one never made: its id says nothing.
    if (!job || job.owner !== owner) throw unknownJob(id);
    return job;
  };

  const pump = (): void => {
    while (!closed && running < options.concurrency && waiting.length > 0) {
      const job = waiting.shift() as Job;
      running += 1;
      job.run = execute(job).finally(() => {
        running -= 1;
        pump();
      });
    }
  };

  const execute = async (job: Job): Promise<void> => {
    const { status } = job;
    const submission = job.submission as JobSubmission;
    status.state = 'running';
    status.startedAt = new Date().toISOString();
    try {
      const file = await files.pathOf(status.id, status.output);
      job.file = file;
      job.controller.signal.throwIfAborted();
      await writeBatch(options.core, submission.batch, files.destination(file), {
        concurrency: options.rowConcurrency,
        reportFont: options.reportFont,
        signal: job.controller.signal,
        ...(options.observer ? { observer: options.observer } : {}),
        onRow: (result, summary) => {
          const file = summary.lines[summary.lines.length - 1]?.file;
          status.report.push(reportLine(result, file));
        },
      });
      status.state = 'done';
    } catch (error) {
      if (job.controller.signal.aborted) status.state = 'cancelled';
      else {
        status.state = 'failed';
        status.error = publicError(error);
        options.logger.error(
          { err: error, job: status.id, document: status.document },
          'batch job failed',
        );
      }
    } finally {
      job.submission = undefined;
    }
    if (status.state !== 'done') await files.remove(job.file);
    if (status.state === 'cancelled') return;
    finish(job);
  };

  const finish = (job: Job): void => {
    const { status } = job;
    const now = Date.now();
    status.finishedAt = new Date(now).toISOString();
    status.expiresAt = new Date(now + options.ttlSeconds * 1000).toISOString();
    job.expiry = setTimeout(() => void remove(job), options.ttlSeconds * 1000);
    job.expiry.unref();
    options.logger.info(
      { job: status.id, document: status.document, state: status.state, rows: status.rows },
      'batch job finished',
    );
    if (job.callback && options.webhook) void notify(job, job.callback, options.webhook);
  };

  const notify = async (job: Job, url: string, webhook: WebhookOptions): Promise<void> => {
    const body = JSON.stringify(counted(job.status));
    // The URL's host only: its path or query may carry the receiver's token.
    const target = { job: job.status.id, host: new URL(url).host };
    try {
      const sent = await deliver(url, body, { ...webhook, signal: job.controller.signal });
      if (sent.delivered) options.logger.info({ ...target, ...sent }, 'job webhook delivered');
      else options.logger.warn({ ...target, ...sent }, 'job webhook not delivered');
    } catch {
      // Aborted: the job was deleted, or the service stops.
    }
  };

  const remove = async (job: Job): Promise<void> => {
    jobs.delete(job.status.id);
    clearTimeout(job.expiry);
    const queued = waiting.indexOf(job);
    if (queued >= 0) waiting.splice(queued, 1);
    if (job.status.state === 'queued' || job.status.state === 'running') {
      job.status.state = 'cancelled';
    }
    job.controller.abort();
    await job.run?.catch(() => undefined);
    await files.remove(job.file);
  };

  return {
    get folder() {
      return files.folder;
    },

    async submit(submission) {
      if (closed || jobs.size >= options.maxJobs) throw queueFull(retryAfter(jobs));
      const status = queuedStatus(submission.batch);
      const { id } = status;
      const job: Job = {
        status,
        owner: submission.owner,
        submission,
        callback: submission.callback,
        controller: new AbortController(),
      };
      jobs.set(id, job);
      waiting.push(job);
      pump();
      return counted(job.status);
    },

    async status(id, owner) {
      return counted(find(id, owner).status);
    },

    async result(id, owner): Promise<JobResult> {
      const job = find(id, owner);
      const { state, output, document } = job.status;
      if (state === 'failed') throw jobFailed(id);
      if (state !== 'done' || !job.file) throw notFinished(id, state);
      const file = job.file;
      return { output, document, size: await files.sizeOf(file), open: () => files.open(file) };
    },

    async cancel(id, owner) {
      await remove(find(id, owner));
    },

    async gauges() {
      const counts: Partial<Record<JobStatus['state'], number>> = {};
      for (const { status } of jobs.values())
        counts[status.state] = (counts[status.state] ?? 0) + 1;
      return { jobs: counts };
    },

    async close() {
      closed = true;
      await Promise.all([...jobs.values()].map((job) => remove(job)));
      await files.close();
    },
  };
}

/** Seconds until the first finished job expires and frees a place. */
function retryAfter(jobs: ReadonlyMap<string, Job>): number {
  const expiries = [...jobs.values()]
    .map((job) => job.status.expiresAt)
    .filter((at): at is string => at !== undefined)
    .map((at) => Date.parse(at));
  if (expiries.length === 0) return BUSY_RETRY_SECONDS;
  return Math.max(1, Math.ceil((Math.min(...expiries) - Date.now()) / 1000));
}
