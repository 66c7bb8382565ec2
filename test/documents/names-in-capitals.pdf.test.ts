import { describe, expect, it } from 'vitest';
import { inspectForm } from '../../src/engines/acroform/inspect.js';
import { useRuntime } from '../helpers/app.js';
import { fillThroughAcroform, postForBytes } from '../helpers/http.js';
import { pdfText } from '../helpers/pdf.js';
import { loadSample, withChange } from '../helpers/samples.js';

/**
 * Polish, German, Turkish, Vietnamese and Breton names through every document that prints
 * family names in capitals, and through each of its engines, read back from the PDF as a reader
 * does (pdftotext): capitals change the case, never the letters (src/shared/capitals.ts). The
 * apostrophe of a name is printed as typed, straight or curly.
 */
const runtime = useRuntime();

interface Case {
  id: string;
  engines: ReadonlyArray<'html' | 'acroform'>;
  changes: Record<string, string>;
  /** Exactly as printed, spaces aside (a long value may wrap in the letter). */
  printed: string[];
  /** The capitals of a full case mapping, which must not be printed. */
  never: string[];
  /** engine=acroform&flatten=false: the fields' values, as typed in the form. */
  fields?: Record<string, string>;
}

const CASES: Case[] = [
  {
    id: 'attestation-hebergement',
    engines: ['html'],
    changes: {
      'hebergeant.sexe': 'M',
      'hebergeant.prenom': 'Łukasz',
      'hebergeant.nomNaissance': 'Wałęsa',
      'heberge.sexe': 'F',
      'heberge.prenom': 'Gwenaëlle',
      'heberge.nomNaissance': "Kerc'hoas",
      'heberge.nomUsage': 'Strauß',
    },
    printed: [
      'Łukasz WAŁĘSA', // the sender block, the sentence and the signature
      'Je soussigné Monsieur Łukasz WAŁĘSA, né le',
      "Madame Gwenaëlle STRAUß, née KERC'HOAS le",
    ],
    never: ['STRAUSS', 'WALESA'],
  },
  {
    id: 'attestation-atmp-stage-etranger',
    engines: ['html', 'acroform'],
    changes: {
      'eleve.prenom': 'Elif',
      'eleve.nomNaissance': 'Şahin',
      'eleve.nomUsage': 'Yılmaz',
    },
    printed: ['ŞAHIN épouse YILMAZ', 'Elif'],
    never: ['SAHIN', 'ŞAHİN'],
    fields: { 'eleve.nom': 'ŞAHIN épouse YILMAZ' },
  },
  {
    id: 'declaration-embauche-emploi-familial',
    engines: ['html', 'acroform'],
    changes: {
      'employeur.nomNaissance': 'Kerc’hoas',
      'employeur.nomUsage': 'Le Goff',
      'salarie.nomNaissance': 'Nguyễn',
      'salarie.nomUsage': 'Strauß',
      'salarie.prenom': 'Thị Hồng Đức',
    },
    printed: ['KERC’HOAS', 'LE GOFF', 'NGUYỄN', 'STRAUß', 'Thị Hồng Đức'],
    never: ["KERC'HOAS", 'NGUYEN', 'STRAUSS'],
    fields: {
      'employeur.nomNaissance': 'KERC’HOAS',
      'salarie.nomNaissance': 'NGUYỄN',
      'salarie.nomUsage': 'STRAUß',
    },
  },
  {
    id: 'convention-au-pair',
    engines: ['html', 'acroform'],
    changes: {
      'jeune.nomNaissance': 'Strauß',
      'jeune.prenom': 'Anneliese',
      'famille.parents.0.nomNaissance': 'Wałęsa',
      'famille.parents.0.prenom': 'Łucja',
      'famille.parents.1.nomNaissance': "Kerc'hoas",
      'famille.parents.1.nomUsage': 'Le Goff',
    },
    printed: ['STRAUß', 'WAŁĘSA', 'Łucja', "KERC'HOAS", 'LE GOFF'],
    never: ['STRAUSS'],
    fields: {
      'jeune.nomNaissance': 'STRAUß',
      'famille.parents[0].nomNaissance': 'WAŁĘSA',
      'famille.parents[1].nomNaissance': "KERC'HOAS",
    },
  },
];

/** pdftotext's text with each run of white space as one space. */
const spaced = (text: string) => text.replace(/\s+/g, ' ');

function bodyOf({ id, changes }: Case): Record<string, unknown> {
  let body = loadSample(id);
  for (const [path, value] of Object.entries(changes)) body = withChange(body, path, value);
  return body;
}

async function printed(testCase: Case, engine: 'html' | 'acroform'): Promise<string> {
  const body = bodyOf(testCase);
  if (engine === 'acroform') {
    return spaced(pdfText(await fillThroughAcroform(runtime.app, testCase.id, body)));
  }
  const response = await postForBytes(runtime.app, `/v1/documents/${testCase.id}`, body);
  expect(response.status, String(response.body)).toBe(200);
  return spaced(pdfText(new Uint8Array(response.body as Buffer)));
}

describe.each(CASES)('$id', (testCase) => {
  it.each(testCase.engines)(
    'prints the names in capitals, letters unchanged (engine %s)',
    async (engine) => {
      const text = await printed(testCase, engine);
      for (const expected of testCase.printed) expect(text).toContain(expected);
      for (const wrong of testCase.never) expect(text).not.toContain(wrong);
    },
  );

  if (testCase.fields) {
    const fields = testCase.fields;
    it('types the same capitals into the editable form (engine acroform, flatten=false)', async () => {
      const pdf = await fillThroughAcroform(
        runtime.app,
        testCase.id,
        bodyOf(testCase),
        '&flatten=false',
      );
      const values = new Map((await inspectForm(pdf)).map((field) => [field.name, field.value]));
      for (const [name, value] of Object.entries(fields))
        expect(values.get(name), name).toBe(value);
    });
  }
});
