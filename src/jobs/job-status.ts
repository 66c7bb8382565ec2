import { randomUUID } from 'node:crypto';
import type { RowResult } from '../batch/render-rows.js';
import type { BatchSpec } from '../batch/write-batch.js';
import { CoreError } from '../core/errors.js';
import type { JobReportLine, JobStatus } from './job-queue.js';

/**
 * What every queue says alike (in-process-queue.ts, redis/): a row's line of the report, a
 * failed job's public error, and the refusals of the routes.
 */

/** A job just submitted: queued, a new random id, nothing out yet. */
export function queuedStatus(batch: BatchSpec): JobStatus {
  return {
    id: randomUUID(),
    document: batch.document,
    output: batch.output,
    state: 'queued',
    rows: batch.rows.length,
    done: 0,
    failed: 0,
    progress: 0,
    createdAt: new Date().toISOString(),
    report: [],
  };
}

/** A row out, as the job's report says it; `file` is its name in the ZIP, once named. */
export function reportLine(result: RowResult, file?: string): JobReportLine {
  return {
    row: result.row,
    ...(result.id !== undefined ? { id: result.id } : {}),
    state: result.errors.length === 0 ? 'done' : 'failed',
    ...(file ? { file } : {}),
    errors: result.errors,
    warnings: result.warnings,
  };
}

/** Counts and progress from the report so far (rows out of the batch, from 0 to 1). */
export function counted(status: JobStatus): JobStatus {
  const done = status.report.filter((line) => line.state === 'done').length;
  const failed = status.report.length - done;
  const progress = status.rows === 0 ? 1 : status.report.length / status.rows;
  return { ...status, done, failed, progress, report: [...status.report] };
}

/** What a failed job says: a CoreError's public message; a fault of ours, nothing of it. */
export function publicError(error: unknown): { code: string; message: string } {
  if (error instanceof CoreError) return { code: error.code, message: error.message };
  return { code: 'INTERNAL', message: 'The batch stopped on an internal error.' };
}

export function unknownJob(id: string): CoreError {
  return new CoreError('UNKNOWN_JOB', {
    detail_en: `No job ${id}: never made, expired (JOBS_TTL_SECONDS), deleted, or not yours.`,
    detail_fr: `Aucune tâche ${id} : jamais créée, expirée (JOBS_TTL_SECONDS), supprimée, ou pas à vous.`,
  });
}

export function notFinished(id: string, state: string): CoreError {
  return new CoreError('JOB_NOT_FINISHED', {
    detail_en: `Job ${id} is ${state}: its result comes once it is done (GET /v1/jobs/${id}).`,
    detail_fr: `La tâche ${id} est ${state === 'queued' ? 'en attente' : 'en cours'} : son résultat viendra une fois terminée (GET /v1/jobs/${id}).`,
    retryAfterSeconds: 1,
  });
}

export function jobFailed(id: string): CoreError {
  return new CoreError('JOB_FAILED', {
    detail_en: `Job ${id} failed and has no result; its status says why.`,
    detail_fr: `La tâche ${id} a échoué et n’a pas de résultat ; son état dit pourquoi.`,
  });
}

export function queueFull(seconds: number): CoreError {
  return new CoreError('JOB_QUEUE_FULL', {
    detail_en: `The service holds as many jobs as it may (JOBS_MAX); retry in ${seconds} s.`,
    detail_fr: `Le service garde déjà autant de tâches qu’il peut (JOBS_MAX) ; réessayez dans ${seconds} s.`,
    retryAfterSeconds: seconds,
  });
}
