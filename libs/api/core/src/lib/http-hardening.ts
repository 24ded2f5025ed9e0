import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROBLEM_CONTENT_TYPE, type Problem, ProblemType, hasControlCharacters } from '@ratsinfo/contracts';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';
import type { AppConfig } from './config';

/**
 * Express middleware that every response passes through before Nest routes it: security
 * headers, cache rules for private responses, and a check of the URL itself. They run as plain
 * middleware (not Nest interceptors) so that static files of the web app, unknown paths and
 * errors of the body parser get them too.
 */

/** Paths the API answers; everything else (when WEB_DIST_DIR is set) is the web app. */
const API_PATH = /^\/(api|oparl|health)(\/|$)/;
/** Responses about one person's session or an operator's console: never stored anywhere. */
const PRIVATE_PATH = /^\/api\/(office|operator)(\/|$)/;
/** keycloak-js loads this page of the app in an iframe of the app itself (silent check-sso). */
const SILENT_CHECK_SSO = '/silent-check-sso.html';

export function sendProblem(res: Response, problem: Problem, headers: Record<string, string> = {}): void {
  for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
  res.setHeader('Cache-Control', 'no-store');
  res.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
}

/**
 * Refuses control characters (and broken percent-encoding) in the path and the query string
 * with a 400 naming the parameter, before any of it reaches a route, a log line or a query:
 * a NUL in a tenant slug would otherwise reach PostgreSQL, which refuses it with an error.
 */
export function urlInputCheck(): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const url = req.originalUrl ?? req.url;
    const q = url.indexOf('?');
    const path = q === -1 ? url : url.slice(0, q);
    const invalid = (name: string, reason: string) =>
      sendProblem(res, {
        type: ProblemType.validation,
        title: 'Invalid input',
        status: 400,
        detail: `${name}: ${reason}`,
        instance: path,
        errors: [{ name, reason }],
      });
    for (const segment of path.split('/')) {
      let decoded: string;
      try {
        decoded = decodeURIComponent(segment);
      } catch {
        return invalid('path', 'is not valid percent-encoding');
      }
      if (hasControlCharacters(decoded)) return invalid('path', 'must not contain control characters');
    }
    if (q !== -1) {
      for (const pair of url.slice(q + 1).split('&')) {
        const eq = pair.indexOf('=');
        let name: string;
        let value: string;
        try {
          name = decodeURIComponent((eq === -1 ? pair : pair.slice(0, eq)).replace(/\+/g, ' '));
          value = eq === -1 ? '' : decodeURIComponent(pair.slice(eq + 1).replace(/\+/g, ' '));
        } catch {
          return invalid('query', 'is not valid percent-encoding');
        }
        if (hasControlCharacters(name)) return invalid('query', 'parameter names must not contain control characters');
        if (hasControlCharacters(value)) return invalid(name.slice(0, 100), 'must not contain control characters');
      }
    }
    next();
  };
}

/** `Cache-Control: no-store` for back-office and operator responses, set before the route runs. */
export function privateResponsesNoStore(): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    if (PRIVATE_PATH.test(req.path)) res.setHeader('Cache-Control', 'no-store');
    next();
  };
}

/**
 * `sha256-…` sources for the inline scripts and event-handler attributes of the built web app's
 * HTML files (the silent check-sso page, Angular's critical-CSS loader), so the CSP can allow
 * exactly those and no others. Read once at boot: the files do not change while we run.
 */
export function inlineScriptHashes(webDistDir: string | undefined): { scripts: string[]; attributes: string[] } {
  const scripts = new Set<string>();
  const attributes = new Set<string>();
  if (!webDistDir) return { scripts: [], attributes: [] };
  const hash = (s: string) => `'sha256-${createHash('sha256').update(s, 'utf8').digest('base64')}'`;
  let files: string[];
  try {
    files = readdirSync(webDistDir).filter((f) => f.endsWith('.html'));
  } catch {
    return { scripts: [], attributes: [] };
  }
  for (const file of files) {
    const html = readFileSync(join(webDistDir, file), 'utf8');
    for (const m of html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi)) if (m[1]!.trim()) scripts.add(hash(m[1]!));
    for (const m of html.matchAll(/\son[a-z]+=(?:"([^"]*)"|'([^']*)')/gi)) attributes.add(hash(m[1] ?? m[2]!));
  }
  return { scripts: [...scripts], attributes: [...attributes] };
}

function origin(url: string): string {
  return new URL(url).origin;
}

/** The web app's policy: its own scripts, Angular's runtime styles, sign-in at the identity provider. */
export function webContentSecurityPolicy(config: AppConfig, hashes: { scripts: string[]; attributes: string[] }, frameAncestors: string): string {
  const idp = origin(config.AUTH_URL);
  const directives: Record<string, string[]> = {
    'default-src': ["'self'"],
    'script-src': ["'self'", ...hashes.scripts, ...(hashes.attributes.length ? ["'unsafe-hashes'", ...hashes.attributes] : [])],
    // Angular adds component styles as <style> elements at runtime, without a nonce.
    'style-src': ["'self'", "'unsafe-inline'"],
    // Member authorities' logos live on their own web sites.
    'img-src': ["'self'", 'data:', 'https:'],
    'font-src': ["'self'", 'data:'],
    'connect-src': ["'self'", idp],
    // keycloak-js' silent check-sso: the identity provider, which redirects back to our page.
    'frame-src': ["'self'", idp],
    'frame-ancestors': [frameAncestors],
    'form-action': ["'self'", idp],
    'base-uri': ["'self'"],
    'object-src': ["'none'"],
  };
  return Object.entries(directives)
    .map(([k, v]) => `${k} ${v.join(' ')}`)
    .join('; ');
}

/** JSON and problem responses load nothing and are framed by no one. */
const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/**
 * helmet's headers on every response (nosniff, referrer policy, framing, cross-origin policies;
 * HSTS only in production, where TLS ends in front of us), and a CSP per kind of response.
 */
export function securityHeaders(config: AppConfig): RequestHandler[] {
  const production = config.NODE_ENV === 'production';
  const hashes = inlineScriptHashes(config.WEB_DIST_DIR);
  const webCsp = webContentSecurityPolicy(config, hashes, "'none'");
  const silentCheckSsoCsp = webContentSecurityPolicy(config, hashes, "'self'");
  return [
    helmet({
      contentSecurityPolicy: false,
      frameguard: { action: 'deny' },
      referrerPolicy: { policy: 'no-referrer' },
      strictTransportSecurity: production ? { maxAge: 31_536_000, includeSubDomains: true } : false,
      // The sign-in redirects through the identity provider; no pop-ups are used.
      crossOriginOpenerPolicy: { policy: 'same-origin' },
    }),
    (req: Request, res: Response, next: NextFunction) => {
      if (API_PATH.test(req.path)) res.setHeader('Content-Security-Policy', API_CSP);
      else if (req.path === SILENT_CHECK_SSO) {
        res.setHeader('Content-Security-Policy', silentCheckSsoCsp);
        res.setHeader('X-Frame-Options', 'SAMEORIGIN');
      } else res.setHeader('Content-Security-Policy', webCsp);
      next();
    },
  ];
}
