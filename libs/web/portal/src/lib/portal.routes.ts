import { Routes } from '@angular/router';
import { ArchivePage } from './pages/archive/archive-page';
import { LandingPage } from './pages/landing/landing-page';
import { MeetingPage } from './pages/meeting/meeting-page';
import { NotFoundPage } from './pages/not-found/not-found-page';
import { TenantHomePage } from './pages/tenant-home/tenant-home-page';
import { TenantLayout } from './pages/tenant-layout/tenant-layout';
import { OrganizationPage } from './pages/organization/organization-page';
import { OrganizationsPage } from './pages/organizations/organizations-page';
import { PaperPage } from './pages/paper/paper-page';
import { PapersPage } from './pages/papers/papers-page';
import { PersonPage } from './pages/person/person-page';
import { PersonsPage } from './pages/persons/persons-page';
import { SearchPage } from './pages/search/search-page';

/**
 * Routes of the public portal, to be lazy-loaded at the root path. Titles are translation keys
 * (see `TranslatedTitleStrategy`); pages refine them once names have loaded. Route parameters
 * are bound to component inputs (`withComponentInputBinding()`).
 *
 * t(title.landing, title.tenantPortal, title.meetingLoading, title.notFound, title.archiveLoading)
 * t(portalContent.title.papersRoute, portalContent.title.paperLoading, portalContent.title.organizationsRoute,
 *   portalContent.title.organizationLoading, portalContent.title.personsRoute, portalContent.title.personLoading)
 * t(portalSearch.title.route)
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
      // Query parameters of the list (q, typ, jahr) are bound to the page's inputs too.
      { path: 'vorlagen', component: PapersPage, title: 'portalContent.title.papersRoute' },
      { path: 'vorlagen/:paperId', component: PaperPage, title: 'portalContent.title.paperLoading' },
      { path: 'gremien', component: OrganizationsPage, title: 'portalContent.title.organizationsRoute' },
      { path: 'gremien/:organizationId', component: OrganizationPage, title: 'portalContent.title.organizationLoading' },
      { path: 'personen', component: PersonsPage, title: 'portalContent.title.personsRoute' },
      { path: 'personen/:personId', component: PersonPage, title: 'portalContent.title.personLoading' },
      // Query parameters (q, art, typ, gremium, von, bis, dateien) are bound to the page's inputs.
      { path: 'suche', component: SearchPage, title: 'portalSearch.title.route' },
    ],
  },
  { path: '**', component: NotFoundPage, title: 'title.notFound' },
];
