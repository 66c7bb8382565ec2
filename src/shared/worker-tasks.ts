import { parentPort, type Transferable } from 'node:worker_threads';
import type { SerializedError } from './worker-pool.js';

/** A task's result, and the buffers to move (not copy) back to the caller. */
export interface TaskResult {
  value: unknown;
  transfer?: Transferable[];
}

type Handler = (...args: never[]) => Promise<TaskResult>;

/** The worker side of worker-pool.ts: runs each task by name and answers with its result. */
export function serveTasks(handlers: Record<string, Handler>): void {
  const port = parentPort;
  if (!port) throw new Error('serveTasks runs in a worker thread');
  // Tasks posted while the script loaded are queued by the port until now.
  port.postMessage({ ready: true });
  port.on('message', (message: { id: number; task: string; args: never[] }) => {
    const handler = handlers[message.task];
    const work = handler
      ? handler(...message.args)
      : Promise.reject(new Error(`Unknown task ${message.task}`));
    work.then(
      ({ value, transfer = [] }) => port.postMessage({ id: message.id, ok: true, value }, transfer),
      (error: unknown) => port.postMessage({ id: message.id, ok: false, error: serialize(error) }),
    );
  });
}

/** Name, message and the error's own fields (reason, part, limit, issues…), never its stack. */
function serialize(error: unknown): SerializedError {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  const own: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(error)) {
    if (key !== 'cause' && key !== 'stack') own[key] = value;
  }
  return { ...own, name: error.name, message: error.message };
}
