import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fontkit from '@pdf-lib/fontkit';

/** `fonts/` is the one font source of every engine: nothing relies on the system's fonts. */
export interface FontFile {
  family: string;
  weight: 400 | 700;
  style: 'normal' | 'italic';
  bytes: Uint8Array;
}

const FAMILY = 'Liberation Sans';

export function loadFonts(fontsDir: string): FontFile[] {
  return readdirSync(fontsDir)
    .filter((name) => /^LiberationSans-.*\.ttf$/.test(name))
    .map((name) => ({
      family: FAMILY,
      weight: /Bold/.test(name) ? 700 : 400,
      style: /Italic/.test(name) ? 'italic' : 'normal',
      bytes: readFileSync(join(fontsDir, name)),
    }));
}

/** The fonts as @font-face rules with data: URIs, so a rendering page requests nothing. */
export function fontFaceCss(fonts: readonly FontFile[]): string {
  return fonts
    .map(
      (font) =>
        `@font-face{font-family:"${font.family}";font-weight:${font.weight};font-style:${font.style};` +
        `src:url(data:font/ttf;base64,${Buffer.from(font.bytes).toString('base64')}) format("truetype");}\n`,
    )
    .join('');
}

/** Code points every face can draw: text outside it is refused rather than printed wrong. */
export function coveredCodePoints(fonts: readonly FontFile[]): Set<number> {
  const sets = fonts.map((font) => new Set(fontkit.create(Buffer.from(font.bytes)).characterSet));
  const [first, ...others] = sets;
  if (!first) throw new Error('No font loaded from fonts/');
  return new Set([...first].filter((code) => others.every((set) => set.has(code))));
}
