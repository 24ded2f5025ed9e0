import { ConfigError, loadConfig } from './config';

const valid = { DATABASE_URL: 'postgresql://app:x@127.0.0.1:5433/ratsinfo', REDIS_URL: 'redis://127.0.0.1:6380' };

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    expect(loadConfig(valid)).toMatchObject({ PORT: 3000, HOST: '0.0.0.0', LOG_LEVEL: 'info', DATABASE_POOL_SIZE: 10, NODE_ENV: 'development' });
  });

  it('names a missing variable', () => {
    expect(() => loadConfig({ REDIS_URL: valid.REDIS_URL })).toThrow(new ConfigError([{ variable: 'DATABASE_URL', reason: 'is required but not set' }]));
  });

  it('names every invalid variable with the reason', () => {
    let error: unknown;
    try {
      loadConfig({ ...valid, PORT: '70000', REDIS_URL: 'http://x', LOG_LEVEL: 'loud' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems.map((p) => p.variable).sort()).toEqual(['LOG_LEVEL', 'PORT', 'REDIS_URL']);
    expect((error as ConfigError).message).toContain('REDIS_URL must be a redis:// URL');
  });

  it('makes the web app folder absolute (deep links are served with sendFile)', () => {
    expect(loadConfig({ ...valid, WEB_DIST_DIR: 'dist/apps/web/browser' }).WEB_DIST_DIR).toBe(`${process.cwd()}/dist/apps/web/browser`);
  });

  it('returns a frozen object', () => {
    expect(Object.isFrozen(loadConfig(valid))).toBe(true);
  });
});
