import { z } from 'zod';
import { instant, uuidOut } from './response';

/**
 * A tenant export as a background job (`POST /api/office/{tenant}/export`,
 * `POST /api/operator/tenants/{id}/export` → 202): requested, then built by the worker as a
 * streaming ZIP, downloadable for seven days. `expired`: the ZIP has been removed.
 */
export const TENANT_EXPORT_STATUSES = ['pending', 'running', 'ready', 'failed', 'expired'] as const;
export type TenantExportStatus = (typeof TENANT_EXPORT_STATUSES)[number];

export const tenantExportSchema = z
  .object({
    id: uuidOut,
    status: z.enum(TENANT_EXPORT_STATUSES),
    /** Who asked: an operator's export is the hand-over that deletion requires. */
    requestedAs: z.enum(['operator', 'tenant-admin']),
    requestedByName: z.string().nullable(),
    reason: z.string(),
    /** Bytes of the ZIP, once ready. */
    size: z.number().int().nullable(),
    /** Objects per type (the manifest's counts), once ready. */
    counts: z.record(z.string(), z.number().int()).nullable(),
    error: z.string().nullable(),
    createdAt: instant,
    finishedAt: instant.nullable(),
    expiresAt: instant.nullable(),
  })
  .meta({ id: 'TenantExport' });
export type TenantExportDto = z.infer<typeof tenantExportSchema>;
