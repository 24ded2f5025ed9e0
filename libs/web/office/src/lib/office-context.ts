import { Injectable, Resource, Signal, signal } from '@angular/core';
import type { SupportAccessGrantDto, TenantRole, TenantSessionDto, TenantSummary } from '@ratsinfo/contracts';

/**
 * Route-level state of the back office of one authority: the authority's public summary, loaded
 * by the access guard (it needs `loginRealm`), for pages that must name the authority even when
 * the session failed (e.g. "Keine Berechtigung für Stadt Burg").
 */
@Injectable()
export class OfficeState {
  readonly tenant = signal<TenantSummary | null>(null);
}

/**
 * The back office of the current `/:tenant/verwaltung/...` route, provided by the office layout
 * to its pages once the session has loaded.
 */
export abstract class OfficeContext {
  /** Slug from the URL. */
  abstract readonly slug: Signal<string>;
  /** Name of the authority. */
  abstract readonly tenantName: Signal<string>;
  /** The signed-in user in this authority (set while child pages are shown). */
  abstract readonly session: Signal<TenantSessionDto | undefined>;
  abstract readonly roles: Signal<readonly TenantRole[]>;
  abstract readonly isAdmin: Signal<boolean>;
  /** Support access grants of the authority (loaded for tenant admins only). */
  abstract readonly supportGrants: Resource<SupportAccessGrantDto[] | undefined>;
  abstract reloadSupportGrants(): void;
}
