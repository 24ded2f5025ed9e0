/**
 * German council vocabulary of the benchmark data (tools/bench/generate.mts) and of the search
 * queries the bench sends (tools/bench/public-reads.mts), so that queries hit what was generated.
 *
 * Compounds (prefix + suffix, ~1,500) are the specific words: each appears in a few per cent of
 * the documents, like "Radwegsanierung" in a real council's papers. The filler words appear in
 * almost every document, like "Verwaltung" or "Beschluss".
 */

export const COMPOUND_PREFIXES = [
  'Radweg', 'Straßen', 'Kita', 'Schul', 'Feuerwehr', 'Sport', 'Friedhofs', 'Spielplatz', 'Brücken', 'Kanal',
  'Wasser', 'Abwasser', 'Hochwasser', 'Deich', 'Wald', 'Park', 'Markt', 'Rathaus', 'Bürgerhaus', 'Bibliotheks',
  'Jugend', 'Senioren', 'Kultur', 'Museums', 'Bahnhofs', 'Bus', 'Parkplatz', 'Gewerbe', 'Wohnungs', 'Baugebiets',
  'Breitband', 'Glasfaser', 'Solar', 'Wind', 'Wärme', 'Energie', 'Klimaschutz', 'Lärmschutz', 'Denkmal', 'Dorf',
  'Ortsteil', 'Kreisstraßen', 'Gehweg', 'Beleuchtungs', 'Grünflächen', 'Baum', 'Abfall', 'Turnhallen', 'Schwimmbad', 'Mensa',
] as const;

export const COMPOUND_SUFFIXES = [
  'sanierung', 'planung', 'konzept', 'förderung', 'satzung', 'ausbau', 'neubau', 'erweiterung', 'unterhaltung', 'gebühren',
  'kosten', 'vertrag', 'gutachten', 'bedarf', 'entwicklung', 'beirat', 'programm', 'maßnahme', 'finanzierung', 'verwaltung',
  'beleuchtung', 'reinigung', 'ordnung', 'erschließung', 'umgestaltung', 'prüfung', 'anbindung', 'pflege', 'nutzung', 'bericht',
] as const;

export const STREETS = [
  'Hauptstraße', 'Bahnhofstraße', 'Schulstraße', 'Gartenstraße', 'Dorfstraße', 'Lindenallee', 'Mühlenweg', 'Am Markt', 'Kirchplatz', 'Parkstraße',
  'Breiter Weg', 'Magdeburger Straße', 'Berliner Chaussee', 'Am Mühlenteich', 'Rosenweg', 'Birkenweg', 'Feldstraße', 'Wiesenweg', 'Ringstraße', 'Friedensstraße',
  'Goethestraße', 'Schillerstraße', 'Am Anger', 'Uferstraße', 'Waldweg', 'Hohe Straße', 'Neue Straße', 'Poststraße', 'Zerbster Straße', 'Grabower Straße',
] as const;

export const FILLER_NOUNS = [
  'Verwaltung', 'Beschluss', 'Gemeinde', 'Stadt', 'Haushalt', 'Ausschuss', 'Vorlage', 'Antrag', 'Bürgermeister', 'Fraktion',
  'Haushaltsjahr', 'Mittel', 'Einwohner', 'Satzung', 'Landkreis', 'Förderbescheid', 'Ausschreibung', 'Angebot', 'Vergabe', 'Zuschuss',
] as const;

export const VERB_PHRASES = [
  'wird im Haushaltsjahr umgesetzt', 'ist dringend erforderlich', 'wurde vom Fachausschuss beraten', 'soll zeitnah ausgeschrieben werden',
  'wird aus Fördermitteln des Landes finanziert', 'ist im Investitionsprogramm vorgesehen', 'wurde in der Einwohnerversammlung vorgestellt',
  'erfordert eine überplanmäßige Ausgabe', 'ist mit dem Landkreis abgestimmt', 'wird durch ein Ingenieurbüro begleitet',
  'verzögert sich wegen gestiegener Baupreise', 'bedarf der Zustimmung des Rates', 'wurde von der Kommunalaufsicht geprüft',
  'ist Gegenstand einer Anfrage der Fraktion', 'wird im nächsten Quartal abgeschlossen',
] as const;

export const OPENERS = [
  'Nach Auffassung der Verwaltung', 'Im Ergebnis der Prüfung', 'Gemäß § 45 KVG LSA', 'Auf Grundlage des Ratsbeschlusses',
  'Wie in der letzten Sitzung berichtet', 'Aus Sicht des Fachbereichs', 'Unter Berücksichtigung der Stellungnahmen', 'Zur Sicherstellung der Haushaltsdisziplin',
] as const;

export const PAPER_SUBJECTS = [
  'Beschluss über die', 'Antrag zur', 'Anfrage zur', 'Information über die', 'Vergabe der Leistungen zur', 'Zustimmung zur',
  'Änderung der Planung zur', 'Sachstand zur', 'Fortschreibung der', 'Finanzierung der',
] as const;

export const COMMITTEES = [
  'Hauptausschuss', 'Finanzausschuss', 'Bauausschuss', 'Ausschuss für Bildung, Kultur und Soziales', 'Umweltausschuss',
  'Ausschuss für Wirtschaft und Tourismus', 'Ordnungs- und Sicherheitsausschuss', 'Jugendhilfeausschuss', 'Rechnungsprüfungsausschuss',
  'Ausschuss für Stadtentwicklung', 'Sportausschuss', 'Ausschuss für Feuerwehrangelegenheiten', 'Vergabeausschuss', 'Sozialausschuss',
  'Ortschaftsrat Nord', 'Ortschaftsrat Süd', 'Ortschaftsrat West', 'Ortschaftsrat Ost', 'Werksausschuss', 'Kulturbeirat',
  'Seniorenbeirat', 'Behindertenbeirat', 'Schulausschuss', 'Verkehrsausschuss', 'Klimabeirat', 'Wahlprüfungsausschuss',
] as const;

export const FACTIONS = [
  ['CDU-Fraktion', 'CDU'], ['SPD-Fraktion', 'SPD'], ['Fraktion BÜNDNIS 90/DIE GRÜNEN', 'GRÜNE'], ['FDP-Fraktion', 'FDP'],
  ['Fraktion DIE LINKE', 'LINKE'], ['Fraktion Freie Wähler', 'FW'], ['AfD-Fraktion', 'AfD'],
] as const;

export const GIVEN_NAMES = [
  'Anna', 'Peter', 'Sabine', 'Thomas', 'Katrin', 'Michael', 'Susanne', 'Andreas', 'Claudia', 'Frank', 'Petra', 'Jörg', 'Heike', 'Stefan',
  'Birgit', 'Matthias', 'Ute', 'Uwe', 'Kerstin', 'Ralf', 'Jana', 'Marco', 'Doreen', 'Sven', 'Anke', 'Dirk', 'Silke', 'René', 'Manuela', 'Torsten',
] as const;

export const FAMILY_NAMES = [
  'Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Meyer', 'Wagner', 'Becker', 'Schulz', 'Hoffmann', 'Schäfer', 'Koch', 'Bauer',
  'Richter', 'Klein', 'Wolf', 'Schröder', 'Neumann', 'Schwarz', 'Zimmermann', 'Braun', 'Krüger', 'Hofmann', 'Hartmann', 'Lange',
  'Schmitt', 'Werner', 'Krause', 'Meier', 'Lehmann', 'Schmid', 'Schulze', 'Maier', 'Köhler', 'Herrmann', 'König', 'Walter', 'Mayer',
  'Huber', 'Kaiser', 'Fuchs', 'Peters', 'Lang', 'Scholz', 'Möller', 'Weiß', 'Jung', 'Hahn', 'Schubert', 'Vogel', 'Friedrich', 'Keller',
] as const;

export const DEPARTMENTS = [
  'Fachbereich Bauen und Umwelt', 'Fachbereich Finanzen', 'Fachbereich Bürgerdienste', 'Amt für Bildung und Soziales',
  'Hauptamt', 'Ordnungsamt', 'Stadtplanungsamt', 'Kämmerei',
] as const;

export const PAPER_TYPES = [
  ['Beschlussvorlage', 'BV'], ['Antrag', 'A'], ['Anfrage', 'AF'], ['Informationsvorlage', 'IV'],
] as const;

/** All compounds, in a fixed order (the generator picks from this list by index). */
export const COMPOUNDS: readonly string[] = COMPOUND_PREFIXES.flatMap((p) => COMPOUND_SUFFIXES.map((s) => p + s));

/**
 * The n-th search query of the bench (n ≥ 0), all different for n < ~100,000, so that a run of
 * any length never asks the same thing twice (a repeated query could be a cache hit). The mix:
 * 6 of 10 one specific word, 2 of 10 a specific word with a street, 1 of 10 a frequent word with a
 * specific one, 1 of 10 a reference number.
 */
export function searchQuery(n: number): string {
  const c = COMPOUNDS.length;
  const kind = n % 10;
  const i = Math.floor(n / 10);
  // 7919 is prime, so j → j·7919 mod c visits every compound once per c steps.
  const pick = (j: number) => COMPOUNDS[(j * 7919) % c] ?? 'Radwegsanierung';
  if (kind < 6) {
    const j = i * 6 + kind;
    return j < c ? pick(j) : `${pick(j)} ${FILLER_NOUNS[Math.floor(j / c) % FILLER_NOUNS.length] ?? 'Stadt'}`;
  }
  if (kind < 8) {
    const j = i * 2 + kind - 6;
    return `${pick(j)} ${STREETS[j % STREETS.length] ?? 'Hauptstraße'}`;
  }
  if (kind === 8) return `${FILLER_NOUNS[Math.floor(i / c) % FILLER_NOUNS.length] ?? 'Verwaltung'} ${pick(i)}`;
  const [, abbr] = PAPER_TYPES[i % PAPER_TYPES.length] ?? ['Beschlussvorlage', 'BV'];
  return `${abbr}/${String(1 + (Math.floor(i / 4) % 300)).padStart(4, '0')}/${2017 + (Math.floor(i / 1200) % 10)}`;
}
