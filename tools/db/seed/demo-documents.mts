/**
 * The demo's documents as bytes: German PDFs of papers (text layer in Helvetica, WinAnsi, so
 * ä ö ü ß and „…“ survive text extraction), scanned letters that are one image per page and no
 * text at all (what OCR is for), and PNG site plans.
 *
 * Deterministic: the same spec always gives the same bytes. pdf-lib would stamp the current time
 * and its own producer into the Info dictionary, so every metadata field is set explicitly (dates
 * from the document's date); its resource names come from a fixed-seed generator. PNGs are encoded
 * here (fflate for the deflate stream) from pixels computed from a hash of the spec's key. A scan's
 * page images are the letter's text rendered by poppler's `pdftoppm` (the same bytes for the same
 * poppler version; seed-files.mts keys its render cache on that version too).
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { zlibSync } from 'fflate';
import { degrees, drawImage, drawLine, drawText, PDFDocument, rgb, StandardFonts } from 'pdf-lib';
import type { PDFFont, PDFName, PDFOperator, PDFPage, RGB } from 'pdf-lib';
import { hashInt } from './demo-ids.mts';
import type { ScanLetter } from './demo-scans.mts';

export const PDF_PRODUCER = 'Ratsinfo Demodaten';

/** One labelled line of the header block, e.g. ["Datum", "02.11.2026"]. */
export type HeaderField = readonly [label: string, value: string];

export interface TextDocumentSpec {
  kind: 'text-pdf';
  /** Seeds every choice that is not in the spec. */
  key: string;
  /** Issuing authority, top left ("Stadt Burg"). */
  authority: string;
  /** "Beschlussvorlage", "Antrag", … */
  heading: string;
  reference: string;
  title: string;
  /** Civil date (YYYY-MM-DD): printed, and the PDF's creation and modification date. */
  date: string;
  header: readonly HeaderField[];
  /** A table under the title, e.g. the consultation path: first row is the column heads. */
  table?: ReadonlyArray<readonly string[]>;
  /** Sections: a bold heading and paragraphs. */
  sections: ReadonlyArray<{ heading: string; paragraphs: readonly string[] }>;
  /** Closing line, e.g. the signature. */
  closing?: readonly string[];
  public: boolean;
}

export interface ScanDocumentSpec {
  kind: 'scan-pdf';
  key: string;
  title: string;
  /** Who wrote the letter (the PDF's author). */
  authority: string;
  /** Civil date (YYYY-MM-DD) of the letter. */
  date: string;
  /** What the letter says (demo-scans.mts): typed, printed and scanned, so only OCR can read it. */
  letter: ScanLetter;
}

export interface PlanImageSpec {
  kind: 'plan-png';
  key: string;
}

export type DocumentSpec = TextDocumentSpec | ScanDocumentSpec | PlanImageSpec;

export interface RenderedDocument {
  bytes: Uint8Array;
  mimeType: string;
  /** The text layer as a text extraction would read it (null: none, e.g. a scan or an image). */
  text: string | null;
}

export async function renderDocument(spec: DocumentSpec): Promise<RenderedDocument> {
  switch (spec.kind) {
    case 'text-pdf':
      return renderTextPdf(spec);
    case 'scan-pdf':
      return { bytes: await renderScanPdf(spec), mimeType: 'application/pdf', text: null };
    case 'plan-png':
      return { bytes: sitePlanPng(spec.key), mimeType: 'image/png', text: null };
  }
}

// ---------------------------------------------------------------------------------------------
// PDF
// ---------------------------------------------------------------------------------------------

const A4: [number, number] = [595.28, 841.89];
const MARGIN_X = 62;
const MARGIN_TOP = 60;
const MARGIN_BOTTOM = 70;
const INK = rgb(0.1, 0.1, 0.12);
const GREY = rgb(0.38, 0.38, 0.42);

/** 09:00 in Berlin-ish (UTC, fixed) on the document's date: no clock involved. */
function documentTime(date: string): Date {
  return new Date(`${date}T08:00:00.000Z`);
}

function germanDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}.${m}.${y}`;
}

async function newPdf(title: string, authority: string, subject: string, date: string): Promise<PDFDocument> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const at = documentTime(date);
  doc.setTitle(title);
  doc.setAuthor(authority);
  doc.setSubject(subject);
  doc.setCreator('Ratsinfo');
  doc.setProducer(PDF_PRODUCER);
  doc.setLanguage('de-DE');
  doc.setCreationDate(at);
  doc.setModificationDate(at);
  return doc;
}

function save(doc: PDFDocument): Promise<Uint8Array> {
  return doc.save({ useObjectStreams: false, objectsPerTick: Number.POSITIVE_INFINITY });
}

/** Replaces what WinAnsi (the standard fonts' encoding) cannot show; the demo texts need none of it. */
function encodable(font: PDFFont, s: string): string {
  const set = charsets.get(font) ?? new Set(font.getCharacterSet());
  charsets.set(font, set);
  let out = '';
  for (const ch of s) out += set.has(ch.codePointAt(0) ?? 0) ? ch : '?';
  return out;
}
const charsets = new WeakMap<PDFFont, Set<number>>();

/** Word widths are measured once per font and size (measuring whole candidate lines was the renderer's hot spot). */
const widthCache = new WeakMap<PDFFont, Map<string, number>>();
function widthOf(font: PDFFont, size: number, word: string): number {
  let cache = widthCache.get(font);
  if (!cache) widthCache.set(font, (cache = new Map()));
  const key = `${size}|${word}`;
  let w = cache.get(key);
  if (w === undefined) cache.set(key, (w = font.widthOfTextAtSize(word, size)));
  return w;
}

function wrap(font: PDFFont, size: number, text: string, width: number): string[] {
  const space = widthOf(font, size, ' ');
  const lines: string[] = [];
  for (const para of text.split('\n')) {
    let line = '';
    let lineWidth = 0;
    for (const word of para.split(/\s+/).filter(Boolean)) {
      const w = widthOf(font, size, word);
      if (line && lineWidth + space + w > width) {
        lines.push(line);
        line = word;
        lineWidth = w;
      } else {
        lineWidth += (line ? space : 0) + w;
        line = line ? `${line} ${word}` : word;
      }
    }
    lines.push(line);
  }
  return lines;
}

/**
 * One page's drawing operators, written as a single content stream deflated with fflate. pdf-lib's
 * own page.drawText deflates through pako with a fresh 256 KB state per stream; for ~500 small
 * documents that allocation was a third of the rendering time.
 */
class PageContent {
  readonly ops: PDFOperator[] = [];
  private readonly fonts = new Map<PDFFont, PDFName>();
  readonly page: PDFPage;
  constructor(page: PDFPage) {
    this.page = page;
  }
  text(s: string, x: number, y: number, size: number, font: PDFFont, color: RGB): void {
    let key = this.fonts.get(font);
    if (!key) this.fonts.set(font, (key = this.page.node.newFontDictionary(font.name, font.ref)));
    const zero = degrees(0);
    this.ops.push(...drawText(font.encodeText(s), { x, y, size, font: key, color, rotate: zero, xSkew: zero, ySkew: zero }));
  }
  line(x0: number, y0: number, x1: number, y1: number, thickness: number, color: RGB): void {
    this.ops.push(...drawLine({ start: { x: x0, y: y0 }, end: { x: x1, y: y1 }, thickness, color }));
  }
  finish(doc: PDFDocument): void {
    const content = Buffer.from(this.ops.map((op) => op.toString()).join('\n'), 'latin1');
    const stream = doc.context.stream(zlibSync(content, { level: 6 }), { Filter: 'FlateDecode' });
    this.page.node.addContentStream(doc.context.register(stream));
  }
}

/** Lays text out top to bottom, starting a new page when one is full; collects the text layer. */
class Writer {
  page!: PageContent;
  y = 0;
  readonly pages: PageContent[] = [];
  readonly text: string[] = [];
  private readonly doc: PDFDocument;
  readonly regular: PDFFont;
  readonly bold: PDFFont;

  constructor(doc: PDFDocument, regular: PDFFont, bold: PDFFont) {
    this.doc = doc;
    this.regular = regular;
    this.bold = bold;
    this.newPage();
  }

  newPage(): void {
    this.page = new PageContent(this.doc.addPage(A4));
    this.pages.push(this.page);
    this.y = A4[1] - MARGIN_TOP;
  }

  ensure(height: number): void {
    if (this.y - height < MARGIN_BOTTOM) this.newPage();
  }

  line(s: string, opts: { size?: number; bold?: boolean; x?: number; color?: RGB; gap?: number } = {}): void {
    const size = opts.size ?? 10.5;
    const font = opts.bold ? this.bold : this.regular;
    const lead = size * 1.38;
    this.ensure(lead);
    const text = encodable(font, s);
    this.page.text(text, opts.x ?? MARGIN_X, this.y - size, size, font, opts.color ?? INK);
    this.text.push(text);
    this.y -= lead + (opts.gap ?? 0);
  }

  paragraph(s: string, opts: { size?: number; bold?: boolean; indent?: number } = {}): void {
    const size = opts.size ?? 10.5;
    const font = opts.bold ? this.bold : this.regular;
    const indent = opts.indent ?? 0;
    for (const l of wrap(font, size, encodable(font, s), A4[0] - 2 * MARGIN_X - indent)) this.line(l, { size, bold: opts.bold, x: MARGIN_X + indent });
    this.y -= size * 0.6;
  }

  rule(): void {
    this.ensure(10);
    this.page.line(MARGIN_X, this.y - 3, A4[0] - MARGIN_X, this.y - 3, 0.6, GREY);
    this.y -= 12;
  }

  table(rows: ReadonlyArray<readonly string[]>): void {
    const widths = [0.42, 0.3, 0.28].map((f) => f * (A4[0] - 2 * MARGIN_X));
    rows.forEach((row, r) => {
      const size = 9.5;
      this.ensure(size * 1.5);
      let x = MARGIN_X;
      const cells: string[] = [];
      row.forEach((cell, c) => {
        const font = r === 0 ? this.bold : this.regular;
        let s = encodable(font, cell);
        while (s.length > 1 && font.widthOfTextAtSize(s, size) > (widths[c] ?? 100) - 6) s = `${s.slice(0, -2)}…`;
        this.page.text(s, x, this.y - size, size, font, INK);
        cells.push(s);
        x += widths[c] ?? 100;
      });
      this.text.push(cells.join(' '));
      this.y -= size * 1.5;
      if (r === 0) this.rule();
    });
    this.y -= 6;
  }
}

async function renderTextPdf(spec: TextDocumentSpec): Promise<RenderedDocument> {
  const doc = await newPdf(`${spec.reference} – ${spec.title}`.slice(0, 300), spec.authority, `${spec.heading} ${spec.reference}`, spec.date);
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const w = new Writer(doc, regular, bold);

  w.line(spec.authority, { size: 13, bold: true });
  if (!spec.public) w.line('NICHTÖFFENTLICH', { size: 10, bold: true, color: rgb(0.6, 0.05, 0.1) });
  w.y -= 6;
  w.line(spec.heading, { size: 16, bold: true });
  w.line(spec.reference, { size: 11, color: GREY, gap: 4 });
  for (const [label, value] of spec.header) w.line(`${label}: ${value}`, { size: 9.5, color: GREY });
  w.rule();
  w.paragraph(spec.title, { size: 12.5, bold: true });
  if (spec.table && spec.table.length > 1) {
    w.line('Beratungsfolge', { size: 10.5, bold: true, gap: 2 });
    w.table(spec.table);
  }
  for (const section of spec.sections) {
    w.ensure(40);
    w.line(section.heading, { size: 11, bold: true, gap: 2 });
    for (const p of section.paragraphs) w.paragraph(p);
  }
  if (spec.closing) {
    w.y -= 12;
    for (const l of spec.closing) w.line(l);
  }

  // Page footers once the page count is known.
  const total = w.pages.length;
  w.pages.forEach((page, i) => {
    const footer = encodable(regular, `${spec.reference} · ${germanDate(spec.date)} · Seite ${i + 1} von ${total}`);
    page.text(footer, MARGIN_X, 40, 8.5, regular, GREY);
    w.text.push(footer);
    page.finish(doc);
  });
  return { bytes: await save(doc), mimeType: 'application/pdf', text: w.text.join('\n') };
}

/** Resolution of the scanner: enough for OCR to read 12-point type, small enough for ~150 KB a page. */
export const SCAN_DPI = 150;

/**
 * A scanned letter. The letter is typed into a PDF (Helvetica, like the papers), each page is
 * rendered by poppler to a gray bitmap at SCAN_DPI, the scanner's marks are added (grey paper,
 * shadow at the binding edge, dust), and the bitmaps go into a new PDF, each drawn slightly askew:
 * no fonts, no text operators. The image goes in as the very deflate stream a PNG would hold (PNG
 * predictors are a PDF Flate option), which is much faster than letting pdf-lib decode and
 * re-encode a PNG.
 */
async function renderScanPdf(spec: ScanDocumentSpec): Promise<Uint8Array> {
  const pages = await rasterize(await letterPdf(spec), SCAN_DPI);
  const doc = await newPdf(spec.title, spec.authority, 'Scan', spec.date);
  for (const [p, canvas] of pages.entries()) {
    scannerMarks(canvas, `${spec.key}/page/${p + 1}`);
    const image = doc.context.stream(canvas.deflated(), {
      Type: 'XObject',
      Subtype: 'Image',
      Width: canvas.width,
      Height: canvas.height,
      ColorSpace: 'DeviceGray',
      BitsPerComponent: 8,
      Filter: 'FlateDecode',
      DecodeParms: { Predictor: 15, Colors: 1, BitsPerComponent: 8, Columns: canvas.width },
    });
    const page = new PageContent(doc.addPage(A4));
    const name = page.page.node.newXObject('Scan', doc.context.register(image));
    const tilt = ((hashInt(`${spec.key}/tilt/${p}`) % 9) - 4) / 10; // −0.4° … +0.4°
    page.ops.push(...drawImage(name, { x: 4, y: 2, width: A4[0] - 6, height: A4[1] - 6, rotate: degrees(tilt), xSkew: degrees(0), ySkew: degrees(0) }));
    page.finish(doc);
  }
  return save(doc);
}

/** The letter as typed: letterhead, address, date, subject, text, greeting, signature, signer. */
async function letterPdf(spec: ScanDocumentSpec): Promise<Uint8Array> {
  const { letter } = spec;
  const doc = await newPdf(spec.title, spec.authority, 'Brief', spec.date);
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const w = new Writer(doc, regular, bold);
  const [name, ...office] = letter.sender;
  w.line(name ?? '', { size: 15, bold: true });
  for (const l of office) w.line(l, { size: 10, color: GREY });
  w.rule();
  w.y -= 24;
  for (const l of letter.recipient) w.line(l, { size: 12 });
  w.y -= 18;
  const dateLine = encodable(regular, `${letter.place}, ${germanDate(spec.date)}`);
  w.line(dateLine, { size: 12, x: A4[0] - MARGIN_X - regular.widthOfTextAtSize(dateLine, 12), gap: 14 });
  w.paragraph(letter.subject.join(' '), { size: 12, bold: true });
  w.y -= 8;
  w.line(letter.salutation, { size: 12, gap: 6 });
  for (const p of letter.paragraphs) w.paragraph(p, { size: 12 });
  const [greeting, ...signer] = letter.closing;
  w.y -= 6;
  w.line(greeting ?? '', { size: 12 });
  // a signature: a few strokes of a pen
  w.ensure(50);
  const base = w.y - 28;
  for (let i = 0; i < 40; i++) {
    const x = MARGIN_X + 8 + i * 3;
    w.page.line(x, base + Math.sin(i / 2.6) * 8 + i * 0.3, x + 3, base + Math.sin((i + 1) / 2.6) * 8 + (i + 1) * 0.3, 1.4, INK);
  }
  w.y -= 48;
  for (const l of signer) w.line(l, { size: 12 });
  const total = w.pages.length;
  w.pages.forEach((page, i) => {
    if (total > 1) page.text(`Seite ${i + 1} von ${total}`, MARGIN_X, 40, 9, regular, GREY);
    page.finish(doc);
  });
  return save(doc);
}

/** Every page of `pdf` as an 8-bit gray bitmap at `dpi`, rendered by poppler's pdftoppm. */
async function rasterize(pdf: Uint8Array, dpi: number): Promise<Canvas[]> {
  const dir = await mkdtemp(join(tmpdir(), 'ratsinfo-demo-scan-'));
  try {
    await writeFile(join(dir, 'letter.pdf'), pdf);
    try {
      await promisify(execFile)('pdftoppm', ['-r', String(dpi), '-gray', join(dir, 'letter.pdf'), join(dir, 'page')]);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        throw new Error('the demo\'s scanned letters are rendered with pdftoppm, which is not installed: apt-get install poppler-utils (npm start and npm test install it)', { cause: error });
      }
      throw error;
    }
    // page-1.pgm … (zero-padded to the page count's width, so they sort)
    const names = (await readdir(dir)).filter((n) => n.endsWith('.pgm')).sort();
    return await Promise.all(names.map(async (n) => canvasFromPgm(await readFile(join(dir, n)))));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** A binary PGM (P5, 8 bits) as a gray canvas. */
function canvasFromPgm(pgm: Uint8Array): Canvas {
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(Buffer.from(pgm.subarray(0, 64)).toString('latin1'));
  if (!header || header[3] !== '255') throw new Error('pdftoppm: not an 8-bit PGM');
  const width = Number(header[1]);
  const height = Number(header[2]);
  const c = new Canvas(width, height, 1, [255]);
  c.px.set(pgm.subarray(header[0].length, header[0].length + width * height));
  return c;
}

/**
 * What a flatbed scanner adds: grey paper and not quite black ink, a shadow towards the binding
 * edge, and dust. The dust is sparse (a noisy background would make every page ten times larger).
 */
function scannerMarks(c: Canvas, key: string): void {
  const { px, width, height } = c;
  const shadow = Math.round(width * 0.03);
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      let v = 30 + (px[row + x] * 214) / 255; // ink ~30, paper ~244
      if (x < shadow) v *= 0.78 + (0.22 * x) / shadow;
      px[row + x] = v;
    }
  }
  let seed = hashInt(`${key}/dust`) | 1;
  const next = (mod: number) => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return (seed >>> 0) % mod;
  };
  for (let i = 0; i < 400; i++) {
    const x = next(width);
    const y = next(height);
    const size = 1 + next(2);
    c.rect(x, y, size, size, [90 + next(90)]);
  }
}

// ---------------------------------------------------------------------------------------------
// PNG (encoded here: signature, IHDR, one IDAT, IEND)
// ---------------------------------------------------------------------------------------------

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/** Rows with PNG filter "Up" (the flat areas of plans and scans then compress to almost nothing), deflated. */
function deflateRows(width: number, height: number, channels: 1 | 3, pixels: Uint8Array): Uint8Array {
  const stride = width * channels;
  const raw = new Uint8Array((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (stride + 1);
    if (y === 0) {
      raw.set(pixels.subarray(0, stride), 1);
      continue;
    }
    raw[row] = 2;
    const here = y * stride;
    const above = here - stride;
    for (let x = 0; x < stride; x++) raw[row + 1 + x] = (pixels[here + x] - pixels[above + x]) & 0xff;
  }
  return zlibSync(raw, { level: 6 });
}

/** channels 1 = grayscale, 3 = RGB; `pixels` row-major, 8 bits per sample. */
export function encodePng(width: number, height: number, channels: 1 | 3, pixels: Uint8Array): Uint8Array {
  const ihdr = new Uint8Array(13);
  const v = new DataView(ihdr.buffer);
  v.setUint32(0, width);
  v.setUint32(4, height);
  ihdr[8] = 8;
  ihdr[9] = channels === 1 ? 0 : 2;
  const signature = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);
  const parts = [signature, chunk('IHDR', ihdr), chunk('IDAT', deflateRows(width, height, channels, pixels)), chunk('IEND', new Uint8Array(0))];
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

class Canvas {
  readonly px: Uint8Array;
  readonly width: number;
  readonly height: number;
  readonly channels: 1 | 3;
  constructor(width: number, height: number, channels: 1 | 3, background: readonly number[]) {
    this.width = width;
    this.height = height;
    this.channels = channels;
    this.px = new Uint8Array(width * height * channels);
    for (let i = 0; i < width * height; i++) for (let c = 0; c < channels; c++) this.px[i * channels + c] = background[c] ?? 0;
  }
  set(x: number, y: number, color: readonly number[]): void {
    if (x < 0 || y < 0 || x >= this.width || y >= this.height) return;
    const i = (Math.floor(y) * this.width + Math.floor(x)) * this.channels;
    for (let c = 0; c < this.channels; c++) this.px[i + c] = color[c] ?? 0;
  }
  rect(x0: number, y0: number, w: number, h: number, color: readonly number[]): void {
    const left = Math.max(0, Math.floor(x0));
    const right = Math.min(this.width, Math.floor(x0 + w));
    for (let y = Math.max(0, Math.floor(y0)); y < Math.min(this.height, Math.floor(y0 + h)); y++) {
      if (this.channels === 1) this.px.fill(color[0] ?? 0, y * this.width + left, y * this.width + right);
      else for (let x = left; x < right; x++) this.set(x, y, color);
    }
  }
  line(x0: number, y0: number, x1: number, y1: number, thickness: number, color: readonly number[]): void {
    const steps = Math.max(Math.abs(x1 - x0), Math.abs(y1 - y0), 1);
    const r = thickness / 2;
    for (let s = 0; s <= steps; s++) {
      const x = x0 + ((x1 - x0) * s) / steps;
      const y = y0 + ((y1 - y0) * s) / steps;
      for (let dy = -r; dy <= r; dy++) for (let dx = -r; dx <= r; dx++) this.set(x + dx, y + dy, color);
    }
  }
  png(): Uint8Array {
    return encodePng(this.width, this.height, this.channels, this.px);
  }
  deflated(): Uint8Array {
    return deflateRows(this.width, this.height, this.channels, this.px);
  }
}

/** A site plan: streets, parcels, the parcel concerned in red, a north arrow. */
function sitePlanPng(key: string): Uint8Array {
  const W = 480;
  const H = 340;
  const c = new Canvas(W, H, 3, [250, 248, 240]);
  const r = (salt: string, mod: number) => hashInt(`${key}/${salt}`) % mod;
  const street = [205, 205, 205];
  const mainY = 120 + r('main', 100);
  c.rect(0, mainY, W, 22, street);
  const sideX = 120 + r('side', 240);
  c.rect(sideX, 0, 18, H, street);
  const outline = [90, 90, 90];
  // parcels along the main street
  const target = r('target', 6);
  for (let i = 0; i < 6; i++) {
    const x = 14 + i * 78;
    if (x < sideX + 18 && x + 70 > sideX) continue;
    for (const [y, h] of [[mainY - 96, 86], [mainY + 32, 86]] as const) {
      const fill = i === target && y < mainY ? [230, 90, 80] : [236, 232, 214];
      c.rect(x, y, 70, h, fill);
      c.line(x, y, x + 70, y, 1, outline);
      c.line(x, y + h, x + 70, y + h, 1, outline);
      c.line(x, y, x, y + h, 1, outline);
      c.line(x + 70, y, x + 70, y + h, 1, outline);
      c.rect(x + 18, y + 24, 34, 30, [175, 160, 150]);
    }
  }
  // north arrow and scale bar
  c.line(W - 30, 50, W - 30, 18, 2, [40, 40, 40]);
  c.line(W - 30, 18, W - 38, 30, 2, [40, 40, 40]);
  c.line(W - 30, 18, W - 22, 30, 2, [40, 40, 40]);
  c.rect(20, H - 22, 100, 5, [40, 40, 40]);
  c.rect(70, H - 22, 50, 5, [250, 248, 240]);
  return c.png();
}
