import { suggestSlug } from './slug';

describe('suggestSlug', () => {
  it.each([
    ['Stadt Burg', 'stadt-burg'],
    ['Gemeinde Möser-Süd', 'gemeinde-moeser-sued'],
    ['Große Kreisstadt Weißenfels', 'grosse-kreisstadt-weissenfels'],
    ['  Landkreis   Jerichower Land ', 'landkreis-jerichower-land'],
    ['Verbandsgemeinde Elbe-Heide (Rogätz)', 'verbandsgemeinde-elbe-heide-rogaetz'],
    ['Ährenfeld', 'aehrenfeld'],
    ['Saint-Étienne', 'saint-etienne'],
    ['!!!', ''],
  ])('%s → %s', (name, slug) => {
    expect(suggestSlug(name)).toBe(slug);
  });

  it('stays within 63 characters without a trailing hyphen', () => {
    const slug = suggestSlug(`${'a'.repeat(62)} b`);
    expect(slug.length).toBeLessThanOrEqual(63);
    expect(slug.endsWith('-')).toBe(false);
  });
});
