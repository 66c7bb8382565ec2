import { PDFDocument } from 'pdf-lib';

export interface MetadataOptions {
  title: string;
  subject: string;
  keywords: readonly string[];
  creationDate: Date;
}

export const PRODUCER = 'Paperasse';

/**
 * Chromium writes its own Producer and no title; pdf-lib rewrites the Info dictionary and the
 * catalog's /Lang so readers, indexers and screen readers see the document for what it is.
 */
export async function applyMetadata(
  pdf: Uint8Array,
  options: MetadataOptions,
): Promise<Uint8Array> {
  const document = await PDFDocument.load(pdf, { updateMetadata: false });
  document.setTitle(options.title, { showInWindowTitleBar: true });
  document.setSubject(options.subject);
  document.setAuthor(PRODUCER);
  document.setCreator(PRODUCER);
  document.setProducer(`${PRODUCER} (Chromium, pdf-lib)`);
  document.setKeywords([...options.keywords]);
  document.setLanguage('fr-FR');
  document.setCreationDate(options.creationDate);
  document.setModificationDate(options.creationDate);
  // Never rebuild form appearances here: they were drawn with the embedded font.
  return document.save({ updateFieldAppearances: false });
}
