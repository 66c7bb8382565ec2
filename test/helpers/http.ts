import type { Express } from 'express';
import request from 'supertest';
import { expect } from 'vitest';

/** Collects the answer as bytes (supertest would try to parse a PDF as text or JSON). */
export function asBytes(test: request.Test): request.Test {
  return test.buffer(true).parse((res, callback) => {
    const chunks: Buffer[] = [];
    res.on('data', (chunk: Buffer) => chunks.push(chunk));
    res.on('end', () => callback(null, Buffer.concat(chunks)));
  });
}

/** POSTs a JSON body and collects the answer as bytes. */
export function postForBytes(app: Express, path: string, body: unknown) {
  return asBytes(
    request(app)
      .post(path)
      .send(body as object),
  );
}

/** GETs a path and collects the answer as bytes. */
export function getBytes(app: Express, path: string) {
  return asBytes(request(app).get(path));
}

/** A document filled through engine=acroform (`query` adds e.g. `&flatten=false`): 200 expected. */
export async function fillThroughAcroform(app: Express, id: string, body: unknown, query = '') {
  const response = await postForBytes(app, `/v1/documents/${id}?engine=acroform${query}`, body);
  expect(response.status, String(response.body)).toBe(200);
  return new Uint8Array(response.body as Buffer);
}
