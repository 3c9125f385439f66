import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, packageVersion } from './config';

describe('loadConfig', () => {
  it('has safe defaults', () => {
    expect(loadConfig({})).toEqual({
      host: '127.0.0.1',
      port: 8080,
      mode: 'auto',
      endpoint: 'sophonsoar.aliyuncs.com',
      protocol: 'https',
      upstream: { timeoutMs: 10_000, deadlineMs: 25_000, retries: 3 },
      rateLimitPerMinute: 3000,
      logLevel: 'info',
      emulator: {},
      accessControl: { mode: 'none' },
      allowedHosts: [],
      trustProxyTls: false,
      headersTimeoutMs: 10_000,
      maxConnectionsPerClient: 256,
      budget: { qps: 10, burst: 10, cacheMs: 3000, replicas: 1 },
    });
  });

  it('reads every variable', () => {
    const c = loadConfig({
      HOST: '0.0.0.0',
      PORT: '0',
      SOPHONSOAR_MODE: 'LIVE',
      SOPHONSOAR_ENDPOINT: '127.0.0.1:8787',
      SOPHONSOAR_PROTOCOL: 'http',
      UPSTREAM_TIMEOUT_MS: '500',
      UPSTREAM_DEADLINE_MS: '1500',
      UPSTREAM_RETRIES: '0',
      RATE_LIMIT_PER_MINUTE: '60',
      LOG_LEVEL: 'warn',
      EMULATOR_TASKS: '40',
      AUTH_MODE: 'proxy',
      AUTH_TRUSTED_PROXIES: '10.0.0.5',
      ALLOWED_HOSTS: 'console.example.com',
      TRUST_PROXY_TLS: '1',
      HEADERS_TIMEOUT_MS: '5000',
      MAX_CONNECTIONS_PER_CLIENT: '0',
      UPSTREAM_QPS: '20',
      UPSTREAM_BURST: '5',
      UPSTREAM_CACHE_MS: '0',
      UPSTREAM_REPLICAS: '3',
      REDIS_URL: 'redis://127.0.0.1:6379/2',
    });
    expect(c).toMatchObject({
      host: '0.0.0.0',
      port: 0,
      mode: 'live',
      endpoint: '127.0.0.1:8787',
      protocol: 'http',
      upstream: { timeoutMs: 500, deadlineMs: 1500, retries: 0 },
      rateLimitPerMinute: 60,
      logLevel: 'warn',
      emulator: { tasks: 40 },
      accessControl: { mode: 'proxy', trustedProxies: ['10.0.0.5'] },
      allowedHosts: ['console.example.com'],
      trustProxyTls: true,
      headersTimeoutMs: 5000,
      maxConnectionsPerClient: 0,
      budget: { qps: 20, burst: 5, cacheMs: 0, replicas: 3 },
      redisUrl: 'redis://127.0.0.1:6379/2',
    });
  });

  it('budgets 10 upstream calls per second with a burst of the same, and reuses answers for 3 s, by default', () => {
    expect(loadConfig({}).budget).toEqual({ qps: 10, burst: 10, cacheMs: 3000, replicas: 1 });
    expect(loadConfig({ UPSTREAM_QPS: '4' }).budget).toEqual({
      qps: 4,
      burst: 4,
      cacheMs: 3000,
      replicas: 1,
    });
  });

  it.each(['http://127.0.0.1:6379', 'redis://:pw@a b'])(
    'refuses REDIS_URL=%s without echoing it (it may hold a password)',
    (value) => {
      expect(() => loadConfig({ REDIS_URL: value })).toThrow(
        /^Invalid REDIS_URL \(value not shown\): must be a redis:\/\//,
      );
    },
  );

  it('refuses a burst above the rate (Alibaba Cloud counts calls per second)', () => {
    expect(() => loadConfig({ UPSTREAM_QPS: '5', UPSTREAM_BURST: '6' })).toThrow(
      /^Invalid UPSTREAM_BURST=6: must be at most UPSTREAM_QPS \(5\)/,
    );
  });

  it('refuses a public HOST without access control, as a ConfigError with the help text', () => {
    expect(() => loadConfig({ HOST: '0.0.0.0' })).toThrow(ConfigError);
    expect(() => loadConfig({ HOST: '0.0.0.0' })).toThrow(
      /^HOST=0\.0\.0\.0 is not a loopback address.*AUTH_MODE/s,
    );
  });

  it('treats empty values as unset', () => {
    expect(loadConfig({ PORT: '', SOPHONSOAR_MODE: '' })).toMatchObject({ port: 8080, mode: 'auto' });
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '65536'],
    ['PORT', '-1'],
    ['PORT', '80.5'],
    ['SOPHONSOAR_MODE', 'prod'],
    ['SOPHONSOAR_PROTOCOL', 'ftp'],
    ['SOPHONSOAR_ENDPOINT', 'https://sophonsoar.aliyuncs.com'],
    ['SOPHONSOAR_ENDPOINT', 'evil.example/path'],
    ['UPSTREAM_TIMEOUT_MS', '10'],
    ['UPSTREAM_DEADLINE_MS', 'soon'],
    ['UPSTREAM_RETRIES', '11'],
    ['RATE_LIMIT_PER_MINUTE', '0'],
    ['LOG_LEVEL', 'verbose'],
    ['HOST', 'a b'],
    ['ALLOWED_HOSTS', 'https://console.example.com'],
    ['TRUST_PROXY_TLS', 'yes'],
    ['HEADERS_TIMEOUT_MS', '500'],
    ['MAX_CONNECTIONS_PER_CLIENT', 'many'],
    ['UPSTREAM_QPS', '0'],
    ['UPSTREAM_QPS', '2.5'],
    ['UPSTREAM_BURST', '0'],
    ['UPSTREAM_CACHE_MS', '-1'],
    ['UPSTREAM_REPLICAS', '0'],
  ])('refuses %s=%s with an error naming it', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(`^Invalid ${name}=`));
  });

  it.each(['30', '10'])(
    'refuses EXPORT_MAX_REQUESTS_PER_SECOND=%j, which is no longer read, naming what paces exports now',
    (value) => {
      expect(() => loadConfig({ EXPORT_MAX_REQUESTS_PER_SECOND: value })).toThrow(ConfigError);
      expect(() => loadConfig({ EXPORT_MAX_REQUESTS_PER_SECOND: value })).toThrow(
        /^EXPORT_MAX_REQUESTS_PER_SECOND is no longer read: .*UPSTREAM_QPS/,
      );
    },
  );

  it('an empty EXPORT_MAX_REQUESTS_PER_SECOND is as good as absent', () => {
    expect(loadConfig({ EXPORT_MAX_REQUESTS_PER_SECOND: ' ' })).toMatchObject({ rateLimitPerMinute: 3000 });
  });

  it('refuses a deadline shorter than one attempt', () => {
    expect(() => loadConfig({ UPSTREAM_TIMEOUT_MS: '5000', UPSTREAM_DEADLINE_MS: '1000' })).toThrow(
      /UPSTREAM_DEADLINE_MS.*UPSTREAM_TIMEOUT_MS/,
    );
  });

  it('knows the package version', () => {
    expect(packageVersion()).toMatch(/^\d+\.\d+\.\d+/);
  });
});
