import { Routes } from '@angular/router';
import { SignInPage } from '@ratsinfo/web-auth';
import { operatorGuard } from './operator.guard';
import { OperatorNotices } from './operator-notices';
import { OperatorAuditPage } from './pages/audit/operator-audit-page';
import { OperatorDeadLettersPage } from './pages/dead-letters/operator-dead-letters-page';
import { OperatorNoPermissionPage } from './pages/no-permission/no-permission-page';
import { OnboardPage } from './pages/onboard/onboard-page';
import { OperatorLayout } from './pages/operator-layout/operator-layout';
import { TenantDetailPage } from './pages/tenant-detail/tenant-detail-page';
import { TenantsPage } from './pages/tenants/tenants-page';

/**
 * Routes of the operator console, lazy-loaded at `/betrieb`. Titles are translation keys.
 *
 * t(deadLetters.operator.title)
 * t(title.signIn, title.operatorNoPermission, title.operatorTenants, title.operatorOnboard, title.operatorTenantLoading, title.operatorAudit)
 */
export const operatorRoutes: Routes = [
  { path: 'anmeldung', component: SignInPage, title: 'title.signIn' },
  { path: 'keine-berechtigung', component: OperatorNoPermissionPage, title: 'title.operatorNoPermission' },
  {
    path: '',
    providers: [OperatorNotices],
    canActivate: [operatorGuard],
    component: OperatorLayout,
    children: [
      { path: '', pathMatch: 'full', component: TenantsPage, title: 'title.operatorTenants' },
      { path: 'neu', component: OnboardPage, title: 'title.operatorOnboard' },
      { path: 'kommunen/:tenantId', component: TenantDetailPage, title: 'title.operatorTenantLoading' },
      { path: 'protokoll', component: OperatorAuditPage, title: 'title.operatorAudit' },
      { path: 'fehlgeschlagene-auftraege', component: OperatorDeadLettersPage, title: 'deadLetters.operator.title' },
    ],
  },
];
