import { fileURLToPath } from 'node:url';

// This file sits at src/paths.ts (tsx, vitest) or dist/paths.js (built): one level below the root either way.
export const projectRoot = fileURLToPath(new URL('../', import.meta.url));
export const templatesDir = fileURLToPath(new URL('../templates/', import.meta.url));
export const fontsDir = fileURLToPath(new URL('../fonts/', import.meta.url));
