import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { Responds, TenantAccess, ZodValidationPipe } from '@ratsinfo/api-core';
import {
  type AuditEventDto,
  auditEventSchema,
  type AuditQuery,
  auditQuerySchema,
  type InviteUserInput,
  inviteUserSchema,
  type LinkPersonInput,
  linkPersonSchema,
  type ListResponse,
  listOf,
  type PagedResponse,
  pageOf,
  type SupportAccessGrantDto,
  supportAccessGrantDtoSchema,
  type SupportAccessGrantInput,
  supportAccessGrantSchema,
  type TenantSessionDto,
  tenantSessionSchema,
  type UserAccountDto,
  userAccountSchema,
  type UserRolesUpdate,
  userRolesUpdateSchema,
  uuidSchema,
  pathSegment,
} from '@ratsinfo/contracts';
import { z } from 'zod';
import { OfficeService } from './office.service';

const idParams = z.object({ tenant: pathSegment(), id: uuidSchema }).strict();
type IdParams = z.infer<typeof idParams>;

/** The back office of one member authority: who am I, accounts and roles, support access, audit. */
@Controller('api/office/:tenant')
export class OfficeController {
  constructor(private readonly office: OfficeService) {}

  @Get('session')
  @Responds(tenantSessionSchema)
  @TenantAccess(['tenant-admin', 'clerk', 'member'], { supportAccess: true })
  session(): Promise<TenantSessionDto> {
    return this.office.session();
  }

  @Get('users')
  @Responds(listOf(userAccountSchema))
  @TenantAccess(['tenant-admin'])
  async users(): Promise<ListResponse<UserAccountDto>> {
    return { data: await this.office.accounts() };
  }

  @Post('users')
  @Responds(userAccountSchema, { status: 201 })
  @TenantAccess(['tenant-admin'])
  invite(@Body(new ZodValidationPipe(inviteUserSchema)) body: InviteUserInput): Promise<UserAccountDto> {
    return this.office.invite(body);
  }

  @Post('users/:id/invitation')
  @TenantAccess(['tenant-admin'])
  @HttpCode(202)
  @Responds(userAccountSchema, { status: 202 })
  resendInvitation(@Param(new ZodValidationPipe(idParams)) params: IdParams): Promise<UserAccountDto> {
    return this.office.resendInvitation(params.id);
  }

  @Put('users/:id/person')
  @Responds(userAccountSchema)
  @TenantAccess(['tenant-admin'])
  linkPerson(@Param(new ZodValidationPipe(idParams)) params: IdParams, @Body(new ZodValidationPipe(linkPersonSchema)) body: LinkPersonInput): Promise<UserAccountDto> {
    return this.office.linkPerson(params.id, body.personId);
  }

  @Put('users/:id/roles')
  @Responds(userAccountSchema)
  @TenantAccess(['tenant-admin'])
  setRoles(@Param(new ZodValidationPipe(idParams)) params: IdParams, @Body(new ZodValidationPipe(userRolesUpdateSchema)) body: UserRolesUpdate): Promise<UserAccountDto> {
    return this.office.setRoles(params.id, body.roles);
  }

  @Get('support-access')
  @Responds(listOf(supportAccessGrantDtoSchema))
  @TenantAccess(['tenant-admin'], { supportAccess: true })
  async supportGrants(): Promise<ListResponse<SupportAccessGrantDto>> {
    return { data: await this.office.supportGrants() };
  }

  @Post('support-access')
  @Responds(supportAccessGrantDtoSchema, { status: 201 })
  @TenantAccess(['tenant-admin'])
  grantSupport(@Body(new ZodValidationPipe(supportAccessGrantSchema)) body: SupportAccessGrantInput): Promise<SupportAccessGrantDto> {
    return this.office.grantSupport(body);
  }

  @Delete('support-access/:id')
  @Responds(supportAccessGrantDtoSchema)
  @TenantAccess(['tenant-admin'])
  @HttpCode(200)
  revokeSupport(@Param(new ZodValidationPipe(idParams)) params: IdParams): Promise<SupportAccessGrantDto> {
    return this.office.revokeSupport(params.id);
  }

  @Get('audit')
  @Responds(pageOf(auditEventSchema))
  @TenantAccess(['tenant-admin'])
  auditLog(@Query(new ZodValidationPipe(auditQuerySchema)) q: AuditQuery): Promise<PagedResponse<AuditEventDto>> {
    return this.office.auditLog(q);
  }
}
