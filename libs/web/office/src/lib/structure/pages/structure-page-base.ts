import { computed, effect, inject } from '@angular/core';
import { officeLink } from '@ratsinfo/web-auth';
import { type BreadcrumbItem, PageTitle } from '@ratsinfo/web-ui';
import { OfficeContext } from '../../office-context';

/**
 * What every structure page shares: the office context, whether the signed-in person may change
 * the structure (clerks and tenant admins; members read), breadcrumbs and the page title.
 */
export function structurePage(navKey: string, title: string | (() => { key: string; params?: Record<string, string> }), trail: () => BreadcrumbItem[] = () => []) {
  const context = inject(OfficeContext);
  const canEdit = computed(() => context.roles().includes('clerk') || context.roles().includes('tenant-admin'));
  const breadcrumbs = computed<readonly BreadcrumbItem[]>(() => [
    /** t(shell.nav.authorities, office.breadcrumb) */
    { labelKey: 'shell.nav.authorities', link: '/' },
    { label: context.tenantName(), link: ['/', context.slug()] },
    { labelKey: 'office.breadcrumb', link: officeLink(context.slug()) },
    ...(trail().some((item) => item.label) ? [{ labelKey: navKey, link: officeLink(context.slug(), ...navPath(navKey)) }, ...trail()] : [{ labelKey: navKey }]),
  ]);
  const pageTitle = inject(PageTitle);
  effect(() => {
    const { key, params } = typeof title === 'string' ? { key: title, params: {} } : title();
    pageTitle.set(key, { tenant: context.tenantName(), ...params });
  });
  return { context, canEdit, breadcrumbs };
}

/** t(structure.nav.organizations, structure.nav.persons, structure.nav.terms, structure.nav.locations) */
const PATHS: Readonly<Record<string, string[]>> = {
  'structure.nav.organizations': ['gremien'],
  'structure.nav.persons': ['personen'],
  'structure.nav.terms': ['wahlperioden'],
  'structure.nav.locations': ['orte'],
};

function navPath(navKey: string): string[] {
  return PATHS[navKey] ?? [];
}
