import type { Express } from 'express';
import request from 'supertest';

/** POSTs a JSON body and collects the answer as bytes (supertest would try to parse a PDF). */
export function postForBytes(app: Express, path: string, body: unknown) {
  return request(app)
    .post(path)
    .send(body as object)
    .buffer(true)
    .parse((res, callback) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => callback(null, Buffer.concat(chunks)));
    });
}
