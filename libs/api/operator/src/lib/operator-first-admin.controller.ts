import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { OperatorOnly, Responds, ZodValidationPipe } from '@ratsinfo/api-core';
import { type OperatorTenantDto, operatorTenantSchema, uuidSchema } from '@ratsinfo/contracts';
import { z } from 'zod';
import { OperatorFirstAdminService } from './operator-first-admin.service';
import { OperatorTenantsService } from './operator-tenants.service';

const idParams = z.object({ id: uuidSchema }).strict();
type IdParams = z.infer<typeof idParams>;

/** The first administrator's invitation of an onboarded authority (operators). */
@Controller('api/operator/tenants')
@OperatorOnly()
export class OperatorFirstAdminController {
  constructor(
    private readonly tenants: OperatorTenantsService,
    private readonly firstAdmin: OperatorFirstAdminService,
  ) {}

  /** Re-sends the invitation e-mail; 409 before onboarding sent it or after the admin signed in. */
  @Post(':id/invitation')
  @HttpCode(202)
  @Responds(operatorTenantSchema, { status: 202 })
  async resendInvitation(@Param(new ZodValidationPipe(idParams)) p: IdParams): Promise<OperatorTenantDto> {
    const tenant = await this.tenants.get(p.id);
    return { ...this.tenants.toDto(tenant), firstAdmin: await this.firstAdmin.resend(tenant) };
  }
}
