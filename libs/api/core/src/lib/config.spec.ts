import { ConfigError, loadConfig } from './config';

function problemsOf(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error('expected a ConfigError');
}

const valid = { DATABASE_URL: 'postgresql://app:x@127.0.0.1:5433/ratsinfo', REDIS_URL: 'redis://127.0.0.1:6380' };

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    expect(loadConfig(valid)).toMatchObject({ PORT: 3000, HOST: '0.0.0.0', LOG_LEVEL: 'info', DATABASE_POOL_SIZE: 10, NODE_ENV: 'development' });
  });

  it('names a missing variable', () => {
    expect(() => loadConfig({ REDIS_URL: valid.REDIS_URL })).toThrow(new ConfigError([{ variable: 'DATABASE_URL', reason: 'is required but not set' }]));
  });

  it('names every invalid variable with the reason', () => {
    const e = problemsOf({ ...valid, PORT: '70000', REDIS_URL: 'http://x', LOG_LEVEL: 'loud' });
    expect(e.problems.map((p) => p.variable).sort()).toEqual(['LOG_LEVEL', 'PORT', 'REDIS_URL']);
    expect(e.message).toContain('REDIS_URL must be a redis:// URL');
  });

  it('reads the rate limits and the proxy trust', () => {
    expect(loadConfig(valid)).toMatchObject({ RATE_LIMIT_ENABLED: true, RATE_LIMIT_WINDOW_SECONDS: 60, RATE_LIMIT_PER_IP: 1200, RATE_LIMIT_PER_USER: 600, TRUST_PROXY: false, DATABASE_POOL_TIMEOUT_MS: 5000 });
    expect(loadConfig({ ...valid, RATE_LIMIT_ENABLED: 'false', RATE_LIMIT_PER_IP: '1000000', TRUST_PROXY: '1' })).toMatchObject({ RATE_LIMIT_ENABLED: false, RATE_LIMIT_PER_IP: 1_000_000, TRUST_PROXY: 1 });
    expect(loadConfig({ ...valid, TRUST_PROXY: 'loopback, 10.0.0.0/8' }).TRUST_PROXY).toBe('loopback, 10.0.0.0/8');
    expect(problemsOf({ ...valid, RATE_LIMIT_ENABLED: 'yes', RATE_LIMIT_PER_USER: '0' }).problems.map((p) => p.variable).sort()).toEqual(['RATE_LIMIT_ENABLED', 'RATE_LIMIT_PER_USER']);
  });

  it('makes the web app folder absolute (deep links are served with sendFile)', () => {
    expect(loadConfig({ ...valid, WEB_DIST_DIR: 'dist/apps/web/browser' }).WEB_DIST_DIR).toBe(`${process.cwd()}/dist/apps/web/browser`);
  });

  it('returns a frozen object', () => {
    expect(Object.isFrozen(loadConfig(valid))).toBe(true);
  });
});

describe('loadConfig in production', () => {
  const production = { ...valid, NODE_ENV: 'production', AUTH_URL: 'https://login.ratsinfo.example', PUBLIC_BASE_URL: 'https://ratsinfo.example' };

  it('accepts an https identity provider on a real host and a public base URL', () => {
    expect(loadConfig(production)).toMatchObject({ NODE_ENV: 'production', AUTH_URL: 'https://login.ratsinfo.example' });
  });

  it.each([
    ['plain http', 'http://login.ratsinfo.example', 'AUTH_URL must be an https:// URL in production'],
    ['localhost', 'https://localhost:8443', 'AUTH_URL must not point to localhost in production'],
    ['a loopback address', 'https://127.0.0.1', 'AUTH_URL must not point to localhost in production'],
    ['IPv6 loopback', 'https://[::1]:8443', 'AUTH_URL must not point to localhost in production'],
  ])('refuses an AUTH_URL on %s, naming the variable', (_, url, message) => {
    expect(problemsOf({ ...production, AUTH_URL: url }).message).toContain(message);
  });

  it('refuses the development default of AUTH_URL (http://localhost:8080) when it is not set', () => {
    const { AUTH_URL: _, ...withoutAuthUrl } = production;
    expect(problemsOf(withoutAuthUrl).problems).toEqual([
      { variable: 'AUTH_URL', reason: 'must be an https:// URL in production' },
      { variable: 'AUTH_URL', reason: 'must not point to localhost in production' },
    ]);
  });

  it('requires PUBLIC_BASE_URL, naming it', () => {
    const { PUBLIC_BASE_URL: _, ...withoutBase } = production;
    expect(problemsOf(withoutBase).problems).toEqual([{ variable: 'PUBLIC_BASE_URL', reason: 'is required in production' }]);
  });

  it('does not apply these rules outside production', () => {
    expect(loadConfig({ ...valid, NODE_ENV: 'test' }).AUTH_URL).toBe('http://localhost:8080');
  });
});
