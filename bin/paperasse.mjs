#!/usr/bin/env node
// The `paperasse` command (package.json "bin"): `npx paperasse <commande> …` from the checkout.
// Runs the build (dist/edges/cli/main.js, made by `npm run build`) when there is one, else the
// TypeScript sources through tsx, in this same process: no build step needed to try it.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const built = new URL('../dist/edges/cli/main.js', import.meta.url);

if (existsSync(fileURLToPath(built))) {
  await import(built.href);
} else {
  let tsx;
  try {
    tsx = await import('tsx/esm/api');
  } catch {
    console.error(
      'paperasse : ni dist/ ni tsx. Lancez « npm run build » (ou « npm ci » pour installer tsx).',
    );
    process.exit(3);
  }
  tsx.register();
  await import(new URL('../src/edges/cli/main.ts', import.meta.url).href);
}
