/**
 * Writes the files of the multipart samples to samples/files/, all generated here (no binary is
 * drawn by hand): handwritten-looking signatures and a school stamp (transparent PNGs), specimen
 * identity documents (JPEG "photos") and specimen supporting documents (PDFs made with pdf-lib).
 * Every person, number and organisation is fictitious and every file says SPÉCIMEN. Text is
 * drawn from the Liberation fonts of fonts/ (glyph outlines, not system fonts), random-looking
 * strokes come from a seeded generator and the PDFs carry fixed dates: the output is the same
 * on every run.
 * Usage: npx tsx scripts/make-sample-files.ts
 */
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import type { Font } from '@pdf-lib/fontkit';
import { PDFDocument, degrees, rgb, type PDFFont, type PDFPage, type RGB } from 'pdf-lib';
import sharp from 'sharp';
import { projectRoot } from '../src/paths.js';

const outDir = join(projectRoot, 'samples', 'files');
const fontsDir = join(projectRoot, 'fonts');
const fontBytes = (name: string) => readFileSync(join(fontsDir, `Liberation${name}.ttf`));
const fonts = {
  sans: fontkit.create(fontBytes('Sans-Regular')),
  sansBold: fontkit.create(fontBytes('Sans-Bold')),
  serifBoldItalic: fontkit.create(fontBytes('Serif-BoldItalic')),
};
/** Fixed, so that the PDFs do not change from run to run. */
const PDF_DATE = new Date('2026-11-10T09:00:00Z');

// ---------------------------------------------------------------------------------------------
// Text as SVG paths

const n = (value: number) => Number(value.toFixed(2));
/** Font units (y up) to pixels (y down). */
const flip = (scale: number) => `scale(${scale.toFixed(5)} ${(-scale).toFixed(5)})`;

interface TextOptions {
  font?: Font;
  size: number;
  x: number;
  y: number;
  fill?: string;
  anchor?: 'start' | 'middle' | 'end';
  /** Extra space after each character, in pixels. */
  tracking?: number;
}

/** One line of text as <path>s (baseline at y), so that no system font is involved. */
function svgText(text: string, options: TextOptions): string {
  const font = options.font ?? fonts.sans;
  const scale = options.size / font.unitsPerEm;
  const tracking = options.tracking ?? 0;
  const run = font.layout(text);
  const width =
    run.positions.reduce((sum, position) => sum + position.xAdvance * scale + tracking, 0) -
    tracking;
  const anchor = options.anchor ?? 'start';
  let pen = options.x - (anchor === 'middle' ? width / 2 : anchor === 'end' ? width : 0);
  const parts: string[] = [];
  run.glyphs.forEach((glyph, index) => {
    const position = run.positions[index];
    if (!position) return;
    const d = glyph.path.toSVG();
    if (d !== '') {
      const x = pen + position.xOffset * scale;
      parts.push(`<path transform="translate(${n(x)} ${n(options.y)}) ${flip(scale)}" d="${d}"/>`);
    }
    pen += position.xAdvance * scale + tracking;
  });
  return `<g fill="${options.fill ?? '#000'}">${parts.join('')}</g>`;
}

/** Text along a circle, clockwise from `startDeg` (0 = top), letters standing outwards. */
function svgCircleText(
  text: string,
  options: { font: Font; size: number; cx: number; cy: number; radius: number; startDeg: number },
): string {
  const { font, size, cx, cy, radius } = options;
  const scale = size / font.unitsPerEm;
  const run = font.layout(text);
  const advances = run.positions.map((position) => position.xAdvance * scale);
  const textWidth = advances.reduce((sum, advance) => sum + advance, 0);
  // The letters fill the whole circle: what they leave is shared out between them.
  const spacing = (2 * Math.PI * radius - textWidth) / advances.length;
  let along = 0;
  const parts: string[] = [];
  run.glyphs.forEach((glyph, index) => {
    const advance = advances[index] ?? 0;
    const middle = along + advance / 2;
    along += advance + spacing;
    const d = glyph.path.toSVG();
    if (d === '') return;
    const angle = options.startDeg + (middle / radius) * (180 / Math.PI);
    const radians = (angle * Math.PI) / 180;
    const x = cx + radius * Math.sin(radians);
    const y = cy - radius * Math.cos(radians);
    parts.push(
      `<path transform="translate(${n(x)} ${n(y)}) rotate(${n(angle)}) translate(${n(-advance / 2)} 0) ${flip(scale)}" d="${d}"/>`,
    );
  });
  return parts.join('');
}

// ---------------------------------------------------------------------------------------------
// Signatures

/** mulberry32: a small seeded generator, so that a "random" stroke is the same every time. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Point = [number, number];

/** Catmull-Rom through the points, as cubic Bézier segments: a smooth pen line. */
function smoothPath(points: readonly Point[]): string {
  const at = (index: number): Point =>
    points[Math.max(0, Math.min(points.length - 1, index))] ?? [0, 0];
  const [x0, y0] = at(0);
  const commands = [`M${n(x0)} ${n(y0)}`];
  for (let index = 0; index < points.length - 1; index += 1) {
    const [p0, p1, p2, p3] = [at(index - 1), at(index), at(index + 1), at(index + 2)];
    const c1: Point = [p1[0] + (p2[0] - p0[0]) / 6, p1[1] + (p2[1] - p0[1]) / 6];
    const c2: Point = [p2[0] - (p3[0] - p1[0]) / 6, p2[1] - (p3[1] - p1[1]) / 6];
    commands.push(`C${n(c1[0])} ${n(c1[1])} ${n(c2[0])} ${n(c2[1])} ${n(p2[0])} ${n(p2[1])}`);
  }
  return commands.join('');
}

interface SignatureStyle {
  seed: number;
  ink: string;
  /** Loops of the written part (letters). */
  letters: number;
  slant: number;
}

/**
 * A scribble that reads as a signature: a tall initial loop, a run of cursive loops of uneven
 * height (prolate cycloid), a descender, and an underline flourish back under the name. Drawn
 * as short segments of varying width, as a pen pressed harder on the down strokes.
 */
function signatureSvg(style: SignatureStyle, width = 600, height = 240): string {
  const random = seeded(style.seed);
  const jitter = (amount: number) => (random() - 0.5) * 2 * amount;
  const baseline = 150;
  const points: Point[] = [];
  // The initial: up from the bottom left into a tall loop.
  const initialX = 70 + jitter(8);
  for (let t = 0; t <= 1.0001; t += 1 / 26) {
    const angle = Math.PI * (0.5 + 2.1 * t);
    const radiusX = 34 + 10 * t;
    const radiusY = 62 - 18 * t;
    points.push([
      initialX + radiusX * Math.cos(angle) + 30 * t,
      baseline - 40 + radiusY * Math.sin(angle) - 40 * (1 - t),
    ]);
  }
  // The letters: loops of uneven height along the baseline.
  let x = (points.at(-1) ?? [initialX, baseline])[0];
  const heights = Array.from({ length: style.letters }, (_, index) =>
    index > 0 && random() < 0.35 ? 80 + jitter(12) : 28 + jitter(12),
  );
  const loop = 1.2 + random() * 0.5; // > 1: the pen comes back over its track, as in "e", "l"
  const pace = 30 + random() * 14;
  heights.forEach((letterHeight, index) => {
    const step = pace + jitter(6);
    for (let t = 0; t < 1; t += 1 / 14) {
      const phase = 2 * Math.PI * t;
      points.push([
        x + step * t + (step / (2 * Math.PI)) * loop * Math.sin(phase),
        baseline - (letterHeight / 2) * (1 - Math.cos(phase)) + (index % 3 === 1 ? 3 : 0),
      ]);
    }
    x += step;
  });
  // A descender, then the flourish back to the left under the name.
  const end = x;
  for (let t = 0; t <= 1.0001; t += 1 / 30) {
    const angle = Math.PI * 2 * t;
    points.push([end + 22 * Math.sin(angle) + 18 * t, baseline + 20 + 42 * Math.sin(Math.PI * t)]);
  }
  // The flourish: back to the left under the name in one swelling stroke, ending in a tick.
  const [flourishX, flourishY] = points.at(-1) ?? [end, baseline];
  const [toX, toY] = [initialX - 30, baseline + 18];
  const [controlX, controlY] = [(flourishX + toX) / 2, baseline + 62];
  for (let t = 1 / 24; t <= 1.0001; t += 1 / 24) {
    const u = 1 - t;
    points.push([
      u * u * flourishX + 2 * u * t * controlX + t * t * toX,
      u * u * flourishY + 2 * u * t * controlY + t * t * toY,
    ]);
  }
  points.push([toX + 14, toY - 16]);
  // Slant and fit: the whole stroke leans right and fills the canvas with a margin.
  const slanted = points.map(([px, py]): Point => [px + (baseline - py) * style.slant, py]);
  const xs = slanted.map(([px]) => px);
  const ys = slanted.map(([, py]) => py);
  const [minX, maxX, minY, maxY] = [
    Math.min(...xs),
    Math.max(...xs),
    Math.min(...ys),
    Math.max(...ys),
  ];
  const margin = 18;
  const fit = Math.min((width - 2 * margin) / (maxX - minX), (height - 2 * margin) / (maxY - minY));
  const placed = slanted.map(([px, py]): Point => [
    margin + (px - minX) * fit + (width - 2 * margin - (maxX - minX) * fit) / 2,
    margin + (py - minY) * fit + (height - 2 * margin - (maxY - minY) * fit) / 2,
  ]);
  // Segments of a few points each, wider where the pen goes down (pressure).
  const strokes: string[] = [];
  for (let index = 0; index < placed.length - 1; index += 3) {
    const piece = placed.slice(index, index + 4);
    const [first = [0, 0], last = [0, 0]] = [piece[0], piece.at(-1)];
    const down = Math.max(0, Math.min(1, (last[1] - first[1]) / 12));
    const widthPx = 3.2 + 2.6 * down + jitter(0.3);
    strokes.push(`<path d="${smoothPath(piece)}" stroke-width="${n(widthPx)}"/>`);
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
  <g fill="none" stroke="${style.ink}" stroke-linecap="round" stroke-linejoin="round">${strokes.join('')}</g>
</svg>`;
}

// ---------------------------------------------------------------------------------------------
// The school's stamp

/** A five-pointed star (the fonts have no ★). */
function star(cx: number, cy: number, radius: number): string {
  const points = Array.from({ length: 10 }, (_, index) => {
    const r = index % 2 === 0 ? radius : radius * 0.42;
    const angle = (Math.PI / 5) * index;
    return `${n(cx + r * Math.sin(angle))},${n(cy - r * Math.cos(angle))}`;
  });
  return `<polygon points="${points.join(' ')}"/>`;
}

function stampSvg(size = 520): string {
  const c = size / 2;
  const ink = '#4a3aa8';
  const ring = 'LYCÉE POLYVALENT HÉLÈNE-BOUCHER · PARIS · ';
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}">
  <defs>
    <!-- Uneven ink: a fixed-seed noise thins the colour here and there, as a rubber stamp does. -->
    <filter id="ink" x="0" y="0" width="100%" height="100%">
      <feTurbulence type="fractalNoise" baseFrequency="0.045" numOctaves="3" seed="11" result="noise"/>
      <feColorMatrix in="noise" type="matrix" result="mask"
        values="0 0 0 0 0  0 0 0 0 0  0 0 0 0 0  0 0 0 -1.6 1.75"/>
      <feComposite in="SourceGraphic" in2="mask" operator="in"/>
    </filter>
  </defs>
  <g filter="url(#ink)" opacity="0.88">
    <g transform="rotate(-7 ${c} ${c})" fill="${ink}" stroke="${ink}">
      <circle cx="${c}" cy="${c}" r="${c - 12}" fill="none" stroke-width="12"/>
      <circle cx="${c}" cy="${c}" r="${c - 30}" fill="none" stroke-width="4"/>
      <circle cx="${c}" cy="${c}" r="${c - 94}" fill="none" stroke-width="4"/>
      <g stroke="none">${svgCircleText(ring, {
        font: fonts.sansBold,
        size: 35,
        cx: c,
        cy: c,
        radius: c - 72,
        startDeg: -118,
      })}</g>
      <path d="M${c - 95} ${c - 38}H${c + 95}M${c - 95} ${c + 40}H${c + 95}" fill="none" stroke-width="4"/>
      <g stroke="none">${svgText('Cachet', {
        font: fonts.serifBoldItalic,
        size: 70,
        x: c,
        y: c + 20,
        anchor: 'middle',
        fill: ink,
      })}</g>
      <g stroke="none">${[-40, 0, 40].map((dx) => star(c + dx, c + 64, 9)).join('')}</g>
    </g>
  </g>
</svg>`;
}

// ---------------------------------------------------------------------------------------------
// Specimen identity documents (JPEG "photos" of a card on a table)

interface CardSpec {
  title: string;
  subtitle: string;
  /** Card size in pixels (the photo is 2000 × 1300). */
  width: number;
  height: number;
  fields: [string, string][];
  number: string;
  tint: string;
}

function identityPhotoSvg(card: CardSpec): string {
  const [photoWidth, photoHeight] = [2000, 1300];
  const [w, h] = [card.width, card.height];
  const left = (photoWidth - w) / 2;
  const top = (photoHeight - h) / 2;
  // Guilloche: a few families of sine curves, the security background of such documents.
  const curves: string[] = [];
  for (let family = 0; family < 14; family += 1) {
    const points: Point[] = [];
    for (let x = 0; x <= w; x += 20) {
      points.push([
        x,
        h * 0.55 +
          (h * 0.28 + family * 6) * Math.sin((x / w) * Math.PI * 3 + family * 0.45) * 0.6 +
          family * 4,
      ]);
    }
    curves.push(`<path d="${smoothPath(points)}"/>`);
  }
  const fieldRows = card.fields
    .map(([label, value], index) => {
      const y = 290 + index * 112;
      return (
        svgText(label, { size: 26, x: 520, y, fill: '#3d4f66' }) +
        svgText(value, { font: fonts.sansBold, size: 44, x: 520, y: y + 50, fill: '#111' })
      );
    })
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${photoWidth}" height="${photoHeight}">
  <defs>
    <linearGradient id="table" x1="0" y1="0" x2="1" y2="1">
      <stop offset="0" stop-color="#c9c2b6"/><stop offset="1" stop-color="#a79f92"/>
    </linearGradient>
    <linearGradient id="card" x1="0" y1="0" x2="1" y2="1">
      <stop offset="0" stop-color="#f4f7fb"/><stop offset="1" stop-color="${card.tint}"/>
    </linearGradient>
    <filter id="shadow" x="-10%" y="-10%" width="120%" height="120%">
      <feGaussianBlur stdDeviation="14"/>
    </filter>
  </defs>
  <rect width="${photoWidth}" height="${photoHeight}" fill="url(#table)"/>
  <g transform="rotate(-1.6 ${photoWidth / 2} ${photoHeight / 2}) translate(${left} ${top})">
    <rect x="10" y="18" width="${w}" height="${h}" rx="36" fill="#000" opacity="0.35" filter="url(#shadow)"/>
    <rect width="${w}" height="${h}" rx="36" fill="url(#card)" stroke="#8a9bb0" stroke-width="2"/>
    <g fill="none" stroke="#b9c8dc" stroke-width="1.6">${curves.join('')}</g>
    <rect width="${w}" height="150" rx="36" fill="#27466e"/>
    <rect y="110" width="${w}" height="40" fill="#27466e"/>
    ${svgText(card.title, { font: fonts.sansBold, size: 50, x: 60, y: 78, fill: '#fff' })}
    ${svgText(card.subtitle, { size: 26, x: 60, y: 122, fill: '#d6e1ef' })}
    <rect x="70" y="220" width="380" height="480" rx="10" fill="#d9dde3" stroke="#9aa3ae" stroke-width="2"/>
    <circle cx="260" cy="400" r="92" fill="#a7afba"/>
    <path d="M110 700 C120 560 190 520 260 520 C330 520 400 560 410 700 Z" fill="#a7afba"/>
    ${fieldRows}
    ${svgText(`N° ${card.number}`, { font: fonts.sansBold, size: 34, x: w - 60, y: h - 60, anchor: 'end', fill: '#27466e' })}
    ${svgText('Document fictif — exemple de Paperasse, sans aucune valeur', { size: 24, x: 70, y: h - 60, fill: '#3d4f66' })}
    <g transform="rotate(-18 ${w / 2} ${h / 2})" opacity="0.55">
      ${svgText('SPÉCIMEN', { font: fonts.sansBold, size: 210, x: w / 2, y: h / 2 + 80, anchor: 'middle', fill: '#d11f1f', tracking: 12 })}
    </g>
  </g>
</svg>`;
}

const identityCard: CardSpec = {
  title: 'DOCUMENT D’IDENTITÉ — SPÉCIMEN',
  subtitle: 'Specimen identity document · modèle fictif',
  width: 1712,
  height: 1080,
  number: 'SPEC 000 000 001',
  tint: '#dfe8f3',
  fields: [
    ['Nom / Surname', 'LEFÈBVRE-CHÂTEAU'],
    ['Prénom(s) / Given names', 'Françoise'],
    ['Sexe / Sex        Nationalité / Nationality', 'F            Française'],
    ['Date et lieu de naissance / Date and place of birth', '14.02.1961   Saint-Étienne (42)'],
    ['Valable jusqu’au / Valid until', '13.05.2031'],
  ],
};

const passport: CardSpec = {
  title: 'PASSEPORT — SPÉCIMEN',
  subtitle: 'Pasaporte · Passport · page de données fictive',
  width: 1760,
  height: 1140,
  number: 'SPEC-PE 0000002',
  tint: '#e9e1ee',
  fields: [
    ['Apellidos / Nom / Surname', 'QUISPE MAMANI'],
    ['Nombres / Prénoms / Given names', 'Ximena Lucía'],
    ['Sexo / Sexe        Nacionalidad / Nationalité', 'F            Peruana / Péruvienne'],
    ['Fecha y lugar de nacimiento / Date et lieu de naissance', '19.08.2003   Cusco (Pérou)'],
    ['Fecha de caducidad / Date d’expiration', '02.09.2032'],
  ],
};

const titreSejour: CardSpec = {
  title: 'TITRE DE SÉJOUR — SPÉCIMEN',
  subtitle: 'Carte de séjour temporaire « jeune au pair » · modèle fictif',
  width: 1712,
  height: 1080,
  number: 'SPEC-TS 0000003',
  tint: '#e3eee4',
  fields: [
    ['Nom / Surname', 'QUISPE MAMANI'],
    ['Prénom(s) / Given names', 'Ximena Lucía'],
    ['Sexe / Sex        Nationalité / Nationality', 'F            PER'],
    ['Date de naissance / Date of birth', '19.08.2003'],
    ['Valable jusqu’au / Valid until', '01.03.2027'],
  ],
};

// ---------------------------------------------------------------------------------------------
// Specimen PDFs

const A4: [number, number] = [595.28, 841.89];
const MM = 72 / 25.4;

interface PdfFonts {
  regular: PDFFont;
  bold: PDFFont;
}

async function specimenPdf(
  title: string,
  draw: (page: PDFPage, fonts: PdfFonts) => void,
): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.registerFontkit(fontkit);
  // customName: pdf-lib would otherwise add a random suffix to the font's name.
  const regular = await doc.embedFont(fontBytes('Sans-Regular'), {
    subset: true,
    customName: 'PSPECA+LiberationSans',
  });
  const bold = await doc.embedFont(fontBytes('Sans-Bold'), {
    subset: true,
    customName: 'PSPECB+LiberationSans-Bold',
  });
  doc.setTitle(title);
  doc.setAuthor('Paperasse (spécimen)');
  doc.setSubject('Document fictif pour les exemples de Paperasse, sans valeur');
  doc.setCreator('scripts/make-sample-files.ts');
  doc.setProducer('pdf-lib');
  doc.setLanguage('fr-FR');
  doc.setCreationDate(PDF_DATE);
  doc.setModificationDate(PDF_DATE);
  const page = doc.addPage(A4);
  draw(page, { regular, bold });
  // The specimen mark, across the page, over everything.
  const mark = 'SPÉCIMEN';
  const size = 110;
  const markWidth = bold.widthOfTextAtSize(mark, size);
  const angle = 50;
  const radians = (angle * Math.PI) / 180;
  page.drawText(mark, {
    x: A4[0] / 2 - (markWidth / 2) * Math.cos(radians) + (size / 3) * Math.sin(radians),
    y: A4[1] / 2 - (markWidth / 2) * Math.sin(radians) - (size / 3) * Math.cos(radians),
    size,
    font: bold,
    color: rgb(0.85, 0.12, 0.12),
    opacity: 0.22,
    rotate: degrees(angle),
  });
  drawFooter(page, regular);
  return doc.save();
}

const INK = rgb(0.1, 0.1, 0.12);
const GREY = rgb(0.4, 0.42, 0.46);

function drawFooter(page: PDFPage, font: PDFFont) {
  const text =
    'SPÉCIMEN — document fictif généré pour les exemples de Paperasse (samples/files). Sans aucune valeur.';
  page.drawText(text, { x: 20 * MM, y: 12 * MM, size: 8, font, color: GREY });
}

/** Label: value lines from `y` down; answers the next y. */
function drawRows(
  page: PDFPage,
  fonts: PdfFonts,
  rows: [string, string][],
  options: { x: number; y: number; labelWidth: number; size?: number },
): number {
  const size = options.size ?? 10.5;
  let y = options.y;
  for (const [label, value] of rows) {
    page.drawText(label, { x: options.x, y, size, font: fonts.regular, color: GREY });
    page.drawText(value, {
      x: options.x + options.labelWidth,
      y,
      size,
      font: fonts.bold,
      color: INK,
    });
    y -= size * 1.75;
  }
  return y;
}

function drawBand(page: PDFPage, fonts: PdfFonts, color: RGB, title: string, subtitle: string) {
  page.drawRectangle({ x: 0, y: A4[1] - 34 * MM, width: A4[0], height: 34 * MM, color });
  page.drawText(title, {
    x: 20 * MM,
    y: A4[1] - 17 * MM,
    size: 17,
    font: fonts.bold,
    color: rgb(1, 1, 1),
  });
  page.drawText(subtitle, {
    x: 20 * MM,
    y: A4[1] - 25 * MM,
    size: 9.5,
    font: fonts.regular,
    color: rgb(0.88, 0.91, 0.96),
  });
}

/** The AT/MP sample's student (samples/attestation-atmp-stage-etranger.json). */
function attestationDroits(): Promise<Uint8Array> {
  return specimenPdf('Attestation de droits — SPÉCIMEN', (page, f) => {
    drawBand(
      page,
      f,
      rgb(0.12, 0.33, 0.6),
      'ATTESTATION DE DROITS — SPÉCIMEN',
      'Assurance maladie · organisme et document fictifs',
    );
    page.drawText('Caisse d’assurance maladie (exemple)', {
      x: 20 * MM,
      y: A4[1] - 48 * MM,
      size: 10,
      font: f.bold,
      color: INK,
    });
    ['Service des droits', '00000 Ville-Exemple'].forEach((line, index) =>
      page.drawText(line, {
        x: 20 * MM,
        y: A4[1] - (53 + 5 * index) * MM,
        size: 10,
        font: f.regular,
        color: INK,
      }),
    );
    [
      'Madame Héloïse N’DIAYE',
      '12 bis rue de l’Église',
      'Bâtiment C, 3e étage',
      '69003 LYON',
    ].forEach((line, index) =>
      page.drawText(line, {
        x: 115 * MM,
        y: A4[1] - (62 + 5 * index) * MM,
        size: 10.5,
        font: index === 0 ? f.bold : f.regular,
        color: INK,
      }),
    );
    page.drawText('Fait le 10 novembre 2026', {
      x: 115 * MM,
      y: A4[1] - 92 * MM,
      size: 10,
      font: f.regular,
      color: GREY,
    });
    page.drawText('Nous attestons que la personne ci-dessous a des droits ouverts à l’assurance', {
      x: 20 * MM,
      y: A4[1] - 108 * MM,
      size: 11,
      font: f.regular,
      color: INK,
    });
    page.drawText('maladie (prise en charge des frais de santé) pour la période indiquée.', {
      x: 20 * MM,
      y: A4[1] - 114 * MM,
      size: 11,
      font: f.regular,
      color: INK,
    });
    page.drawRectangle({
      x: 20 * MM,
      y: A4[1] - 182 * MM,
      width: A4[0] - 40 * MM,
      height: 58 * MM,
      borderColor: rgb(0.12, 0.33, 0.6),
      borderWidth: 1,
      color: rgb(0.96, 0.97, 0.99),
    });
    drawRows(
      page,
      f,
      [
        ['Bénéficiaire', 'N’DIAYE née LEFÈVRE Héloïse'],
        ['N° de sécurité sociale', '2 95 10 99 126 111 93'],
        ['Date de naissance', '17/10/1995'],
        ['Qualité', 'Assurée'],
        ['Situation', 'Étudiante — régime général'],
        ['Droits ouverts du', '01/01/2026 au 31/12/2027'],
        ['Organisme de rattachement', 'Caisse d’assurance maladie (exemple)'],
      ],
      { x: 26 * MM, y: A4[1] - 134 * MM, labelWidth: 58 * MM },
    );
    [
      'Cette attestation est délivrée pour servir et valoir ce que de droit.',
      'Elle accompagne l’attestation AT/MP de stage à l’étranger de l’établissement',
      '« Lycée polyvalent Hélène-Boucher », Paris (stage du 11/01/2027 au 25/06/2027).',
    ].forEach((line, index) =>
      page.drawText(line, {
        x: 20 * MM,
        y: A4[1] - (196 + 6 * index) * MM,
        size: 10,
        font: f.regular,
        color: INK,
      }),
    );
  });
}

/** The hébergement sample's host (samples/attestation-hebergement.json): an electricity bill. */
function justificatifDomicile(): Promise<Uint8Array> {
  return specimenPdf('Facture d’électricité — SPÉCIMEN', (page, f) => {
    drawBand(
      page,
      f,
      rgb(0.1, 0.45, 0.35),
      'FACTURE D’ÉLECTRICITÉ — SPÉCIMEN',
      'Énergie Exemple · fournisseur et facture fictifs',
    );
    drawRows(
      page,
      f,
      [
        ['Facture n°', 'SPEC-2026-10-000123'],
        ['Date', '2 octobre 2026'],
        ['Référence client', '0000 0000 42'],
      ],
      { x: 20 * MM, y: A4[1] - 50 * MM, labelWidth: 38 * MM, size: 10 },
    );
    [
      'Madame Françoise LEFÈBVRE-CHÂTEAU',
      '27 rue Anatole-France',
      'Bâtiment B, 2e étage',
      '69100 VILLEURBANNE',
    ].forEach((line, index) =>
      page.drawText(line, {
        x: 115 * MM,
        y: A4[1] - (50 + 5 * index) * MM,
        size: 10.5,
        font: index === 0 ? f.bold : f.regular,
        color: INK,
      }),
    );
    page.drawText('Adresse de consommation : 27 rue Anatole-France, 69100 Villeurbanne', {
      x: 20 * MM,
      y: A4[1] - 84 * MM,
      size: 10,
      font: f.regular,
      color: INK,
    });
    // The bill's lines.
    const top = A4[1] - 98 * MM;
    const columns = [20 * MM, 120 * MM, 150 * MM, A4[0] - 20 * MM];
    page.drawRectangle({
      x: columns[0] ?? 0,
      y: top - 2 * MM,
      width: A4[0] - 40 * MM,
      height: 8 * MM,
      color: rgb(0.9, 0.95, 0.93),
    });
    const rows: [string, string, string][] = [
      ['Désignation', 'Quantité', 'Montant TTC'],
      ['Abonnement (1er août – 30 sept. 2026)', '2 mois', '30,12 €'],
      ['Consommation heures pleines', '412 kWh', '99,71 €'],
      ['Consommation heures creuses', '236 kWh', '43,60 €'],
      ['Contributions et taxes', '', '21,84 €'],
    ];
    rows.forEach(([label, quantity, amount], index) => {
      const y = top - index * 9 * MM;
      const font = index === 0 ? f.bold : f.regular;
      page.drawText(label, { x: (columns[0] ?? 0) + 2 * MM, y, size: 10, font, color: INK });
      page.drawText(quantity, { x: columns[1] ?? 0, y, size: 10, font, color: INK });
      page.drawText(amount, {
        x: (columns[3] ?? 0) - 2 * MM - font.widthOfTextAtSize(amount, 10),
        y,
        size: 10,
        font,
        color: INK,
      });
    });
    const totalY = top - rows.length * 9 * MM - 4 * MM;
    page.drawLine({
      start: { x: 20 * MM, y: totalY + 7 * MM },
      end: { x: A4[0] - 20 * MM, y: totalY + 7 * MM },
      thickness: 0.8,
      color: GREY,
    });
    const total = '195,27 €';
    page.drawText('Total à payer', { x: 22 * MM, y: totalY, size: 12, font: f.bold, color: INK });
    page.drawText(total, {
      x: A4[0] - 22 * MM - f.bold.widthOfTextAtSize(total, 12),
      y: totalY,
      size: 12,
      font: f.bold,
      color: INK,
    });
    page.drawText('Prélevé le 16 octobre 2026 sur le compte indiqué dans votre contrat.', {
      x: 20 * MM,
      y: totalY - 12 * MM,
      size: 9.5,
      font: f.regular,
      color: GREY,
    });
  });
}

/** The declaration sample's employee (samples/declaration-embauche-emploi-familial.json). */
function acteNaissance(): Promise<Uint8Array> {
  return specimenPdf('Extrait d’acte de naissance (traduction) — SPÉCIMEN', (page, f) => {
    drawBand(
      page,
      f,
      rgb(0.42, 0.24, 0.46),
      'EXTRAIT D’ACTE DE NAISSANCE — SPÉCIMEN',
      'Traduction française d’un acte fictif · état civil et traducteur fictifs',
    );
    page.drawText('Acte n° SPEC-2003-0819 — registre de l’état civil (exemple)', {
      x: 20 * MM,
      y: A4[1] - 50 * MM,
      size: 10.5,
      font: f.bold,
      color: INK,
    });
    const y = drawRows(
      page,
      f,
      [
        ['Nom', 'QUISPE MAMANI'],
        ['Prénoms', 'Ximena Lucía'],
        ['Sexe', 'féminin'],
        ['Date de naissance', '19 août 2003'],
        ['Lieu de naissance', 'Cusco (Pérou)'],
        ['Père', 'QUISPE HUAMÁN Mateo'],
        ['Mère', 'MAMANI CONDORI Rosa'],
      ],
      { x: 20 * MM, y: A4[1] - 64 * MM, labelWidth: 45 * MM, size: 11 },
    );
    [
      'Traduction certifiée conforme à l’original (exemple) — traducteur fictif,',
      'non inscrit : ce document ne peut servir à aucune démarche.',
    ].forEach((line, index) =>
      page.drawText(line, {
        x: 20 * MM,
        y: y - (10 + 6 * index) * MM,
        size: 10,
        font: f.regular,
        color: GREY,
      }),
    );
  });
}

// ---------------------------------------------------------------------------------------------

async function png(svg: string): Promise<Buffer> {
  return sharp(Buffer.from(svg)).png({ compressionLevel: 9, palette: false }).toBuffer();
}

async function jpeg(svg: string): Promise<Buffer> {
  return sharp(Buffer.from(svg))
    .flatten({ background: '#ffffff' })
    .jpeg({ quality: 72 })
    .toBuffer();
}

const files: [string, () => Promise<Uint8Array>][] = [
  ['signature.png', () => png(signatureSvg({ seed: 5, ink: '#1b2a6b', letters: 7, slant: 0.35 }))],
  [
    'signature-famille.png',
    () => png(signatureSvg({ seed: 21, ink: '#14213d', letters: 8, slant: 0.25 })),
  ],
  [
    'signature-jeune.png',
    () => png(signatureSvg({ seed: 42, ink: '#1f3f8f', letters: 6, slant: 0.45 })),
  ],
  ['cachet.png', () => png(stampSvg())],
  ['piece-identite.jpg', () => jpeg(identityPhotoSvg(identityCard))],
  ['passeport.jpg', () => jpeg(identityPhotoSvg(passport))],
  ['titre-sejour.jpg', () => jpeg(identityPhotoSvg(titreSejour))],
  ['attestation-droits.pdf', attestationDroits],
  ['justificatif-domicile.pdf', justificatifDomicile],
  ['acte-naissance.pdf', acteNaissance],
];

mkdirSync(outDir, { recursive: true });
for (const [name, make] of files) {
  const path = join(outDir, name);
  writeFileSync(path, await make());
  console.log(`samples/files/${name}: ${statSync(path).size} bytes`);
}
