/**
 * The demo's scanned letters: one per authority, a statement on one of its papers by a body of
 * the place (an Ortschaftsrat; for the county, the town of Burg), typed, printed and scanned.
 * demo-documents.mts draws the text and turns it into page images (pdftoppm), so the PDF holds no
 * text at all: only OCR (the worker's text extraction) can read it.
 *
 * Each letter names one thing that no other document of its authority mentions (a made-up field,
 * pond or street name: DEMO_SCAN_WORDS[slug].distinctive), so a search for that word finds the scan
 * and nothing else once the worker has read it. `words` are the letter's own words (of five
 * letters or more, from the fixed text, not from the paper's title or reference filled in), which
 * a test compares with the OCR output.
 */

export interface ScanLetter {
  /** Letterhead: the sender's name (bold), then its office and address. */
  sender: readonly string[];
  /** Address block. */
  recipient: readonly string[];
  /** Place for the date line ("Niegripp, 28.04.2026"). */
  place: string;
  /** Subject lines; `{ref}` and `{title}` are the paper's reference and title. */
  subject: readonly string[];
  salutation: string;
  paragraphs: readonly string[];
  /** Greeting, signer's name, signer's role. */
  closing: readonly string[];
}

interface LetterTemplate extends ScanLetter {
  /** The annex title on the paper, before " (Scan)". */
  annex: string;
  /** The word only this letter contains (search for it). */
  distinctive: string;
}

const SUBJECT = ['Beschlussvorlage {ref}', '„{title}“'];
const GREETING = 'Mit freundlichen Grüßen';

const LETTERS: Record<string, LetterTemplate> = {
  'landkreis-jerichower-land': {
    annex: 'Stellungnahme der Stadt Burg',
    distinctive: 'Rohrdommelweg',
    sender: ['Stadt Burg', 'Der Bürgermeister', 'In der Alten Kaserne 2, 39288 Burg'],
    recipient: ['Landkreis Jerichower Land', 'Der Landrat', 'Bahnhofstraße 9', '39288 Burg'],
    place: 'Burg',
    subject: ['Stellungnahme der Stadt Burg zur', ...SUBJECT],
    salutation: 'Sehr geehrte Damen und Herren,',
    paragraphs: [
      'die Stadt Burg hat die Beschlussvorlage geprüft. Der Hauptausschuss hat sie in seiner letzten Sitzung beraten und erhebt keine Einwände.',
      'Wir bitten, bei der weiteren Planung den Rohrdommelweg im Ortsteil Reesen zu berücksichtigen. Er ist die einzige Verbindung der Siedlung zur Kreisstraße und muss auch während der Bauzeit für Schulbusse und Rettungsdienst befahrbar bleiben.',
      'Für Rückfragen steht Ihnen das Bauordnungsamt der Stadt gern zur Verfügung.',
    ],
    closing: [GREETING, 'Bürgermeister der Stadt Burg'],
  },
  burg: {
    annex: 'Stellungnahme des Ortschaftsrates Niegripp',
    distinctive: 'Kiebitzwiese',
    sender: ['Ortschaftsrat Niegripp', 'Der Ortsbürgermeister', 'Am Seeufer 3, 39288 Burg OT Niegripp'],
    recipient: ['Stadt Burg', 'Der Bürgermeister', 'In der Alten Kaserne 2', '39288 Burg'],
    place: 'Niegripp',
    subject: ['Stellungnahme des Ortschaftsrates Niegripp zur', ...SUBJECT],
    salutation: 'Sehr geehrte Damen und Herren,',
    paragraphs: [
      'der Ortschaftsrat Niegripp hat die Beschlussvorlage in seiner letzten Sitzung beraten und empfiehlt dem Stadtrat, ihr zuzustimmen.',
      'Der Ortschaftsrat bittet, bei der Umsetzung die Kiebitzwiese am Niegripper See als Brutfläche und Rastplatz für Wiesenvögel zu erhalten. Baustelleneinrichtung und Lagerflächen sollen dort nicht zugelassen werden.',
      'Die Einwohner wurden in der Fragestunde gehört, Einwände wurden nicht erhoben. Der Beschluss wurde einstimmig gefasst.',
    ],
    closing: [GREETING, 'Ortsbürgermeister von Niegripp'],
  },
  genthin: {
    annex: 'Stellungnahme des Ortschaftsrates Fienerode',
    distinctive: 'Unkenpfuhl',
    sender: ['Ortschaftsrat Fienerode', 'Der Ortsbürgermeister', 'Dorfanger 7, 39307 Genthin OT Fienerode'],
    recipient: ['Stadt Genthin', 'Der Bürgermeister', 'Marktplatz 3', '39307 Genthin'],
    place: 'Fienerode',
    subject: ['Stellungnahme des Ortschaftsrates Fienerode zur', ...SUBJECT],
    salutation: 'Sehr geehrte Damen und Herren,',
    paragraphs: [
      'der Ortschaftsrat Fienerode hat die Beschlussvorlage in seiner letzten Sitzung beraten und empfiehlt dem Stadtrat, ihr zuzustimmen.',
      'Der Ortschaftsrat bittet, den Unkenpfuhl am nördlichen Ortsrand als Laichgewässer zu schützen. Der Weg dorthin soll nicht befestigt werden, und die angrenzende Hecke ist zu erhalten.',
      'Die Einwohner wurden in der Fragestunde gehört, Einwände wurden nicht erhoben. Der Beschluss wurde einstimmig gefasst.',
    ],
    closing: [GREETING, 'Ortsbürgermeister von Fienerode'],
  },
  gommern: {
    annex: 'Stellungnahme des Ortschaftsrates Leitzkau',
    distinctive: 'Bibergraben',
    sender: ['Ortschaftsrat Leitzkau', 'Die Ortsbürgermeisterin', 'Am Schloss 1, 39279 Gommern OT Leitzkau'],
    recipient: ['Stadt Gommern', 'Der Bürgermeister', 'Platz des Friedens 10', '39245 Gommern'],
    place: 'Leitzkau',
    subject: ['Stellungnahme des Ortschaftsrates Leitzkau zur', ...SUBJECT],
    salutation: 'Sehr geehrte Damen und Herren,',
    paragraphs: [
      'der Ortschaftsrat Leitzkau hat die Beschlussvorlage in seiner letzten Sitzung beraten und empfiehlt dem Stadtrat, ihr zuzustimmen.',
      'Der Ortschaftsrat bittet, den Bibergraben zwischen Leitzkau und Menz bei allen Arbeiten zu schonen. Ein Uferstreifen von zehn Metern soll frei bleiben, und der Durchlass unter dem Feldweg ist vor dem Winter zu reinigen.',
      'Die Einwohner wurden in der Fragestunde gehört, Einwände wurden nicht erhoben. Der Beschluss wurde einstimmig gefasst.',
    ],
    closing: [GREETING, 'Ortsbürgermeisterin von Leitzkau'],
  },
  'elbe-parey': {
    annex: 'Stellungnahme des Ortschaftsrates Güsen',
    distinctive: 'Fischotterbucht',
    sender: ['Ortschaftsrat Güsen', 'Der Ortsbürgermeister', 'Kanalstraße 2, 39317 Elbe-Parey OT Güsen'],
    recipient: ['Gemeinde Elbe-Parey', 'Die Bürgermeisterin', 'Ernst-Thälmann-Straße 15', '39317 Elbe-Parey'],
    place: 'Güsen',
    subject: ['Stellungnahme des Ortschaftsrates Güsen zur', ...SUBJECT],
    salutation: 'Sehr geehrte Damen und Herren,',
    paragraphs: [
      'der Ortschaftsrat Güsen hat die Beschlussvorlage in seiner letzten Sitzung beraten und empfiehlt dem Gemeinderat, ihr zuzustimmen.',
      'Der Ortschaftsrat bittet, die Fischotterbucht am Kanal bei Güsen von jeder Bebauung freizuhalten. Der Uferweg soll als Wanderweg erhalten bleiben, Angeln ist dort weiterhin nur vom Steg aus erlaubt.',
      'Die Einwohner wurden in der Fragestunde gehört, Einwände wurden nicht erhoben. Der Beschluss wurde einstimmig gefasst.',
    ],
    closing: [GREETING, 'Ortsbürgermeister von Güsen'],
  },
};

/** Words of five letters or more in the fixed parts of a letter (placeholders left out), in order of appearance. */
function wordsOf(letter: ScanLetter): string[] {
  const fixed = [...letter.sender, ...letter.recipient, ...letter.subject, letter.salutation, ...letter.paragraphs, ...letter.closing]
    .join('\n')
    .replace(/\{[a-z]+\}/g, ' ');
  const out: string[] = [];
  for (const w of fixed.split(/[^\p{L}]+/u)) if (w.length >= 5 && !out.includes(w)) out.push(w);
  return out;
}

/** Per authority (slug): the word only its scan contains, and the words OCR should read in it. */
export const DEMO_SCAN_WORDS: Readonly<Record<string, { distinctive: string; words: readonly string[] }>> = Object.fromEntries(
  Object.entries(LETTERS).map(([slug, l]) => [slug, { distinctive: l.distinctive, words: wordsOf(l) }]),
);

/** The annex title of the authority's scan ("Stellungnahme des Ortschaftsrates Niegripp"). */
export function scanAnnexTitle(slug: string): string {
  return letterTemplate(slug).annex;
}

/** The letter of the authority's scan, on the paper `reference` titled `title`. */
export function scanLetter(slug: string, reference: string, title: string): ScanLetter {
  const t = letterTemplate(slug);
  const fill = (s: string) => s.replaceAll('{ref}', reference).replaceAll('{title}', title);
  return {
    sender: t.sender, recipient: t.recipient, place: t.place, subject: t.subject.map(fill), salutation: t.salutation,
    paragraphs: t.paragraphs, closing: t.closing,
  };
}

function letterTemplate(slug: string): LetterTemplate {
  const t = LETTERS[slug];
  if (!t) throw new Error(`demo scans: no letter for the authority ${slug}`);
  return t;
}
