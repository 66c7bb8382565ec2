import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configSchema } from '../../src/config.js';
import { projectRoot } from '../../src/paths.js';

/** Every environment variable the service reads has its row in README's Configuration section. */
describe('the configuration', () => {
  const readme = readFileSync(join(projectRoot, 'README.md'), 'utf8');
  const section = readme.slice(
    readme.indexOf('## Configuration'),
    readme.indexOf('### Legal values'),
  );

  it.each(Object.keys(configSchema.shape))('documents %s in a table row', (name) => {
    expect(section).toMatch(new RegExp(`^\\| \`${name}\` +\\|`, 'm'));
  });
});
