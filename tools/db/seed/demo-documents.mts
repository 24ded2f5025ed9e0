/**
 * The demo's documents as bytes: German PDFs of papers (text layer in Helvetica, WinAnsi, so
 * ä ö ü ß and „…“ survive text extraction), a scanned-looking PDF that is one image per page and
 * no text at all (what OCR is for), and PNG site plans.
 *
 * Deterministic: the same spec always gives the same bytes. pdf-lib would stamp the current time
 * and its own producer into the Info dictionary, so every metadata field is set explicitly (dates
 * from the document's date); its resource names come from a fixed-seed generator. PNGs are encoded
 * here (fflate for the deflate stream) from pixels computed from a hash of the spec's key.
 */
import { zlibSync } from 'fflate';
import { degrees, drawImage, drawLine, drawText, PDFDocument, rgb, StandardFonts } from 'pdf-lib';
import type { PDFFont, PDFName, PDFOperator, PDFPage, RGB } from 'pdf-lib';
import { hashInt } from './demo-ids.mts';

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
  authority: string;
  date: string;
  pages: number;
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

/**
 * Each page: one grayscale page image drawn slightly askew, as from a flatbed scanner; no fonts, no
 * text operators. The image goes in as the very deflate stream a PNG would hold (PNG predictors
 * are a PDF Flate option), which is much faster than letting pdf-lib decode and re-encode a PNG.
 */
async function renderScanPdf(spec: ScanDocumentSpec): Promise<Uint8Array> {
  const doc = await newPdf(spec.title, spec.authority, 'Scan', spec.date);
  for (let p = 0; p < spec.pages; p++) {
    const canvas = scanPage(`${spec.key}/page/${p + 1}`, p === 0);
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
  ring(cx: number, cy: number, radius: number, thickness: number, color: readonly number[]): void {
    for (let y = cy - radius - thickness; y <= cy + radius + thickness; y++) {
      for (let x = cx - radius - thickness; x <= cx + radius + thickness; x++) {
        const d = Math.hypot(x - cx, y - cy);
        if (Math.abs(d - radius) <= thickness / 2) this.set(x, y, color);
      }
    }
  }
  png(): Uint8Array {
    return encodePng(this.width, this.height, this.channels, this.px);
  }
  deflated(): Uint8Array {
    return deflateRows(this.width, this.height, this.channels, this.px);
  }
}

/**
 * A typed letter as a scanner sees it (about 72 dpi): letterhead, address block, lines of "words"
 * as dark bars of varying length, a signature and a stamp. No glyphs, so there is nothing to
 * extract but pixels.
 */
function scanPage(key: string, firstPage: boolean): Canvas {
  const W = 595;
  const H = 842;
  const c = new Canvas(W, H, 1, [246]);
  const r = (salt: string, mod: number) => hashInt(`${key}/${salt}`) % mod;
  // uneven exposure towards the binding edge
  for (let x = 0; x < 18; x++) c.rect(x, 0, 1, H, [200 + x * 2.5]);
  let y = 60;
  if (firstPage) {
    c.rect(70, y, 190, 16, [70]);
    c.rect(70, y + 24, 120, 7, [120]);
    c.rect(400, y, 110, 40, [150]);
    y += 90;
    for (let i = 0; i < 4; i++, y += 14) c.rect(70, y, 120 + r(`addr/${i}`, 80), 7, [90]);
    y += 30;
    c.rect(70, y, 300, 10, [55]);
    y += 34;
  }
  let paragraphLeft = 5 + r('para', 4);
  for (let line = 0; y < H - (firstPage ? 190 : 90); line++, y += 15) {
    let x = 70;
    const end = paragraphLeft === 0 ? 70 + 160 + r(`end/${line}`, 200) : W - 70;
    while (x < end - 20) {
      const word = 12 + r(`w/${line}/${x}`, 46);
      c.rect(x, y, Math.min(word, end - x), 8, [60 + r(`ink/${line}/${x}`, 40)]);
      x += word + 6;
    }
    if (paragraphLeft === 0) {
      paragraphLeft = 4 + r(`para/${line}`, 5);
      y += 10;
    } else {
      paragraphLeft--;
    }
  }
  if (firstPage) {
    // signature and the office stamp
    for (let i = 0; i < 60; i++) {
      const x = 90 + i * 2.4;
      c.line(x, H - 150 + Math.sin(i / 4) * 9, x + 2.4, H - 150 + Math.sin((i + 1) / 4) * 9, 2, [40]);
    }
    c.rect(80, H - 128, 170, 6, [110]);
    c.ring(440, H - 150, 38, 3, [105]);
    c.ring(440, H - 150, 28, 2, [125]);
  }
  return c;
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
