import { Routes } from '@angular/router';
import { MyBodiesPage } from './my-bodies-page';
import { MyDocumentsPage } from './my-documents-page';
import { MyMeetingsPage } from './my-meetings-page';

/**
 * The members' area under `/:tenant/verwaltung` (children of the office layout).
 *
 * t(members.title.meetingsShort, members.title.bodiesShort, members.title.documentsShort)
 */
export const memberRoutes: Routes = [
  { path: 'meine-sitzungen', component: MyMeetingsPage, title: 'members.title.meetingsShort' },
  { path: 'meine-gremien', component: MyBodiesPage, title: 'members.title.bodiesShort' },
  { path: 'meine-unterlagen', component: MyDocumentsPage, title: 'members.title.documentsShort' },
];
