import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Patch, Post, Res } from '@nestjs/common';
import { expectedVersion, Responds, TenantAccess, versionEtag, ZodValidationPipe } from '@ratsinfo/api-core';
import {
  type CreatePaperTypeInput,
  createPaperTypeSchema,
  type PaperTypeDto,
  type PaperTypeListDto,
  paperTypeListSchema,
  paperTypeSchema,
  pathSegment,
  type UpdatePaperTypeInput,
  updatePaperTypeSchema,
  uuidSchema,
} from '@ratsinfo/contracts';
import type { Response } from 'express';
import { z } from 'zod';
import { PaperTypesService } from './paper-types.service';

const tenantParams = z.object({ tenant: pathSegment() }).strict();
const typeParams = z.object({ tenant: pathSegment(), typeId: uuidSchema }).strict();
type TypeParams = z.infer<typeof typeParams>;

/** The authority's paper types and their numbering; everyone of the authority reads them (filters), clerks and admins keep them. */
@Controller('api/office/:tenant/paper-types')
export class PaperTypesController {
  constructor(private readonly types: PaperTypesService) {}

  @Get()
  @TenantAccess(['tenant-admin', 'clerk', 'member'])
  @Responds(paperTypeListSchema)
  async list(@Param(new ZodValidationPipe(tenantParams)) _p: unknown): Promise<PaperTypeListDto> {
    return { data: await this.types.list() };
  }

  @Post()
  @TenantAccess(['tenant-admin', 'clerk'])
  @Responds(paperTypeSchema, { status: 201 })
  async create(
    @Param(new ZodValidationPipe(tenantParams)) _p: unknown,
    @Body(new ZodValidationPipe(createPaperTypeSchema)) body: CreatePaperTypeInput,
    @Res({ passthrough: true }) res: Response,
  ): Promise<PaperTypeDto> {
    const created = await this.types.create(body);
    res.setHeader('ETag', versionEtag(created.version));
    return created;
  }

  @Patch(':typeId')
  @TenantAccess(['tenant-admin', 'clerk'])
  @Responds(paperTypeSchema)
  async update(
    @Param(new ZodValidationPipe(typeParams)) p: TypeParams,
    @Headers('if-match') ifMatch: string | undefined,
    @Body(new ZodValidationPipe(updatePaperTypeSchema)) body: UpdatePaperTypeInput,
    @Res({ passthrough: true }) res: Response,
  ): Promise<PaperTypeDto> {
    const updated = await this.types.update(p.typeId, expectedVersion(ifMatch), body);
    res.setHeader('ETag', versionEtag(updated.version));
    return updated;
  }

  @Delete(':typeId')
  @HttpCode(204)
  @TenantAccess(['tenant-admin', 'clerk'])
  @Responds(null, { status: 204 })
  remove(@Param(new ZodValidationPipe(typeParams)) p: TypeParams, @Headers('if-match') ifMatch: string | undefined): Promise<void> {
    return this.types.remove(p.typeId, expectedVersion(ifMatch));
  }
}
