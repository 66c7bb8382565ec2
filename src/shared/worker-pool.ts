import { Worker, type Transferable } from 'node:worker_threads';

/**
 * A small pool of worker threads for work on untrusted input (PDF parsing): whatever a file
 * costs, the main thread keeps answering. Each task has a deadline; each worker a heap limit.
 * A worker that runs out of time or memory is terminated and replaced, and its task fails with
 * WorkerLimitError; a worker whose task failed otherwise is replaced too (unless `keepAfter`
 * says the failure was ordinary), so that the memory a hostile file made it grow is given back. Tasks beyond the workers wait in a bounded queue; past it,
 * WorkerQueueFullError.
 *
 * The worker script calls `serveTasks` (worker-tasks.ts). Errors cross the thread as plain
 * objects (name, message and own fields); `revive` turns them back into the caller's classes.
 */
export interface WorkerPoolOptions {
  /**
   * The worker script, named as compiled (`new URL('./x-worker.js', import.meta.url)`). Run from
   * sources (vitest, tsx), its .ts file is used, through tsx.
   */
  script: URL;
  size: number;
  /** Tasks waiting beyond the busy workers before WorkerQueueFullError. */
  queueLimit: number;
  /** Deadline of one task, waiting time not counted. */
  timeoutMs: number;
  /** Old-generation heap of each worker (resourceLimits.maxOldGenerationSizeMb). */
  heapMb: number;
  /** Given to each worker at start (fonts…): copied once per worker, not per task. */
  workerData?: unknown;
  /** Replace a worker after this many tasks (memory hygiene). */
  recycleAfter?: number;
  /** Plain error objects from a worker → the caller's error classes. */
  revive?(error: SerializedError): Error;
  /**
   * Whether a worker whose task failed this way may serve again (an ordinary refusal: a damaged
   * file). By default it is replaced, giving back whatever the file made it grow.
   */
  keepAfter?(error: SerializedError): boolean;
  /** A task stopped for time or memory, as the caller's error (default: WorkerLimitError). */
  onLimit?(error: WorkerLimitError): Error;
}

export interface SerializedError {
  name: string;
  message: string;
  [field: string]: unknown;
}

export class WorkerLimitError extends Error {
  override name = 'WorkerLimitError';

  constructor(
    readonly limit: 'time' | 'memory',
    message: string,
  ) {
    super(message);
  }
}

export class WorkerQueueFullError extends Error {
  override name = 'WorkerQueueFullError';
  readonly retryAfterSeconds = 1;
}

export interface WorkerPool {
  run<T>(task: string, args: readonly unknown[], transfer?: readonly Transferable[]): Promise<T>;
  stats(): { workers: number; busy: number; queued: number; replaced: number };
  close(): Promise<void>;
}

interface Job {
  task: string;
  args: readonly unknown[];
  transfer: readonly Transferable[];
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

interface Slot {
  worker: Worker;
  /** The script has loaded and serves tasks: a task's deadline starts then, not before. */
  ready: boolean;
  job?: Job;
  timer?: NodeJS.Timeout;
  tasks: number;
}

type Reply =
  { id: number; ok: true; value: unknown } | { id: number; ok: false; error: SerializedError };

export function createWorkerPool(options: WorkerPoolOptions): WorkerPool {
  const slots: Slot[] = [];
  const queue: Job[] = [];
  let nextId = 0;
  let replaced = 0;
  let closed = false;
  const revive = options.revive ?? plainError;

  function spawn(): Slot {
    const worker = startWorker(options);
    const slot: Slot = { worker, ready: false, tasks: 0 };
    worker.on('message', (reply: Reply | { ready: true }) => {
      if ('ready' in reply) {
        slot.ready = true;
        if (slot.job) arm(slot);
      } else settle(slot, reply);
    });
    worker.on('error', (error: Error & { code?: string }) => {
      const memory = error.code === 'ERR_WORKER_OUT_OF_MEMORY';
      fail(slot, memory ? new WorkerLimitError('memory', 'The task ran out of memory') : error);
    });
    worker.on('exit', () => fail(slot, new Error('The worker stopped')));
    // An idle worker must not keep the process alive.
    worker.unref();
    return slot;
  }

  function settle(slot: Slot, reply: Reply): void {
    const job = slot.job;
    if (!job) return;
    finish(slot);
    if (reply.ok) {
      job.resolve(reply.value);
      if (options.recycleAfter && slot.tasks >= options.recycleAfter) replace(slot);
    } else {
      job.reject(revive(reply.error));
      if (!options.keepAfter?.(reply.error)) replace(slot);
    }
    pump();
  }

  function fail(slot: Slot, error: Error): void {
    const job = slot.job;
    finish(slot);
    if (slots.includes(slot)) replace(slot);
    const limited = error instanceof WorkerLimitError && options.onLimit;
    job?.reject(limited ? limited(error) : error);
    pump();
  }

  function finish(slot: Slot): void {
    clearTimeout(slot.timer);
    slot.job = undefined;
    slot.timer = undefined;
    slot.worker.unref();
  }

  /** A new worker in the slot's place; the old one is terminated (it may be stuck). */
  function replace(slot: Slot): void {
    const index = slots.indexOf(slot);
    if (index === -1) return;
    slot.worker.removeAllListeners();
    slot.worker.on('error', () => {});
    void slot.worker.terminate();
    replaced += 1;
    if (closed) slots.splice(index, 1);
    else slots[index] = spawn();
  }

  function pump(): void {
    for (;;) {
      if (closed || queue.length === 0) return;
      let slot = slots.find((candidate) => !candidate.job);
      if (!slot && slots.length < options.size) {
        slot = spawn();
        slots.push(slot);
      }
      if (!slot) return;
      start(slot, queue.shift() as Job);
    }
  }

  function start(slot: Slot, job: Job): void {
    slot.job = job;
    slot.tasks += 1;
    slot.worker.ref();
    if (slot.ready) arm(slot);
    nextId += 1;
    slot.worker.postMessage({ id: nextId, task: job.task, args: job.args }, [...job.transfer]);
  }

  /** The task's deadline, from the moment the worker can work on it. */
  function arm(slot: Slot): void {
    slot.timer = setTimeout(() => {
      fail(slot, new WorkerLimitError('time', `The task took more than ${options.timeoutMs} ms`));
    }, options.timeoutMs);
  }

  return {
    run<T>(task: string, args: readonly unknown[], transfer: readonly Transferable[] = []) {
      if (closed) return Promise.reject(new Error('The worker pool is closed'));
      const busy = slots.filter((slot) => slot.job).length;
      if (busy >= options.size && queue.length >= options.queueLimit) {
        return Promise.reject(new WorkerQueueFullError('Every PDF worker is busy'));
      }
      return new Promise<T>((resolve, reject) => {
        queue.push({ task, args, transfer, resolve: resolve as (value: unknown) => void, reject });
        pump();
      });
    },
    stats: () => ({
      workers: slots.length,
      busy: slots.filter((slot) => slot.job).length,
      queued: queue.length,
      replaced,
    }),
    async close() {
      closed = true;
      for (const job of queue.splice(0)) job.reject(new Error('The worker pool is closed'));
      const stopping = slots.splice(0).map((slot) => {
        clearTimeout(slot.timer);
        slot.job?.reject(new Error('The worker pool is closed'));
        slot.worker.removeAllListeners();
        return slot.worker.terminate();
      });
      await Promise.all(stopping);
    },
  };
}

/**
 * Compiled, this file and the script are .js. From sources (vitest, tsx), both are .ts: the
 * worker registers tsx before importing it (a worker does not inherit the parent's loaders).
 * tsx is named by its resolved URL: an eval'd worker resolves bare names from the current
 * directory, which is anywhere for the CLI (vitest, which has no import.meta.resolve, runs from
 * the project's root).
 */
function startWorker(options: WorkerPoolOptions): Worker {
  const resourceLimits = { maxOldGenerationSizeMb: options.heapMb };
  const common = { resourceLimits, workerData: options.workerData };
  if (!import.meta.url.endsWith('.ts')) return new Worker(options.script, common);
  const href = JSON.stringify(options.script.href.replace(/\.js$/, '.ts'));
  const tsx = JSON.stringify(import.meta.resolve?.('tsx/esm/api') ?? 'tsx/esm/api');
  const bootstrap = `import(${tsx}).then((tsx) => { tsx.register(); return import(${href}); });`;
  return new Worker(bootstrap, { ...common, eval: true });
}

function plainError(serialized: SerializedError): Error {
  const error = new Error(serialized.message);
  error.name = serialized.name;
  return error;
}
