import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { strToU8, zipSync } from 'fflate';
import { degrees, PDFDocument, StandardFonts } from 'pdf-lib';

/**
 * Documents for text extraction tests: a PDF with a text layer, a scan (image-only PDF, made the
 * way a scanner makes it: the page rendered to a gray bitmap, which is all the PDF holds), a DOCX,
 * a broken PDF. The German words of the scan are what OCR must find.
 */

/** What the scan and the text PDF say (each page is one entry; lines within). */
export const SCAN_TEXT: readonly string[] = [
  'Stellungnahme der Stadt Burg',
  '',
  'Sehr geehrte Damen und Herren,',
  'die Verwaltung empfiehlt dem Kreistag, dem Bebauungsplan',
  'Nummer 12 zuzustimmen. Die Straßenbäume an der Schulstraße',
  'bleiben erhalten, die Grünfläche am Rathaus wird erweitert.',
  'Der Ausschuss für Umwelt hat die Änderungen beraten.',
  '',
  'Mit freundlichen Grüßen',
  'Bürgermeister der Stadt Burg',
];

/** Words OCR must find in the scan (compare with a tolerance: OCR is not exact). */
export const SCAN_WORDS: readonly string[] = [
  'Stellungnahme', 'Stadt', 'Burg', 'Damen', 'Herren', 'Verwaltung', 'empfiehlt', 'Kreistag', 'Bebauungsplan', 'Nummer', 'zuzustimmen',
  'Straßenbäume', 'Schulstraße', 'bleiben', 'erhalten', 'Grünfläche', 'Rathaus', 'erweitert', 'Ausschuss', 'Umwelt', 'Änderungen', 'beraten',
  'freundlichen', 'Grüßen', 'Bürgermeister',
];

/** The share of `words` that occur in `text` (whole words, case-sensitive). */
export function wordsFound(text: string, words: readonly string[]): number {
  const seen = new Set(text.split(/[^\p{L}\p{N}]+/u));
  return words.filter((w) => seen.has(w)).length / words.length;
}

/** A PDF with a text layer (Helvetica, WinAnsi: ä ö ü ß survive): one page per entry of `pages`. */
export async function textPdf(pages: ReadonlyArray<readonly string[]>): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (const lines of pages) {
    const page = doc.addPage([595.28, 841.89]);
    lines.forEach((line, i) => page.drawText(line, { x: 62, y: 770 - i * 20, size: 12, font }));
  }
  return doc.save();
}

/**
 * A scanned document: each page of `textPdf(pages)` rendered by poppler to a gray 150-dpi bitmap,
 * placed slightly askew on an otherwise empty page. No fonts, no text operators.
 */
export async function scannedPdf(pages: ReadonlyArray<readonly string[]>, dpi = 150): Promise<Uint8Array> {
  const dir = await mkdtemp(join(tmpdir(), 'ratsinfo-scan-fixture-'));
  try {
    const source = join(dir, 'source.pdf');
    await writeFile(source, await textPdf(pages));
    const doc = await PDFDocument.create();
    for (let p = 1; p <= pages.length; p++) {
      await promisify(execFile)('pdftoppm', ['-r', String(dpi), '-gray', '-png', '-f', String(p), '-l', String(p), '-singlefile', source, join(dir, `p${p}`)]);
      const image = await doc.embedPng(await readFile(join(dir, `p${p}.png`)));
      const page = doc.addPage([595.28, 841.89]);
      page.drawImage(image, { x: 3, y: 2, width: 595.28 - 6, height: 841.89 - 6, rotate: degrees(0.3) });
    }
    return await doc.save();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The first page of `scannedPdf` as a PNG (what a photographed letter is). */
export async function scannedPng(lines: readonly string[], dpi = 200): Promise<Uint8Array> {
  const dir = await mkdtemp(join(tmpdir(), 'ratsinfo-scan-fixture-'));
  try {
    await writeFile(join(dir, 'source.pdf'), await textPdf([lines]));
    await promisify(execFile)('pdftoppm', ['-r', String(dpi), '-gray', '-png', '-singlefile', join(dir, 'source.pdf'), join(dir, 'page')]);
    return new Uint8Array(await readFile(join(dir, 'page.png')));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** A minimal Word document (OOXML): one paragraph per entry. */
export function minimalDocx(paragraphs: readonly string[]): Uint8Array {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const body = paragraphs.map((p) => `<w:p><w:r><w:t xml:space="preserve">${esc(p)}</w:t></w:r></w:p>`).join('');
  return zipSync({
    '[Content_Types].xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    ),
    '_rels/.rels': strToU8(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
    ),
    'word/document.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`,
    ),
  });
}

/** A "PDF" that is a PDF header and random bytes: every parser must give up on it. */
export function brokenPdf(size = 64 * 1024): Uint8Array {
  const bytes = new Uint8Array(size);
  bytes.set(randomBytes(size));
  bytes.set(new TextEncoder().encode('%PDF-1.7\n%âãÏÓ\n'), 0);
  return bytes;
}

/** A PDF of `count` pages, each saying "Seite <n> von <count>" (pdf-lib, text layer). */
export async function manyPagesPdf(count: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let p = 1; p <= count; p++) {
    const page = doc.addPage([595.28, 841.89]);
    page.drawText(`Seite ${p} von ${count}: Haushaltsplan der Gemeinde, Teilplan ${p}`, { x: 62, y: 770, size: 12, font });
  }
  return doc.save();
}
