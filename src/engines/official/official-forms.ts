import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { PdfForms } from '../engine.js';
import type { FieldValue } from '../field-box.js';
import { CoreError } from '../../core/errors.js';

/**
 * How a document fills an official fillable PDF (engine=official): a file
 * `templates/<id>/official-<form>.json` maps each field of the official form to the values the
 * document's template prints (its `data-field` boxes, formatted as printed: dates, amounts,
 * ticked boxes). The official PDF is uploaded with the request; Paperasse never ships one.
 *
 * Each official field takes one of:
 * - `"eleve.nom"`: the printed value of that box (text, or a checkbox's state);
 * - `{ "join": ["eleve.nom", "eleve.prenom"], "separator": " " }`: several printed values;
 * - `{ "choose": { "Oui": "stage.remunereOui", "Non": "stage.remunereNon" } }`: a radio group or
 *   dropdown set to the export value whose box is ticked (none ticked: cleared);
 * - `{ "value": "Paris" }`: a constant.
 */
const sourceSchema = z.union([
  z.string().min(1),
  z.strictObject({ join: z.array(z.string().min(1)).min(1), separator: z.string().default(' ') }),
  z.strictObject({ choose: z.record(z.string(), z.string().min(1)) }),
  z.strictObject({ value: z.union([z.string(), z.boolean()]) }),
]);

const mappingSchema = z.strictObject({
  /** e.g. "Cerfa 15973*01". */
  form: z.string().min(1),
  /** Where the official PDF is published, for whoever needs to get it. */
  source: z.string().min(1),
  fields: z.record(z.string().min(1), sourceSchema),
});

export type OfficialMapping = z.infer<typeof mappingSchema> & { file: string };

const MAPPING_FILE = /^official-[\w-]+\.json$/;

/**
 * The mappings of each document, read and checked at start-up: a mapping naming a box its
 * template does not have is a start-up error, not a surprise on some request.
 */
export function loadOfficialMappings(
  templatesDir: string,
  boxesOf: (documentId: string) => ReadonlySet<string>,
  documentIds: readonly string[],
): Map<string, OfficialMapping[]> {
  const mappings = new Map<string, OfficialMapping[]>();
  for (const id of documentIds) {
    const dir = join(templatesDir, id);
    if (!existsSync(dir)) continue;
    const files = readdirSync(dir).filter((name) => MAPPING_FILE.test(name));
    const loaded = files.map((file) => readMapping(join(dir, file), file, boxesOf(id)));
    if (loaded.length > 0) mappings.set(id, loaded);
  }
  return mappings;
}

function readMapping(path: string, file: string, boxes: ReadonlySet<string>): OfficialMapping {
  const parsed = mappingSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) throw new Error(`${path}: ${z.prettifyError(parsed.error)}`);
  const unknown = Object.values(parsed.data.fields)
    .flatMap(boxesNamed)
    .filter((name) => !boxes.has(name));
  if (unknown.length > 0) {
    throw new Error(`${path}: no box named ${unknown.join(', ')} in the document's template`);
  }
  return { ...parsed.data, file };
}

function boxesNamed(source: z.infer<typeof sourceSchema>): string[] {
  if (typeof source === 'string') return [source];
  if ('join' in source) return source.join;
  if ('choose' in source) return Object.values(source.choose);
  return [];
}

/** The official form's values from the document's printed ones. */
export function officialValues(
  mapping: OfficialMapping,
  printed: Readonly<Record<string, FieldValue>>,
): Record<string, string | boolean | null> {
  const values: Record<string, string | boolean | null> = {};
  for (const [field, source] of Object.entries(mapping.fields)) {
    if (typeof source === 'string') values[field] = printed[source] ?? '';
    else if ('join' in source) {
      values[field] = source.join
        .map((name) => printed[name])
        .filter((value): value is string => typeof value === 'string' && value !== '')
        .join(source.separator);
    } else if ('choose' in source) {
      const ticked = Object.entries(source.choose).find(([, box]) => printed[box] === true);
      values[field] = ticked ? ticked[0] : null;
    } else values[field] = source.value;
  }
  return values;
}

/**
 * The mapping whose fields the uploaded form all has (the right form and version), or the
 * closest one and the fields the upload lacks.
 */
export function pickMapping(
  mappings: readonly OfficialMapping[],
  uploadedFields: ReadonlySet<string>,
): { mapping: OfficialMapping; missing: string[] } {
  const ranked = mappings
    .map((mapping) => ({
      mapping,
      missing: Object.keys(mapping.fields).filter((name) => !uploadedFields.has(name)),
    }))
    .sort((a, b) => a.missing.length - b.missing.length);
  const best = ranked[0];
  if (!best) throw new Error('pickMapping needs at least one mapping');
  return best;
}

export interface OfficialForms {
  has(documentId: string): boolean;
  /** The uploaded official form, filled through the mapping whose fields it has. */
  fill(
    documentId: string,
    printed: Readonly<Record<string, FieldValue>>,
    options: { form: Uint8Array | undefined; flatten: boolean },
  ): Promise<Uint8Array>;
}

export function createOfficialForms(deps: {
  mappings: ReadonlyMap<string, readonly OfficialMapping[]>;
  /** Any fillable PDF: read its fields, fill them (the acroform engine's form API). */
  forms: PdfForms;
}): OfficialForms {
  return {
    has: (id) => deps.mappings.has(id),
    fill: async (id, printed, { form, flatten }) => {
      if (!form) {
        throw new CoreError('INVALID_UPLOAD', {
          detail_en:
            'engine=official: send the official PDF in the part "file" (multipart/form-data) and the data in "data".',
          detail_fr:
            'engine=official : envoyez le PDF officiel dans la partie « file » (multipart/form-data) et les données dans « data ».',
        });
      }
      const uploaded = new Set((await deps.forms.fields(form)).map((field) => field.name));
      const { mapping, missing } = pickMapping(deps.mappings.get(id) ?? [], uploaded);
      if (missing.length > 0) {
        throw new CoreError('OFFICIAL_FORM_MISMATCH', {
          detail_en: `The PDF is not ${mapping.form} as mapped in ${mapping.file}: it lacks the fields ${missing.join(', ')}.`,
          detail_fr: `Le PDF n’est pas le ${mapping.form} décrit par ${mapping.file} : il n’a pas les champs ${missing.join(', ')}.`,
        });
      }
      return deps.forms.fill(form, officialValues(mapping, printed), { flatten });
    },
  };
}
