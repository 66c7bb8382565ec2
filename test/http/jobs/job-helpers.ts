import { readdir } from 'node:fs/promises';
import type { Express } from 'express';
import request from 'supertest';
import { expect } from 'vitest';
import type { JobQueue, JobState, JobStatus } from '../../../src/jobs/job-queue.js';
import { loadSample } from '../../helpers/samples.js';

/** The AT/MP attestation: its acroform engine fills a class in a second or two. */
export const ID = 'attestation-atmp-stage-etranger';
const sample = loadSample(ID);

/** `count` students named `Nom<i>` `Prénom<i>`; the rows at `bad` have a NIR whose key is wrong. */
export function students(count: number, bad: readonly number[] = []): Record<string, unknown>[] {
  return Array.from({ length: count }, (_, index) => {
    const student = structuredClone(sample) as { eleve: Record<string, unknown> };
    student.eleve.nomNaissance = `Dubœuf${index}`;
    student.eleve.prenom = `Zoé${index}`;
    delete student.eleve.nomUsage;
    delete student.eleve.mentionNomUsage;
    if (bad.includes(index)) student.eleve.nir = '2 95 10 99 126 111 00';
    return student;
  });
}

/** GET the job until its state is one of `states` (or the deadline passes). */
export async function pollUntil(
  app: Express,
  location: string,
  states: readonly JobState[] = ['done', 'failed'],
  auth: Record<string, string> = {},
): Promise<JobStatus> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const answer = await request(app).get(location).set(auth);
    expect(answer.status).toBe(200);
    const status = answer.body as JobStatus;
    if (states.includes(status.state) || Date.now() > deadline) return status;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The files in the in-process queue's results folder. */
export async function filesOnDisk(queue: JobQueue): Promise<string[]> {
  const folder = (queue as JobQueue & { folder?: string }).folder;
  return folder ? readdir(folder) : [];
}
