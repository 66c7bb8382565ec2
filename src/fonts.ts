import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fontkit from '@pdf-lib/fontkit';

/**
 * `fonts/` is the one font source of every engine: Chromium is given this folder as its only
 * font directory (fontconfig), and the AcroForm engine embeds these files.
 */
export interface FontFile {
  family: string;
  weight: 400 | 700;
  style: 'normal' | 'italic';
  bytes: Uint8Array;
}

/** "LiberationSerif-BoldItalic.ttf" → family "Liberation Serif", bold, italic. */
const FONT_FILE = /^Liberation(Sans|Serif)-(Regular|Bold|Italic|BoldItalic)\.ttf$/;

export function loadFonts(fontsDir: string): FontFile[] {
  return readdirSync(fontsDir)
    .filter((name) => FONT_FILE.test(name))
    .map((name) => ({
      family: `Liberation ${FONT_FILE.exec(name)?.[1]}`,
      weight: /Bold/.test(name) ? 700 : 400,
      style: /Italic/.test(name) ? 'italic' : 'normal',
      bytes: readFileSync(join(fontsDir, name)),
    }));
}

/** Code points every face can draw: text outside it is refused rather than printed wrong. */
export function coveredCodePoints(fonts: readonly FontFile[]): Set<number> {
  const sets = fonts.map((font) => new Set(fontkit.create(Buffer.from(font.bytes)).characterSet));
  const [first, ...others] = sets;
  if (!first) throw new Error('No font loaded from fonts/');
  return new Set([...first].filter((code) => others.every((set) => set.has(code))));
}

/** Liberation Sans Regular or Bold from fonts/. */
export function sansFace(fonts: readonly FontFile[], { bold }: { bold: boolean }): Uint8Array {
  const weight = bold ? 700 : 400;
  const face = fonts.find(
    (font) =>
      font.family === 'Liberation Sans' && font.weight === weight && font.style === 'normal',
  );
  if (!face) throw new Error(`fonts/LiberationSans-${bold ? 'Bold' : 'Regular'}.ttf is missing`);
  return face.bytes;
}
