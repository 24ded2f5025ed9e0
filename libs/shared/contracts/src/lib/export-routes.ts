/** Paths of the export jobs (zod-free: the web app's initial bundle may import it). */
export const ExportRoutes = {
  officeExports: (slug: string) => `/api/office/${encodeURIComponent(slug)}/exports`,
  officeExport: (slug: string, id: string) => `/api/office/${encodeURIComponent(slug)}/exports/${encodeURIComponent(id)}`,
  officeExportDownload: (slug: string, id: string) => `/api/office/${encodeURIComponent(slug)}/exports/${encodeURIComponent(id)}/download`,
  operatorExports: (tenantId: string) => `/api/operator/tenants/${encodeURIComponent(tenantId)}/exports`,
  operatorExport: (tenantId: string, id: string) => `/api/operator/tenants/${encodeURIComponent(tenantId)}/exports/${encodeURIComponent(id)}`,
  operatorExportDownload: (tenantId: string, id: string) => `/api/operator/tenants/${encodeURIComponent(tenantId)}/exports/${encodeURIComponent(id)}/download`,
} as const;

/** Outbox topics of the tenant jobs (queue `tenants`). */
export const TENANT_PROVISIONING_TOPIC = 'tenant.provisioning-requested';
export const TENANT_EXPORT_TOPIC = 'tenant.export-requested';
/** How long a ready export stays downloadable. */
export const EXPORT_RETENTION_DAYS = 7;
