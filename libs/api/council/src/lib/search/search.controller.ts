import { Controller, Get, Param, Query, Res, UseInterceptors } from '@nestjs/common';
import { Public, Responds, TenantAccess, ZodValidationPipe } from '@ratsinfo/api-core';
import { PublicCacheInterceptor } from '@ratsinfo/api-tenancy';
import { pathSegment, type SearchQuery, searchQuerySchema, type SearchResult, searchResultSchema } from '@ratsinfo/contracts';
import type { Response } from 'express';
import { z } from 'zod';
import { SearchService } from './search.service';

const tenantParams = z.object({ tenant: pathSegment() }).strict();
type TenantParams = z.infer<typeof tenantParams>;

/** The portal's full-text search: public documents only, through the response cache (ADR 0008). */
@Controller('api/portal/:tenant')
@Public()
@UseInterceptors(PublicCacheInterceptor)
export class PortalSearchController {
  constructor(private readonly search: SearchService) {}

  @Get('search')
  @Responds(searchResultSchema, { description: 'Full-text search over public papers, meetings, agenda items and file texts; ranked title > reference > text, keyset paged.' })
  portal(@Param(new ZodValidationPipe(tenantParams)) _p: TenantParams, @Query(new ZodValidationPipe(searchQuerySchema)) q: SearchQuery): Promise<SearchResult> {
    return this.search.portal(q);
  }
}

/** The members' search: also the non-public documents the visibility rule (ADR 0013) allows. */
@Controller('api/office/:tenant/me')
export class MembersSearchController {
  constructor(private readonly search: SearchService) {}

  @Get('search')
  @TenantAccess(['tenant-admin', 'clerk', 'member'])
  @Responds(searchResultSchema, { description: 'Full-text search over what the caller may read; non-public hits are marked nonPublic.' })
  members(
    @Param(new ZodValidationPipe(tenantParams)) _p: TenantParams,
    @Query(new ZodValidationPipe(searchQuerySchema)) q: SearchQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<SearchResult> {
    res.setHeader('Cache-Control', 'private, no-store');
    return this.search.members(q);
  }
}
