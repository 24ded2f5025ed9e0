import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, NotFoundError, TenantContext } from '@ratsinfo/api-core';
import { CooperativeDatabase, type Tenant, TenantDatabase, type TenantTx } from '@ratsinfo/api-database';
import { TenantRegistry, TenantResolver } from '@ratsinfo/api-tenancy';
import { OPARL_LIST_SOURCES, type OParlContext, type OParlListSource, type OParlObject, type OParlPageEntry, portalWebUrls } from './list-source';
import { toOParlBody } from './mappers';
import { listPage, type OParlListPage, type ParsedListQuery } from './oparl-query';
import { legislativeTermObject } from './structure/structure-sources';
import { OPARL_SCHEMA, type OParlList, oparlUrls } from './urls';

/** OParl's name of each list in the Body object (and the 1.1 schema's property). */
export const OPARL_LISTS: readonly OParlList[] = ['organizations', 'persons', 'meetings', 'papers', 'memberships', 'locations', 'agendaItems', 'legislativeTerms', 'consultations', 'files'];

/** A slug as it stands in a body's id (the bodies list is paged by (modified, slug)). */
export const SLUG_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * System, bodies, and the dispatch of list pages and objects to the list sources. Paging,
 * windows, links and errors are decided here once; what is public and how a row looks is the
 * sources' business (list-source.ts).
 */
@Injectable()
export class OParlService {
  private readonly sources = new Map<string, OParlListSource>();
  private bodiesMemo: { key: string; bodies: { tenant: Tenant; body: OParlObject }[] } | undefined;

  constructor(
    @Inject(OPARL_LIST_SOURCES) sources: OParlListSource[],
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly db: TenantDatabase,
    private readonly cooperative: CooperativeDatabase,
    private readonly registry: TenantRegistry,
    private readonly resolver: TenantResolver,
    private readonly context: TenantContext,
  ) {
    for (const s of sources) {
      if (this.sources.has(s.list)) throw new Error(`Two OParl list sources for ${s.list}.`);
      this.sources.set(s.list, s);
    }
  }

  /** Absolute URLs from PUBLIC_BASE_URL (required in production); a local address in development. */
  get base(): string {
    return (this.config.PUBLIC_BASE_URL ?? `http://localhost:${this.config.PORT}`).replace(/\/$/, '');
  }

  systemUrl(): string {
    return `${this.base}/oparl/v1.1/system`;
  }

  bodiesUrl(): string {
    return `${this.base}/oparl/v1.1/bodies`;
  }

  /** The lists this server serves (those with a source), in the Body's order. */
  servedLists(): OParlList[] {
    return OPARL_LISTS.filter((l) => this.sources.has(l));
  }

  async system(): Promise<OParlObject> {
    const [first, latest] = await Promise.all([
      this.cooperative.tenants.findFirst({ orderBy: { createdAt: 'asc' }, select: { createdAt: true } }),
      this.cooperative.tenants.findFirst({ orderBy: { updatedAt: 'desc' }, select: { updatedAt: true } }),
    ]);
    const c = this.config;
    const web = c.WEB_BASE_URL.replace(/\/$/, '');
    return {
      id: this.systemUrl(),
      type: `${OPARL_SCHEMA}/System`,
      oparlVersion: `${OPARL_SCHEMA}/`,
      body: this.bodiesUrl(),
      name: c.OPARL_SYSTEM_NAME,
      ...(c.OPARL_CONTACT_EMAIL ? { contactEmail: c.OPARL_CONTACT_EMAIL } : {}),
      ...(c.OPARL_CONTACT_NAME ? { contactName: c.OPARL_CONTACT_NAME } : {}),
      website: web,
      ...(c.OPARL_VENDOR_URL ? { vendor: c.OPARL_VENDOR_URL } : {}),
      ...(c.OPARL_PRODUCT_URL ? { product: c.OPARL_PRODUCT_URL } : {}),
      created: (first?.createdAt ?? new Date(0)).toISOString(),
      modified: (latest?.updatedAt ?? new Date(0)).toISOString(),
      web,
    };
  }

  context_(tenant: Pick<Tenant, 'slug' | 'oparlLicense'>): OParlContext {
    return {
      urls: oparlUrls(this.base, tenant.slug),
      web: portalWebUrls(this.config.WEB_BASE_URL, tenant.slug),
      ...(tenant.oparlLicense ? { license: tenant.oparlLicense } : {}),
    };
  }

  /**
   * The Body of a tenant, inside its transaction. Its `modified` is the newest of the tenant
   * row's and of its legislative terms' (embedded; deleted ones count, their removal changed
   * the Body).
   */
  private async bodyOf(tx: TenantTx, tenant: Tenant): Promise<OParlObject> {
    const ctx = this.context_(tenant);
    const terms = await tx.legislativeTerm.findMany({ orderBy: [{ startDate: 'asc' }, { id: 'asc' }] });
    const modified = terms.reduce((m, t) => (t.updatedAt > m ? t.updatedAt : m), tenant.updatedAt);
    const base = toOParlBody({ ...tenant, updatedAt: modified }, ctx.urls);
    return {
      ...base,
      system: this.systemUrl(),
      ...(ctx.license ? { license: ctx.license } : {}),
      locationList: ctx.urls.list('locations'),
      legislativeTermList: ctx.urls.list('legislativeTerms'),
      consultation: ctx.urls.list('consultations'),
      file: ctx.urls.list('files'),
      legislativeTerm: terms.filter((t) => !t.deletedAt).map((t) => legislativeTermObject(t, ctx)),
      web: ctx.web.body(),
    };
  }

  /** The Body of the request's tenant (resolved by the AccessGuard from `:tenant`). */
  body(): Promise<OParlObject> {
    const tenant = this.resolver.current();
    return this.db.transaction((tx) => this.bodyOf(tx, tenant));
  }

  /**
   * Every active tenant's Body, computed once per state of the register: the key is each active
   * tenant's id, row time and public-data version (one query on `tenants`), so a change to any
   * body's data or the set of active tenants computes them again.
   */
  private async allBodies(): Promise<{ tenant: Tenant; body: OParlObject }[]> {
    const tenants = await this.registry.listActive();
    const key = tenants.map((t) => `${t.id}:${t.updatedAt.getTime()}:${t.publicDataVersion}`).join(',');
    if (this.bodiesMemo?.key === key) return this.bodiesMemo.bodies;
    const bodies: { tenant: Tenant; body: OParlObject }[] = [];
    for (const tenant of tenants) {
      const body = await this.context.run({ id: tenant.id, slug: tenant.slug }, () => this.db.transaction((tx) => this.bodyOf(tx, tenant)));
      bodies.push({ tenant, body });
    }
    this.bodiesMemo = { key, bodies };
    return bodies;
  }

  /** The System's body list: a list page like every other (window, limit, cursor on (modified, slug)). */
  async bodies(q: ParsedListQuery): Promise<OParlListPage> {
    const w = q.window;
    const within = (t: number, since?: Date, until?: Date) => (!since || t >= since.getTime()) && (!until || t <= until.getTime());
    const entries: OParlPageEntry[] = (await this.allBodies())
      .map(({ tenant, body }) => ({ cursor: { modified: new Date(body.modified), id: tenant.slug }, object: body }))
      .filter((e) => within(Date.parse(e.object.created), w.createdSince, w.createdUntil) && within(e.cursor.modified.getTime(), w.modifiedSince, w.modifiedUntil))
      .sort((a, b) => a.cursor.modified.getTime() - b.cursor.modified.getTime() || (a.cursor.id < b.cursor.id ? -1 : a.cursor.id > b.cursor.id ? 1 : 0));
    const after = q.after;
    const rest = after
      ? entries.filter((e) => e.cursor.modified.getTime() > after.modified.getTime() || (e.cursor.modified.getTime() === after.modified.getTime() && e.cursor.id > after.id))
      : entries;
    return listPage(this.bodiesUrl(), q, rest.slice(0, q.limit + 1));
  }

  private source(list: string): OParlListSource {
    const s = this.sources.get(list);
    if (!s) throw new NotFoundError(`The list "${list.slice(0, 50)}"`);
    return s;
  }

  /** A page of one of the tenant's lists. Tombstones only when the client asked for changes (`modified_since`). */
  async page(list: string, q: ParsedListQuery): Promise<OParlListPage> {
    const source = this.source(list);
    const ctx = this.context_(this.resolver.current());
    const entries = await this.db.transaction((tx) =>
      source.page(tx, { window: q.window, after: q.after, limit: q.limit, includeDeleted: q.window.modifiedSince !== undefined }, ctx),
    );
    return listPage(ctx.urls.list(source.list), q, entries);
  }

  async one(list: string, id: string): Promise<OParlObject> {
    const source = this.source(list);
    const ctx = this.context_(this.resolver.current());
    const object = await this.db.transaction((tx) => source.one(tx, id, ctx));
    if (!object) throw new NotFoundError(`This object`);
    return object;
  }
}
