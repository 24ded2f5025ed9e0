import { Routes } from '@angular/router';
import { SignInPage } from '@ratsinfo/web-auth';
import { officeAccessGuard } from './office-access.guard';
import { OfficeState } from './office-context';
import { paperRoutes } from './papers/papers.routes';
import { PaperTypesPage } from './papers/types/paper-types-page';
import { OfficeAttendancePage } from './pages/attendance/attendance-page';
import { resolutionRoutes } from './resolutions/resolutions.routes';
import { OfficeAuditPage } from './pages/audit/office-audit-page';
import { OfficeDeadLettersPage } from './pages/dead-letters/dead-letters-page';
import { DecisionsPage } from './pages/decisions/decisions-page';
import { OfficeExportPage } from './pages/export/export-page';
import { OfficeHomePage } from './pages/office-home/office-home-page';
import { OfficeLayout } from './pages/office-layout/office-layout';
import { OfficeLiveMeetingPage } from './pages/live/live-meeting-page';
import { OfficeMeetingNewPage } from './pages/meetings/meeting-new-page';
import { OfficeMeetingsPage } from './pages/meetings/meetings-page';
import { OfficeMeetingPage } from './pages/office-meeting/office-meeting-page';
import { memberRoutes } from './pages/members/member.routes';
import { OfficeSettingsPage } from './pages/settings/settings-page';
import { SupportAccessPage } from './pages/support-access/support-access-page';
import { UsersPage } from './pages/users/users-page';
import { LocationsPage } from './structure/pages/locations-page';
import { OrganizationPage } from './structure/pages/organization-page';
import { OrganizationsPage } from './structure/pages/organizations-page';
import { PersonPage } from './structure/pages/person-page';
import { PersonsPage } from './structure/pages/persons-page';
import { TermsPage } from './structure/pages/terms-page';

/**
 * Routes of the back office, lazy-loaded at `/:tenant/verwaltung`. Titles are translation keys;
 * pages refine them with names once loaded. Unknown paths fall through to the portal's not-found page.
 *
 * t(agenda.title.listShort, agenda.title.newShort)
 * t(title.office, title.signIn, title.officeMeeting, title.officeUsers, title.officeSupport, title.officeAudit, title.officeExport, title.officeSettings)
 * t(deadLetters.office.title)
 * t(attendance.title)
 * t(live.office.title)
 * t(officeGaps7.types.titleShort)
 * t(structure.title.organizations, structure.title.organization, structure.title.persons, structure.title.person, structure.title.terms, structure.title.locations)
 */
export const officeRoutes: Routes = [
  { path: 'anmeldung', component: SignInPage, title: 'title.signIn' },
  {
    path: '',
    providers: [OfficeState],
    canActivate: [officeAccessGuard],
    component: OfficeLayout,
    children: [
      { path: '', pathMatch: 'full', component: OfficeHomePage, title: 'title.office' },
      { path: 'sitzungen', component: OfficeMeetingsPage, title: 'agenda.title.listShort' },
      { path: 'sitzungen/neu', component: OfficeMeetingNewPage, title: 'agenda.title.newShort' },
      { path: 'sitzungen/:meetingId', component: OfficeMeetingPage, title: 'title.officeMeeting' },
      { path: 'sitzungen/:meetingId/anwesenheit', component: OfficeAttendancePage, title: 'attendance.title' },
      { path: 'sitzungen/:meetingId/live', component: OfficeLiveMeetingPage, title: 'live.office.title' },
      { path: 'sitzungen/:meetingId/ergebnisse', component: DecisionsPage, title: 'title.officeMeeting' },
      { path: 'benutzer', component: UsersPage, title: 'title.officeUsers' },
      { path: 'support-zugang', component: SupportAccessPage, title: 'title.officeSupport' },
      { path: 'protokoll', component: OfficeAuditPage, title: 'title.officeAudit' },
      { path: 'export', component: OfficeExportPage, title: 'title.officeExport' },
      { path: 'fehlgeschlagene-auftraege', component: OfficeDeadLettersPage, title: 'deadLetters.office.title' },
      { path: 'einstellungen', component: OfficeSettingsPage, title: 'title.officeSettings' },
      ...paperRoutes,
      ...memberRoutes,
      ...resolutionRoutes,
      { path: 'gremien', component: OrganizationsPage, title: 'structure.title.organizations' },
      { path: 'gremien/:id', component: OrganizationPage, title: 'structure.title.organization' },
      { path: 'personen', component: PersonsPage, title: 'structure.title.persons' },
      { path: 'personen/:id', component: PersonPage, title: 'structure.title.person' },
      { path: 'wahlperioden', component: TermsPage, title: 'structure.title.terms' },
      { path: 'orte', component: LocationsPage, title: 'structure.title.locations' },
      { path: 'vorlagenarten', component: PaperTypesPage, title: 'officeGaps7.types.titleShort' },
    ],
  },
];
