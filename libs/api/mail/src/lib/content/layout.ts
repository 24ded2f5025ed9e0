import type { MailContext, MailLocale } from '../mail-templates';
import { escapeHtml } from '../plain-template';

/**
 * The shared frame of the authority's mails: one column, real headings, the document language,
 * the authority's name (and logo with alt text when it has one), its primary colour as an accent
 * only where the contrast holds (WCAG 2.1 AA), no layout tables, no images without alt.
 */

const TEXT = '#1a1a1a';
const MUTED = '#4a4a4a';
const BACKGROUND = '#ffffff';
/** Link and button colour when the authority's colour is too light (8.6:1 on white). */
const FALLBACK_ACCENT = '#1d4f91';

export { escapeHtml };

/** A `#rrggbb` colour, else null (anything else never reaches a style attribute). */
export function safeHexColour(value: string | null | undefined): string | null {
  return value && /^#[0-9a-fA-F]{6}$/.test(value) ? value.toLowerCase() : null;
}

function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

/** WCAG contrast ratio of two `#rrggbb` colours (1 … 21). */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** The colour for links and the button: the authority's when it reaches 4.5:1 on white, else a dark blue. */
export function accentColour(primary: string | null | undefined): string {
  const c = safeHexColour(primary);
  return c && contrastRatio(c, BACKGROUND) >= 4.5 ? c : FALLBACK_ACCENT;
}

/** A URL for href/src: http(s) only, else null (no javascript:, data: …). */
export function safeUrl(value: string | null | undefined): string | null {
  if (!value) return null;
  try {
    const u = new URL(value);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.toString() : null;
  } catch {
    return null;
  }
}

/** One line for a header field (subject): no line breaks, no control characters, trimmed. */
export function oneLine(s: string, max = 250): string {
  // eslint-disable-next-line no-control-regex
  const line = s.replace(/[\u0000-\u001f\u007f]+/g, ' ').replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

const DATE_LOCALE: Record<MailLocale, string> = { de: 'de-DE', en: 'en-GB' };
export const MEETING_TIME_ZONE = 'Europe/Berlin';

/** "Mittwoch, 9. Dezember 2026, 17:00 Uhr" / "Wednesday 9 December 2026, 17:00" (Europe/Berlin). */
export function formatDateTime(iso: string, locale: MailLocale): string {
  const d = new Date(iso);
  const date = new Intl.DateTimeFormat(DATE_LOCALE[locale], { dateStyle: 'full', timeZone: MEETING_TIME_ZONE }).format(d);
  const time = formatTime(iso, locale);
  return locale === 'de' ? `${date}, ${time} Uhr` : `${date}, ${time}`;
}

export function formatDate(iso: string, locale: MailLocale): string {
  return new Intl.DateTimeFormat(DATE_LOCALE[locale], { dateStyle: 'medium', timeZone: MEETING_TIME_ZONE }).format(new Date(iso));
}

export function formatTime(iso: string, locale: MailLocale): string {
  return new Intl.DateTimeFormat(DATE_LOCALE[locale], { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: MEETING_TIME_ZONE }).format(new Date(iso));
}

/** A block of the mail in both forms: HTML (already escaped) and plain text. */
export interface Block {
  html: string;
  text: string;
}

export function paragraph(text: string): Block {
  return { html: `<p style="margin:0 0 16px 0">${escapeHtml(text).replace(/\n/g, '<br>')}</p>`, text };
}

export function heading(level: 2 | 3, text: string): Block {
  const size = level === 2 ? '20px' : '17px';
  return {
    html: `<h${level} style="font-size:${size};line-height:1.3;margin:24px 0 8px 0;color:${TEXT}">${escapeHtml(text)}</h${level}>`,
    text: `${text}\n${(level === 2 ? '=' : '-').repeat(Math.min(60, [...text].length))}`,
  };
}

/** Label–value pairs (when, where, committee) as a description list. */
export function facts(rows: [label: string, value: string | null | undefined][]): Block {
  const shown = rows.filter((r): r is [string, string] => !!r[1]);
  return {
    html: `<dl style="margin:0 0 16px 0">${shown
      .map(([k, v]) => `<dt style="font-weight:bold;margin:8px 0 0 0">${escapeHtml(k)}</dt><dd style="margin:0 0 0 0">${escapeHtml(v).replace(/\n/g, '<br>')}</dd>`)
      .join('')}</dl>`,
    text: shown.map(([k, v]) => `${k}: ${v}`).join('\n'),
  };
}

/** The one call to action: a link that looks like a button, and the full URL in the text. */
export function action(label: string, url: string, accent: string): Block {
  const href = safeUrl(url);
  if (!href) return { html: '', text: '' };
  return {
    html: `<p style="margin:24px 0"><a href="${escapeHtml(href)}" style="display:inline-block;padding:12px 20px;background:${accent};color:#ffffff;font-weight:bold;text-decoration:underline;border-radius:4px">${escapeHtml(label)}</a></p>`,
    text: `${label}:\n${href}`,
  };
}

/** A data table: caption, column headers with scope, row headers with scope. */
export function dataTable(caption: string, columns: string[], rows: { head: string; cells: string[] }[]): Block {
  const th = (s: string) => `<th scope="col" style="text-align:left;padding:6px 8px;border-bottom:2px solid ${MUTED}">${escapeHtml(s)}</th>`;
  const tr = (r: { head: string; cells: string[] }) =>
    `<tr><th scope="row" style="text-align:left;vertical-align:top;padding:6px 8px;border-bottom:1px solid #cccccc;white-space:nowrap">${escapeHtml(r.head)}</th>${r.cells
      .map((c) => `<td style="vertical-align:top;padding:6px 8px;border-bottom:1px solid #cccccc">${escapeHtml(c).replace(/\n/g, '<br>')}</td>`)
      .join('')}</tr>`;
  const html = `<table style="border-collapse:collapse;width:100%;margin:0 0 16px 0"><caption style="text-align:left;font-weight:bold;padding:0 0 8px 0">${escapeHtml(caption)}</caption><thead><tr>${columns.map(th).join('')}</tr></thead><tbody>${rows.map(tr).join('')}</tbody></table>`;
  const pad = Math.max(...rows.map((r) => [...r.head].length)) + 2;
  const text = [caption, ...rows.map((r) => `${r.head.padEnd(pad)}${r.cells.filter((c) => c).join(' – ').replace(/\n/g, `\n${' '.repeat(pad)}`)}`)].join('\n');
  return { html, text };
}

const FOOTER: Record<MailLocale, (tenant: string) => string> = {
  de: (t) => `Versandt vom Ratsinformationssystem – ${t}`,
  en: (t) => `Sent by the council information system – ${t}`,
};

/** The whole mail: HTML document and plain text, around the blocks. */
export function layout(ctx: MailContext, title: string, blocks: Block[]): { html: string; text: string } {
  const accentBar = safeHexColour(ctx.tenant.primaryColor) ?? FALLBACK_ACCENT;
  const logo = safeUrl(ctx.tenant.logoUrl);
  const logoAlt = `Logo: ${ctx.tenant.name}`;
  const header = `<header style="border-top:6px solid ${accentBar};padding:16px 0 8px 0;margin:0 0 8px 0">${
    logo ? `<p style="margin:0 0 8px 0"><img src="${escapeHtml(logo)}" alt="${escapeHtml(logoAlt)}" height="48" style="height:48px;width:auto;border:0"></p>` : ''
  }<p style="margin:0;font-size:15px;font-weight:bold;color:${TEXT}">${escapeHtml(ctx.tenant.name)}</p></header>`;
  const footer = FOOTER[ctx.locale](ctx.tenant.name);
  const html = [
    '<!doctype html>',
    `<html lang="${ctx.locale}" dir="ltr">`,
    `<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="color-scheme" content="light"><title>${escapeHtml(title)}</title>`,
    `<style>a{color:${accentColour(ctx.tenant.primaryColor)}}</style></head>`,
    `<body style="margin:0;padding:0;background:${BACKGROUND};color:${TEXT};font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5">`,
    `<div style="max-width:640px;margin:0 auto;padding:16px">`,
    header,
    `<main><h1 style="font-size:24px;line-height:1.25;margin:16px 0;color:${TEXT}">${escapeHtml(title)}</h1>`,
    ...blocks.map((b) => b.html),
    '</main>',
    `<footer style="margin:32px 0 0 0;padding:16px 0 0 0;border-top:1px solid #cccccc;color:${MUTED};font-size:14px"><p style="margin:0">${escapeHtml(footer)}</p></footer>`,
    '</div></body></html>',
  ].join('\n');
  const text = [ctx.tenant.name, '', title, '='.repeat(Math.min(60, [...title].length)), '', ...blocks.filter((b) => b.text).flatMap((b) => [b.text, '']), '-- ', footer, ''].join('\n');
  return { html, text };
}
