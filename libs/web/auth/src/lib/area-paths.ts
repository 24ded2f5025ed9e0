/**
 * First path segments of the signed-in areas. `betrieb` is not among the contracts'
 * RESERVED_TENANT_SLUGS yet: the onboarding form rejects it as a slug (see web-operator).
 */
export const AREA_PATHS = {
  /** Operator console of the cooperative: `/betrieb`. */
  operator: 'betrieb',
  /** Back office of a member authority: `/:tenant/verwaltung`. */
  office: 'verwaltung',
} as const;

/** Router link into the back office of an authority, e.g. `['/', 'burg', 'verwaltung', 'sitzungen', id]`. */
export function officeLink(slug: string, ...rest: string[]): string[] {
  return ['/', slug, AREA_PATHS.office, ...rest];
}

/** Router link into the operator console. */
export function operatorLink(...rest: string[]): string[] {
  return ['/', AREA_PATHS.operator, ...rest];
}

/** True when the router URL lies in a signed-in area. */
export function isSignedInArea(url: string): boolean {
  const path = url.split(/[?#]/)[0];
  return publicPageFor(path) !== path;
}

/**
 * The public page to go to when leaving a signed-in area (after signing out): the authority's
 * portal for its back office, the start page for the operator console, the page itself otherwise.
 */
export function publicPageFor(url: string): string {
  const path = url.split(/[?#]/)[0];
  if (path === `/${AREA_PATHS.operator}` || path.startsWith(`/${AREA_PATHS.operator}/`)) return '/';
  const office = new RegExp(`^/([^/]+)/${AREA_PATHS.office}(/|$)`).exec(path);
  if (office) return `/${office[1]}`;
  return url;
}

/** An in-app path that is safe to navigate to after signing in (no scheme, no other host). */
export function safeReturnPath(value: string | null | undefined): string | null {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.includes('\\')) return null;
  return value;
}
