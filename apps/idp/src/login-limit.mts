/**
 * Brute-force protection of the dev IdP's password checks (the sign-in form and the password
 * grant), in the spirit of Keycloak's realm setting "Brute force detection": failed attempts are
 * counted per client IP and entered username, and separately per client IP (one address trying
 * many usernames); when either budget is spent, further attempts are refused with 429 and
 * Retry-After until the window has passed, even with the right password. A successful sign-in
 * clears the username's count. Only failures count, so test suites that sign in a lot are not
 * slowed down; the budgets are configurable (IDP_LOGIN_MAX_FAILURES, IDP_LOGIN_MAX_FAILURES_PER_IP,
 * IDP_LOGIN_WINDOW_SECONDS) for suites that test wrong passwords on purpose.
 */
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

export interface LoginLimitSettings {
  /** Failed attempts per client IP and username within the window (default 10). */
  maxFailuresPerUser: number;
  /** Failed attempts per client IP, all usernames together, within the window (default 100). */
  maxFailuresPerIp: number;
  /** Length of the window in seconds (default 900 = 15 minutes). */
  windowSeconds: number;
}

export const DEFAULT_LOGIN_LIMIT: LoginLimitSettings = { maxFailuresPerUser: 10, maxFailuresPerIp: 100, windowSeconds: 900 };

function positiveInt(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value.trim() === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`dev IdP: ${name} must be a positive whole number, got "${value}"`);
  return n;
}

/** The limits from IDP_LOGIN_MAX_FAILURES, IDP_LOGIN_MAX_FAILURES_PER_IP, IDP_LOGIN_WINDOW_SECONDS. */
export function loginLimitFromEnv(env: NodeJS.ProcessEnv = process.env): LoginLimitSettings {
  return {
    maxFailuresPerUser: positiveInt('IDP_LOGIN_MAX_FAILURES', env['IDP_LOGIN_MAX_FAILURES'], DEFAULT_LOGIN_LIMIT.maxFailuresPerUser),
    maxFailuresPerIp: positiveInt('IDP_LOGIN_MAX_FAILURES_PER_IP', env['IDP_LOGIN_MAX_FAILURES_PER_IP'], DEFAULT_LOGIN_LIMIT.maxFailuresPerIp),
    windowSeconds: positiveInt('IDP_LOGIN_WINDOW_SECONDS', env['IDP_LOGIN_WINDOW_SECONDS'], DEFAULT_LOGIN_LIMIT.windowSeconds),
  };
}

export class LoginLimiter {
  readonly #perUser: RateLimiterMemory;
  readonly #perIp: RateLimiterMemory;

  constructor(settings: LoginLimitSettings) {
    this.#perUser = new RateLimiterMemory({ keyPrefix: 'login-user', points: settings.maxFailuresPerUser, duration: settings.windowSeconds });
    this.#perIp = new RateLimiterMemory({ keyPrefix: 'login-ip', points: settings.maxFailuresPerIp, duration: settings.windowSeconds });
  }

  static #userKey(realm: string, ip: string, username: string): string {
    return `${realm}|${ip}|${username.trim().toLowerCase()}`;
  }

  /** Seconds until this IP may try this username again; 0 = it may try now. */
  async retryAfter(realm: string, ip: string, username: string): Promise<number> {
    const [user, perIp] = await Promise.all([this.#perUser.get(LoginLimiter.#userKey(realm, ip, username)), this.#perIp.get(`${realm}|${ip}`)]);
    const blocked = [
      [user, this.#perUser.points],
      [perIp, this.#perIp.points],
    ] as const;
    let ms = 0;
    for (const [res, points] of blocked) {
      if (res && res.consumedPoints >= points) ms = Math.max(ms, res.msBeforeNext);
    }
    return ms > 0 ? Math.max(1, Math.ceil(ms / 1000)) : 0;
  }

  /** Counts a failed attempt. */
  async failed(realm: string, ip: string, username: string): Promise<void> {
    const swallowLimit = (err: unknown) => {
      // A rejection with a RateLimiterRes only says the budget is spent: retryAfter() reports that.
      if (!(err instanceof RateLimiterRes)) throw err;
    };
    await Promise.all([
      this.#perUser.consume(LoginLimiter.#userKey(realm, ip, username)).catch(swallowLimit),
      this.#perIp.consume(`${realm}|${ip}`).catch(swallowLimit),
    ]);
  }

  /** A successful sign-in: the username's failures from this IP are forgotten. */
  async succeeded(realm: string, ip: string, username: string): Promise<void> {
    await this.#perUser.delete(LoginLimiter.#userKey(realm, ip, username));
  }
}
