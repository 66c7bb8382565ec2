import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { SchemaNode } from '../../src/core/schema-node.js';
import { documentParts } from '../../src/core/parts.js';
import { documents } from '../../src/documents/registry.js';
import { fileFields, fileId, placeFileIssues } from '../../src/edges/web/form-files.js';
import { formTree, postedOf, unnested } from '../../src/edges/web/form-model.js';
import { bytesText } from '../../src/shared/bytes-text.js';

/** The forms' file inputs and their multipart posts, without a server. */
const documentOf = (id: string) => {
  const document = documents.find((candidate) => candidate.id === id);
  if (!document) throw new Error(id);
  return document;
};
const treeOf = (id: string) => {
  const document = documentOf(id);
  const schema = z.toJSONSchema(document.schema, { io: 'input', unrepresentable: 'any' });
  return formTree(schema as SchemaNode, document.title);
};

describe('a multipart post read back', () => {
  it('puts the rows multer nests under `name[n]` back under their fields’ names', () => {
    const tree = treeOf('attestation-atmp-stage-etranger');
    // What multer makes of `stage.entreprise.lignesAdresse[0]` and `[1]`, and of a repeated name.
    const body = {
      'stage.entreprise.lignesAdresse': ['Calle Mayor 5', '28013 Madrid'],
      'eleve.prenom': ['Héloïse', 'Autre'],
      'eleve.nomNaissance': 'LEFÈVRE',
    };
    expect(postedOf(unnested(body, tree))).toEqual({
      'stage.entreprise.lignesAdresse[0]': 'Calle Mayor 5',
      'stage.entreprise.lignesAdresse[1]': '28013 Madrid',
      'eleve.prenom': 'Héloïse',
      'eleve.nomNaissance': 'LEFÈVRE',
    });
  });
});

describe('the file inputs', () => {
  const parts = documentParts(documentOf('attestation-atmp-stage-etranger').uploads ?? {});

  it('have ids of their own, apart from the schema’s fields and groups', () => {
    expect(fileId('signature')).toBe('fichier-signature');
    expect(fileId('attachments.attestationDroits')).toBe('fichier-attachments-attestationDroits');
  });

  it('show a refusal at the input of its part, and nothing for a schema path of the same name', () => {
    const issue = (path: string) => ({
      path,
      code: 'X',
      message_fr: `mal : ${path}`,
      message_en: '',
    });
    const placed = placeFileIssues(
      [issue('signature'), issue('eleve.nir')],
      ['cachet', 'signature', 'attachments.attestationDroits'],
    );
    expect([...placed.atFiles]).toEqual([['signature', 'mal : signature']]);
    expect(placed.summary).toEqual([{ href: '#fichier-signature', message: 'mal : signature' }]);
    const views = fileFields(parts, placed.atFiles, new Map([['cachet', 'tampon.png']]), '10 Mo');
    expect(views.map((view) => [view.name, view.error, view.sent])).toEqual([
      ['cachet', '', 'tampon.png'],
      ['signature', 'mal : signature', ''],
      ['attachments.attestationDroits', '', ''],
    ]);
    expect(views[1]?.describedBy).toBe('fichier-signature-hint fichier-signature-error');
    expect(views[0]?.hint).toContain('PNG ou JPEG de 10 Mo au plus');
    expect(views[2]?.accept).toContain('application/pdf');
  });

  it('say their limit as a person reads it', () => {
    expect(bytesText(10 * 1024 * 1024)).toBe('10 Mo');
    expect(bytesText(1.5 * 1024 * 1024)).toBe('1,5 Mo');
    expect(bytesText(512 * 1024)).toBe('512 Ko');
  });
});
