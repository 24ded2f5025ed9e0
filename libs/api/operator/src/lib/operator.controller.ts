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
  provisioningStepSchema,
  uuidSchema,
} from '@ratsinfo/contracts';
import type { Response } from 'express';
import { z } from 'zod';
import { sendZip } from './export.controller';
import { OperatorFirstAdminService } from './operator-first-admin.service';
import { OperatorTenantsService } from './operator-tenants.service';

const idParams = z.object({ id: uuidSchema }).strict();
type IdParams = z.infer<typeof idParams>;

/** The operator console's API: cooperative staff administer member authorities. */
@Controller('api/operator')
@OperatorOnly()
export class OperatorController {
  constructor(
    private readonly tenants: OperatorTenantsService,
    private readonly auth: AuthContext,
    private readonly firstAdmin: OperatorFirstAdminService,
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

  @Post('tenants/:id/export')
  @HttpCode(200)
  @Responds(null, { contentType: 'application/zip', description: 'The complete export of the authority (ZIP).' })
  async export(@Param(new ZodValidationPipe(idParams)) p: IdParams, @Body(new ZodValidationPipe(exportRequestSchema)) body: ExportRequest, @Res() res: Response): Promise<void> {
    sendZip(res, await this.tenants.export(p.id, body.reason, 'operator'));
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
