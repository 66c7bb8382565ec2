import type { Readable } from 'node:stream';
import type { BatchSpec } from '../batch/write-batch.js';
import type { FieldIssue } from '../core/errors.js';

/**
 * Batches run later (POST /v1/jobs/{id}): what an HTTP edge asks of a queue, whichever runs it.
 * The in-process queue (in-process-queue.ts) is the default; with REDIS_URL, BullMQ with its
 * `paperasse worker` processes (redis/redis-queue.ts) implements the same interface, so
 * everything here is plain data a queue can store (the rows, the shared images as bytes) and
 * ids are strings.
 */

/** queued → running → done | failed; cancelled when deleted or stopped before its end. */
export type JobState = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';

export interface JobSubmission {
  batch: BatchSpec;
  /** Who may see the job (the API key's client id); absent when the API is open. */
  owner?: string;
  /** An http(s) URL told of the job's end (its status, signed). */
  callback?: string;
}

/** One row of the report so far, as rapport.csv says it. */
export interface JobReportLine {
  row: number;
  id?: string;
  state: 'done' | 'failed';
  /** The PDF's name in the ZIP (output zip). */
  file?: string;
  errors: readonly FieldIssue[];
  warnings: readonly FieldIssue[];
}

/** What GET /v1/jobs/{jobId} answers, and the webhook posts. */
export interface JobStatus {
  id: string;
  document: string;
  output: 'zip' | 'pdf';
  state: JobState;
  /** Rows in the batch, rows rendered, rows refused. */
  rows: number;
  done: number;
  failed: number;
  /** Rows out of the batch, from 0 to 1. */
  progress: number;
  createdAt: string;
  startedAt?: string;
  finishedAt?: string;
  /** When a finished job and its result are deleted. */
  expiresAt?: string;
  report: JobReportLine[];
  /** A failed job: why, without the rows' data. */
  error?: { code: string; message: string };
}

/** A finished job's file, read from where the queue keeps it. */
export interface JobResult {
  output: 'zip' | 'pdf';
  document: string;
  size: number;
  open(): Readable;
}

/** What /metrics says of the queue now. */
export interface JobGauges {
  /** Jobs held, by state (in-process: each state; Redis: `held` only, counted in one place). */
  jobs: Partial<Record<JobState | 'held', number>>;
  /** Redis: BullMQ's chunks waiting for a worker, active, and delayed (waiting for a retry). */
  chunks?: { waiting: number; active: number; delayed: number };
}

export interface JobQueue {
  /** Queued, or refused with JOB_QUEUE_FULL (Retry-After) when JOBS_MAX are held. */
  submit(submission: JobSubmission): Promise<JobStatus>;
  /** UNKNOWN_JOB for an id never given, expired, deleted, or another owner's. */
  status(id: string, owner?: string): Promise<JobStatus>;
  /** UNKNOWN_JOB as status; JOB_NOT_FINISHED while queued or running; JOB_FAILED. */
  result(id: string, owner?: string): Promise<JobResult>;
  /** Stops the job if it runs, and deletes it and its files. UNKNOWN_JOB as status. */
  cancel(id: string, owner?: string): Promise<void>;
  /** For /metrics; absent: no job gauges. */
  gauges?(): Promise<JobGauges>;
  /** Stops every job and deletes every file (shutdown). */
  close(): Promise<void>;
}
