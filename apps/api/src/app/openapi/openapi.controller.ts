import { Controller, Get, Injectable, type OnApplicationBootstrap, Req, Res } from '@nestjs/common';
import { DiscoveryService, Reflector } from '@nestjs/core';
import { Public, Responds } from '@ratsinfo/api-core';
import type { Request, Response } from 'express';
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { readRoutes } from '../route-table';
import { buildOpenApiDocument, OPENAPI_PATH, type OpenApiDocument } from './openapi-document';

/** What `GET /api/openapi.json` answers, as far as this document describes itself. */
const openApiDocumentSchema = z
  .looseObject({ openapi: z.string(), info: z.looseObject({ title: z.string(), version: z.string() }), paths: z.record(z.string(), z.unknown()) })
  .meta({ id: 'OpenApiDocument', description: 'This document (OpenAPI 3.1).' });

/**
 * The OpenAPI document, built once when the app has started (routes do not change while it
 * runs), so a request costs no more than sending bytes.
 */
@Injectable()
export class OpenApiDocumentHolder implements OnApplicationBootstrap {
  private built: { document: OpenApiDocument; json: string; etag: string } | undefined;

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly reflector: Reflector,
  ) {}

  onApplicationBootstrap(): void {
    this.built = this.build();
  }

  private build(): { document: OpenApiDocument; json: string; etag: string } {
    const document = buildOpenApiDocument(readRoutes(this.discovery, this.reflector), { version: '1' });
    const json = JSON.stringify(document);
    return { document, json, etag: `"${createHash('sha256').update(json).digest('base64url').slice(0, 27)}"` };
  }

  get(): { document: OpenApiDocument; json: string; etag: string } {
    this.built ??= this.build();
    return this.built;
  }
}

@Controller()
export class OpenApiController {
  constructor(private readonly holder: OpenApiDocumentHolder) {}

  @Get(OPENAPI_PATH.slice(1))
  @Public()
  @Responds(openApiDocumentSchema, { description: 'The OpenAPI 3.1 document of this API.' })
  document(@Req() req: Request, @Res() res: Response): void {
    const { json, etag } = this.holder.get();
    // Changes only with a deployment: caches may keep it for a while and revalidate by ETag.
    res.setHeader('Cache-Control', 'public, max-age=300, must-revalidate');
    res.setHeader('ETag', etag);
    const known = (req.headers['if-none-match'] ?? '').split(',').map((t) => t.trim().replace(/^W\//, ''));
    if (known.includes(etag) || known.includes('*')) {
      res.status(304).end();
      return;
    }
    res.status(200).type('application/json').send(json);
  }
}
