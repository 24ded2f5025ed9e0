import { PDFDocument, type PDFFont, PDFHexString, PDFName, type PDFPage, type PDFRef, rgb, StandardFonts } from 'pdf-lib';
import type { BundleCover, BundleDocument, BundlePlan } from './bundle-sources';

/** A bundle that may not be built (too many pages, too many bytes): recorded on the bundle, not retried. */
export class BundleTooLargeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BundleTooLargeError';
  }
}

export interface BundleLimits {
  /** Pages of the whole bundle (cover, agenda and documents). */
  maxPages: number;
  /** Bytes of all source documents together: pdf-lib holds the whole bundle in memory. */
  maxSourceBytes: number;
}

export interface RenderedBundle {
  bytes: Uint8Array;
  pageCount: number;
  /** Pages of the agenda (after the cover page). */
  agendaPages: number;
  /** 1-based page where each item's document starts, by agenda item id. */
  starts: Map<string, number>;
  /** Items whose document is a placeholder page instead (not a PDF, or not readable), by agenda item id. */
  placeholders: Map<string, 'not-pdf' | 'unreadable'>;
}

export const VARIANT_TITLE = { public: 'Öffentliche Sitzungsmappe', full: 'Sitzungsmappe (mit nichtöffentlichem Teil)' } as const;

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 56;
const GRAY = rgb(0.35, 0.35, 0.35);

const dateFormat = new Intl.DateTimeFormat('de-DE', { timeZone: 'Europe/Berlin', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
const timeFormat = new Intl.DateTimeFormat('de-DE', { timeZone: 'Europe/Berlin', hour: '2-digit', minute: '2-digit' });
const dayFormat = new Intl.DateTimeFormat('de-DE', { timeZone: 'Europe/Berlin', day: '2-digit', month: '2-digit', year: 'numeric' });

/** "Donnerstag, 12. März 2026, 17:00–19:00 Uhr" in Berlin time. */
export function meetingWhen(start: Date, end: Date | null): string {
  const sameDay = end && dayFormat.format(end) === dayFormat.format(start);
  const until = end ? (sameDay ? `–${timeFormat.format(end)}` : ` bis ${dateFormat.format(end)}, ${timeFormat.format(end)}`) : '';
  return `${dateFormat.format(start)}, ${timeFormat.format(start)}${until} Uhr`;
}

interface Fonts {
  regular: PDFFont;
  bold: PDFFont;
}

/**
 * Helvetica with WinAnsi covers German (ä ö ü ß Ä Ö Ü, „“ – …); anything beyond (other scripts,
 * emoji) cannot be encoded by a standard font and becomes "?" instead of failing the bundle.
 */
function encodable(font: PDFFont): (text: string) => string {
  const supported = new Set(font.getCharacterSet());
  return (text) =>
    Array.from(text.normalize('NFC').replace(/[\t\r\n]+/g, ' '))
      .map((ch) => (supported.has(ch.codePointAt(0) ?? 0) ? ch : ch === '\u2212' ? '-' : '?'))
      .join('');
}

/** Splits text into lines no wider than `width` (long words are cut). */
function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    if (font.widthOfTextAtSize(candidate, size) <= width) {
      line = candidate;
      continue;
    }
    if (line) lines.push(line);
    let rest = word;
    while (font.widthOfTextAtSize(rest, size) > width && rest.length > 1) {
      let cut = rest.length - 1;
      while (cut > 1 && font.widthOfTextAtSize(rest.slice(0, cut), size) > width) cut--;
      lines.push(rest.slice(0, cut));
      rest = rest.slice(cut);
    }
    line = rest;
  }
  if (line) lines.push(line);
  return lines.length ? lines : [''];
}

/** Draws wrapped text downwards from `y`; returns the y below it. */
function drawLines(page: PDFPage, lines: string[], x: number, y: number, font: PDFFont, size: number, color = rgb(0, 0, 0)): number {
  const leading = size * 1.3;
  for (const l of lines) {
    y -= leading;
    page.drawText(l, { x, y, size, font, color });
  }
  return y;
}

function drawCover(page: PDFPage, cover: BundleCover, variantTitle: string, fonts: Fonts, safe: (s: string) => string): void {
  const width = A4[0] - 2 * MARGIN;
  let y = A4[1] - MARGIN;
  y = drawLines(page, wrap(safe(cover.authorityName), fonts.regular, 14, width), MARGIN, y, fonts.regular, 14, GRAY);
  y = drawLines(page, wrap(safe(cover.organizationName), fonts.regular, 14, width), MARGIN, y - 4, fonts.regular, 14);
  y -= 120;
  y = drawLines(page, wrap(safe(variantTitle), fonts.bold, 16, width), MARGIN, y, fonts.bold, 16, GRAY);
  y = drawLines(page, wrap(safe(cover.meetingName), fonts.bold, 24, width), MARGIN, y - 8, fonts.bold, 24);
  y = drawLines(page, wrap(safe(meetingWhen(cover.start, cover.end)), fonts.regular, 13, width), MARGIN, y - 16, fonts.regular, 13);
  if (cover.location) y = drawLines(page, wrap(safe(`Ort: ${cover.location}`), fonts.regular, 13, width), MARGIN, y - 4, fonts.regular, 13);
  if (cover.cancelled) drawLines(page, ['Die Sitzung ist abgesagt.'], MARGIN, y - 16, fonts.bold, 13, rgb(0.6, 0, 0));
  page.drawText(safe(`Stand: ${dayFormat.format(new Date())}`), { x: MARGIN, y: MARGIN, size: 9, font: fonts.regular, color: GRAY });
}

interface AgendaRow {
  itemId: string;
  number: string;
  title: string[];
  reference: string | null;
  indent: number;
  height: number;
}

const AGENDA = { size: 10, refSize: 8.5, numberWidth: 54, pageWidth: 44, gap: 6, headerHeight: 44 } as const;

function agendaRows(plan: BundlePlan, fonts: Fonts, safe: (s: string) => string): AgendaRow[] {
  const titleWidth = A4[0] - 2 * MARGIN - AGENDA.numberWidth - AGENDA.pageWidth;
  return plan.entries.map((e) => {
    const indent = e.level === 2 ? 14 : 0;
    const title = wrap(safe(e.name), e.level === 2 ? fonts.regular : fonts.bold, AGENDA.size, titleWidth - indent);
    const reference = e.paperReference ? safe(`Vorlage ${e.paperReference}`) : null;
    const height = title.length * AGENDA.size * 1.3 + (reference ? AGENDA.refSize * 1.3 : 0) + AGENDA.gap;
    return { itemId: e.itemId, number: safe(e.number), title, reference, indent, height };
  });
}

/** Rows per agenda page (the first page starts below its heading). */
function paginate(rows: AgendaRow[]): AgendaRow[][] {
  const pages: AgendaRow[][] = [[]];
  let room = A4[1] - 2 * MARGIN - AGENDA.headerHeight;
  for (const row of rows) {
    const current = pages[pages.length - 1] ?? [];
    if (row.height > room && current.length) {
      pages.push([row]);
      room = A4[1] - 2 * MARGIN - AGENDA.headerHeight - row.height;
    } else {
      current.push(row);
      room -= row.height;
    }
  }
  return pages;
}

function drawAgendaPage(page: PDFPage, rows: AgendaRow[], index: number, total: number, starts: Map<string, number>, fonts: Fonts): void {
  let y = A4[1] - MARGIN;
  page.drawText(index === 0 ? 'Tagesordnung' : 'Tagesordnung (Fortsetzung)', { x: MARGIN, y: y - 18, size: 16, font: fonts.bold });
  page.drawText('Seite', { x: A4[0] - MARGIN - fonts.regular.widthOfTextAtSize('Seite', 9), y: y - 18, size: 9, font: fonts.regular, color: GRAY });
  y -= AGENDA.headerHeight;
  if (!rows.length && index === 0) page.drawText('Keine Tagesordnungspunkte.', { x: MARGIN, y: y - 12, size: AGENDA.size, font: fonts.regular });
  for (const row of rows) {
    const top = y;
    page.drawText(row.number, { x: MARGIN + row.indent, y: top - AGENDA.size * 1.3, size: AGENDA.size, font: fonts.bold });
    const x = MARGIN + AGENDA.numberWidth + row.indent;
    y = drawLines(page, row.title, x, top, row.indent ? fonts.regular : fonts.bold, AGENDA.size);
    if (row.reference) y = drawLines(page, [row.reference], x, y, fonts.regular, AGENDA.refSize, GRAY);
    const start = starts.get(row.itemId);
    const label = start ? String(start) : '–';
    page.drawText(label, { x: A4[0] - MARGIN - fonts.regular.widthOfTextAtSize(label, AGENDA.size), y: top - AGENDA.size * 1.3, size: AGENDA.size, font: fonts.regular });
    y -= AGENDA.gap;
  }
  if (total > 1) page.drawText(`Tagesordnung ${index + 1}/${total}`, { x: MARGIN, y: MARGIN / 2, size: 8, font: fonts.regular, color: GRAY });
}

function drawPlaceholder(page: PDFPage, heading: string, entryTitle: string, doc: BundleDocument, reason: string, fonts: Fonts, safe: (s: string) => string): void {
  const width = A4[0] - 2 * MARGIN;
  let y = A4[1] - MARGIN;
  y = drawLines(page, wrap(safe(entryTitle), fonts.bold, 14, width), MARGIN, y, fonts.bold, 14);
  y = drawLines(page, wrap(safe(heading), fonts.bold, 12, width), MARGIN, y - 24, fonts.bold, 12);
  y = drawLines(page, wrap(safe(`Datei: ${doc.fileName}`), fonts.regular, 11, width), MARGIN, y - 6, fonts.regular, 11);
  drawLines(page, wrap(safe(reason), fonts.regular, 11, width), MARGIN, y - 6, fonts.regular, 11, GRAY);
}

/**
 * Builds the bundle: a cover page, the agenda (with the page where each item's document starts),
 * each item's main file in agenda order (PDFs copied page by page; anything else, or a PDF that
 * cannot be read, as one placeholder page naming the file), and bookmarks: "Tagesordnung" and one
 * per item with a document.
 *
 * pdf-lib works in memory: the whole bundle and one source document at a time are held. The
 * limits bound that (and a broken limit is an error of the bundle, not a retry).
 */
export async function renderBundle(plan: BundlePlan, load: (doc: BundleDocument) => Promise<Uint8Array>, limits: BundleLimits): Promise<RenderedBundle> {
  const sourceBytes = plan.entries.reduce((sum, e) => sum + (e.document?.size ?? 0), 0);
  if (sourceBytes > limits.maxSourceBytes) throw new BundleTooLargeError(`the documents have ${sourceBytes} bytes together, more than the ${limits.maxSourceBytes} a bundle may have`);
  const out = await PDFDocument.create();
  const fonts: Fonts = { regular: await out.embedFont(StandardFonts.Helvetica), bold: await out.embedFont(StandardFonts.HelveticaBold) };
  const safe = encodable(fonts.regular);
  const variantTitle = VARIANT_TITLE[plan.variant];
  out.setTitle(safe(`${variantTitle}: ${plan.cover.meetingName}`), { showInWindowTitleBar: true });
  out.setAuthor(safe(plan.cover.authorityName));
  out.setSubject(safe(`${plan.cover.organizationName}, ${meetingWhen(plan.cover.start, plan.cover.end)}`));
  out.setLanguage('de-DE');
  out.setCreator('Ratsinfo');
  out.setProducer('Ratsinfo (pdf-lib)');

  drawCover(out.addPage(A4), plan.cover, variantTitle, fonts, safe);
  const agenda = paginate(agendaRows(plan, fonts, safe));
  const agendaPages = agenda.map(() => out.addPage(A4));

  const starts = new Map<string, number>();
  const placeholders = new Map<string, 'not-pdf' | 'unreadable'>();
  const ensureRoom = (pages: number) => {
    if (out.getPageCount() + pages > limits.maxPages) throw new BundleTooLargeError(`the bundle would have more than ${limits.maxPages} pages`);
  };
  for (const entry of plan.entries) {
    const doc = entry.document;
    if (!doc) continue;
    const entryTitle = `${entry.number} ${entry.name}`;
    starts.set(entry.itemId, out.getPageCount() + 1);
    if (doc.mimeType !== 'application/pdf') {
      ensureRoom(1);
      drawPlaceholder(out.addPage(A4), 'Dokument nicht im PDF-Format', entryTitle, doc, 'Die Datei ist auf der Seite der Sitzung einzeln abrufbar.', fonts, safe);
      placeholders.set(entry.itemId, 'not-pdf');
      continue;
    }
    let copied: PDFPage[] | null = null;
    try {
      const source = await PDFDocument.load(await load(doc), { updateMetadata: false });
      ensureRoom(source.getPageCount());
      copied = source.getPageCount() > 0 ? await out.copyPages(source, source.getPageIndices()) : null;
    } catch (e) {
      if (e instanceof BundleTooLargeError) throw e;
      copied = null;
    }
    if (copied) {
      for (const p of copied) out.addPage(p);
      continue;
    }
    ensureRoom(1);
    drawPlaceholder(out.addPage(A4), 'Dokument konnte nicht eingebunden werden', entryTitle, doc, 'Die Datei ist beschädigt, verschlüsselt oder leer. Sie ist auf der Seite der Sitzung einzeln abrufbar.', fonts, safe);
    placeholders.set(entry.itemId, 'unreadable');
  }

  agenda.forEach((rows, i) => {
    const page = agendaPages[i];
    if (page) drawAgendaPage(page, rows, i, agenda.length, starts, fonts);
  });

  const firstAgenda = agendaPages[0];
  const bookmarks: { title: string; page: PDFRef }[] = firstAgenda ? [{ title: 'Tagesordnung', page: firstAgenda.ref }] : [];
  for (const entry of plan.entries) {
    const start = starts.get(entry.itemId);
    if (start) bookmarks.push({ title: `${entry.number} ${entry.name}`.trim(), page: out.getPage(start - 1).ref });
  }
  addOutline(out, bookmarks);

  const bytes = await out.save();
  return { bytes, pageCount: out.getPageCount(), agendaPages: agenda.length, starts, placeholders };
}

/**
 * Bookmarks, written as the PDF's document outline (ISO 32000-1, 12.3.3): pdf-lib has no API for
 * it, so the /Outlines dictionary and its items are built from low-level objects. A flat list;
 * titles as UTF-16 text strings (any script); each goes to the top of its page.
 */
function addOutline(doc: PDFDocument, bookmarks: { title: string; page: PDFRef }[]): void {
  if (!bookmarks.length) return;
  const ctx = doc.context;
  const outlineRef = ctx.nextRef();
  const refs = bookmarks.map(() => ctx.nextRef());
  bookmarks.forEach((b, i) => {
    const item = ctx.obj({
      Title: PDFHexString.fromText(b.title),
      Parent: outlineRef,
      Dest: [b.page, 'XYZ', null, null, null],
    });
    const prev = refs[i - 1];
    const next = refs[i + 1];
    if (prev) item.set(PDFName.of('Prev'), prev);
    if (next) item.set(PDFName.of('Next'), next);
    const ref = refs[i];
    if (ref) ctx.assign(ref, item);
  });
  const first = refs[0];
  const last = refs[refs.length - 1];
  if (!first || !last) return;
  ctx.assign(outlineRef, ctx.obj({ Type: 'Outlines', First: first, Last: last, Count: refs.length }));
  doc.catalog.set(PDFName.of('Outlines'), outlineRef);
  doc.catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'));
}
