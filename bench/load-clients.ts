/**
 * Closed-loop HTTP clients for the load test: each client posts one document, waits for the whole
 * answer, then posts the next, until the run's deadline (or its request budget). On a 429 the
 * same document is posted again: after the Retry-After the service asked for (capped), or at once.
 */
import { Agent, request, type IncomingHttpHeaders } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { LOOPBACK } from './load-service.js';
import { percentile } from './stats.js';

/** `retry-after`: sleeps min(Retry-After, cap) before posting again; `immediate`: at once. */
export type Behaviour = 'retry-after' | 'immediate';

export interface LoadOptions {
  port: number;
  /** Path and query, e.g. /v1/documents/x?engine=acroform. */
  path: string;
  body: Buffer;
  clients: number;
  behaviour: Behaviour;
  durationMs: number;
  /** The longest a `retry-after` client sleeps, whatever the service asked. */
  retryCapMs: number;
  /** Requests one client may send in a run (a bound besides the deadline). */
  maxRequestsPerClient: number;
  /** A request with no complete answer after this is abandoned (counted as an error). */
  requestTimeoutMs: number;
  signal: AbortSignal;
}

export interface LoadResult {
  /** From the first request to the last client's stop (in-flight requests are awaited). */
  elapsedMs: number;
  requests: number;
  /** 200 with a PDF body. */
  documents: number;
  /** p50/p99 of the successful requests alone (the attempt that got the PDF). */
  latencyMs: { p50: number; p99: number; max: number };
  /** p50/p99 per document from its first attempt, 429s and sleeps included. */
  documentLatencyMs: { p50: number; p99: number; max: number };
  rejected429: number;
  /** The Retry-After values received, value → count. */
  retryAfter: Record<string, number>;
  /** Seconds the `retry-after` clients slept in all. */
  sleptSeconds: number;
  /** Any other outcome (status, or network error), outcome → count. Should stay empty. */
  others: Record<string, number>;
  /** The first few of those, with the start of the body. */
  otherSamples: string[];
  /** Documents abandoned at the deadline while being retried. */
  abandoned: number;
}

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  head: string;
}

function post(options: LoadOptions, agent: Agent): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: LOOPBACK,
        port: options.port,
        path: options.path,
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': options.body.length,
        },
      },
      (res) => {
        let head = '';
        res.on('data', (chunk: Buffer) => {
          if (head.length < 200) head += chunk.subarray(0, 200).toString('latin1');
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, head }));
        res.on('error', reject);
      },
    );
    req.setTimeout(options.requestTimeoutMs, () =>
      req.destroy(new Error(`no answer within ${options.requestTimeoutMs} ms`)),
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

const summary = (values: number[]) => {
  values.sort((a, b) => a - b);
  return {
    p50: percentile(values, 50),
    p99: percentile(values, 99),
    max: values.at(-1) ?? NaN,
  };
};

/** Runs `clients` closed loops for `durationMs`; resolves when every one has stopped. */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: options.clients });
  const latencies: number[] = [];
  const documentLatencies: number[] = [];
  const retryAfter: Record<string, number> = {};
  const others: Record<string, number> = {};
  const otherSamples: string[] = [];
  let requests = 0;
  let rejected429 = 0;
  let sleptMs = 0;
  let abandoned = 0;
  const other = (outcome: string, detail: string) => {
    others[outcome] = (others[outcome] ?? 0) + 1;
    if (otherSamples.length < 5) otherSamples.push(`${outcome}: ${detail}`.slice(0, 300));
  };

  const started = performance.now();
  const deadline = started + options.durationMs;
  const over = () => performance.now() >= deadline || options.signal.aborted;

  const client = async () => {
    let sent = 0;
    while (!over() && sent < options.maxRequestsPerClient) {
      const documentStarted = performance.now();
      let attempts = 0;
      // One document: posted until it is printed, refused otherwise, or the run ends.
      for (;;) {
        if (over() || sent >= options.maxRequestsPerClient) {
          if (attempts > 0) abandoned += 1;
          break;
        }
        attempts += 1;
        sent += 1;
        requests += 1;
        const attemptStarted = performance.now();
        let answer: Answer;
        try {
          answer = await post(options, agent);
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code ?? 'network';
          other(`error ${code}`, (error as Error).message);
          await sleep(10); // a broken connection: do not spin
          break;
        }
        const now = performance.now();
        if (answer.status === 200) {
          if (
            !answer.head.startsWith('%PDF-') ||
            answer.headers['content-type'] !== 'application/pdf'
          ) {
            other('200 not a PDF', `${answer.headers['content-type']} ${answer.head}`);
            break;
          }
          latencies.push(now - attemptStarted);
          documentLatencies.push(now - documentStarted);
          break;
        }
        if (answer.status === 429) {
          rejected429 += 1;
          const header = String(answer.headers['retry-after'] ?? 'none');
          retryAfter[header] = (retryAfter[header] ?? 0) + 1;
          if (options.behaviour === 'retry-after') {
            const asked = Number(header);
            const waitMs = Math.min(
              Number.isFinite(asked) && asked >= 0 ? asked * 1000 : options.retryCapMs,
              options.retryCapMs,
              Math.max(0, deadline - now),
            );
            sleptMs += waitMs;
            await sleep(waitMs, undefined, { signal: options.signal }).catch(() => undefined);
          }
          continue;
        }
        other(`status ${answer.status}`, answer.head);
        break;
      }
    }
  };

  try {
    await Promise.all(Array.from({ length: options.clients }, client));
  } finally {
    agent.destroy();
  }
  const elapsedMs = performance.now() - started;
  return {
    elapsedMs,
    requests,
    documents: latencies.length,
    latencyMs: summary(latencies),
    documentLatencyMs: summary(documentLatencies),
    rejected429,
    retryAfter,
    sleptSeconds: sleptMs / 1000,
    others,
    otherSamples,
    abandoned,
  };
}
