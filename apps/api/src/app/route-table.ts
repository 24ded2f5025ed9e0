import type { INestApplication } from '@nestjs/common';
import { HTTP_CODE_METADATA, METHOD_METADATA, PATH_METADATA, RESPONSE_PASSTHROUGH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { DiscoveryService, Reflector } from '@nestjs/core';
import {
  ACCESS_METADATA,
  type AccessRule,
  IF_MATCH_CONTRACT,
  REQUEST_BODY_CONTRACT,
  RESPONSE_CONTRACT,
  type RequestBodyContract,
  type ResponseContract,
  ZodValidationPipe,
} from '@ratsinfo/api-core';
import { z, type ZodType } from 'zod';

/**
 * One registered route, as the OpenAPI document and the HTTP tests walk them: who may call it,
 * the schemas of its input and what it answers.
 */
export interface RouteInfo {
  method: string;
  /** Express form, `/api/office/:tenant/users/:id`. */
  path: string;
  rule: AccessRule | undefined;
  /** `Controller.handler`, unique. */
  name: string;
  inputs: { body?: ZodType; query?: ZodType; params?: ZodType };
  /** Body, query or path arguments the handler takes without a ZodValidationPipe (nothing checks them). */
  unvalidated: string[];
  /** Request headers the handler reads through `@Headers(name)`, lower case. */
  headers: string[];
  /** A compare-and-set on a version: `If-Match` required (`@Headers('if-match')` or `@RequiresIfMatch()`). */
  ifMatch: boolean;
  response: ResponseContract | undefined;
  /** A body that is not JSON read by a pipe (multipart upload), from `@AcceptsBody`. */
  requestBody: RequestBodyContract | undefined;
  /**
   * The status Nest sends on success (`@HttpCode`, else 201 for POST and 200 otherwise); undefined
   * when the handler writes the response itself (`@Res()` without passthrough).
   */
  successStatus: number | undefined;
}

const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'ALL', 'OPTIONS', 'HEAD', 'SEARCH'];
const INPUT_KINDS: Partial<Record<number, keyof RouteInfo['inputs']>> = {
  [RouteParamtypes.BODY]: 'body',
  [RouteParamtypes.QUERY]: 'query',
  [RouteParamtypes.PARAM]: 'params',
};

interface RouteArg {
  index: number;
  data?: unknown;
  pipes?: unknown[];
}

/** Every route of the running app, read from Nest's metadata (so a new route is covered without editing a test). */
export function routeTable(app: INestApplication): RouteInfo[] {
  return readRoutes(app.get(DiscoveryService), app.get(Reflector));
}

export function readRoutes(discovery: DiscoveryService, reflector: Reflector): RouteInfo[] {
  const out: RouteInfo[] = [];
  for (const wrapper of discovery.getControllers()) {
    const type = wrapper.metatype as (new (...args: never[]) => unknown) | undefined;
    if (!type) continue;
    const prefix = String(Reflect.getMetadata(PATH_METADATA, type) ?? '');
    for (const key of Object.getOwnPropertyNames(type.prototype)) {
      const handler = (type.prototype as Record<string, unknown>)[key];
      if (key === 'constructor' || typeof handler !== 'function' || Reflect.getMetadata(PATH_METADATA, handler) === undefined) continue;
      const targets = [handler as () => void, type];
      const paths = [Reflect.getMetadata(PATH_METADATA, handler) as string | string[]].flat();
      const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, type, key) ?? {}) as Record<string, RouteArg>;
      const { inputs, unvalidated, headers } = readArguments(args);
      const method = METHODS[Reflect.getMetadata(METHOD_METADATA, handler) as number] ?? '?';
      const writesItself =
        Object.keys(args).some((k) => Number(k.split(':')[0]) === RouteParamtypes.RESPONSE) && Reflect.getMetadata(RESPONSE_PASSTHROUGH_METADATA, type, key) !== true;
      for (const handlerPath of paths) {
        out.push({
          method,
          path: `/${[prefix, String(handlerPath)].filter((s) => s && s !== '/').join('/')}`.replace(/\/+/g, '/'),
          rule: reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_METADATA, targets),
          name: `${type.name}.${key}`,
          inputs,
          unvalidated,
          headers,
          ifMatch: headers.includes('if-match') || reflector.getAllAndOverride<boolean | undefined>(IF_MATCH_CONTRACT, targets) === true,
          response: reflector.getAllAndOverride<ResponseContract | undefined>(RESPONSE_CONTRACT, targets),
          requestBody: reflector.getAllAndOverride<RequestBodyContract | undefined>(REQUEST_BODY_CONTRACT, targets),
          successStatus: writesItself ? undefined : ((Reflect.getMetadata(HTTP_CODE_METADATA, handler) as number | undefined) ?? (method === 'POST' ? 201 : 200)),
        });
      }
    }
  }
  return out;
}

function readArguments(args: Record<string, RouteArg>): Pick<RouteInfo, 'inputs' | 'unvalidated' | 'headers'> {
  const inputs: RouteInfo['inputs'] = {};
  // `@Param('id', new ZodValidationPipe(uuidSchema))`: one field of the params object.
  const fields: Partial<Record<keyof RouteInfo['inputs'], Record<string, ZodType>>> = {};
  const unvalidated: string[] = [];
  const headers: string[] = [];
  for (const [argKey, arg] of Object.entries(args)) {
    const paramtype = Number(argKey.split(':')[0]);
    if (paramtype === RouteParamtypes.HEADERS && typeof arg.data === 'string') headers.push(arg.data.toLowerCase());
    const kind = INPUT_KINDS[paramtype];
    if (!kind) continue;
    const pipe = arg.pipes?.find((p): p is ZodValidationPipe<unknown> => p instanceof ZodValidationPipe);
    const field = typeof arg.data === 'string' ? arg.data : undefined;
    if (!pipe) unvalidated.push(field ? `${kind} ${field}` : kind);
    else if (field) (fields[kind] ??= {})[field] = pipe.schema;
    else inputs[kind] = pipe.schema;
  }
  for (const [kind, shape] of Object.entries(fields) as [keyof RouteInfo['inputs'], Record<string, ZodType>][]) {
    inputs[kind] ??= z.object(shape).strict();
  }
  return { inputs, unvalidated, headers };
}
