import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { OpenApiController, OpenApiDocumentHolder } from './openapi.controller';

/** `GET /api/openapi.json`: the OpenAPI 3.1 document of the API, generated from the running routes. */
@Module({
  imports: [DiscoveryModule],
  controllers: [OpenApiController],
  providers: [OpenApiDocumentHolder],
})
export class OpenApiModule {}
