/**
 * Renders every document's sample (samples/<id>.json) to samples/<id>.pdf through the same
 * pipeline the API runs, plus a PNG preview of each page (samples/<id>-<page>.png) for README.
 * Then the same data with the sample files of samples/files/ (scripts/make-sample-files.ts), as
 * a multipart request brings them: signatures and stamp in their boxes, supporting documents
 * appended → samples/<id>-multipart.pdf and samples/<id>-multipart-<page>.png.
 * Usage: npm run samples [-- <id> …]   (every document when no id is given)
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../src/config.js';
import type { DocumentDefinition } from '../src/documents/document-definition.js';
import { createLogger } from '../src/logger.js';
import { projectRoot } from '../src/paths.js';
import type { RequestFiles } from '../src/core/request-files.js';
import { createRuntime } from '../src/runtime.js';

const samplesDir = join(projectRoot, 'samples');
const filesDir = join(samplesDir, 'files');

/**
 * The files each document's multipart sample sends, by part: image boxes, and the supporting
 * documents it declares (part `attachments.<name>`). README's curl examples send the same.
 */
const MULTIPART: Record<
  string,
  { images: Record<string, string>; attachments: Record<string, string> }
> = {
  'attestation-atmp-stage-etranger': {
    images: { cachet: 'cachet.png', signature: 'signature.png' },
    attachments: { attestationDroits: 'attestation-droits.pdf' },
  },
  'convention-au-pair': {
    images: {
      'signature.jeune': 'signature-jeune.png',
      'signature.famille': 'signature-famille.png',
    },
    attachments: {},
  },
  // The sample's employee has no NIR: the form asks for her identity document and birth record.
  'declaration-embauche-emploi-familial': {
    images: { signature: 'signature.png' },
    attachments: { pieceIdentite: 'passeport.jpg', acteNaissance: 'acte-naissance.pdf' },
  },
  'attestation-hebergement': {
    images: { signature: 'signature.png' },
    attachments: {
      pieceIdentite: 'piece-identite.jpg',
      justificatifDomicile: 'justificatif-domicile.pdf',
    },
  },
};

const config = loadConfig({ ...process.env, LOG_LEVEL: 'warn' });
const runtime = createRuntime(config, createLogger(config.LOG_LEVEL));

/** The request files of a document's multipart sample, as src/http/document-parts.ts reads them. */
function sampleFiles(document: DocumentDefinition): RequestFiles {
  const spec = MULTIPART[document.id];
  if (!spec) throw new Error(`No multipart sample files for ${document.id}`);
  const uploads = document.uploads ?? { images: [], attachments: [] };
  const read = (name: string) => {
    const path = join(filesDir, name);
    if (!existsSync(path)) {
      throw new Error(`${path} is missing: run npx tsx scripts/make-sample-files.ts`);
    }
    return new Uint8Array(readFileSync(path));
  };
  const images = Object.entries(spec.images).map(([part, file]) => {
    if (!uploads.images.some((slot) => slot.name === part)) {
      throw new Error(`${document.id} has no image box "${part}"`);
    }
    return { part, bytes: read(file) };
  });
  const attachments = Object.entries(spec.attachments).map(([name, file]) => {
    const expected = uploads.attachments.find((piece) => piece.name === name);
    if (!expected) throw new Error(`${document.id} declares no attachment "${name}"`);
    return { part: `attachments.${name}`, name, caption: expected.label_fr, bytes: read(file) };
  });
  return { multipart: true, images, attachments };
}

/** Writes samples/<stem>.pdf and its previews samples/<stem>-<page>.png (60 dpi). */
async function renderSample(
  document: DocumentDefinition,
  stem: string,
  body: unknown,
  files?: RequestFiles,
): Promise<void> {
  const started = performance.now();
  const { pdf, warnings } = await runtime.service.render(document.id, body, files ? { files } : {});
  const pdfPath = join(samplesDir, `${stem}.pdf`);
  writeFileSync(pdfPath, pdf);
  const preview = new RegExp(`^${stem}-\\d+\\.png$`);
  for (const old of readdirSync(samplesDir).filter((name) => preview.test(name))) {
    rmSync(join(samplesDir, old));
  }
  execFileSync('pdftoppm', ['-png', '-r', '60', pdfPath, join(samplesDir, stem)]);
  const ms = Math.round(performance.now() - started);
  const pages = readdirSync(samplesDir).filter((name) => preview.test(name)).length;
  const codes = warnings.map((warning) => `${warning.code} (${warning.path})`).join(', ');
  console.log(
    `${stem}: ${pdf.length} bytes, ${pages} page(s), ${ms} ms, ${warnings.length} warning(s)` +
      (codes ? `: ${codes}` : ''),
  );
}

try {
  const only = process.argv.slice(2);
  const selected = runtime.service.list().filter((d) => only.length === 0 || only.includes(d.id));
  if (only.length > 0 && selected.length !== only.length) {
    throw new Error(`Unknown document id among: ${only.join(', ')}`);
  }
  for (const document of selected) {
    const body: unknown = JSON.parse(readFileSync(join(samplesDir, `${document.id}.json`), 'utf8'));
    await renderSample(document, document.id, body);
    await renderSample(document, `${document.id}-multipart`, body, sampleFiles(document));
  }
} finally {
  await runtime.close();
}
