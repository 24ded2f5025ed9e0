import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { createHash, timingSafeEqual } from 'node:crypto';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * Prometheus metrics of the API and the worker (docs/adr/0021-storage-and-metrics.md). One registry
 * per process. Labels are bounded by construction: route TEMPLATES (never the URL: no ids, no
 * slugs), status classes, queue and job names from code, fixed outcomes. No tenant label at all:
 * hundreds of authorities times every series would be the cardinality problem, and per-tenant
 * figures belong to the operator console, not to the monitoring.
 */
export const metricsRegistry = new Registry();

let processMetrics = false;
/** Process metrics (CPU, memory, event loop lag, GC, handles) and the `service` label; once per process. */
export function enableProcessMetrics(service: 'api' | 'worker'): void {
  if (processMetrics) return;
  processMetrics = true;
  metricsRegistry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: metricsRegistry });
}

export const httpRequests = new Counter({
  name: 'ratsinfo_http_requests_total',
  help: 'HTTP requests answered, by method, route template and status class.',
  labelNames: ['method', 'route', 'status_class'] as const,
  registers: [metricsRegistry],
});

export const httpDuration = new Histogram({
  name: 'ratsinfo_http_request_duration_seconds',
  help: 'Time from the request to the last byte of the response, by method, route template and status class.',
  labelNames: ['method', 'route', 'status_class'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
  registers: [metricsRegistry],
});

export const httpErrors = new Counter({
  name: 'ratsinfo_http_errors_total',
  help: 'Errors answered as problem+json, by problem type (the last part of its URI) and status.',
  labelNames: ['type', 'status'] as const,
  registers: [metricsRegistry],
});

export const dbStatements = new Counter({
  name: 'ratsinfo_db_statements_total',
  help: 'SQL statements sent to PostgreSQL through the application pool (BEGIN, set_config and COMMIT included).',
  registers: [metricsRegistry],
});

/** What the pg pool tells about itself (pg.Pool's counters). */
export interface PoolStats {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
  options: { max?: number };
}
const pools = new Set<PoolStats>();
/** Registers a pool for the DB pool gauges; the returned function unregisters it (on shutdown). */
export function observePool(pool: PoolStats): () => void {
  pools.add(pool);
  return () => void pools.delete(pool);
}

new Gauge({
  name: 'ratsinfo_db_pool_connections',
  help: 'Connections of the application pool: total open, idle, and requests waiting for one; max is the configured size.',
  labelNames: ['state'] as const,
  registers: [metricsRegistry],
  collect() {
    const sum = (f: (p: PoolStats) => number) => [...pools].reduce((n, p) => n + f(p), 0);
    this.set({ state: 'total' }, sum((p) => p.totalCount));
    this.set({ state: 'idle' }, sum((p) => p.idleCount));
    this.set({ state: 'waiting' }, sum((p) => p.waitingCount));
    this.set({ state: 'max' }, sum((p) => p.options.max ?? 10));
  },
});

export const mailsSent = new Counter({
  name: 'ratsinfo_mails_total',
  help: 'Mails handed to SMTP, by outcome: sent (accepted), failed (to be retried), rejected (permanent 5xx).',
  labelNames: ['outcome'] as const,
  registers: [metricsRegistry],
});

export const jobDuration = new Histogram({
  name: 'ratsinfo_job_duration_seconds',
  help: 'Worker jobs, by queue, job (outbox topic or housekeeping task) and outcome (completed, failed).',
  labelNames: ['queue', 'job', 'outcome'] as const,
  buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900],
  registers: [metricsRegistry],
});

/** Where the public response cache puts the route template of a hit (no express route matched then). */
export const ROUTE_TEMPLATE_LOCAL = 'ratsinfoRouteTemplate';

/** The route template of a finished request, never its URL: express's matched route, else a fixed word. */
export function routeTemplate(req: Request, res: Response): string {
  const route = (req as Request & { route?: { path?: unknown } }).route;
  // A wildcard route (Nest's not-found handler `{/*splat}`, the web app's deep-link fallback) matched nothing real.
  if (route && typeof route.path === 'string') return route.path.includes('*') ? '(unmatched)' : `${req.baseUrl ?? ''}${route.path}`;
  const cached = (res.locals as Record<string, unknown>)[ROUTE_TEMPLATE_LOCAL];
  if (typeof cached === 'string') return cached;
  return '(unmatched)';
}

/**
 * Counts and times every request, including those answered before routing (public cache, rate
 * limit, static files). Mounted first, so the time includes all middleware.
 */
export function httpMetrics(): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const end = httpDuration.startTimer();
    let done = false;
    const record = () => {
      if (done) return;
      done = true;
      // A client that went away before the response ended is its own class, not a 2xx.
      const status_class = res.writableFinished ? `${Math.floor(res.statusCode / 100)}xx` : 'aborted';
      const labels = { method: req.method, route: routeTemplate(req, res), status_class };
      httpRequests.inc(labels);
      end(labels);
    };
    res.once('finish', record);
    res.once('close', record);
    next();
  };
}

/**
 * GET /metrics, for Prometheus only: served when METRICS_TOKEN is set, and then only to
 * `Authorization: Bearer <token>` (compared in constant time). Unset: 404, as if there were none.
 */
export function metricsEndpoint(token: string | undefined): RequestHandler {
  const expected = token ? digest(token) : undefined;
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.path !== '/metrics' || (req.method !== 'GET' && req.method !== 'HEAD') || !expected) return next();
    const given = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (!given || !timingSafeEqual(digest(given), expected)) {
      res.setHeader('WWW-Authenticate', 'Bearer realm="metrics"');
      res.setHeader('Cache-Control', 'no-store');
      res.status(401).type('application/problem+json').send(JSON.stringify({ type: 'about:blank', title: 'Unauthorized', status: 401, detail: 'The metrics need the bearer token of the monitoring.' }));
      return;
    }
    metricsRegistry.metrics().then(
      (body) => {
        res.setHeader('Cache-Control', 'no-store');
        res.setHeader('Content-Type', metricsRegistry.contentType);
        res.end(req.method === 'HEAD' ? undefined : body);
      },
      (e: unknown) => next(e),
    );
  };
}

function digest(s: string): Buffer {
  return createHash('sha256').update(s).digest();
}
