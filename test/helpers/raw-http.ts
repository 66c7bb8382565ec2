import { request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { Writable } from 'node:stream';
import type { Express } from 'express';
import { pino } from 'pino';
import { loadConfig } from '../../src/config.js';
import type { Logger } from '../../src/logger.js';
import { createRuntime, type Runtime } from '../../src/edges/http/runtime.js';

/**
 * Requests as a client really sends them (supertest serialises a Buffer sent as JSON, and cannot
 * send half a body or hang up), against the app listening on a local port.
 */
export interface Listening {
  port: number;
  close(): Promise<void>;
}

export async function listen(app: Express): Promise<Listening> {
  const server: Server = await new Promise((resolve) => {
    const started = app.listen(0, '127.0.0.1', () => resolve(started));
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface RawAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
}

/** One request with node:http: the body as given (a Buffer is sent as is), or chunks. */
export function send(
  port: number,
  options: {
    method?: string;
    path: string;
    headers?: Record<string, string>;
    body?: Buffer | string;
    /** Sent with Transfer-Encoding: chunked, one write each (none: an empty chunked body). */
    chunks?: Buffer[];
  },
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const headers = { ...options.headers };
    if (options.body !== undefined) headers['content-length'] = String(options.body.length);
    if (options.chunks) headers['transfer-encoding'] = 'chunked';
    const req = httpRequest(
      { host: '127.0.0.1', port, path: options.path, method: options.method ?? 'POST', headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    req.on('error', reject);
    for (const chunk of options.chunks ?? []) req.write(chunk);
    req.end(options.body);
  });
}

export interface SocketExchange {
  /** Everything the server wrote, as latin1 text. */
  received: string;
  /** ms from the request's first byte to the server's first byte, if any came. */
  answeredAfterMs?: number;
  /** ms from the request's first byte to the server closing the connection, if it did. */
  closedAfterMs?: number;
}

/**
 * Writes `head` and `body` on a raw socket and never ends the request: waits up to `waitMs` for
 * the server to answer and close, or hangs up first after `hangUpAfterMs`.
 */
export async function rawExchange(
  port: number,
  head: string,
  body: Buffer | string,
  { waitMs = 2_000, hangUpAfterMs }: { waitMs?: number; hangUpAfterMs?: number } = {},
): Promise<SocketExchange> {
  const socket = connect(port, '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  const exchange: SocketExchange = { received: '' };
  const started = performance.now();
  return new Promise((resolve) => {
    const finish = () => {
      clearTimeout(timer);
      socket.destroy();
      resolve(exchange);
    };
    socket.on('data', (chunk: Buffer) => {
      exchange.answeredAfterMs ??= performance.now() - started;
      exchange.received += chunk.toString('latin1');
    });
    socket.on('end', () => {
      exchange.closedAfterMs = performance.now() - started;
      finish();
    });
    socket.on('error', () => {
      exchange.closedAfterMs ??= performance.now() - started;
      finish();
    });
    const timer = setTimeout(finish, hangUpAfterMs ?? waitMs);
    socket.write(head.replaceAll('\n', '\r\n') + '\r\n');
    socket.write(body);
  });
}

/** The lines a pino logger wrote, parsed, as the service writes them. */
export interface CapturedLog {
  logger: Logger;
  lines(): Array<Record<string, unknown>>;
  text(): string;
  clear(): void;
}

export function captureLog(level = 'debug'): CapturedLog {
  let written: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      written.push(chunk.toString('utf8'));
      callback();
    },
  });
  const logger = pino({ level, base: { service: 'paperasse' } }, sink);
  return {
    logger,
    lines: () =>
      written
        .join('')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Record<string, unknown>),
    text: () => written.join(''),
    clear: () => {
      written = [];
    },
  };
}

/** The real runtime (real Chromium, lazily launched) logging into `log`. */
export function runtimeWithLog(log: CapturedLog, env: Record<string, string> = {}): Runtime {
  return createRuntime(loadConfig({ ...process.env, RATE_LIMIT: '0', ...env }), log.logger);
}

/** Waits for a condition (a log line written on 'close', a process gone). */
export async function until(condition: () => boolean, ms = 3_000): Promise<void> {
  const end = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
