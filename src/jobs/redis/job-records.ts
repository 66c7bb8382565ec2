import type { Redis } from 'ioredis';
import type { RequestFiles } from '../../core/render-request.js';
import type { JobReportLine, JobState, JobStatus } from '../job-queue.js';

/**
 * A job's record in Redis, apart from BullMQ's own keys (which hold the chunks' rows until each
 * chunk ends): what GET /v1/jobs/{jobId} reads, whichever process asks.
 * - `paperasse:job:<id>`: a hash of the job's status fields, its owner and its callback;
 * - `paperasse:job:<id>:report`: a hash of the report's lines by row, so that a chunk run again
 *   rewrites its rows' lines instead of adding to them;
 * - `paperasse:job:<id>:files`: the images every row shares, deleted when the job ends;
 * - `paperasse:jobs`: the jobs held (JOBS_MAX), scored by when each expires.
 * Each key expires: TTL seconds after the job ends, and a day after it starts at the latest, so
 * that nothing personal outlives a queue whose workers all went away.
 */

const PREFIX = 'paperasse:job:';
const INDEX = 'paperasse:jobs';
/** Longest a job may run: its keys expire then whatever happens to its workers. */
export const MAX_RUN_SECONDS = 86_400;

interface Keys {
  record: string;
  report: string;
  files: string;
}

export function keysOf(id: string): Keys {
  return {
    record: `${PREFIX}${id}`,
    report: `${PREFIX}${id}:report`,
    files: `${PREFIX}${id}:files`,
  };
}

/** What a job's record holds beyond its status. */
export interface JobRecord {
  status: JobStatus;
  owner?: string;
  callback?: string;
}

/** A line written only while the job's record exists: a cancelled job's chunk stops there. */
const RECORD_LINE = `
if redis.call('exists', KEYS[1]) == 0 then return 0 end
redis.call('hset', KEYS[2], ARGV[1], ARGV[2])
return 1`;

/** queued → running, once, by the first chunk that starts. */
const MARK_RUNNING = `
if redis.call('hget', KEYS[1], 'state') ~= 'queued' then return 0 end
redis.call('hset', KEYS[1], 'state', 'running', 'startedAt', ARGV[1])
return 1`;

export class JobRecords {
  constructor(private readonly redis: Redis) {}

  async create(record: JobRecord, files: RequestFiles): Promise<void> {
    const { status } = record;
    const keys = keysOf(status.id);
    const fields: Record<string, string> = {
      id: status.id,
      document: status.document,
      output: status.output,
      state: status.state,
      rows: String(status.rows),
      createdAt: status.createdAt,
      ...(record.owner ? { owner: record.owner } : {}),
      ...(record.callback ? { callback: record.callback } : {}),
    };
    await this.redis
      .multi()
      .hset(keys.record, fields)
      .expire(keys.record, MAX_RUN_SECONDS)
      .set(keys.files, encodeFiles(files), 'EX', MAX_RUN_SECONDS)
      .zadd(INDEX, Date.now() + MAX_RUN_SECONDS * 1000, status.id)
      .exec()
      .then(failedReply);
  }

  async read(id: string): Promise<JobRecord | undefined> {
    const keys = keysOf(id);
    const [fields, lines] = await Promise.all([
      this.redis.hgetall(keys.record),
      this.redis.hvals(keys.report),
    ]);
    if (!fields.id) return undefined;
    const report = lines
      .map((line) => JSON.parse(line) as JobReportLine)
      .sort((a, b) => a.row - b.row);
    const status: JobStatus = {
      id: fields.id,
      document: fields.document ?? '',
      output: fields.output === 'pdf' ? 'pdf' : 'zip',
      state: (fields.state ?? 'queued') as JobState,
      rows: Number(fields.rows),
      done: 0,
      failed: 0,
      progress: 0,
      createdAt: fields.createdAt ?? '',
      ...(fields.startedAt ? { startedAt: fields.startedAt } : {}),
      ...(fields.finishedAt ? { finishedAt: fields.finishedAt } : {}),
      ...(fields.expiresAt ? { expiresAt: fields.expiresAt } : {}),
      report,
      ...(fields.error ? { error: JSON.parse(fields.error) as JobStatus['error'] } : {}),
    };
    return {
      status,
      ...(fields.owner ? { owner: fields.owner } : {}),
      ...(fields.callback ? { callback: fields.callback } : {}),
    };
  }

  async exists(id: string): Promise<boolean> {
    return (await this.redis.exists(keysOf(id).record)) === 1;
  }

  /** Jobs held (JOBS_MAX), those past their expiry forgotten first. */
  async held(): Promise<number> {
    await this.redis.zremrangebyscore(INDEX, '-inf', Date.now());
    return this.redis.zcard(INDEX);
  }

  /** The first expiry among the jobs held: when a place frees. */
  async nextExpiry(): Promise<number | undefined> {
    const [, score] = await this.redis.zrange(INDEX, 0, 0, 'WITHSCORES');
    return score === undefined ? undefined : Number(score);
  }

  async markRunning(id: string): Promise<void> {
    await this.redis.eval(MARK_RUNNING, 1, keysOf(id).record, new Date().toISOString());
  }

  /** False when the job is gone (cancelled, expired): its worker stops. */
  async recordLine(id: string, line: JobReportLine): Promise<boolean> {
    const keys = keysOf(id);
    const kept = await this.redis.eval(
      RECORD_LINE,
      2,
      keys.record,
      keys.report,
      String(line.row),
      JSON.stringify(line),
    );
    return kept === 1;
  }

  async files(id: string): Promise<RequestFiles | undefined> {
    const text = await this.redis.get(keysOf(id).files);
    return text === null ? undefined : decodeFiles(text);
  }

  /**
   * The job's end: its state, the whole report (with the ZIP's file names), its shared files
   * deleted, every key expiring TTL seconds from now.
   */
  async finish(
    id: string,
    end: { state: 'done' | 'failed'; error?: JobStatus['error']; report?: JobReportLine[] },
    ttlSeconds: number,
  ): Promise<void> {
    const keys = keysOf(id);
    const now = Date.now();
    const expiresAt = now + ttlSeconds * 1000;
    const fields: Record<string, string> = {
      state: end.state,
      finishedAt: new Date(now).toISOString(),
      expiresAt: new Date(expiresAt).toISOString(),
      ...(end.error ? { error: JSON.stringify(end.error) } : {}),
    };
    const step = this.redis.multi().hset(keys.record, fields).del(keys.files);
    if (end.report) {
      step.del(keys.report);
      const lines = end.report.flatMap((line) => [String(line.row), JSON.stringify(line)]);
      if (lines.length > 0) step.hset(keys.report, ...lines);
    }
    await step
      .expire(keys.record, ttlSeconds)
      .expire(keys.report, ttlSeconds)
      .zadd(INDEX, expiresAt, id)
      .exec()
      .then(failedReply);
  }

  async remove(id: string): Promise<void> {
    const keys = keysOf(id);
    await this.redis.multi().del(keys.record, keys.report, keys.files).zrem(INDEX, id).exec();
  }
}

/** MULTI answers each command's error in its reply instead of rejecting. */
function failedReply(replies: [Error | null, unknown][] | null): void {
  const failed = replies?.find(([error]) => error !== null)?.[0];
  if (failed) throw failed;
}

/** The shared files as JSON, their bytes in base64. */
function encodeFiles(files: RequestFiles): string {
  const text = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
  return JSON.stringify({
    ...files,
    ...(files.form ? { form: text(files.form) } : {}),
    images: files.images.map((image) => ({ ...image, bytes: text(image.bytes) })),
    attachments: files.attachments.map((file) => ({ ...file, bytes: text(file.bytes) })),
  });
}

function decodeFiles(json: string): RequestFiles {
  const bytes = (text: string) => new Uint8Array(Buffer.from(text, 'base64'));
  type Encoded<T> = Omit<T, 'bytes'> & { bytes: string };
  const files = JSON.parse(json) as Omit<RequestFiles, 'form' | 'images' | 'attachments'> & {
    form?: string;
    images: Encoded<RequestFiles['images'][number]>[];
    attachments: Encoded<RequestFiles['attachments'][number]>[];
  };
  const { form, ...rest } = files;
  return {
    ...rest,
    ...(form ? { form: bytes(form) } : {}),
    images: files.images.map((image) => ({ ...image, bytes: bytes(image.bytes) })),
    attachments: files.attachments.map((file) => ({ ...file, bytes: bytes(file.bytes) })),
  };
}
