import { Route } from '@angular/router';
import { AREA_PATHS } from '@ratsinfo/web-auth';

/**
 * Each area is lazy-loaded into its own chunk. The signed-in areas come first: `/betrieb` (operator
 * console) and `/:tenant/verwaltung` (back office of an authority) would otherwise be taken for a
 * tenant slug or a portal page. Only these chunks load zod (form validation with the contracts'
 * schemas); the public portal stays without it.
 */
export const appRoutes: Route[] = [
  {
    path: AREA_PATHS.operator,
    loadChildren: () => import('@ratsinfo/web-operator').then((m) => m.operatorRoutes),
  },
  {
    path: `:tenant/${AREA_PATHS.office}`,
    loadChildren: () => import('@ratsinfo/web-office').then((m) => m.officeRoutes),
  },
  {
    path: '',
    loadChildren: () => import('@ratsinfo/web-portal').then((m) => m.portalRoutes),
  },
];
