/**
 * Papers of the demo (Vorlagen, Anträge, Anfragen, Mitteilungen) with their consultation paths,
 * originators, derivatives (Änderungsantrag, Ergänzung), related papers and files.
 *
 * Input is one tenant's meetings with their draft agenda (demo-data.mts builds it): substantive
 * items carry a proposal tag, the same proposal travelling from committees to the council under one
 * title within a quarter. Each proposal whose first deliberation lies before the paper horizon (six
 * weeks after the reference date) becomes a paper; its path is the committees it passes
 * (Vorberatung) up to the deciding body (Entscheidung), and the agenda items point at their step
 * (agenda_items.consultation_id). Later meetings have planned items without papers yet, as a real
 * agenda plan does. Papers are numbered per type and year in date order ({abbr}/{seq}/{year}, four
 * digits), and the counters hold the last number given, so a clerk's next paper continues the row.
 *
 * Pure and deterministic like the rest of the demo data: ids from demoUuid, choices from hashes.
 */
import { demoUuid, hashFrac, hashInt, pick } from './demo-ids.mts';
import type { DocumentSpec, HeaderField } from './demo-documents.mts';
import { scanAnnexTitle, scanLetter } from './demo-scans.mts';

// ---------------------------------------------------------------------------------------------
// Rows (SQL column names)
// ---------------------------------------------------------------------------------------------

export type PaperStatus = 'draft' | 'released' | 'withdrawn';

/**
 * A word that exists only in non-public content of every demo authority (a non-public paper, its
 * non-public agenda item, a non-public file of a public paper with its text): it must never appear
 * in any public response, feed, OParl object or search hit.
 */
export const NON_PUBLIC_MARKER = 'Eisvogelakte';

export interface PaperTypeRow {
  id: string;
  tenant_id: string;
  name: string;
  abbreviation: string;
  number_format: string;
  sequence_digits: number;
  sort_order: number;
}

export interface PaperNumberCounterRow {
  id: string;
  tenant_id: string;
  paper_type_id: string;
  year: number;
  last_value: number;
}

export interface PaperRow {
  id: string;
  tenant_id: string;
  paper_type_id: string;
  reference: string;
  reference_year: number;
  reference_sequence: number;
  name: string;
  date: string;
  public: boolean;
  status: PaperStatus;
  responsible_department: string | null;
  /** Set after the files are in (files reference the paper, the paper its main file). */
  main_file_id: string | null;
  original_paper_id: string | null;
  derivation: 'amendment' | 'supplement' | null;
}

export interface PaperOriginatorPersonRow {
  id: string;
  tenant_id: string;
  paper_id: string;
  person_id: string;
}

export interface PaperOriginatorOrganizationRow {
  id: string;
  tenant_id: string;
  paper_id: string;
  organization_id: string;
}

export interface PaperRelationRow {
  id: string;
  tenant_id: string;
  paper_id: string;
  related_paper_id: string;
}

export interface ConsultationRow {
  id: string;
  tenant_id: string;
  paper_id: string;
  organization_id: string;
  position: number;
  authoritative: boolean;
  role: string;
}

export interface FileRow {
  id: string;
  tenant_id: string;
  name: string;
  public: boolean;
  paper_id: string | null;
  meeting_id: string | null;
  agenda_item_id: string | null;
  person_id: string | null;
  sort_order: number;
  current_version: number;
}

/** A file's first version before its bytes exist: the seed renders `spec`, then knows size and checksum. */
export interface DemoDocument {
  tenant_id: string;
  file_id: string;
  version_id: string;
  number: number;
  file_name: string;
  /** `<tenant uuid>/<uuid>`: the path below FILE_STORAGE_DIR. */
  storage_key: string;
  uploaded_by_name: string;
  /** What to render: computed on demand (building the texts of ~500 documents would slow down every buildDemoData). */
  spec: () => DocumentSpec;
}

// ---------------------------------------------------------------------------------------------
// Input: one tenant's meetings and draft agenda
// ---------------------------------------------------------------------------------------------

export type Area = 'haupt' | 'finanzen' | 'bau' | 'soziales' | 'bildung' | 'jugend';

export interface ProposalTag {
  /** Same key = same proposal (template, title, quarter). */
  key: string;
  templateKey: string;
  kind: 'decision' | 'info' | 'motion';
  committeeDecides: boolean;
  title: string;
  area: Area;
  /** The faction that tabled a motion. */
  factionKey: string | null;
}

export interface DraftItem {
  /** demoUuid key of the agenda item */
  idKey: string;
  name: string;
  public: boolean;
  level: 1 | 2;
  result: string | null;
  /** `{ref}` stands for the reference of the item's own paper, `{ref:<paper key>}` for any paper's. */
  resolution: string | null;
  consultationId: string | null;
  proposal?: ProposalTag;
  /** A non-public Grundstücksangelegenheit (gets a non-public paper when near the reference date). */
  landMatter?: boolean;
  /** "Anfragen und Mitteilungen": Anfragen and Mitteilungen are its sub-items. */
  questionsItem?: boolean;
}

export interface DraftMeeting {
  id: string;
  key: string;
  organizationId: string;
  isCouncil: boolean;
  /** days since 1970-01-01 (civil date in Berlin) */
  day: number;
  held: boolean;
  cancelled: boolean;
  items: DraftItem[];
}

export interface ContentBody {
  organizationId: string;
  name: string;
  /** "Der Bauausschuss" */
  nominative: string;
  isCouncil: boolean;
}

export interface ContentFaction {
  key: string;
  organizationId: string;
  name: string;
  /** Current members, chair first. */
  members: ReadonlyArray<{ personId: string; name: string; female: boolean }>;
}

export interface ContentInput {
  slug: string;
  tenantId: string;
  authority: string;
  scope: 'county' | 'town';
  head: { personId: string; name: string; role: string; genitive: string };
  council: ContentBody;
  bodies: readonly ContentBody[];
  factions: readonly ContentFaction[];
  villages: readonly string[];
  streets: readonly string[];
  schools: readonly string[];
  /** Voting members of the council (for the votes of decisions added to its agendas). */
  councilSeats: number;
  /** Meetings in start order. */
  meetings: DraftMeeting[];
  refDay: number;
  /** First day with meetings. */
  windowStartDay: number;
}

export interface ContentRows {
  paper_types: PaperTypeRow[];
  paper_number_counters: PaperNumberCounterRow[];
  papers: PaperRow[];
  paper_originator_persons: PaperOriginatorPersonRow[];
  paper_originator_organizations: PaperOriginatorOrganizationRow[];
  paper_relations: PaperRelationRow[];
  consultations: ConsultationRow[];
  files: FileRow[];
  documents: DemoDocument[];
}

// ---------------------------------------------------------------------------------------------
// Paper types
// ---------------------------------------------------------------------------------------------

export const PAPER_TYPES = [
  { abbr: 'BV', name: 'Beschlussvorlage', perYear: 150 },
  { abbr: 'IV', name: 'Informationsvorlage', perYear: 60 },
  { abbr: 'A', name: 'Antrag', perYear: 30 },
  { abbr: 'AF', name: 'Anfrage', perYear: 40 },
  { abbr: 'M', name: 'Mitteilung', perYear: 30 },
] as const;
export type PaperTypeAbbr = (typeof PAPER_TYPES)[number]['abbr'];
export const NUMBER_FORMAT = '{abbr}/{seq}/{year}';
export const SEQUENCE_DIGITS = 4;

export function formatReference(abbr: string, seq: number, year: number): string {
  return NUMBER_FORMAT.replace('{abbr}', abbr).replace('{seq}', String(seq).padStart(SEQUENCE_DIGITS, '0')).replace('{year}', String(year));
}

/** Papers exist for proposals first deliberated up to this many days after the reference date. */
export const PAPER_HORIZON_DAYS = 42;

// ---------------------------------------------------------------------------------------------
// Building
// ---------------------------------------------------------------------------------------------

const DAY_MS = 86_400_000;
const isoDay = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);
const germanDate = (day: number) => {
  const [y, m, d] = isoDay(day).split('-');
  return `${d}.${m}.${y}`;
};
const yearOf = (day: number) => new Date(day * DAY_MS).getUTCFullYear();
const monthOf = (day: number) => new Date(day * DAY_MS).getUTCMonth() + 1;

interface Step {
  organizationId: string;
  role: string;
  authoritative: boolean;
  /** On an agenda: the meeting and the item. */
  meeting: DraftMeeting | null;
  item: DraftItem | null;
}

interface PaperRec {
  key: string;
  abbr: PaperTypeAbbr;
  name: string;
  day: number;
  public: boolean;
  status: PaperStatus;
  department: string | null;
  area: Area | null;
  templateKey: string;
  steps: Step[];
  originatorPersons: string[];
  originatorOrganizations: string[];
  original: PaperRec | null;
  derivation: 'amendment' | 'supplement' | null;
  /** For Anträge and Anfragen: who signs. */
  signer: { name: string; role: string } | null;
  factionName: string | null;
  reference?: string;
  year?: number;
  seq?: number;
  id: string;
}

const DEPARTMENTS: Record<'county' | 'town', Record<Area, string>> = {
  town: {
    haupt: 'Hauptamt', finanzen: 'Kämmerei', bau: 'Bauamt', soziales: 'Amt für Bildung, Soziales und Kultur',
    bildung: 'Amt für Bildung, Soziales und Kultur', jugend: 'Amt für Bildung, Soziales und Kultur',
  },
  county: {
    haupt: 'Hauptamt', finanzen: 'Kämmerei', bau: 'Bauordnungs- und Planungsamt', soziales: 'Sozialamt',
    bildung: 'Schulverwaltungs- und Kulturamt', jugend: 'Jugendamt',
  },
};

export function buildCouncilContent(input: ContentInput): ContentRows {
  const { slug, tenantId, refDay } = input;
  const horizon = refDay + PAPER_HORIZON_DAYS;
  const bodyById = new Map(input.bodies.map((b) => [b.organizationId, b]));
  const papers: PaperRec[] = [];
  const paperOf = new Map<DraftItem, PaperRec>();
  const newPaper = (p: Omit<PaperRec, 'id'>): PaperRec => {
    const rec = { ...p, id: demoUuid(p.key) };
    papers.push(rec);
    return rec;
  };
  const paperDay = (firstDay: number, key: string, lead: number, spread: number) => Math.min(refDay, firstDay - lead - (hashInt(`${key}/date`) % spread));
  const factionByKey = new Map(input.factions.map((f) => [f.key, f]));

  // --- proposals → papers with paths ------------------------------------------------------------
  const open = new Map<string, { paper: PaperRec; closed: boolean; orgs: Set<string> }>();
  const generation = new Map<string, number>();
  for (const m of input.meetings) {
    if (m.cancelled) continue;
    for (const item of m.items) {
      const tag = item.proposal;
      if (!tag) continue;
      let group = open.get(tag.key);
      if (group && (group.closed || group.orgs.has(m.organizationId))) group = undefined;
      if (!group) {
        if (m.day > horizon) continue;
        const n = (generation.get(tag.key) ?? 0) + 1;
        generation.set(tag.key, n);
        const key = `${slug}/paper/${tag.key}${n > 1 ? `/${n}` : ''}`;
        const faction = tag.factionKey ? factionByKey.get(tag.factionKey) : undefined;
        const abbr: PaperTypeAbbr = tag.kind === 'decision' ? 'BV' : tag.kind === 'info' ? 'IV' : 'A';
        const chair = faction?.members[0];
        const paper = newPaper({
          key, abbr, name: tag.title, day: paperDay(m.day, key, 12, 18), public: true, status: 'released',
          department: tag.kind === 'motion' ? null : DEPARTMENTS[input.scope][tag.area], area: tag.area, templateKey: tag.templateKey,
          steps: [],
          originatorPersons: tag.kind === 'motion' ? (chair ? [chair.personId] : []) : [input.head.personId],
          originatorOrganizations: faction ? [faction.organizationId] : [],
          original: null, derivation: null,
          signer: tag.kind === 'motion' && chair ? { name: chair.name, role: chair.female ? 'Fraktionsvorsitzende' : 'Fraktionsvorsitzender' } : null,
          factionName: faction?.name ?? null,
        });
        group = { paper, closed: false, orgs: new Set() };
        open.set(tag.key, group);
      }
      const deciding = tag.kind !== 'info' && (m.isCouncil || tag.committeeDecides);
      group.paper.steps.push({
        organizationId: m.organizationId,
        role: tag.kind === 'info' ? 'Kenntnisnahme' : deciding ? 'Entscheidung' : 'Vorberatung',
        authoritative: deciding,
        meeting: m,
        item,
      });
      group.orgs.add(m.organizationId);
      if (deciding) group.closed = true;
      paperOf.set(item, group.paper);
    }
  }
  // A committee's recommendation goes to the council: onto the agenda of its next meeting (a few
  // per meeting, added before "Anfragen und Mitteilungen"), or, when that meeting lies beyond the
  // paper horizon, as a planned step not yet on any agenda (what a clerk schedules next).
  const added = new Map<DraftMeeting, number>();
  const councilAhead = input.meetings.filter((m) => m.isCouncil && !m.cancelled && m.day <= horizon);
  for (const p of papers) {
    if (p.abbr === 'IV' || p.steps.some((s) => s.authoritative)) continue;
    const lastDay = Math.max(...p.steps.map((s) => s.meeting?.day ?? 0));
    const m = councilAhead.find((c) => c.day >= lastDay + 7 && (added.get(c) ?? 0) < 3);
    let item: DraftItem | null = null;
    if (m) {
      added.set(m, (added.get(m) ?? 0) + 1);
      const k = `${p.key}/council`;
      let result: string | null = null;
      let resolution: string | null = null;
      if (m.held) {
        const unanimous = hashFrac(`${k}/unanimous`) < 0.45;
        const present = input.councilSeats - (hashInt(`${k}/absent`) % 4);
        const no = unanimous ? 0 : 1 + (hashInt(`${k}/no`) % Math.max(1, Math.floor(present / 3)));
        const abstain = unanimous ? 0 : hashInt(`${k}/abstain`) % 3;
        result = unanimous ? 'einstimmig beschlossen' : 'mehrheitlich beschlossen';
        const what = p.abbr === 'A' ? 'den Antrag {ref}' : 'gemäß Beschlussvorlage {ref}';
        resolution = `${input.council.nominative} beschließt ${what}.\nAbstimmungsergebnis: ${present - no - abstain} Ja, ${no} Nein, ${abstain} ${abstain === 1 ? 'Enthaltung' : 'Enthaltungen'}`;
      }
      item = { idKey: `${m.key}/item/decision/${p.key}`, name: p.name, public: true, level: 1, consultationId: null, result, resolution };
      const at = m.items.findIndex((i) => i.questionsItem);
      m.items.splice(at < 0 ? m.items.length : at, 0, item);
      paperOf.set(item, p);
    }
    p.steps.push({ organizationId: input.council.organizationId, role: 'Entscheidung', authoritative: true, meeting: m ?? null, item });
  }

  // --- Anfragen and Mitteilungen under "Anfragen und Mitteilungen" of council meetings ----------
  const councilMeetings = input.meetings.filter((m) => m.isCouncil && !m.cancelled && m.day <= horizon);
  // the last council meeting before the reference date has both, so every authority shows them
  const surely = councilMeetings.filter((m) => m.day <= refDay).at(-1) ?? councilMeetings[0];
  for (const m of councilMeetings) {
    const parentIndex = m.items.findIndex((i) => i.questionsItem);
    if (parentIndex < 0) continue;
    const subItems: DraftItem[] = [];
    if (m === surely || hashFrac(`${m.key}/anfrage?`) < 0.55) {
      const faction = pick(input.factions, `${m.key}/anfrage/faction`);
      const asker = faction.members[hashInt(`${m.key}/anfrage/asker`) % faction.members.length];
      const topic = fillPlace(pick(input.scope === 'county' ? COUNTY_QUESTIONS : TOWN_QUESTIONS, `${m.key}/anfrage/topic`), input, `${m.key}/anfrage`);
      const key = `${slug}/paper/anfrage/${isoDay(m.day)}`;
      const paper = newPaper({
        key, abbr: 'AF', name: `Anfrage der ${faction.name}: ${topic}`, day: paperDay(m.day, key, 14, 10), public: true, status: 'released',
        department: null, area: null, templateKey: 'anfrage', steps: [],
        originatorPersons: asker ? [asker.personId] : [], originatorOrganizations: [faction.organizationId], original: null, derivation: null,
        signer: asker ? { name: asker.name, role: 'Mitglied des Rates' } : null, factionName: faction.name,
      });
      const item: DraftItem = {
        idKey: `${m.key}/item/anfrage`, name: paper.name, public: true, level: 2, consultationId: null,
        result: m.held ? 'zur Kenntnis genommen' : null,
        resolution: m.held ? 'Die Anfrage {ref} wurde in der Sitzung beantwortet; die schriftliche Antwort ist der Niederschrift beigefügt.' : null,
      };
      paper.steps.push({ organizationId: m.organizationId, role: 'Beantwortung', authoritative: false, meeting: m, item });
      paperOf.set(item, paper);
      subItems.push(item);
    }
    if (m === surely || hashFrac(`${m.key}/mitteilung?`) < 0.4) {
      const topic = fillPlace(pick(input.scope === 'county' ? COUNTY_NOTICES : TOWN_NOTICES, `${m.key}/mitteilung/topic`), input, `${m.key}/mitteilung`);
      const key = `${slug}/paper/mitteilung/${isoDay(m.day)}`;
      const paper = newPaper({
        key, abbr: 'M', name: `Mitteilung ${input.head.genitive}: ${topic}`, day: paperDay(m.day, key, 6, 6), public: true, status: 'released',
        department: DEPARTMENTS[input.scope].haupt, area: 'haupt', templateKey: 'mitteilung', steps: [],
        originatorPersons: [input.head.personId], originatorOrganizations: [], original: null, derivation: null, signer: null, factionName: null,
      });
      const item: DraftItem = {
        idKey: `${m.key}/item/mitteilung`, name: paper.name, public: true, level: 2, consultationId: null,
        result: m.held ? 'zur Kenntnis genommen' : null,
        resolution: m.held ? `${input.council.nominative} nimmt die Mitteilung {ref} zur Kenntnis.` : null,
      };
      paper.steps.push({ organizationId: m.organizationId, role: 'Kenntnisnahme', authoritative: false, meeting: m, item });
      paperOf.set(item, paper);
      subItems.push(item);
    }
    m.items.splice(parentIndex + 1, 0, ...subItems);
  }

  // --- Änderungsanträge and an Ergänzung: sub-items under their original's council item ---------
  const councilDecided = papers
    .filter((p) => p.abbr === 'BV' && p.public)
    .map((p) => ({ p, step: p.steps.find((s) => s.authoritative && s.meeting?.isCouncil && s.item) }))
    .filter((x): x is { p: PaperRec; step: Step & { meeting: DraftMeeting; item: DraftItem } } => x.step !== undefined && x.step.meeting !== null && x.step.item !== null)
    .filter((x) => x.step.meeting.day - 5 <= refDay);
  const byDistance = [...councilDecided].sort((a, b) => Math.abs(a.step.meeting.day - refDay) - Math.abs(b.step.meeting.day - refDay) || a.p.key.localeCompare(b.p.key));
  const chosenOriginals = new Set<PaperRec>();
  const underOriginal = (step: Step & { meeting: DraftMeeting; item: DraftItem }, item: DraftItem) => {
    const items = step.meeting.items;
    let at = items.indexOf(step.item) + 1;
    while (at < items.length && items[at].level === 2) at++;
    items.splice(at, 0, item);
  };
  // one decided already (past), one still ahead, where the data has them
  const pastOriginal = byDistance.find((x) => x.step.meeting.held);
  const upcomingOriginal = byDistance.find((x) => !x.step.meeting.held);
  for (const [n, x] of [pastOriginal, upcomingOriginal].entries()) {
    if (!x) continue;
    chosenOriginals.add(x.p);
    const faction = pick(input.factions.filter((f) => f.members.length > 0), `${x.p.key}/amendment/faction`);
    const chair = faction.members[0];
    const key = `${x.p.key}/amendment`;
    const held = x.step.meeting.held;
    const adopted = hashFrac(`${key}/adopted`) < 0.4;
    const paper = newPaper({
      key, abbr: 'A', name: `Änderungsantrag der ${faction.name} zur Beschlussvorlage {ref:${x.p.key}}`, day: paperDay(x.step.meeting.day, key, 3, 4),
      public: true, status: 'released', department: null, area: x.p.area, templateKey: 'amendment', steps: [],
      originatorPersons: [chair.personId], originatorOrganizations: [faction.organizationId], original: x.p, derivation: 'amendment',
      signer: { name: chair.name, role: chair.female ? 'Fraktionsvorsitzende' : 'Fraktionsvorsitzender' }, factionName: faction.name,
    });
    const item: DraftItem = {
      idKey: `${x.step.meeting.key}/item/amendment/${n + 1}`, name: paper.name, public: true, level: 2, consultationId: null,
      result: held ? (adopted ? 'mehrheitlich beschlossen' : 'abgelehnt') : null,
      resolution: held ? `${input.council.nominative} ${adopted ? 'beschließt' : 'lehnt'} den Änderungsantrag {ref}${adopted ? '' : ' ab'}.` : null,
    };
    paper.steps.push({ organizationId: x.step.meeting.organizationId, role: 'Entscheidung', authoritative: true, meeting: x.step.meeting, item });
    paperOf.set(item, paper);
    underOriginal(x.step, item);
  }
  const supplementOf = byDistance.find((x) => !chosenOriginals.has(x.p) && !x.step.meeting.held) ?? byDistance.find((x) => !chosenOriginals.has(x.p));
  if (supplementOf) {
    const x = supplementOf;
    const key = `${x.p.key}/supplement`;
    const held = x.step.meeting.held;
    const paper = newPaper({
      key, abbr: 'BV', name: `Ergänzung zur Beschlussvorlage {ref:${x.p.key}}: ${x.p.name}`.slice(0, 500), day: paperDay(x.step.meeting.day, key, 2, 3),
      public: true, status: 'released', department: x.p.department, area: x.p.area, templateKey: 'supplement', steps: [],
      originatorPersons: [input.head.personId], originatorOrganizations: [], original: x.p, derivation: 'supplement', signer: null, factionName: null,
    });
    const item: DraftItem = {
      idKey: `${x.step.meeting.key}/item/supplement`, name: paper.name, public: true, level: 2, consultationId: null,
      result: held ? 'zur Kenntnis genommen' : null,
      resolution: held ? `${input.council.nominative} nimmt die Ergänzung {ref} zur Kenntnis.` : null,
    };
    paper.steps.push({ organizationId: x.step.meeting.organizationId, role: 'Kenntnisnahme', authoritative: false, meeting: x.step.meeting, item });
    paperOf.set(item, paper);
    underOriginal(x.step, item);
  }

  // --- non-public papers: Grundstücksangelegenheiten near the reference date --------------------
  const land = input.meetings
    .filter((m) => !m.cancelled && m.day <= horizon)
    .flatMap((m) => m.items.filter((i) => i.landMatter).map((item) => ({ m, item })))
    .sort((a, b) => Math.abs(a.m.day - refDay) - Math.abs(b.m.day - refDay) || a.item.idKey.localeCompare(b.item.idKey))
    .slice(0, 2);
  for (const [i, { m, item }] of land.entries()) {
    const key = `${slug}/paper/non-public/${item.idKey}`;
    // The first one carries the non-public marker: it must never reach the public (README).
    if (i === 0) item.name = `${item.name} (${NON_PUBLIC_MARKER})`;
    const paper = newPaper({
      key, abbr: 'BV', name: item.name, day: paperDay(m.day, key, 10, 10), public: false, status: 'released',
      department: DEPARTMENTS[input.scope].finanzen, area: 'finanzen', templateKey: 'land', steps: [],
      originatorPersons: [input.head.personId], originatorOrganizations: [], original: null, derivation: null, signer: null, factionName: null,
    });
    paper.steps.push({ organizationId: m.organizationId, role: 'Entscheidung', authoritative: true, meeting: m, item });
    paperOf.set(item, paper);
  }

  // --- drafts: in the office, not on any agenda -------------------------------------------------
  for (const [i, d] of (input.scope === 'county' ? COUNTY_DRAFTS : TOWN_DRAFTS).entries()) {
    const key = `${slug}/paper/draft/${i + 1}`;
    newPaper({
      key, abbr: d.abbr, name: d.name, day: refDay - 1 - i * 3, public: true, status: 'draft', department: DEPARTMENTS[input.scope][d.area],
      area: d.area, templateKey: 'draft', steps: [], originatorPersons: [input.head.personId], originatorOrganizations: [], original: null,
      derivation: null, signer: null, factionName: null,
    });
  }

  // --- numbers: per type and year in date order; the first year continues a running count -------
  const firstYear = yearOf(input.windowStartDay - 30);
  const firstMonth = monthOf(input.windowStartDay - 30);
  const byTypeYear = new Map<string, PaperRec[]>();
  for (const p of papers) {
    const k = `${p.abbr}/${yearOf(p.day)}`;
    byTypeYear.set(k, [...(byTypeYear.get(k) ?? []), p]);
  }
  const paper_types: PaperTypeRow[] = PAPER_TYPES.map((t, i) => ({
    id: demoUuid(`${slug}/paper-type/${t.abbr}`), tenant_id: tenantId, name: t.name, abbreviation: t.abbr,
    number_format: NUMBER_FORMAT, sequence_digits: SEQUENCE_DIGITS, sort_order: (i + 1) * 10,
  }));
  const typeId = (abbr: string) => demoUuid(`${slug}/paper-type/${abbr}`);
  const paper_number_counters: PaperNumberCounterRow[] = [];
  for (const [k, list] of [...byTypeYear.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const [abbr, yearText] = k.split('/');
    const year = Number(yearText);
    const perYear = PAPER_TYPES.find((t) => t.abbr === abbr)?.perYear ?? 30;
    let seq = year === firstYear ? 1 + Math.floor(((firstMonth - 1) / 12) * perYear) : 1;
    for (const p of list.sort((a, b) => a.day - b.day || a.key.localeCompare(b.key))) {
      p.year = year;
      p.seq = seq++;
      p.reference = formatReference(abbr, p.seq, year);
    }
    paper_number_counters.push({ id: demoUuid(`${slug}/paper-counter/${abbr}/${year}`), tenant_id: tenantId, paper_type_id: typeId(abbr), year, last_value: seq - 1 });
  }
  const refByKey = new Map(papers.map((p) => [p.key, p.reference ?? '']));
  const fill = (s: string, own: PaperRec | undefined) =>
    s.replace(/\{ref:([^}]+)\}/g, (_, k: string) => refByKey.get(k) ?? '').replaceAll('{ref}', own?.reference ?? '');
  for (const p of papers) p.name = fill(p.name, p);

  // --- agenda items follow their papers ----------------------------------------------------------
  const consultations: ConsultationRow[] = [];
  for (const p of papers) {
    p.steps.forEach((s, i) => {
      const id = demoUuid(`${p.key}/consultation/${i + 1}`);
      consultations.push({ id, tenant_id: tenantId, paper_id: p.id, organization_id: s.organizationId, position: i + 1, authoritative: s.authoritative, role: s.role });
      if (s.item) s.item.consultationId = id;
    });
  }
  for (const m of input.meetings) {
    for (const item of m.items) {
      const own = paperOf.get(item);
      item.name = fill(item.name, own);
      if (item.resolution) item.resolution = fill(item.resolution, own);
    }
  }

  // --- rows ---------------------------------------------------------------------------------------
  const paperRows: PaperRow[] = [];
  const paper_originator_persons: PaperOriginatorPersonRow[] = [];
  const paper_originator_organizations: PaperOriginatorOrganizationRow[] = [];
  const files: FileRow[] = [];
  const documents: DemoDocument[] = [];
  const addFile = (
    key: string, owner: { paper_id?: string; agenda_item_id?: string }, name: string, fileName: string, isPublic: boolean, sort: number, spec: () => DocumentSpec,
  ): FileRow => {
    const row: FileRow = {
      id: demoUuid(`${key}`), tenant_id: tenantId, name, public: isPublic, paper_id: owner.paper_id ?? null, meeting_id: null,
      agenda_item_id: owner.agenda_item_id ?? null, person_id: null, sort_order: sort, current_version: 1,
    };
    files.push(row);
    documents.push({
      tenant_id: tenantId, file_id: row.id, version_id: demoUuid(`${key}/v1`), number: 1, file_name: fileName,
      storage_key: `${tenantId}/${demoUuid(`${key}/v1/blob`)}`, uploaded_by_name: 'Sitzungsdienst', spec,
    });
    return row;
  };

  let plans = 0;
  let scans = 0;
  let markerFile = false;
  const sorted = [...papers].sort((a, b) => a.day - b.day || a.key.localeCompare(b.key));
  for (const p of sorted) {
    const typeName = PAPER_TYPES.find((t) => t.abbr === p.abbr)?.name ?? p.abbr;
    const ref = p.reference ?? '';
    const annexes: string[] = [];
    const wantsPlan = p.public && p.abbr === 'BV' && p.area === 'bau' && p.derivation === null && plans < 2 && p.status === 'released';
    const wantsScan = !wantsPlan && p.public && p.abbr === 'BV' && p.derivation === null && scans < 1 && p.status === 'released' && p.steps.some((s) => s.meeting?.held);
    if (wantsPlan) annexes.push('Anlage 1 – Lageplan');
    if (wantsScan) annexes.push(`Anlage ${annexes.length + 1} – ${scanAnnexTitle(slug)} (Scan)`);
    const main = addFile(`${p.key}/file/main`, { paper_id: p.id }, p.derivation === 'amendment' ? 'Änderungsantrag' : p.derivation === 'supplement' ? 'Ergänzungsvorlage' : typeName,
      `${ref.replaceAll('/', '-')}.pdf`, p.public, 0, () => paperDocument(p, typeName, annexes, input, bodyById));
    if (wantsPlan) {
      plans++;
      addFile(`${p.key}/file/plan`, { paper_id: p.id }, 'Anlage 1 – Lageplan', 'Lageplan.png', true, 1, () => ({ kind: 'plan-png', key: `${p.key}/plan` }));
    }
    if (wantsScan) {
      scans++;
      const title = annexes[annexes.length - 1];
      const letter = scanLetter(slug, ref, p.name);
      addFile(`${p.key}/file/scan`, { paper_id: p.id }, title, 'Stellungnahme-Scan.pdf', true, annexes.length, () => ({
        kind: 'scan-pdf', key: `${p.key}/scan`, title, authority: letter.sender[0] ?? '', date: isoDay(p.day - 9), letter,
      }));
    }
    if (!markerFile && p.public && p.abbr === 'BV' && p.derivation === null && p.status === 'released') {
      // A non-public annex of a public paper, carrying the non-public marker in name and text.
      markerFile = true;
      const title = `Interner Vermerk ${NON_PUBLIC_MARKER}`;
      addFile(`${p.key}/file/internal-note`, { paper_id: p.id }, title, `Vermerk-${NON_PUBLIC_MARKER}.pdf`, false, 99, () => ({
        kind: 'text-pdf', key: `${p.key}/internal-note`, authority: input.authority, heading: 'Interner Vermerk', reference: ref, title: `${NON_PUBLIC_MARKER}: ${p.name}`,
        date: isoDay(p.day), header: [['Datum', germanDate(p.day)]],
        sections: [{ heading: 'Vermerk', paragraphs: [
          `Nur für den Dienstgebrauch. Die ${NON_PUBLIC_MARKER} enthält die Stellungnahmen der Fachämter und die Abwägung der Verwaltung zu dieser Vorlage.`,
          'Der Vermerk wird nicht veröffentlicht.',
        ] }],
        public: false,
      }));
    }
    if (!p.public) {
      // the plan of the plot goes with the non-public item itself, for the members who deliberate it
      const step = p.steps.find((s) => s.item);
      if (step?.item) {
        addFile(`${p.key}/file/item-plan`, { agenda_item_id: demoUuid(step.item.idKey) }, 'Lageplan des Grundstücks', 'Lageplan-Grundstueck.png', false, 0, () => ({ kind: 'plan-png', key: `${p.key}/item-plan` }));
      }
    }
    paperRows.push({
      id: p.id, tenant_id: tenantId, paper_type_id: typeId(p.abbr), reference: ref, reference_year: p.year ?? 0, reference_sequence: p.seq ?? 0,
      name: p.name.slice(0, 500), date: isoDay(p.day), public: p.public, status: p.status, responsible_department: p.department,
      main_file_id: main.id, original_paper_id: p.original?.id ?? null, derivation: p.derivation,
    });
    for (const person of new Set(p.originatorPersons)) paper_originator_persons.push({ id: demoUuid(`${p.key}/originator/person/${person}`), tenant_id: tenantId, paper_id: p.id, person_id: person });
    for (const org of new Set(p.originatorOrganizations)) paper_originator_organizations.push({ id: demoUuid(`${p.key}/originator/organization/${org}`), tenant_id: tenantId, paper_id: p.id, organization_id: org });
  }

  // related papers: the steps of one development plan (Aufstellung, Entwurf, Satzung)
  const paper_relations: PaperRelationRow[] = [];
  const plansByNumber = new Map<string, PaperRec[]>();
  for (const p of papers) {
    const no = p.templateKey.startsWith('bplan-') ? /Bebauungsplan Nr\. (\d+)/.exec(p.name)?.[1] : undefined;
    if (no) plansByNumber.set(no, [...(plansByNumber.get(no) ?? []), p]);
  }
  for (const list of plansByNumber.values()) {
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const [a, b] = [list[i].id, list[j].id].sort();
        paper_relations.push({ id: demoUuid(`${slug}/paper-relation/${a}/${b}`), tenant_id: tenantId, paper_id: a, related_paper_id: b });
      }
    }
  }

  return {
    paper_types, paper_number_counters, papers: paperRows, paper_originator_persons, paper_originator_organizations, paper_relations,
    consultations, files, documents,
  };
}

// ---------------------------------------------------------------------------------------------
// Document texts
// ---------------------------------------------------------------------------------------------

function fillPlace(s: string, input: ContentInput, key: string): string {
  if (!s.includes('{')) return s;
  return s
    .replace('{village}', () => pick(input.villages, `${key}/village`))
    .replace('{street}', () => pick(input.streets, `${key}/street`))
    .replace('{school}', () => pick(input.schools, `${key}/school`));
}

function paperDocument(p: PaperRec, typeName: string, annexes: readonly string[], input: ContentInput, bodies: Map<string, ContentBody>): DocumentSpec {
  const ref = p.reference ?? '';
  const header: HeaderField[] = [['Datum', germanDate(p.day)]];
  if (p.department) header.push(['Federführend', p.department]);
  if (p.factionName) header.push(['Einreicher', p.factionName]);
  header.push(['Status', p.public ? 'öffentlich' : 'nichtöffentlich']);
  const table: string[][] = [['Gremium', 'Sitzung', 'Zuständigkeit']];
  for (const s of p.steps) table.push([bodies.get(s.organizationId)?.name ?? '', s.meeting ? germanDate(s.meeting.day) : 'noch nicht terminiert', s.role]);
  const deciding = bodies.get(p.steps.find((s) => s.authoritative)?.organizationId ?? '') ?? input.council;
  const k = (salt: string) => `${p.key}/text/${salt}`;
  /** `n` paragraphs of `pool` from a hashed starting point on; `skip` continues after earlier ones. */
  const paragraphs = (pool: readonly string[], n: number, salt: string, skip = 0) => {
    const out: string[] = [];
    const start = hashInt(k(salt)) % pool.length;
    for (let i = skip; i < Math.min(skip + n, pool.length); i++) out.push(fillPlace(pool[(start + i) % pool.length], input, k(`${salt}/${i}`)));
    return out;
  };
  const area = p.area ?? 'haupt';
  const facts = AREA_TEXT[area];
  const sections: Array<{ heading: string; paragraphs: string[] }> = [];
  let closing: string[] = [input.head.name, input.head.role];
  const long = p.abbr === 'BV' && p.public && hashFrac(k('long')) < 0.22;
  const original = p.original?.reference ?? '';

  if (p.derivation === 'amendment') {
    sections.push({ heading: 'Antrag', paragraphs: [
      `${deciding.nominative} möge beschließen: Der Beschlussvorschlag der Beschlussvorlage ${original} wird wie folgt geändert:`,
      pick(AMENDMENTS, k('amend')),
    ] });
    sections.push({ heading: 'Begründung', paragraphs: paragraphs(MOTION_REASONS, 2, 'reason') });
    closing = p.signer ? [p.signer.name, p.signer.role, p.factionName ?? ''] : closing;
  } else if (p.derivation === 'supplement') {
    sections.push({ heading: 'Ergänzung', paragraphs: [
      `Die Beschlussvorlage ${original} wird um die folgenden Angaben ergänzt, die sich nach ihrer Vorberatung ergeben haben.`,
      ...paragraphs(facts, 2, 'supplement'),
      'Der Beschlussvorschlag bleibt unverändert.',
    ] });
  } else if (p.abbr === 'BV' && !p.public) {
    sections.push({ heading: 'Beschlussvorschlag', paragraphs: [`${deciding.nominative} stimmt der Grundstücksangelegenheit „${p.name}“ zu den in der Anlage genannten Bedingungen zu.`] });
    sections.push({ heading: 'Sachverhalt', paragraphs: [
      `Der Kaufpreis beträgt ${(18 + (hashInt(k('price')) % 40)) * 1000} € (Bodenrichtwert zuzüglich Erschließungsanteil). Der Interessent hat die Finanzierung nachgewiesen.`,
      'Die Angelegenheit wird nach der Gemeindeordnung in nichtöffentlicher Sitzung beraten, weil schutzwürdige Interessen Einzelner berührt sind. Angaben zu Personen und Preisen sind vertraulich zu behandeln.',
    ] });
  } else if (p.abbr === 'BV') {
    sections.push({ heading: 'Beschlussvorschlag', paragraphs: [`${deciding.nominative} beschließt: ${p.name}. Die Verwaltung wird beauftragt, den Beschluss umzusetzen.`] });
    const told = 2 + (hashInt(k('n')) % 2);
    sections.push({ heading: 'Sachverhalt', paragraphs: paragraphs(facts, told, 'facts') });
    if (long) {
      sections.push({ heading: 'Begründung im Einzelnen', paragraphs: [...paragraphs(facts, facts.length, 'facts', told), ...paragraphs(GENERAL_TEXT, GENERAL_TEXT.length, 'general')] });
    }
    sections.push({ heading: 'Finanzielle Auswirkungen', paragraphs: [
      hashFrac(k('money?')) < 0.7
        ? `Die Mittel in Höhe von ${(5 + (hashInt(k('money')) % 180)) * 1000} € sind im Haushaltsplan ${yearOf(p.day)} veranschlagt. Eine überplanmäßige Ausgabe ist nicht erforderlich.`
        : 'Keine unmittelbaren Auswirkungen auf den Haushalt.',
    ] });
  } else if (p.abbr === 'IV') {
    sections.push({ heading: 'Information', paragraphs: [`Die Verwaltung informiert über: ${p.name}.`, ...paragraphs(facts, 2, 'facts')] });
  } else if (p.abbr === 'A') {
    sections.push({ heading: 'Antrag', paragraphs: [`${deciding.nominative} möge beschließen: ${p.name.replace(/^Antrag der [^:]+: /, '')}.`] });
    sections.push({ heading: 'Begründung', paragraphs: paragraphs(MOTION_REASONS, 2 + (hashInt(k('n')) % 2), 'reason') });
    closing = p.signer ? [p.signer.name, p.signer.role, p.factionName ?? ''] : closing;
  } else if (p.abbr === 'AF') {
    sections.push({ heading: 'Anfrage', paragraphs: ['Wir bitten die Verwaltung um die Beantwortung der folgenden Fragen:', ...paragraphs(QUESTIONS, 3, 'q').map((q, i) => `${i + 1}. ${q}`)] });
    closing = p.signer ? [p.signer.name, p.factionName ?? ''] : closing;
  } else {
    sections.push({ heading: 'Mitteilung', paragraphs: paragraphs(facts, 2, 'facts') });
  }
  if (annexes.length > 0) sections.push({ heading: 'Anlagen', paragraphs: [...annexes] });

  return {
    kind: 'text-pdf', key: p.key, authority: input.authority, heading: p.derivation === 'amendment' ? 'Änderungsantrag' : p.derivation === 'supplement' ? 'Ergänzungsvorlage' : typeName,
    reference: ref, title: p.name, date: isoDay(p.day), header, table: p.steps.length > 0 ? table : undefined, sections, closing, public: p.public,
  };
}

const GENERAL_TEXT = [
  'Die Verwaltung hat die Angelegenheit mit den beteiligten Fachämtern abgestimmt. Einwände wurden nicht erhoben; Hinweise der Träger öffentlicher Belange sind eingearbeitet.',
  'Die Beteiligung der Öffentlichkeit erfolgte über die Internetseite und durch Aushang. Es gingen sieben Stellungnahmen ein, deren Abwägung in der Anlage dargestellt ist.',
  'Zur Prüfung der Wirtschaftlichkeit wurden drei Varianten verglichen. Die vorgeschlagene Variante verursacht über die Nutzungsdauer die geringsten Kosten und ist förderfähig.',
  'Die Maßnahme fügt sich in das Integrierte Stadtentwicklungskonzept ein und berücksichtigt die Ziele des Klimaschutzkonzeptes, insbesondere die Senkung des Energieverbrauchs.',
  'Der Zeitplan sieht den Beginn der Arbeiten im Frühjahr vor. Einschränkungen für Anliegerinnen und Anlieger werden rechtzeitig bekannt gegeben.',
  'Über den Fortgang wird die Verwaltung in den zuständigen Ausschüssen regelmäßig berichten.',
  'Die Gleichstellungsbeauftragte und der Seniorenbeirat wurden beteiligt; ihre Anregungen zur Barrierefreiheit sind übernommen worden.',
  'Rechtsgrundlage ist das Kommunalverfassungsgesetz des Landes Sachsen-Anhalt (KVG LSA) in der derzeit gültigen Fassung.',
] as const;

const AREA_TEXT: Record<Area, readonly string[]> = {
  bau: [
    'Die Straße weist auf ganzer Länge Schäden an Fahrbahn, Gehwegen und Entwässerung auf. Die Tragfähigkeit des Unterbaus genügt den heutigen Anforderungen nicht mehr.',
    'Der Bebauungsplan soll die planungsrechtlichen Voraussetzungen für Wohnbebauung schaffen. Das Plangebiet grenzt im Norden an die {street} und ist über diese erschlossen.',
    'Die Ausschreibung erfolgte öffentlich nach VOB/A. Es wurden fünf Angebote abgegeben; das wirtschaftlichste Angebot liegt innerhalb der Kostenberechnung.',
    'Im Ortsteil {village} ist eine Verbesserung der Verkehrssicherheit für Fußgängerinnen, Fußgänger und Radfahrende dringend geboten.',
    'Die Planung berücksichtigt den Erhalt des Baumbestandes. Für unvermeidbare Fällungen werden Ersatzpflanzungen im Umfeld vorgenommen.',
  ],
  finanzen: [
    'Der Haushaltsplan ist in Erträgen und Aufwendungen ausgeglichen. Die Liquidität ist über das gesamte Jahr gesichert; Kassenkredite werden voraussichtlich nicht benötigt.',
    'Gegenüber dem Vorjahr steigen die Personalaufwendungen infolge der Tarifeinigung um rund vier Prozent. Die Sachaufwendungen bleiben nahezu unverändert.',
    'Die Grund- und Gewerbesteuer entwickeln sich stabil. Größere Unsicherheiten bestehen bei den Schlüsselzuweisungen des Landes und bei der Umlage.',
    'Die überplanmäßige Aufwendung ist unabweisbar. Die Deckung erfolgt durch Minderaufwendungen an anderer Stelle des Teilhaushaltes.',
  ],
  soziales: [
    'Die Nachfrage nach Plätzen in der Kindertagesbetreuung bleibt hoch. Besonders im Krippenbereich übersteigt die Zahl der Anmeldungen das Angebot.',
    'Die Vereine leisten einen wichtigen Beitrag zum Zusammenleben in den Ortsteilen. Die Förderung soll verlässlich und für alle nachvollziehbar sein.',
    'Der Seniorenbeirat regt an, die Sitzgelegenheiten entlang der Wege zum Friedhof und zum Ärztehaus zu ergänzen.',
    'Die Auslastung der Einrichtungen wurde zum Stichtag 1. März erhoben. Die Übersicht ist der Anlage zu entnehmen.',
  ],
  bildung: [
    'Die Schülerzahlen an den kreiseigenen Schulen sind in den vergangenen fünf Jahren leicht gestiegen. Für die Gymnasien wird ein weiterer Anstieg erwartet.',
    'Die Digitalisierung der Schulen kommt voran: Alle Unterrichtsräume sind an das Glasfasernetz angeschlossen, die Ausstattung mit Tafeln wird fortgesetzt.',
    'Die Sporthalle ist sanierungsbedürftig; Dach, Sanitäranlagen und Heizung entsprechen nicht mehr dem Stand der Technik.',
    'Die Förderung kultureller Projekte soll insbesondere kleineren Vereinen und Initiativen im ländlichen Raum zugutekommen.',
  ],
  jugend: [
    'Die Zahl der Hilfen zur Erziehung ist gegenüber dem Vorjahr leicht gesunken; die Kosten je Fall sind jedoch gestiegen.',
    'Die offene Kinder- und Jugendarbeit wird in allen Regionen des Landkreises angeboten. Die Träger berichten von einer hohen Nachfrage nach Ferienangeboten.',
    'Die Koordinierungsstelle Frühe Hilfen erreicht junge Familien vor allem über die Geburtskliniken und die Kinderärztinnen und Kinderärzte.',
    'Die Anerkennung als Träger der freien Jugendhilfe setzt voraus, dass der Träger gemeinnützige Ziele verfolgt und fachlich geeignet ist.',
  ],
  haupt: [
    'Die Änderung der Satzung ist erforderlich, weil sich die gesetzlichen Grundlagen geändert haben. Inhaltliche Änderungen darüber hinaus sind nicht vorgesehen.',
    'Die Freiwillige Feuerwehr ist auf eine zeitgemäße Ausstattung angewiesen. Das vorhandene Fahrzeug ist über dreißig Jahre alt und nicht mehr wirtschaftlich instand zu setzen.',
    'Der Breitbandausbau in den Ortsteilen ist weitgehend abgeschlossen. In {village} stehen noch einzelne Hausanschlüsse aus.',
    'Die Verwaltung schlägt vor, die Sitzungen künftig auch digital zugänglich zu machen, sofern die technischen und rechtlichen Voraussetzungen gegeben sind.',
  ],
};

const MOTION_REASONS = [
  'Viele Bürgerinnen und Bürger haben uns auf das Anliegen angesprochen. Eine Lösung ist mit überschaubarem Aufwand möglich.',
  'Vergleichbare Kommunen in Sachsen-Anhalt haben damit gute Erfahrungen gemacht. Die Kosten sind gering, der Nutzen für die Einwohnerschaft ist groß.',
  'Der Antrag greift eine Anregung aus der Einwohnerfragestunde auf. Die Verwaltung soll die Umsetzung prüfen und dem Rat bis zum Ende des Jahres berichten.',
  'Fördermittel des Landes können beantragt werden; die Frist endet im kommenden Frühjahr. Ein zügiger Beschluss ist deshalb geboten.',
] as const;

const AMENDMENTS = [
  'Im zweiten Absatz werden die Wörter „bis zum 31. Dezember“ durch die Wörter „bis zum 30. Juni des Folgejahres“ ersetzt.',
  'Es wird folgender Satz angefügt: „Der Ausschuss ist vor der Vergabe über die Kostenentwicklung zu unterrichten.“',
  'Die Maßnahme wird in zwei Bauabschnitten umgesetzt; der zweite Abschnitt steht unter dem Vorbehalt der Förderung.',
] as const;

const QUESTIONS = [
  'Wie viele Beschwerden sind zu diesem Thema in den letzten zwölf Monaten eingegangen?',
  'Welche Maßnahmen plant die Verwaltung, und bis wann sollen sie umgesetzt werden?',
  'Welche Kosten sind bisher entstanden, und aus welchen Mitteln werden sie gedeckt?',
  'Gibt es Fördermöglichkeiten des Landes oder des Bundes, und wurden sie genutzt?',
  'Wie ist der Stand der Gespräche mit den beteiligten Grundstückseigentümern?',
] as const;

const TOWN_QUESTIONS = [
  'Sachstand der Sanierung der {street}',
  'Parksituation in der {street}',
  'Wartezeiten auf einen Platz in der Kindertagesbetreuung',
  'Zustand der Spielplätze in {village}',
  'Stand der Digitalisierung der {school}',
  'Nutzung des Dorfgemeinschaftshauses {village}',
] as const;

const COUNTY_QUESTIONS = [
  'Unterrichtsausfall an der {school}',
  'Zustand der {street}',
  'Wartezeiten in der Kfz-Zulassungsstelle',
  'Hausärztliche Versorgung in {village}',
  'Ausbau des Mobilfunknetzes im ländlichen Raum',
] as const;

const TOWN_NOTICES = [
  'Ergebnis der Verkehrszählung in der {street}',
  'Fördermittelbescheid für die Sanierung der {school}',
  'Baustellen und Umleitungen im kommenden Quartal',
  'Ergebnis der Prüfung des Jahresabschlusses durch das Rechnungsprüfungsamt',
  'Termine der Ortschaftsräte und Bürgerversammlung in {village}',
] as const;

const COUNTY_NOTICES = [
  'Sachstand der Unterbringung Geflüchteter im Landkreis',
  'Fördermittelbescheid für den Radweg an der {street}',
  'Ergebnis der Prüfung des Jahresabschlusses durch das Rechnungsprüfungsamt',
  'Fahrplanänderungen im Busverkehr zum Jahreswechsel',
] as const;

const TOWN_DRAFTS: ReadonlyArray<{ abbr: PaperTypeAbbr; name: string; area: Area }> = [
  { abbr: 'BV', name: 'Neufassung der Friedhofssatzung und der Friedhofsgebührensatzung', area: 'haupt' },
  { abbr: 'IV', name: 'Bericht über die Umsetzung des Klimaschutzkonzeptes', area: 'bau' },
];

const COUNTY_DRAFTS: ReadonlyArray<{ abbr: PaperTypeAbbr; name: string; area: Area }> = [
  { abbr: 'BV', name: 'Neufassung der Verwaltungskostensatzung des Landkreises Jerichower Land', area: 'haupt' },
  { abbr: 'IV', name: 'Bericht über die Umsetzung des Kreisentwicklungskonzeptes', area: 'haupt' },
];
