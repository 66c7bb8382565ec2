import { createDeflate } from 'node:zlib';

/**
 * Hand-written PDFs, object by object, for the hostile shapes no PDF library would write: page
 * and field trees whose nodes point twice to the next level, object streams that inflate to far
 * more than they weigh.
 */
export function rawPdf(objects: readonly (string | Uint8Array)[], root = 1): Uint8Array {
  const parts: Buffer[] = [Buffer.from('%PDF-1.7\n%\xE2\xE3\xCF\xD3\n', 'latin1')];
  const offsets: number[] = [];
  let length = parts[0]?.length ?? 0;
  objects.forEach((body, index) => {
    offsets.push(length);
    const chunk = Buffer.concat([
      Buffer.from(`${index + 1} 0 obj\n`, 'latin1'),
      typeof body === 'string' ? Buffer.from(body, 'latin1') : Buffer.from(body),
      Buffer.from('\nendobj\n', 'latin1'),
    ]);
    parts.push(chunk);
    length += chunk.length;
  });
  const xref = [
    'xref',
    `0 ${objects.length + 1}`,
    '0000000000 65535 f ',
    ...offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n `),
    'trailer',
    `<< /Size ${objects.length + 1} /Root ${root} 0 R >>`,
    'startxref',
    String(length),
    '%%EOF',
  ].join('\n');
  parts.push(Buffer.from(`${xref}\n`, 'latin1'));
  return new Uint8Array(Buffer.concat(parts));
}

const PAGE = '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>';

/**
 * A page tree of `depth` levels where each node's /Kids names the next level twice: a few KB that
 * pdf-lib walks as 2^depth pages.
 */
export function pageTreeDag(depth: number): Uint8Array {
  // 1: catalog; 2..depth+1: the levels; depth+2: the page.
  const objects = ['<< /Type /Catalog /Pages 2 0 R >>'];
  for (let level = 0; level < depth; level += 1) {
    const next = level + 3;
    const kids =
      level === depth - 1 ? `${depth + 2} 0 R ${depth + 2} 0 R` : `${next} 0 R ${next} 0 R`;
    objects.push(`<< /Type /Pages /Kids [${kids}] /Count ${2 ** (depth - level)} >>`);
  }
  objects.push(PAGE);
  return rawPdf(objects);
}

/** An AcroForm whose field tree names each next level twice, above one text widget. */
export function fieldTreeDag(depth: number): Uint8Array {
  // 1: catalog; 2: pages; 3: page; 4..depth+3: field levels; depth+4: the widget.
  const first = 4;
  const widget = depth + first;
  const objects = [
    `<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [${first} 0 R] >> >>`,
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Annots [${widget} 0 R] >>`,
  ];
  for (let level = 0; level < depth; level += 1) {
    const next = level === depth - 1 ? widget : first + level + 1;
    objects.push(`<< /T (n${level}) /Kids [${next} 0 R ${next} 0 R] >>`);
  }
  objects.push(
    `<< /Type /Annot /Subtype /Widget /FT /Tx /T (leaf) /Rect [50 50 200 70] /P 3 0 R >>`,
  );
  return rawPdf(objects);
}

/** A one-page PDF with an object stream that inflates to `inflatedBytes` (of spaces). */
export async function objectStreamBomb(inflatedBytes: number): Promise<Uint8Array> {
  const compressed = await deflateSpaces(inflatedBytes);
  const header = Buffer.from(
    `<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length ${compressed.length} >>\nstream\n`,
    'latin1',
  );
  const stream = Buffer.concat([header, compressed, Buffer.from('\nendstream', 'latin1')]);
  return rawPdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>',
    stream,
  ]);
}

/** `size` spaces, deflated chunk by chunk (never the whole in memory). */
function deflateSpaces(size: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const deflate = createDeflate({ level: 9 });
    const out: Buffer[] = [];
    deflate.on('data', (chunk: Buffer) => out.push(chunk));
    deflate.on('end', () => resolve(Buffer.concat(out)));
    deflate.on('error', reject);
    const chunk = Buffer.alloc(1024 * 1024, 0x20);
    let written = 0;
    const write = () => {
      while (written < size) {
        written += chunk.length;
        if (!deflate.write(chunk)) {
          deflate.once('drain', write);
          return;
        }
      }
      deflate.end();
    };
    write();
  });
}
