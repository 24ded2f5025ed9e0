const REPLACEMENTS: Readonly<Record<string, string>> = { ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', å: 'a' };

/** Longest slug the contracts allow. */
export const MAX_SLUG_LENGTH = 63;

/**
 * Suggests a slug from an authority's name: lower case, German umlauts and ß transliterated
 * (ä → ae, ß → ss), other accents removed, everything else that is not a letter or digit becomes
 * a single hyphen. "Gemeinde Möser-Süd" → "gemeinde-moeser-sued".
 */
export function suggestSlug(name: string): string {
  const transliterated = name
    .toLowerCase()
    .replace(/[äöüßæœøå]/g, (char) => REPLACEMENTS[char] ?? char)
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '');
  const slug = transliterated.replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return slug.slice(0, MAX_SLUG_LENGTH).replace(/-+$/, '');
}
