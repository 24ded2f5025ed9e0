import type { INestApplication } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { DiscoveryService, Reflector } from '@nestjs/core';
import { ACCESS_METADATA, type AccessRule, ZodValidationPipe } from '@ratsinfo/api-core';
import type { ZodType } from 'zod';

/** One registered route, as the HTTP tests walk them: who may call it, and the schemas of its input. */
export interface RouteInfo {
  method: string;
  path: string;
  rule: AccessRule | undefined;
  name: string;
  inputs: { body?: ZodType; query?: ZodType; params?: ZodType };
}

const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'ALL', 'OPTIONS', 'HEAD', 'SEARCH'];
const INPUT_KINDS: Partial<Record<number, keyof RouteInfo['inputs']>> = {
  [RouteParamtypes.BODY]: 'body',
  [RouteParamtypes.QUERY]: 'query',
  [RouteParamtypes.PARAM]: 'params',
};

/** Every route of the running app, read from Nest's metadata (so a new route is covered without editing a test). */
export function routeTable(app: INestApplication): RouteInfo[] {
  const discovery = app.get(DiscoveryService);
  const reflector = app.get(Reflector);
  const out: RouteInfo[] = [];
  for (const wrapper of discovery.getControllers()) {
    const type = wrapper.metatype as (new (...args: never[]) => unknown) | undefined;
    if (!type) continue;
    const prefix = String(Reflect.getMetadata(PATH_METADATA, type) ?? '');
    for (const key of Object.getOwnPropertyNames(type.prototype)) {
      const handler = (type.prototype as Record<string, unknown>)[key];
      if (key === 'constructor' || typeof handler !== 'function' || Reflect.getMetadata(PATH_METADATA, handler) === undefined) continue;
      const path = `/${[prefix, String(Reflect.getMetadata(PATH_METADATA, handler))].filter((s) => s && s !== '/').join('/')}`.replace(/\/+/g, '/');
      const inputs: RouteInfo['inputs'] = {};
      const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, type, key) ?? {}) as Record<string, { pipes?: unknown[] }>;
      for (const [argKey, arg] of Object.entries(args)) {
        const kind = INPUT_KINDS[Number(argKey.split(':')[0])];
        const pipe = arg.pipes?.find((p): p is ZodValidationPipe<unknown> => p instanceof ZodValidationPipe);
        if (kind && pipe) inputs[kind] = pipe.schema;
      }
      out.push({
        method: METHODS[Reflect.getMetadata(METHOD_METADATA, handler) as number] ?? '?',
        path,
        rule: reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_METADATA, [handler as () => void, type]),
        name: `${type.name}.${key}`,
        inputs,
      });
    }
  }
  return out;
}
