import { CanDeactivateFn, Routes } from '@angular/router';
import { PaperEditorPage } from './editor/paper-editor-page';
import { PaperListPage } from './list/paper-list-page';

/** Asks before unsaved edits of a paper (its fields or its consultation path) are dropped by leaving. */
export const unsavedPaperGuard: CanDeactivateFn<PaperEditorPage> = (page) => page.confirmLeave();

/**
 * The clerk's paper screens under `/:tenant/verwaltung` (children of the office layout).
 *
 * t(papers.title.list, papers.title.new, papers.title.paperLoading)
 */
export const paperRoutes: Routes = [
  { path: 'vorlagen', component: PaperListPage, title: 'papers.title.list' },
  { path: 'vorlagen/neu', component: PaperEditorPage, title: 'papers.title.new', canDeactivate: [unsavedPaperGuard] },
  { path: 'vorlagen/:paperId', component: PaperEditorPage, title: 'papers.title.paperLoading', canDeactivate: [unsavedPaperGuard] },
];
