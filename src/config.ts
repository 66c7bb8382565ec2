import { accessSync, constants } from 'node:fs';
import { z } from 'zod';

/** Debian's headless shell prints about twice as fast as full chromium; the latter is the fallback. */
const CHROMIUM_CANDIDATES = ['/usr/bin/chromium-headless-shell', '/usr/bin/chromium'];

function firstExecutable(paths: readonly string[]): string | undefined {
  return paths.find((path) => {
    try {
      accessSync(path, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

const integer = (min: number, max: number, fallback: number) =>
  z.coerce.number().int().min(min).max(max).default(fallback);

/** An on/off switch: true, false, 1 or 0. */
const flag = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0'])
    .default(fallback ? 'true' : 'false')
    .transform((value) => value === 'true' || value === '1');

function size(fallback: string) {
  return z
    .string()
    .regex(/^\d+(b|kb|mb)$/i, 'a size such as 10mb, 512kb')
    .default(fallback)
    .transform(sizeInBytes);
}

/** "10mb" → 10485760: the units of BODY_LIMIT (binary, as Express reads them). */
export function sizeInBytes(size: string): number {
  const [, digits = '0', unit = 'b'] = /^(\d+)(b|kb|mb)$/i.exec(size) ?? [];
  return Number(digits) * { b: 1, kb: 1024, mb: 1024 * 1024 }[unit.toLowerCase() as 'b'];
}

/** `name:sha256hex,…`: each API key by its name and the SHA-256 of the key; never the key itself. */
const API_KEY_ENTRY = /^([A-Za-z0-9._-]{1,64}):([0-9a-f]{64})$/i;

function apiKeys() {
  return z
    .string()
    .default('')
    .transform((text, context) => {
      const entries = text
        .split(',')
        .map((entry) => entry.trim())
        .filter(Boolean);
      const keys = entries.map((entry) => {
        const [, name = '', sha256 = ''] = API_KEY_ENTRY.exec(entry) ?? [];
        return { name, sha256: sha256.toLowerCase() };
      });
      if (keys.some((key) => !key.name)) {
        context.addIssue({
          code: 'custom',
          message: 'each entry is name:sha256hex (64 hex digits), entries separated by commas',
        });
      }
      const names = new Set(keys.map((key) => key.name));
      const hashes = new Set(keys.map((key) => key.sha256));
      if (names.size < keys.length || hashes.size < keys.length) {
        context.addIssue({ code: 'custom', message: 'each name and each key appears once' });
      }
      return keys;
    });
}

/** `a,b`: a list of words, empty when unset. */
function list() {
  return z
    .string()
    .default('')
    .transform((text) =>
      text
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean),
    );
}

/** Every environment variable the service reads, with its default. Nothing else reads process.env. */
export const configSchema = z.object({
  PORT: integer(0, 65_535, 3000).describe('TCP port to listen on'),
  HOST: z.string().min(1).default('0.0.0.0').describe('Interface to bind'),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
    .default('info')
    .describe('pino log level'),
  CHROMIUM_PATH: z
    .string()
    .min(1)
    .optional()
    .describe('Chromium binary; default chromium-headless-shell, else chromium'),
  RENDER_CONCURRENCY: integer(1, 32, 2).describe('Chromium pages printing at once'),
  RENDER_QUEUE_LIMIT: integer(0, 10_000, 32).describe('Renders waiting for a page before 429'),
  RENDER_TIMEOUT_MS: integer(1_000, 300_000, 15_000).describe('Deadline of one render'),
  RENDER_RECYCLE_AFTER: integer(1, 1_000_000, 500).describe('Renders before a page is replaced'),
  RENDER_REFUSAL_HOLD_MS: integer(0, 5_000, 250).describe(
    'How long a render finding the queue full waits for room before its 429',
  ),
  BODY_LIMIT: z
    .string()
    .regex(/^\d+(b|kb|mb)$/i, 'a size such as 1mb, 512kb')
    .default('1mb')
    .describe('Largest JSON body accepted'),
  UPLOAD_FILE_LIMIT: size('10mb').describe('Largest uploaded file (same format as BODY_LIMIT)'),
  UPLOAD_TOTAL_LIMIT: size('25mb').describe('Largest total of the files of one request'),
  UPLOAD_MAX_FILES: integer(1, 100, 12).describe('Files one request may upload'),
  BATCH_MAX_ROWS: integer(1, 100_000, 2_000).describe('Rows of one batch (a class spreadsheet)'),
  BATCH_MAX_BYTES: size('5mb').describe('Largest batch: its spreadsheet, or its JSON array'),
  BATCH_CONCURRENCY: integer(1, 64, 4).describe('Rows of one batch rendering at once'),
  JOBS_MAX: integer(1, 100_000, 100).describe(
    'Jobs held at once (POST /v1/jobs), waiting, running or finished; beyond, 429',
  ),
  JOBS_CONCURRENCY: integer(1, 16, 1).describe(
    'Jobs running at once, each with BATCH_CONCURRENCY rows in flight',
  ),
  JOBS_TTL_SECONDS: integer(1, 604_800, 3_600).describe(
    'How long a finished job and its result are kept, then deleted',
  ),
  JOBS_WEBHOOK_SECRET: z
    .string()
    .min(16)
    .optional()
    .describe('Signs the jobs’ webhooks (HMAC-SHA256); unset: no callback accepted'),
  JOBS_WEBHOOK_ATTEMPTS: integer(1, 10, 5).describe('Deliveries tried for one webhook'),
  JOBS_WEBHOOK_BACKOFF_MS: integer(1, 600_000, 1_000).describe(
    'Wait before a webhook’s second delivery, doubled before each next one',
  ),
  JOBS_WEBHOOK_PRIVATE: flag(false).describe(
    'Allow webhooks to private and loopback addresses (an internal receiver)',
  ),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'a redis:// or rediss:// URL')
    .optional()
    .describe('Jobs on BullMQ and Redis, run by `paperasse worker`; unset: jobs in this process'),
  JOBS_STORE_DIR: z
    .string()
    .min(1)
    .optional()
    .describe(
      'With REDIS_URL: the folder the API and every worker share for results (a volume, NFS); the system’s temporary folder by default',
    ),
  JOBS_CHUNK_ROWS: integer(1, 10_000, 50).describe(
    'With REDIS_URL: rows of a job one worker takes at a time',
  ),
  JOBS_LOCK_SECONDS: integer(1, 3_600, 30).describe(
    'With REDIS_URL: how long a silent worker keeps its chunk before another takes it over',
  ),
  JOBS_CHUNK_ATTEMPTS: integer(1, 10, 3).describe(
    'With REDIS_URL: tries of a chunk that fails; at the last one, a row that faults is reported failed',
  ),
  ANNEX_PAGE_LIMIT: integer(1, 1_000, 50).describe('Annex pages appended to one document'),
  PDF_WORKERS: integer(1, 16, 1).describe(
    'Worker threads reading uploaded PDFs, per kind (annexes; forms to fill)',
  ),
  PDF_QUEUE_LIMIT: integer(0, 1_000, 16).describe('Uploaded PDFs waiting for a worker before 429'),
  PDF_TIMEOUT_MS: integer(500, 120_000, 10_000).describe('Deadline of one uploaded PDF task'),
  PDF_WORKER_HEAP_MB: integer(32, 4_096, 256).describe('Heap limit of each PDF worker, in MB'),
  LEGAL_VALUES_FILE: z
    .string()
    .min(1)
    .optional()
    .describe('JSON file overriding or extending the legal values table'),
  SHUTDOWN_TIMEOUT_MS: integer(0, 120_000, 10_000).describe('Grace period on SIGTERM'),
  API_KEYS: apiKeys().describe(
    'API keys guarding /v1, as name:sha256hex separated by commas; none: the API is open',
  ),
  TRUST_PROXY: integer(0, 10, 0).describe(
    'Proxies in front of the service whose X-Forwarded-For is trusted (the client address)',
  ),
  RATE_LIMIT: integer(0, 1_000_000, 300).describe(
    'Requests per window per API key (or per address when open); 0: no limit',
  ),
  RATE_LIMIT_WINDOW_SECONDS: integer(1, 86_400, 60).describe('Window of RATE_LIMIT, in seconds'),
  CORS_ORIGINS: list()
    .refine(
      (origins) => origins.every((origin) => /^https?:\/\/[^/\s]+$/.test(origin)),
      'origins such as https://ecole.example (scheme, host, port; no path, no trailing slash)',
    )
    .describe(
      'Origins whose browser pages may call /v1 (https://ecole.example); none: no CORS header',
    ),
  IDEMPOTENCY_TTL_SECONDS: integer(0, 86_400, 600).describe(
    'How long an Idempotency-Key and its answer are kept, in memory only; 0: the header is ignored',
  ),
  IDEMPOTENCY_STORE_LIMIT: size('64mb').describe(
    'Memory for the answers kept for Idempotency-Key retries (the oldest go first)',
  ),
  IDEMPOTENCY_ANSWER_LIMIT: size('16mb').describe(
    'Largest answer kept for a retry (a batch ZIP beyond it is not kept)',
  ),
  WEB_PAGES: z
    .enum(['on', 'off'])
    .default('on')
    .describe('The web pages for people (/, /formulaire, /classe); off: the API alone'),
  METRICS_ENABLED: flag(true).describe('Serve Prometheus metrics at /metrics'),
  METRICS_TOKEN: z
    .string()
    .min(16)
    .optional()
    .describe('When set, /metrics answers only Authorization: Bearer <token>'),
});

export type Config = z.infer<typeof configSchema> & { CHROMIUM_PATH: string };

export class ConfigError extends Error {}

/** Reads the environment once; throws naming each invalid variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  const chromium = parsed.data.CHROMIUM_PATH ?? firstExecutable(CHROMIUM_CANDIDATES);
  if (!chromium) {
    throw new ConfigError(
      "CHROMIUM_PATH: no Chromium found. Install Debian's chromium-headless-shell (or chromium), " +
        'run `npm run setup`, or set CHROMIUM_PATH.',
    );
  }
  return { ...parsed.data, CHROMIUM_PATH: chromium };
}

/**
 * What a process that lives for its config does (the service, a job worker): the config, or
 * the process stops (exit 1) saying which variable is wrong.
 */
export function loadConfigOrExit(env: NodeJS.ProcessEnv = process.env): Config {
  try {
    return loadConfig(env);
  } catch (error) {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exit(1);
  }
}
