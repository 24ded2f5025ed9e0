import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { AuthContext, OperatorOnly, Responds, ZodValidationPipe } from '@ratsinfo/api-core';
import {
  type AuditEventDto,
  auditEventSchema,
  type AuditQuery,
  auditQuerySchema,
  deleteTenantSchema,
  type ExportRequest,
  exportRequestSchema,
  type ListResponse,
  listOf,
  type PagedResponse,
  pageOf,
  type OnboardTenantInput,
  onboardTenantSchema,
  type OperatorSessionDto,
  operatorSessionSchema,
  type OperatorTenantDto,
  operatorTenantSchema,
  type ProvisioningStepDto,
  type TenantExportDto,
  tenantExportSchema,
  provisioningStepSchema,
  uuidSchema,
} from '@ratsinfo/contracts';
import type { Response } from 'express';
import { z } from 'zod';
import { sendExport } from './export.controller';
import { TenantExportsService } from './tenant-exports.service';
import { OperatorFirstAdminService } from './operator-first-admin.service';
import { OperatorTenantsService } from './operator-tenants.service';

const idParams = z.object({ id: uuidSchema }).strict();
type IdParams = z.infer<typeof idParams>;
const exportParams = z.object({ id: uuidSchema, exportId: uuidSchema }).strict();
type ExportParams = z.infer<typeof exportParams>;

/** The operator console's API: cooperative staff administer member authorities. */
@Controller('api/operator')
@OperatorOnly()
export class OperatorController {
  constructor(
    private readonly tenants: OperatorTenantsService,
    private readonly auth: AuthContext,
    private readonly firstAdmin: OperatorFirstAdminService,
    private readonly exports: TenantExportsService,
  ) {}

  @Get('session')
  @Responds(operatorSessionSchema)
  session(): OperatorSessionDto {
    const p = this.auth.requirePrincipal();
    return { user: { subject: p.subject, displayName: p.name ?? p.username ?? p.subject, email: p.email } };
  }

  @Get('tenants')
  @Responds(listOf(operatorTenantSchema))
  async list(): Promise<ListResponse<OperatorTenantDto>> {
    return { data: await this.tenants.list() };
  }

  @Post('tenants')
  @Responds(operatorTenantSchema, { status: 201 })
  onboard(@Body(new ZodValidationPipe(onboardTenantSchema)) body: OnboardTenantInput): Promise<OperatorTenantDto> {
    return this.tenants.onboard(body);
  }

  @Get('tenants/:id')
  @Responds(operatorTenantSchema)
  async one(@Param(new ZodValidationPipe(idParams)) p: IdParams): Promise<OperatorTenantDto> {
    const tenant = await this.tenants.get(p.id);
    return { ...this.tenants.toDto(tenant), firstAdmin: await this.firstAdmin.of(tenant) };
  }

  @Get('tenants/:id/provisioning')
  @Responds(listOf(provisioningStepSchema))
  async steps(@Param(new ZodValidationPipe(idParams)) p: IdParams): Promise<ListResponse<ProvisioningStepDto>> {
    return { data: await this.tenants.steps(p.id) };
  }

  @Post('tenants/:id/provisioning')
  @HttpCode(202)
  @Responds(listOf(provisioningStepSchema), { status: 202 })
  async retry(@Param(new ZodValidationPipe(idParams)) p: IdParams): Promise<ListResponse<ProvisioningStepDto>> {
    return { data: await this.tenants.retry(p.id) };
  }

  @Post('tenants/:id/suspend')
  @HttpCode(200)
  @Responds(operatorTenantSchema)
  suspend(@Param(new ZodValidationPipe(idParams)) p: IdParams): Promise<OperatorTenantDto> {
    return this.tenants.setStatus(p.id, 'suspended');
  }

  @Post('tenants/:id/reactivate')
  @HttpCode(200)
  @Responds(operatorTenantSchema)
  reactivate(@Param(new ZodValidationPipe(idParams)) p: IdParams): Promise<OperatorTenantDto> {
    return this.tenants.setStatus(p.id, 'active');
  }

  /** An operator's export (any authority, by design: audited in its log and the cooperative's). */
  @Post('tenants/:id/export')
  @HttpCode(202)
  @Responds(tenantExportSchema, { status: 202 })
  export(@Param(new ZodValidationPipe(idParams)) p: IdParams, @Body(new ZodValidationPipe(exportRequestSchema)) body: ExportRequest): Promise<TenantExportDto> {
    return this.tenants.requestExport(p.id, body.reason);
  }

  @Get('tenants/:id/exports')
  @Responds(listOf(tenantExportSchema))
  async exportList(@Param(new ZodValidationPipe(idParams)) p: IdParams): Promise<ListResponse<TenantExportDto>> {
    return { data: await this.tenants.inTenant(p.id, () => this.exports.list()) };
  }

  @Get('tenants/:id/exports/:exportId')
  @Responds(tenantExportSchema)
  exportOne(@Param(new ZodValidationPipe(exportParams)) p: ExportParams): Promise<TenantExportDto> {
    return this.tenants.inTenant(p.id, () => this.exports.get(p.exportId));
  }

  @Get('tenants/:id/exports/:exportId/download')
  @Responds(null, { contentType: 'application/zip', description: 'The ZIP of a ready export; 409 while it is being built, 410 once expired.' })
  async exportDownload(@Param(new ZodValidationPipe(exportParams)) p: ExportParams, @Res() res: Response): Promise<void> {
    await sendExport(res, await this.tenants.inTenant(p.id, () => this.exports.download(p.exportId)));
  }

  @Delete('tenants/:id')
  @HttpCode(204)
  @Responds(null, { status: 204 })
  async delete(@Param(new ZodValidationPipe(idParams)) p: IdParams, @Body(new ZodValidationPipe(deleteTenantSchema)) body: z.infer<typeof deleteTenantSchema>): Promise<void> {
    await this.tenants.delete(p.id, body.confirmSlug);
  }

  @Get('audit')
  @Responds(pageOf(auditEventSchema))
  audit(@Query(new ZodValidationPipe(auditQuerySchema)) q: AuditQuery): Promise<PagedResponse<AuditEventDto>> {
    return this.tenants.auditLog(q);
  }
}
