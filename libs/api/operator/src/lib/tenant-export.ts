import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, TenantContext } from '@ratsinfo/api-core';
import { TenantDatabase, type Tenant, type TenantTx } from '@ratsinfo/api-database';
import { FileStorage, safeFileName } from '@ratsinfo/api-files';
import { type OParlUrls, oparlUrls, toOParlAgendaItem, toOParlBody, toOParlMeeting, toOParlMembership, toOParlOrganization, toOParlPerson } from '@ratsinfo/api-oparl';
import { TenantExportRepository, type Page } from './tenant-export.repository';
import { ZipStream } from './zip-stream';

/** Rows per page: each page is read in its own short transaction. */
export const EXPORT_PAGE_SIZE = 500;

export interface ExportResult {
  /** Objects per type, as in the manifest. */
  counts: Record<string, number>;
}

/** The path of a file version's bytes inside the export. */
export function exportedFilePath(v: { fileId: string; number: number; fileName: string }): string {
  return `files/${v.fileId}/${v.number}-${safeFileName(v.fileName) || 'datei'}`;
}

export function exportFileName(slug: string, at: Date): string {
  return `ratsinfo-export-${slug}-${at.toISOString().slice(0, 10)}.zip`;
}

/**
 * The export of one tenant before it leaves the cooperative: a ZIP with an OParl 1.1-shaped
 * JSON dump of all its data (one file per object type, every object with its OParl `type`,
 * stable `id` URL, `created`, `modified`, `deleted`), the app's own tables (accounts, support
 * grants, audit log, file versions), every file version's bytes under
 * `files/<fileId>/<version>-<fileName>`, and a manifest with counts.
 *
 * Written as a stream: the tables are read in keyset pages, each in a short transaction of its
 * own (no snapshot held for the length of the export), the JSON arrays grow page by page, the
 * file bytes are piped from the storage. So memory stays flat at any size; the price is that the
 * export is not one snapshot — a change during the export may show in one list and not in
 * another, which the manifest's `consistency: "per-page"` states.
 */
@Injectable()
export class TenantExporter {
  private readonly logger = new Logger(TenantExporter.name);

  constructor(
    private readonly db: TenantDatabase,
    private readonly repo: TenantExportRepository,
    private readonly context: TenantContext,
    private readonly storage: FileStorage,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Writes the ZIP into `zip` (which the caller pipes to storage) and finishes it. */
  write(tenant: Tenant, zip: ZipStream, now = new Date()): Promise<ExportResult> {
    return this.context.run({ id: tenant.id, slug: tenant.slug }, () => this.writeInTenant(tenant, zip, now));
  }

  private async writeInTenant(tenant: Tenant, zip: ZipStream, now: Date): Promise<ExportResult> {
    const urls = oparlUrls(this.config.PUBLIC_BASE_URL ?? '', tenant.slug);
    const counts: Record<string, number> = {};
    const missing: string[] = [];
    let missingCount = 0;
    await zip.json('body.json', toOParlBody(tenant, urls));
    counts['organizations'] = await zip.jsonArray(
      'organizations.json',
      this.pages(async (tx, after) => {
        const rows = await this.repo.organizations(tx, after);
        const members = await this.repo.membershipsOf(tx, 'organizationId', rows.map((r) => r.id));
        return { rows, out: rows.map((o) => toOParlOrganization(o, urls, (members.get(o.id) ?? []).map((m) => m.id))) };
      }),
    );
    counts['persons'] = await zip.jsonArray(
      'persons.json',
      this.pages(async (tx, after) => {
        const rows = await this.repo.persons(tx, after);
        const members = await this.repo.membershipsOf(tx, 'personId', rows.map((r) => r.id));
        return { rows, out: rows.map((p) => toOParlPerson(p, urls, members.get(p.id))) };
      }),
    );
    counts['memberships'] = await zip.jsonArray('memberships.json', this.mapped((tx, after) => this.repo.memberships(tx, after), (m) => toOParlMembership(m, urls)));
    counts['meetings'] = await zip.jsonArray(
      'meetings.json',
      this.pages(async (tx, after) => {
        const rows = await this.repo.meetings(tx, after);
        const items = await this.repo.agendaItemsOf(tx, rows.map((r) => r.id));
        return { rows, out: rows.map((m) => toOParlMeeting(m, urls, items.get(m.id))) };
      }),
    );
    counts['agendaItems'] = await zip.jsonArray('agenda-items.json', this.mapped((tx, after) => this.repo.agendaItems(tx, after), (a) => toOParlAgendaItem(a, urls)));
    counts['papers'] = await zip.jsonArray(
      'papers.json',
      this.pages(async (tx, after) => {
        const rows = await this.repo.papers(tx, after);
        const files = await this.repo.filesOfPapers(tx, rows.map((r) => r.id));
        return { rows, out: rows.map((p) => toExportPaper(p, urls, files.get(p.id) ?? [])) };
      }),
    );
    counts['consultations'] = await zip.jsonArray('consultations.json', this.mapped((tx, after) => this.repo.consultations(tx, after), (c) => toExportConsultation(c, urls)));
    counts['files'] = await zip.jsonArray('files.json', this.mapped((tx, after) => this.repo.files(tx, after), (f) => toExportFile(f, urls)));
    counts['fileVersions'] = await zip.jsonArray(
      'ratsinfo/file-versions.json',
      this.mapped(
        (tx, after) => this.repo.fileVersions(tx, after),
        ({ storageKey: _key, ...v }) => ({ ...v, path: exportedFilePath(v) }),
      ),
    );
    counts['meetingAttendances'] = await zip.jsonArray('ratsinfo/meeting-attendances.json', this.mapped((tx, after) => this.repo.meetingAttendances(tx, after), (r) => r));
    counts['namedVotes'] = await zip.jsonArray('ratsinfo/named-votes.json', this.mapped((tx, after) => this.repo.namedVotes(tx, after), (r) => r));
    counts['voteConflicts'] = await zip.jsonArray('ratsinfo/vote-conflicts.json', this.mapped((tx, after) => this.repo.voteConflicts(tx, after), (r) => r));
    counts['resolutions'] = await zip.jsonArray('ratsinfo/resolutions.json', this.mapped((tx, after) => this.repo.resolutions(tx, after), (r) => r));
    counts['resolutionNotes'] = await zip.jsonArray('ratsinfo/resolution-notes.json', this.mapped((tx, after) => this.repo.resolutionNotes(tx, after), (r) => r));
    counts['userAccounts'] = await zip.jsonArray('ratsinfo/user-accounts.json', this.mapped((tx, after) => this.repo.userAccounts(tx, after), (r) => r));
    counts['supportAccessGrants'] = await zip.jsonArray('ratsinfo/support-access-grants.json', this.mapped((tx, after) => this.repo.supportAccessGrants(tx, after), (r) => r));
    counts['auditEvents'] = await zip.jsonArray('ratsinfo/audit-events.json', this.mapped((tx, after) => this.repo.auditEvents(tx, after), (r) => r));

    // The bytes, a version at a time, straight from the storage (stored, not deflated again:
    // PDFs and Office files are compressed already).
    let fileBytes = 0;
    for await (const page of this.mapped((tx, after) => this.repo.fileVersions(tx, after), (v) => v)) {
      for (const v of page) {
        const path = exportedFilePath(v);
        let source;
        try {
          source = await this.storage.get(v.storageKey);
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
          // A version whose blob is gone: named in the manifest rather than failing the hand-over.
          missingCount++;
          if (missing.length < 1000) missing.push(path);
          continue;
        }
        await zip.entryFrom(path, source, { store: true });
        fileBytes++;
      }
    }
    counts['fileContents'] = fileBytes;
    if (missingCount) this.logger.warn({ tenantId: tenant.id, missing: missingCount }, 'export: file versions without bytes');
    await zip.json('manifest.json', {
      format: 'ratsinfo-tenant-export',
      version: 2,
      oparl: '1.1',
      consistency: 'per-page',
      tenant: { id: tenant.id, slug: tenant.slug, name: tenant.name },
      exportedAt: now.toISOString(),
      counts,
      missingFileContents: { count: missingCount, paths: missing },
    });
    zip.finish();
    return { counts };
  }

  /** Keyset pages of one table, each read in its own transaction, mapped to export objects. */
  private async *pages<R extends Page>(read: (tx: TenantTx, after: Page | null) => Promise<{ rows: R[]; out: unknown[] }>): AsyncIterable<unknown[]> {
    let after: R | null = null;
    for (;;) {
      const { rows, out } = await this.db.transaction((tx) => read(tx, after));
      if (out.length) yield out;
      const last = rows.at(-1);
      if (!last) return;
      after = last;
    }
  }

  private mapped<R extends Page, O>(read: (tx: TenantTx, after: Page | null) => Promise<R[]>, map: (r: R) => O): AsyncIterable<O[]> {
    return this.pages(async (tx, after) => {
      const rows = await read(tx, after);
      return { rows, out: rows.map(map) };
    }) as AsyncIterable<O[]>;
  }
}

// OParl Paper, Consultation and File as the export writes them (the OParl API will share them).

type Stamp = { createdAt: Date; updatedAt: Date; deletedAt?: Date | null };
const common = (type: string, id: string, r: Stamp) => ({
  id,
  type: `https://schema.oparl.org/1.1/${type}`,
  created: r.createdAt.toISOString(),
  modified: r.updatedAt.toISOString(),
  ...(r.deletedAt ? { deleted: true as const } : {}),
});

function toExportPaper(
  p: { id: string; reference: string; name: string; date: Date; public: boolean; status: string; mainFileId: string | null; superordinatePaperId: string | null; paperType: { name: string } } & Stamp,
  urls: OParlUrls,
  fileIds: string[],
) {
  return {
    ...common('Paper', urls.object('papers', p.id), p),
    body: urls.body(),
    name: p.name,
    reference: p.reference,
    date: p.date.toISOString().slice(0, 10),
    paperType: p.paperType.name,
    ...(p.mainFileId ? { mainFile: urls.object('files', p.mainFileId) } : {}),
    auxiliaryFile: fileIds.filter((id) => id !== p.mainFileId).map((id) => urls.object('files', id)),
    ...(p.superordinatePaperId ? { superordinatedPaper: [urls.object('papers', p.superordinatePaperId)] } : {}),
    'ratsinfo:public': p.public,
    'ratsinfo:status': p.status,
  };
}

function toExportConsultation(c: { id: string; paperId: string; organizationId: string; position: number; authoritative: boolean; role: string | null } & Stamp, urls: OParlUrls) {
  return {
    ...common('Consultation', urls.object('consultations', c.id), c),
    paper: urls.object('papers', c.paperId),
    organization: [urls.object('organizations', c.organizationId)],
    authoritative: c.authoritative,
    ...(c.role ? { role: c.role } : {}),
    'ratsinfo:position': c.position,
  };
}

function toExportFile(
  f: { id: string; name: string; public: boolean; paperId: string | null; meetingId: string | null; currentVersion: number; versions: { number: number; fileName: string; mimeType: string; size: bigint; sha512: string; createdAt: Date }[] } & Stamp,
  urls: OParlUrls,
) {
  const current = f.versions.find((v) => v.number === f.currentVersion) ?? f.versions.at(-1);
  return {
    ...common('File', urls.object('files', f.id), f),
    name: f.name,
    ...(current
      ? {
          fileName: current.fileName,
          mimeType: current.mimeType,
          size: Number(current.size),
          sha512Checksum: current.sha512,
          date: current.createdAt.toISOString().slice(0, 10),
          // Inside the export: the relative path of the bytes.
          accessUrl: exportedFilePath({ fileId: f.id, number: current.number, fileName: current.fileName }),
        }
      : {}),
    ...(f.paperId ? { paper: [urls.object('papers', f.paperId)] } : {}),
    ...(f.meetingId ? { meeting: [urls.object('meetings', f.meetingId)] } : {}),
    'ratsinfo:public': f.public,
    'ratsinfo:versions': f.versions.map((v) => ({ number: v.number, path: exportedFilePath({ fileId: f.id, number: v.number, fileName: v.fileName }) })),
  };
}
