import {
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFString,
  StandardFonts,
  PDFDict,
  degrees,
  type PDFContext,
  type PDFPageLeaf,
} from 'pdf-lib';

/** PDFs the upload tests append, made with pdf-lib so each case is visible here. */

const A4: [number, number] = [595.28, 841.89];

/** The document annexes are appended to: a title, /Lang and an editable field of its own. */
export async function ownDocument(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle('Attestation de test');
  doc.setLanguage('fr-FR');
  const page = doc.addPage(A4);
  page.drawText('Document principal', { x: 50, y: 780, size: 20 });
  doc
    .getForm()
    .createTextField('eleve.nom')
    .addToPage(page, { x: 50, y: 700, width: 200, height: 20 });
  return doc.save({ useObjectStreams: false });
}

/** `count` A4 pages, each saying its number. */
export async function multiPagePdf(count: number, label = 'Annexe page'): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  for (let index = 1; index <= count; index += 1) {
    doc.addPage(A4).drawText(`${label} ${index}`, { x: 50, y: 780, size: 20 });
  }
  return doc.save();
}

/** Three pages, the second turned a quarter (/Rotate 90), as a landscape scan is. */
export async function rotatedPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  for (let index = 1; index <= 3; index += 1) {
    doc.addPage(A4).drawText(`Page tournée ${index}`, { x: 50, y: 780, size: 20 });
  }
  doc.getPage(1).setRotation(degrees(90));
  return doc.save();
}

/** A filled form whose field is named like one of the document's own (eleve.nom). */
export async function collidingForm(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const helvetica = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage(A4);
  page.drawText('Formulaire joint', { x: 50, y: 780, size: 20, font: helvetica });
  const form = doc.getForm();
  const field = form.createTextField('eleve.nom');
  field.setText('Intrus');
  field.addToPage(page, { x: 50, y: 700, width: 200, height: 24, font: helvetica });
  const box = form.createCheckBox('majeur');
  box.check();
  box.addToPage(page, { x: 50, y: 650, width: 15, height: 15 });
  return doc.save();
}

/**
 * A form with scripts and actions everywhere they can hide: /OpenAction, catalog /AA, a
 * document-level /Names /JavaScript, an embedded file, page /AA, a field's keystroke script,
 * Link annotations that launch a program, open a URL and run JavaScript.
 */
export async function activePdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.load(await collidingForm());
  const ctx = doc.context;
  const page = doc.getPage(0);
  page.drawText('Texte visible', { x: 50, y: 600, size: 14 });
  doc.catalog.set(PDFName.of('OpenAction'), ctx.register(script(ctx, 'app.alert("open")')));
  doc.catalog.set(PDFName.of('AA'), ctx.obj({ WC: script(ctx, 'app.alert("close")') }));
  const tree = ctx.obj({ Names: [PDFString.of('a'), ctx.register(script(ctx, 'app.alert(1)'))] });
  const file = ctx.register(ctx.stream('MZ', { Type: 'EmbeddedFile' }));
  const files = ctx.obj({
    Names: [
      PDFString.of('x.exe'),
      ctx.obj({ Type: 'Filespec', F: PDFString.of('x.exe'), EF: { F: file } }),
    ],
  });
  doc.catalog.set(
    PDFName.of('Names'),
    ctx.obj({ JavaScript: ctx.register(tree), EmbeddedFiles: files }),
  );
  page.node.set(PDFName.of('AA'), ctx.obj({ O: script(ctx, 'app.alert("page open")') }));
  const field = doc.getForm().getTextField('eleve.nom');
  field.acroField.dict.set(PDFName.of('AA'), ctx.obj({ K: script(ctx, 'AFNumber_Keystroke(2)') }));
  const link = (y: number, action: Record<string, unknown>) =>
    page.node.addAnnot(
      ctx.register(
        ctx.obj({ Type: 'Annot', Subtype: 'Link', Rect: [50, y, 250, y + 20], A: action as never }),
      ),
    );
  link(500, { S: 'Launch', F: PDFString.of('cmd.exe'), Win: { F: PDFString.of('cmd.exe') } });
  link(450, { S: 'URI', URI: PDFString.of('https://example.org/') });
  link(400, { S: 'JavaScript', JS: PDFHexString.fromText('this.exportDataObject()') });
  attachFile(ctx, page.node);
  return doc.save();
}

/** A file attachment (a paperclip icon holding a program) and the pop-up of its comment. */
function attachFile(ctx: PDFContext, page: PDFPageLeaf): void {
  const file = ctx.register(ctx.stream('MZ payload', { Type: 'EmbeddedFile' }));
  const spec = { Type: 'Filespec', F: PDFString.of('setup.exe'), EF: { F: file } };
  const attachment = ctx.register(
    ctx.obj({ Type: 'Annot', Subtype: 'FileAttachment', Rect: [300, 500, 320, 520], FS: spec }),
  );
  const popup = ctx.register(
    ctx.obj({ Type: 'Annot', Subtype: 'Popup', Rect: [330, 500, 450, 560], Parent: attachment }),
  );
  ctx.lookup(attachment, PDFDict).set(PDFName.of('Popup'), popup);
  page.addAnnot(attachment);
  page.addAnnot(popup);
}

function script(ctx: PDFContext, code: string) {
  return ctx.obj({ S: 'JavaScript', JS: PDFString.of(code) });
}
