import type { ResolutionStatus } from '@ratsinfo/contracts';

/*
 * Translation keys of the resolution screens chosen at run time; the marker comments let
 * `nx run web:i18n-check` see them.
 */

/** Status in words ("offen", "in Umsetzung", "erledigt", "überholt"). */
export const RESOLUTION_STATUS_KEYS: Readonly<Record<ResolutionStatus, string>> = {
  /** t(resolutions.status.open, resolutions.status.in_progress, resolutions.status.done, resolutions.status.obsolete) */
  open: 'resolutions.status.open',
  in_progress: 'resolutions.status.in_progress',
  done: 'resolutions.status.done',
  obsolete: 'resolutions.status.obsolete',
};

/** KERN badge variant and icon per status: the words always go with it (never colour only). */
export const RESOLUTION_STATUS_BADGE: Readonly<Record<ResolutionStatus, { variant: string; icon: string }>> = {
  open: { variant: 'info', icon: 'info' },
  in_progress: { variant: 'warning', icon: 'autorenew' },
  done: { variant: 'success', icon: 'success' },
  obsolete: { variant: 'info', icon: 'close' },
};

/** A `YYYY-MM-DD` as a plain German (or English) date: `12.11.2026` / `12 Nov 2026`. */
export function plainDate(day: string | null | undefined, language: string): string {
  if (!day || !/^\d{4}-\d{2}-\d{2}$/.test(day)) return '';
  const [y, m, d] = day.split('-');
  if (language === 'en') return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));
  return `${d}.${m}.${y}`;
}
