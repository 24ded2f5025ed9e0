import { Controller, Get, Param, Query, Res, UseInterceptors } from '@nestjs/common';
import { Public, ZodValidationPipe } from '@ratsinfo/api-core';
import { PublicCacheInterceptor } from '@ratsinfo/api-tenancy';
import { pathSegment } from '@ratsinfo/contracts';
import type { Response } from 'express';
import { z } from 'zod';
import type { OParlObject } from './list-source';
import { newestModified, type OParlListPage, type OParlListQuery, oparlListQuerySchema, oparlNoQuerySchema, parseListQuery } from './oparl-query';
import { OParlService, SLUG_ID } from './oparl.service';

const bodyParams = z.object({ tenant: pathSegment() }).strict();
const listParams = z.object({ tenant: pathSegment(), list: pathSegment() }).strict();
const objectParams = z.object({ tenant: pathSegment(), list: pathSegment(), id: pathSegment() }).strict();

/**
 * Last-Modified: the newest `modified` in the answer (an HTTP date: whole seconds). ETag is the
 * exact validator; Last-Modified is the weak one HTTP dates allow (docs/oparl.md, Caching).
 */
function lastModified(res: Response, objects: readonly OParlObject[]): void {
  const newest = newestModified(objects);
  if (newest) res.setHeader('Last-Modified', newest.toUTCString());
}

/**
 * OParl 1.1 (docs/oparl.md, docs/adr/0018-oparl-api.md) in the layout of OParl's OpenAPI
 * description: /system, /bodies, /bodies/{body}, /bodies/{body}/{list}, /bodies/{body}/{list}/{id}.
 * Public, read-only, the same for every caller: the tenant's answers go through the response
 * cache (keyed by its public-data version); System and the bodies list get validators only.
 * Not part of our OpenAPI document: the OParl specification describes these routes.
 */
@Controller('oparl/v1.1')
@Public()
@UseInterceptors(PublicCacheInterceptor)
export class OParlController {
  constructor(private readonly oparl: OParlService) {}

  @Get('system')
  async system(@Query(new ZodValidationPipe(oparlNoQuerySchema)) _q: object, @Res({ passthrough: true }) res: Response): Promise<OParlObject> {
    const system = await this.oparl.system();
    lastModified(res, [system]);
    return system;
  }

  @Get('bodies')
  async bodies(@Query(new ZodValidationPipe(oparlListQuerySchema)) q: OParlListQuery, @Res({ passthrough: true }) res: Response): Promise<OParlListPage> {
    const page = await this.oparl.bodies(parseListQuery(q, SLUG_ID));
    lastModified(res, page.data);
    return page;
  }

  @Get('bodies/:tenant')
  async body(
    @Param(new ZodValidationPipe(bodyParams)) _p: z.infer<typeof bodyParams>,
    @Query(new ZodValidationPipe(oparlNoQuerySchema)) _q: object,
    @Res({ passthrough: true }) res: Response,
  ): Promise<OParlObject> {
    const body = await this.oparl.body();
    lastModified(res, [body]);
    return body;
  }

  @Get('bodies/:tenant/:list')
  async list(
    @Param(new ZodValidationPipe(listParams)) p: z.infer<typeof listParams>,
    @Query(new ZodValidationPipe(oparlListQuerySchema)) q: OParlListQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<OParlListPage> {
    const page = await this.oparl.page(p.list, parseListQuery(q));
    lastModified(res, page.data);
    return page;
  }

  @Get('bodies/:tenant/:list/:id')
  async object(
    @Param(new ZodValidationPipe(objectParams)) p: z.infer<typeof objectParams>,
    @Query(new ZodValidationPipe(oparlNoQuerySchema)) _q: object,
    @Res({ passthrough: true }) res: Response,
  ): Promise<OParlObject> {
    const object = await this.oparl.one(p.list, p.id);
    lastModified(res, [object]);
    return object;
  }
}
