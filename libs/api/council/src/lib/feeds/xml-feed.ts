import { oneLine, xmlEscape } from './feed-text';

/**
 * RSS 2.0 and Atom 1.0 written directly: every value is plain text, escaped exactly once for XML
 * (Atom says so with `type="text"`), so a name like "Bau- & Umweltausschuss" arrives as written —
 * neither as HTML in a CDATA section nor escaped twice. Control characters are dropped (XML 1.0
 * cannot carry them).
 */
export interface FeedEntry {
  /** Stable IRI (`urn:uuid:…`): RSS guid and Atom id. */
  id: string;
  title: string;
  /** The portal page. */
  link: string;
  summary: string;
  published: Date;
  updated: Date;
  category?: string | null;
}

export interface FeedChannel {
  /** Stable IRI of the feed (Atom id). */
  id: string;
  title: string;
  description: string;
  /** The portal page the feed mirrors. */
  link: string;
  /** This feed's own URL (RSS atom:link rel=self, Atom link rel=self). */
  self: string;
  /** The authority (Atom author). */
  author: string;
  /** Newest change of the entries (stable between fetches, so the ETag is too). */
  updated: Date;
  entries: FeedEntry[];
}

const text = (v: string) => xmlEscape(oneLine(v));
const el = (name: string, value: string, attrs = '') => `<${name}${attrs}>${text(value)}</${name}>`;
const attr = (v: string) => xmlEscape(oneLine(v));
/** Multi-line text (a summary): line breaks kept. */
const block = (name: string, value: string, attrs = '') => `<${name}${attrs}>${xmlEscape(value.trim())}</${name}>`;

export function rss2(c: FeedChannel): string {
  const items = c.entries.map((e) =>
    [
      '    <item>',
      `      ${el('title', e.title)}`,
      `      ${el('link', e.link)}`,
      `      ${el('guid', e.id, ' isPermaLink="false"')}`,
      `      ${el('pubDate', e.published.toUTCString())}`,
      `      ${block('description', e.summary)}`,
      ...(e.category ? [`      ${el('category', e.category)}`] : []),
      '    </item>',
    ].join('\n'),
  );
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">',
    '  <channel>',
    `    ${el('title', c.title)}`,
    `    ${el('link', c.link)}`,
    `    ${el('description', c.description)}`,
    '    <language>de</language>',
    `    ${el('lastBuildDate', c.updated.toUTCString())}`,
    `    <atom:link href="${attr(c.self)}" rel="self" type="application/rss+xml"/>`,
    '    <generator>Ratsinfo</generator>',
    ...items,
    '  </channel>',
    '</rss>',
    '',
  ].join('\n');
}

export function atom1(c: FeedChannel): string {
  const entries = c.entries.map((e) =>
    [
      '  <entry>',
      `    ${el('id', e.id)}`,
      `    ${el('title', e.title, ' type="text"')}`,
      `    <link rel="alternate" type="text/html" href="${attr(e.link)}"/>`,
      `    ${el('published', e.published.toISOString())}`,
      `    ${el('updated', e.updated.toISOString())}`,
      `    ${block('summary', e.summary, ' type="text"')}`,
      ...(e.category ? [`    <category term="${attr(e.category)}"/>`] : []),
      '  </entry>',
    ].join('\n'),
  );
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="de">',
    `  ${el('id', c.id)}`,
    `  ${el('title', c.title, ' type="text"')}`,
    `  ${el('subtitle', c.description, ' type="text"')}`,
    `  ${el('updated', c.updated.toISOString())}`,
    `  <link rel="alternate" type="text/html" href="${attr(c.link)}"/>`,
    `  <link rel="self" type="application/atom+xml" href="${attr(c.self)}"/>`,
    `  <author>${el('name', c.author)}</author>`,
    '  <generator>Ratsinfo</generator>',
    ...entries,
    '</feed>',
    '',
  ].join('\n');
}
