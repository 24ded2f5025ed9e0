/**
 * The council content of the demo (papers, consultations, files, terms, locations, factions on
 * memberships) as buildDemoData returns it, and the documents as demo-documents.mts renders them.
 *   node --test tools/db/seed/demo-papers.test.mts
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, test } from 'node:test';
import { decodePDFRawStream, PDFDocument, PDFRawStream } from 'pdf-lib';
import { buildDemoData } from './demo-data.mts';
import type { AgendaItemRow } from './demo-data.mts';
import { PDF_PRODUCER, renderDocument } from './demo-documents.mts';
import { NON_PUBLIC_MARKER, PAPER_TYPES } from './demo-papers.mts';
import { DEMO_SCAN_WORDS } from './demo-scans.mts';

const REF = new Date('2026-11-28T11:00:00Z');
const REF_DAY = REF.toISOString().slice(0, 10);
const data = buildDemoData(REF);
const active = data.tenants.filter((t) => t.status === 'active');
const of = <T extends { tenant_id: string }>(rows: readonly T[], tenantId: string) => rows.filter((r) => r.tenant_id === tenantId);
const byId = <T extends { id: string }>(rows: readonly T[]) => new Map(rows.map((r) => [r.id, r]));
const meetings = byId(data.meetings);
const organizations = byId(data.organizations);
const consultations = byId(data.consultations);
const papers = byId(data.papers);
const itemsByConsultation = new Map<string, AgendaItemRow[]>();
for (const a of data.agenda_items) if (a.consultation_id) itemsByConsultation.set(a.consultation_id, [...(itemsByConsultation.get(a.consultation_id) ?? []), a]);
const sha512 = (b: Uint8Array) => createHash('sha512').update(b).digest('hex');

/** Decoded content of every stream in the PDF (pages, XObjects, fonts). */
async function pdfStreams(bytes: Uint8Array): Promise<{ doc: PDFDocument; streams: string[] }> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const streams: string[] = [];
  for (const [, object] of doc.context.enumerateIndirectObjects()) {
    if (object instanceof PDFRawStream) {
      const isImage = object.dict.toString().includes('/Subtype /Image');
      streams.push(isImage ? '<image>' : Buffer.from(decodePDFRawStream(object).decode()).toString('latin1'));
    }
  }
  return { doc, streams };
}

describe('paper types and numbers', () => {
  test('every tenant has the five paper types, numbered {abbr}/{seq}/{year} with four digits, and papers of each', () => {
    for (const t of data.tenants) {
      const types = of(data.paper_types, t.id);
      assert.deepEqual(types.map((x) => [x.abbreviation, x.name]), PAPER_TYPES.map((x) => [x.abbr, x.name]), t.slug);
      for (const type of types) {
        assert.equal(type.number_format, '{abbr}/{seq}/{year}');
        assert.equal(type.sequence_digits, 4);
        assert.ok(of(data.papers, t.id).some((p) => p.paper_type_id === type.id && p.status === 'released'), `${t.slug}: a released ${type.abbreviation}`);
      }
    }
  });

  test('references are unique per tenant and match type, year and sequence', () => {
    for (const t of data.tenants) {
      const types = byId(of(data.paper_types, t.id));
      const mine = of(data.papers, t.id);
      assert.equal(new Set(mine.map((p) => p.reference)).size, mine.length, t.slug);
      for (const p of mine) {
        const abbr = types.get(p.paper_type_id)?.abbreviation;
        assert.equal(p.reference, `${abbr}/${String(p.reference_sequence).padStart(4, '0')}/${p.reference_year}`);
        assert.equal(p.reference_year, Number(p.date.slice(0, 4)), p.reference);
        assert.ok(p.date <= REF_DAY, `${p.reference} is dated ${p.date}, after the reference date`);
      }
    }
  });

  test('counters hold the last number given per type and year, so the next paper gets a new one', () => {
    for (const t of data.tenants) {
      const mine = of(data.papers, t.id);
      const counters = of(data.paper_number_counters, t.id);
      const groups = new Set(mine.map((p) => `${p.paper_type_id}/${p.reference_year}`));
      assert.equal(counters.length, groups.size, t.slug);
      for (const c of counters) {
        const seqs = mine.filter((p) => p.paper_type_id === c.paper_type_id && p.reference_year === c.year).map((p) => p.reference_sequence).sort((a, b) => a - b);
        assert.equal(c.last_value, seqs.at(-1), `${t.slug} ${c.year}`);
        // numbers are given without gaps from the first one in the data
        assert.deepEqual(seqs, seqs.map((_, i) => seqs[0] + i));
      }
    }
  });
});

describe('consultation paths', () => {
  test('positions run 1..n, at most one step decides, and a scheduled step sits on an agenda of its own body', () => {
    const paths = new Map<string, typeof data.consultations>();
    for (const c of data.consultations) paths.set(c.paper_id, [...(paths.get(c.paper_id) ?? []), c]);
    for (const [paperId, steps] of paths) {
      assert.deepEqual(steps.map((s) => s.position), steps.map((_, i) => i + 1), paperId);
      assert.ok(steps.filter((s) => s.authoritative).length <= 1, paperId);
      let lastStart = '';
      for (const s of steps) {
        const items = itemsByConsultation.get(s.id) ?? [];
        assert.ok(items.length <= 1, `consultation ${s.id} on one agenda at most`);
        const meeting = items[0] ? meetings.get(items[0].meeting_id) : undefined;
        if (items[0]) {
          assert.equal(meeting?.organization_id, s.organization_id, `${paperId}: step in the meeting of its body`);
          assert.ok(meeting && meeting.start > lastStart, `${paperId}: steps in date order`);
          lastStart = meeting?.start ?? lastStart;
        }
      }
    }
    for (const a of data.agenda_items) if (a.consultation_id) assert.ok(consultations.has(a.consultation_id), a.id);
  });

  test('Beschlussvorlagen run from committees (Vorberatung) to the council (Entscheidung), across past and upcoming meetings', () => {
    for (const t of active) {
      const council = data.organizations.find((o) => o.tenant_id === t.id && o.organization_type === 'council');
      const found = of(data.papers, t.id).filter((p) => {
        const steps = data.consultations.filter((c) => c.paper_id === p.id);
        const last = steps.at(-1);
        const firstItem = steps[0] && itemsByConsultation.get(steps[0].id)?.[0];
        const firstMeeting = firstItem ? meetings.get(firstItem.meeting_id) : undefined;
        const lastItem = last && itemsByConsultation.get(last.id)?.[0];
        const lastMeeting = lastItem ? meetings.get(lastItem.meeting_id) : undefined;
        return (
          steps.length >= 2 &&
          organizations.get(steps[0].organization_id)?.organization_type === 'committee' && steps[0].role === 'Vorberatung' && !steps[0].authoritative &&
          last?.organization_id === council?.id && last?.authoritative && last.role === 'Entscheidung' &&
          firstMeeting !== undefined && Date.parse(firstMeeting.start) < REF.getTime() &&
          (lastMeeting === undefined || Date.parse(lastMeeting.start) > REF.getTime())
        );
      });
      assert.ok(found.length > 0, `${t.slug}: a paper discussed in committee and still ahead in the council`);
    }
  });

  test('resolutions name the paper of their item by its number', () => {
    assert.ok(data.agenda_items.some((a) => a.consultation_id && /gemäß Beschlussvorlage BV\/\d{4}\/\d{4}/.test(a.resolution_text ?? '')));
    for (const a of data.agenda_items.filter((x) => x.consultation_id && x.resolution_text)) {
      const paper = papers.get(consultations.get(a.consultation_id ?? '')?.paper_id ?? '');
      assert.ok(!a.resolution_text?.includes('{ref'), a.id);
      for (const ref of (a.resolution_text ?? '').match(/\b[A-Z]{1,2}\/\d{4}\/\d{4}\b/g) ?? []) assert.equal(ref, paper?.reference, `${a.id}: ${a.resolution_text}`);
    }
    for (const p of data.papers) assert.ok(!p.name.includes('{ref'), p.reference);
  });
});

describe('papers', () => {
  test('Änderungsanträge and an Ergänzung name their original and are sub-items of its agenda item', () => {
    for (const t of active) {
      const derived = of(data.papers, t.id).filter((p) => p.derivation !== null);
      assert.ok(derived.some((p) => p.derivation === 'amendment'), t.slug);
      assert.ok(derived.some((p) => p.derivation === 'supplement'), t.slug);
      for (const p of derived) {
        const original = papers.get(p.original_paper_id ?? '');
        assert.ok(original && original.tenant_id === t.id, p.reference);
        assert.ok(p.name.includes(original.reference), p.name);
        assert.equal(data.paper_types.find((x) => x.id === p.paper_type_id)?.abbreviation, p.derivation === 'amendment' ? 'A' : 'BV');
        const step = data.consultations.find((c) => c.paper_id === p.id);
        const item = step && itemsByConsultation.get(step.id)?.[0];
        assert.ok(item && item.level === 2, p.reference);
        const agenda = data.agenda_items.filter((a) => a.meeting_id === item.meeting_id);
        const parent = agenda.slice(0, agenda.indexOf(item)).reverse().find((a) => a.level === 1);
        assert.equal(papers.get(consultations.get(parent?.consultation_id ?? '')?.paper_id ?? '')?.id, original.id, `${p.reference} under its original`);
      }
    }
  });

  test('Anträge, Anfragen and Änderungsanträge come from a faction; Vorlagen from the administration', () => {
    for (const p of data.papers) {
      const abbr = data.paper_types.find((x) => x.id === p.paper_type_id)?.abbreviation;
      const orgs = data.paper_originator_organizations.filter((o) => o.paper_id === p.id).map((o) => organizations.get(o.organization_id));
      const persons = data.paper_originator_persons.filter((o) => o.paper_id === p.id);
      assert.ok(persons.length >= 1, p.reference);
      if (abbr === 'A' || abbr === 'AF') {
        assert.equal(orgs.length, 1, p.reference);
        assert.equal(orgs[0]?.organization_type, 'faction', p.reference);
      } else {
        assert.equal(orgs.length, 0, p.reference);
        assert.ok(p.responsible_department, p.reference);
      }
    }
  });

  test('a non-public paper per active tenant, on a non-public agenda item, with non-public files', () => {
    for (const t of active) {
      const hidden = of(data.papers, t.id).filter((p) => !p.public);
      assert.ok(hidden.length >= 1, t.slug);
      for (const p of hidden) {
        const items = data.consultations.filter((c) => c.paper_id === p.id).flatMap((c) => itemsByConsultation.get(c.id) ?? []);
        assert.ok(items.length > 0 && items.every((a) => !a.public), p.reference);
        const files = data.files.filter((f) => f.paper_id === p.id || items.some((a) => a.id === f.agenda_item_id));
        assert.ok(files.some((f) => f.agenda_item_id !== null), `${p.reference}: a file on the agenda item`);
        assert.ok(files.every((f) => !f.public), p.reference);
      }
    }
  });

  test(`the non-public marker (${NON_PUBLIC_MARKER}) is in a non-public paper, its non-public item and a non-public file of a public paper (name and text), and nowhere public`, async () => {
    for (const t of active) {
      const papersOf = of(data.papers, t.id);
      const paper = papersOf.find((p) => p.name.includes(NON_PUBLIC_MARKER));
      assert.ok(paper && !paper.public, `${t.slug}: a non-public paper`);
      const items = of(data.agenda_items, t.id).filter((a) => a.name.includes(NON_PUBLIC_MARKER));
      assert.ok(items.length >= 1 && items.every((a) => !a.public), `${t.slug}: non-public agenda items`);
      const file = of(data.files, t.id).find((f) => f.name.includes(NON_PUBLIC_MARKER));
      assert.ok(file && !file.public && file.paper_id !== null, `${t.slug}: a non-public file`);
      assert.equal(papers.get(file.paper_id!)?.public, true, `${t.slug}: the file's paper is public`);
      const doc = data.documents.find((d) => d.file_id === file.id);
      assert.ok(doc, t.slug);
      assert.ok((await renderDocument(doc.spec())).text?.includes(NON_PUBLIC_MARKER), `${t.slug}: the file's text`);
    }
    // Nowhere else: every row naming it is a non-public paper, item or file (or a file's document).
    const nonPublicFiles = new Set(data.files.filter((f) => !f.public).map((f) => f.id));
    for (const [table, rows] of Object.entries(data)) {
      if (!Array.isArray(rows)) continue;
      for (const row of rows as Record<string, unknown>[]) {
        if (!JSON.stringify(row).includes(NON_PUBLIC_MARKER)) continue;
        const allowed = (['papers', 'agenda_items', 'files'].includes(table) && row['public'] === false) || (table === 'documents' && nonPublicFiles.has(String(row['file_id'])));
        assert.ok(allowed, `${table} ${String(row['id'] ?? row['file_id'])} names the marker`);
      }
    }
    for (const d of data.documents.filter((x) => !nonPublicFiles.has(x.file_id))) {
      const spec = d.spec();
      if (spec.kind === 'text-pdf') assert.ok(!JSON.stringify(spec).includes(NON_PUBLIC_MARKER), `public document ${d.file_name}`);
    }
  });

  test('drafts are in the office only: not on any agenda, no path', () => {
    for (const t of active) {
      const drafts = of(data.papers, t.id).filter((p) => p.status === 'draft');
      assert.ok(drafts.length >= 1, t.slug);
      for (const p of drafts) assert.ok(!data.consultations.some((c) => c.paper_id === p.id), p.reference);
    }
  });

  test('related development plan papers are stored once per pair, lower id first', () => {
    assert.ok(data.paper_relations.length > 0);
    for (const r of data.paper_relations) {
      assert.ok(r.paper_id < r.related_paper_id);
      assert.equal(papers.get(r.paper_id)?.tenant_id, r.tenant_id);
    }
  });
});

describe('files', () => {
  test('every paper has a main file of its own; files have one owner, one document and a storage key in their tenant', () => {
    const files = byId(data.files);
    for (const p of data.papers) {
      const main = files.get(p.main_file_id ?? '');
      assert.equal(main?.paper_id, p.id, p.reference);
      assert.equal(main?.sort_order, 0);
    }
    const docs = new Map(data.documents.map((d) => [d.file_id, d]));
    assert.equal(docs.size, data.files.length);
    for (const f of data.files) {
      assert.equal([f.paper_id, f.meeting_id, f.agenda_item_id, f.person_id].filter((x) => x !== null).length, 1, f.id);
      const d = docs.get(f.id);
      assert.match(d?.storage_key ?? '', /^[0-9a-f-]{36}\/[0-9a-f-]{36}$/);
      assert.ok(d?.storage_key.startsWith(`${f.tenant_id}/`));
      const owner = papers.get(f.paper_id ?? '');
      if (owner && !owner.public) assert.equal(f.public, false);
    }
    assert.equal(new Set(data.documents.map((d) => d.storage_key)).size, data.documents.length);
  });

  test('each active tenant has PNG plans and one scanned PDF', () => {
    for (const t of active) {
      const specs = data.documents.filter((d) => d.tenant_id === t.id).map((d) => d.spec());
      assert.ok(specs.some((s) => s.kind === 'plan-png'), t.slug);
      assert.equal(specs.filter((s) => s.kind === 'scan-pdf').length, 1, t.slug);
    }
  });

  test('render to the same bytes every time; PDFs carry German text with umlauts, fixed dates and producer; some have several pages', async () => {
    const burg = data.tenants.find((t) => t.slug === 'burg');
    const docs = data.documents.filter((d) => d.tenant_id === burg?.id);
    const sample = [...docs.filter((d) => d.spec().kind !== 'text-pdf'), ...docs.filter((d) => d.spec().kind === 'text-pdf').slice(0, 40)];
    let pagesSeen = 0;
    let umlauts = false;
    for (const d of sample) {
      const spec = d.spec();
      const a = await renderDocument(spec);
      const b = await renderDocument(d.spec());
      assert.equal(sha512(a.bytes), sha512(b.bytes), d.file_name);
      // a scan is a page image at 150 dpi (~90 KB a page), everything else is small
      assert.ok(a.bytes.length < (spec.kind === 'scan-pdf' ? 250_000 : 40_000), `${d.file_name}: ${a.bytes.length} bytes`);
      if (spec.kind === 'plan-png') {
        assert.equal(a.mimeType, 'image/png');
        assert.deepEqual([...a.bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
        continue;
      }
      assert.equal(a.mimeType, 'application/pdf');
      const { doc, streams } = await pdfStreams(a.bytes);
      assert.equal(doc.getProducer(), PDF_PRODUCER);
      assert.equal(doc.getCreationDate()?.toISOString().slice(0, 10), spec.date);
      assert.equal(doc.getModificationDate()?.toISOString(), doc.getCreationDate()?.toISOString());
      if (spec.kind === 'text-pdf') {
        pagesSeen = Math.max(pagesSeen, doc.getPageCount());
        const shown = streams.join('\n');
        assert.match(shown, /\bBT\b[\s\S]*\bTj\b/, d.file_name);
        // the shown strings, WinAnsi-coded (the same code points as Latin-1 for ä ö ü ß)
        const layer = [...shown.matchAll(/<([0-9A-Fa-f]*)> Tj/g)].map((m) => Buffer.from(m[1], 'hex').toString('latin1')).join('\n');
        assert.ok(layer.includes(spec.reference) && layer.includes(spec.heading), d.file_name);
        assert.ok(a.text?.includes(spec.reference), d.file_name);
        if (/[äöüÄÖÜß]/.test(layer)) umlauts = true;
        assert.ok(!a.text?.includes('?'.repeat(2)), `${d.file_name}: characters WinAnsi cannot show`);
      }
    }
    assert.ok(pagesSeen >= 2, 'some documents have several pages');
    assert.ok(umlauts, 'umlauts in the text layer');
  });

  test('the scanned PDF is images only: no fonts, no text operators, no text layer', async () => {
    const scan = data.documents.find((d) => d.spec().kind === 'scan-pdf');
    assert.ok(scan);
    const rendered = await renderDocument(scan.spec());
    assert.equal(rendered.text, null);
    const { doc, streams } = await pdfStreams(rendered.bytes);
    assert.ok(doc.getPageCount() >= 1);
    assert.ok(streams.includes('<image>'), 'has page images');
    for (const s of streams.filter((x) => x !== '<image>')) {
      assert.doesNotMatch(s, /\bBT\b|\bTj\b|\bTJ\b|\bTf\b/);
      assert.match(s, /\/Scan[-\d]* Do/);
    }
    // pdf-lib leaves an empty /Font << >> in the page resources; there is no font object
    assert.doesNotMatch(Buffer.from(rendered.bytes).toString('latin1'), /\/Type \/Font\b|\/BaseFont\b/);
    // what the worker's text extraction tries first finds nothing: it has to OCR the page
    const dir = await mkdtemp(join(tmpdir(), 'ratsinfo-scan-test-'));
    try {
      await writeFile(join(dir, 'scan.pdf'), rendered.bytes);
      const { stdout } = await promisify(execFile)('pdftotext', [join(dir, 'scan.pdf'), '-']);
      assert.equal(stdout.replace(/\s/g, ''), '');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test("each tenant's scanned letter is its own: the distinctive word is in no other document or row of the tenant", () => {
    for (const t of data.tenants) {
      const { distinctive, words } = DEMO_SCAN_WORDS[t.slug] ?? assert.fail(`${t.slug}: no scan words`);
      const docs = data.documents.filter((d) => d.tenant_id === t.id).map((d) => d.spec());
      const scans = docs.filter((s) => s.kind === 'scan-pdf');
      assert.equal(scans.length, 1, t.slug);
      const letter = JSON.stringify(scans[0]);
      assert.ok(letter.includes(distinctive), `${t.slug}: ${distinctive}`);
      assert.ok(words.includes(distinctive), `${t.slug}: the expected words include ${distinctive}`);
      assert.ok(words.length >= 30, `${t.slug}: ${words.length} words to compare`);
      for (const w of words) assert.ok(letter.includes(w), `${t.slug}: ${w}`);
      // every other document (its whole text is in its spec) and every row of the tenant
      const elsewhere = [
        ...docs.filter((s) => s.kind !== 'scan-pdf').map((s) => JSON.stringify(s)),
        ...Object.entries(data).filter(([, rows]) => Array.isArray(rows)).map(([, rows]) => JSON.stringify((rows as Array<{ tenant_id?: string; id?: string }>).filter((r) => r.tenant_id === t.id || r.id === t.id))),
      ].join('\n').toLowerCase();
      assert.ok(!elsewhere.includes(distinctive.toLowerCase()), `${t.slug}: ${distinctive} appears outside the scan`);
    }
    assert.equal(new Set(Object.values(DEMO_SCAN_WORDS).map((w) => w.distinctive)).size, data.tenants.length);
  });
});

describe('structure', () => {
  test('two legislative terms per tenant, the current one holds the reference date', () => {
    for (const t of data.tenants) {
      const terms = of(data.legislative_terms, t.id);
      assert.equal(terms.length, 2, t.slug);
      assert.equal(terms.filter((x) => x.start_date <= REF_DAY && (x.end_date === null || x.end_date >= REF_DAY)).length, 1, t.slug);
    }
  });

  test('meetings and the bodies meet at locations of their tenant', () => {
    const locations = byId(data.locations);
    for (const m of data.meetings) {
      const l = locations.get(m.location_id ?? '');
      assert.equal(l?.tenant_id, m.tenant_id, m.id);
      assert.ok(m.location_text?.startsWith(l.description), `${m.location_text} / ${l.description}`);
      assert.match(l.postal_code ?? '', /^\d{5}$/);
    }
    for (const o of data.organizations) if (o.organization_type !== 'faction') assert.ok(locations.has(o.location_id ?? ''), o.name);
  });

  test('council and committee seats name the faction sat for; committees have substitutes standing in for a member of their faction', () => {
    for (const t of active) {
      const ms = of(data.memberships, t.id);
      const seats = ms.filter((m) => ['council', 'committee'].includes(organizations.get(m.organization_id)?.organization_type ?? '') && m.on_behalf_of_id);
      assert.ok(seats.length > 20, t.slug);
      for (const m of seats) assert.equal(organizations.get(m.on_behalf_of_id ?? '')?.organization_type, 'faction');
      const substitutes = ms.filter((m) => m.deputy_for_id !== null);
      assert.ok(substitutes.length >= 3, t.slug);
      for (const s of substitutes) {
        assert.notEqual(s.deputy_for_id, s.person_id);
        assert.equal(s.voting_right, false);
        const stoodFor = ms.find((m) => m.person_id === s.deputy_for_id && m.organization_id === s.organization_id && m.deputy_for_id === null);
        assert.ok(stoodFor, `${s.id}: the member stood in for sits in the same committee`);
        assert.equal(stoodFor.on_behalf_of_id, s.on_behalf_of_id, 'same faction');
      }
    }
  });
});
