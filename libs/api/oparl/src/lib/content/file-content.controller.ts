import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { GoneError, NotFoundError, Public, Responds, ZodValidationPipe } from '@ratsinfo/api-core';
import { TenantDatabase } from '@ratsinfo/api-database';
import { FileStorage, sendFileVersion } from '@ratsinfo/api-files';
import { pathSegment } from '@ratsinfo/contracts';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { FILE_WAS_PUBLIC, isUuid } from './public-rules';
import { fileWithOwnerSelect, isLivePublicFile } from './sources';

/** Any id is a 404 unless it is a public file's: not a 400 for a malformed one (OParl clients follow ids, they do not build them). */
const params = z.object({ tenant: pathSegment(), id: pathSegment() }).strict();
type Params = z.infer<typeof params>;
/** No parameters: an unknown one is a 400 naming it, as everywhere in the API. */
const noQuery = z.object({}).strict();

const contentSelect = {
  ...fileWithOwnerSelect,
  versions: { select: { number: true, fileName: true, mimeType: true, size: true, sha512: true, storageKey: true, createdAt: true }, orderBy: { number: 'desc' } },
} as const;

/**
 * The bytes behind OParl File.accessUrl (inline) and File.downloadUrl (attachment): a public file
 * of a public owner, current version, with range, ETag/304 and RFC 6266/5987 names (as the
 * portal's file route). Open to any origin, no cookies. A file that was public and is deleted
 * (or whose owner is) answers 410; anything else unknown or not public 404.
 */
@Controller('oparl/v1.1/bodies/:tenant/files')
@Public()
export class OParlFileContentController {
  constructor(
    private readonly db: TenantDatabase,
    private readonly storage: FileStorage,
  ) {}

  @Get(':id/access')
  @Responds(null, { contentType: 'application/octet-stream', description: 'The bytes of a public file, inline (OParl accessUrl); Range and If-None-Match supported.' })
  access(@Param(new ZodValidationPipe(params)) p: Params, @Query(new ZodValidationPipe(noQuery)) _q: object, @Req() req: Request, @Res() res: Response): Promise<void> {
    return this.send(p.id, false, req, res);
  }

  @Get(':id/download')
  @Responds(null, { contentType: 'application/octet-stream', description: 'The bytes of a public file as an attachment (OParl downloadUrl); Range and If-None-Match supported.' })
  download(@Param(new ZodValidationPipe(params)) p: Params, @Query(new ZodValidationPipe(noQuery)) _q: object, @Req() req: Request, @Res() res: Response): Promise<void> {
    return this.send(p.id, true, req, res);
  }

  private async send(id: string, attachment: boolean, req: Request, res: Response): Promise<void> {
    res.setHeader('Access-Control-Allow-Origin', '*');
    if (!isUuid(id)) throw new NotFoundError('The file');
    const file = await this.db.transaction((tx) => tx.file.findFirst({ where: { id, ...FILE_WAS_PUBLIC }, select: contentSelect }));
    if (!file) throw new NotFoundError('The file');
    if (!isLivePublicFile(file)) throw new GoneError('The file was deleted.');
    const v = file.versions.find((x) => x.number === file.currentVersion);
    if (!v) throw new NotFoundError('The file');
    await sendFileVersion(req, res, this.storage, { fileName: v.fileName, mimeType: v.mimeType, size: Number(v.size), sha512: v.sha512, storageKey: v.storageKey }, { attachment, cacheControl: 'public, no-cache' });
  }
}
