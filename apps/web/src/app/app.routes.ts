import { Route } from '@angular/router';

/** The public portal is the whole app for now; it is lazy-loaded so later areas get their own chunks. */
export const appRoutes: Route[] = [
  {
    path: '',
    loadChildren: () => import('@ratsinfo/web-portal').then((m) => m.portalRoutes),
  },
];
