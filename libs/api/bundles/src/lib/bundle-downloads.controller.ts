import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { Public, Responds, TenantAccess, ZodValidationPipe } from '@ratsinfo/api-core';
import { type OfficeBundleQuery, officeBundleQuerySchema, pathSegment, type PortalBundleQuery, portalBundleQuerySchema, uuidSchema } from '@ratsinfo/contracts';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { BundleDownloadsService } from './bundle-downloads.service';

const params = z.object({ tenant: pathSegment(), meetingId: uuidSchema }).strict();
type Params = z.infer<typeof params>;

const DESCRIPTION = 'The meeting bundle (Sitzungsmappe) as one PDF: cover, agenda with page numbers, the papers’ main files, bookmarks. Range and If-None-Match supported; 404 while it is not generated yet (it is then requested).';

/** The bundles in the back office: the public one for every reader of the meeting, the full one by the visibility rule. */
@Controller('api/office/:tenant/meetings')
export class OfficeBundleController {
  constructor(private readonly bundles: BundleDownloadsService) {}

  @Get(':meetingId/bundle')
  @TenantAccess(['tenant-admin', 'clerk', 'member'])
  @Responds(null, { contentType: 'application/pdf', description: DESCRIPTION })
  download(@Param(new ZodValidationPipe(params)) p: Params, @Query(new ZodValidationPipe(officeBundleQuerySchema)) q: OfficeBundleQuery, @Req() req: Request, @Res() res: Response): Promise<void> {
    return this.bundles.sendOffice(p.meetingId, q.variant, q.download ?? false, req, res);
  }
}

/** The public bundle on the portal: anyone. (Not through the response cache: bytes with their own ETag.) */
@Controller('api/portal/:tenant/meetings')
@Public()
export class PortalBundleController {
  constructor(private readonly bundles: BundleDownloadsService) {}

  @Get(':meetingId/bundle')
  @Responds(null, { contentType: 'application/pdf', description: DESCRIPTION })
  download(@Param(new ZodValidationPipe(params)) p: Params, @Query(new ZodValidationPipe(portalBundleQuerySchema)) q: PortalBundleQuery, @Req() req: Request, @Res() res: Response): Promise<void> {
    return this.bundles.sendPortal(p.meetingId, q.download ?? false, req, res);
  }
}
