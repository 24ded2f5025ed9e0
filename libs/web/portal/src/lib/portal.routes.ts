import { Routes } from '@angular/router';
import { ArchivePage } from './pages/archive/archive-page';
import { LandingPage } from './pages/landing/landing-page';
import { MeetingPage } from './pages/meeting/meeting-page';
import { NotFoundPage } from './pages/not-found/not-found-page';
import { TenantHomePage } from './pages/tenant-home/tenant-home-page';
import { TenantLayout } from './pages/tenant-layout/tenant-layout';

/**
 * Routes of the public portal, to be lazy-loaded at the root path. Titles are translation keys
 * (see `TranslatedTitleStrategy`); pages refine them once names have loaded. Route parameters
 * are bound to component inputs (`withComponentInputBinding()`).
 *
 * t(title.landing, title.tenantPortal, title.meetingLoading, title.notFound, title.archiveLoading)
 */
export const portalRoutes: Routes = [
  { path: '', pathMatch: 'full', component: LandingPage, title: 'title.landing' },
  {
    path: ':tenant',
    component: TenantLayout,
    children: [
      { path: '', pathMatch: 'full', component: TenantHomePage, title: 'title.tenantPortal' },
      { path: 'sitzungen/:meetingId', component: MeetingPage, title: 'title.meetingLoading' },
      { path: 'archiv', component: ArchivePage, title: 'title.archiveLoading' },
      { path: 'archiv/:year', component: ArchivePage, title: 'title.archiveLoading' },
    ],
  },
  { path: '**', component: NotFoundPage, title: 'title.notFound' },
];
