import { batch } from './batch.js';
import { blank } from './blank.js';
import type { Command } from './command.js';
import { documents } from './documents.js';
import { read } from './read.js';
import { render } from './render.js';
import { serve } from './serve.js';
import { template } from './template.js';
import { validate } from './validate.js';
import { worker } from './worker.js';

/**
 * Every command of `paperasse`, in the order the help lists them. A command is one module
 * exporting a `Command` (command.ts) and one line here: `batch` replaces its `planned(…)` line
 * with its import.
 */
export const COMMANDS: readonly Command[] = [
  render,
  validate,
  blank,
  read,
  documents,
  batch,
  template,
  serve,
  worker,
];
