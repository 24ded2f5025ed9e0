import { Routes } from '@angular/router';
import { ResolutionPage } from './detail/resolution-page';
import { ResolutionListPage } from './list/resolution-list-page';

/**
 * Resolution tracking (Beschlusskontrolle) under `/:tenant/verwaltung` (children of the office layout).
 *
 * t(resolutions.title.list, resolutions.title.oneShort)
 */
export const resolutionRoutes: Routes = [
  { path: 'beschluesse', component: ResolutionListPage, title: 'resolutions.title.list' },
  { path: 'beschluesse/:resolutionId', component: ResolutionPage, title: 'resolutions.title.oneShort' },
];
