import { describe, expect, it } from 'vitest';
import { ConfigError, emulatorOptionsFromEnv, loadConfig, loadEmulatorConfig } from './config';

describe('emulatorOptionsFromEnv', () => {
  it('keeps every default when nothing (or empty strings) is set', () => {
    expect(emulatorOptionsFromEnv({})).toEqual({});
    expect(emulatorOptionsFromEnv({ EMULATOR_PORT: '', EMULATOR_LIVE: ' ' })).toEqual({});
  });

  it('reads every variable', () => {
    expect(
      emulatorOptionsFromEnv({
        EMULATOR_HOST: '127.0.0.1',
        EMULATOR_PORT: '0',
        EMULATOR_ACCESS_KEY_ID: 'LTAIkey',
        EMULATOR_ACCESS_KEY_SECRET: 'secret-123456',
        EMULATOR_SEED: '42',
        EMULATOR_TASKS: '10000',
        EMULATOR_LIVE: 'true',
        EMULATOR_LIVE_INTERVAL_MS: '500',
        EMULATOR_LATENCY_MS: '100',
        EMULATOR_JITTER_MS: '50',
        EMULATOR_THROTTLE_RATE: '0.3',
        EMULATOR_ERROR_RATE: '.1',
        EMULATOR_QPS: '20',
        EMULATOR_RESET_RATE: '0',
        EMULATOR_MALFORMED_RATE: '1',
        EMULATOR_TRICKLE_MS: '2000',
        EMULATOR_THROTTLE_RETRY_AFTER_MS: '1500',
        EMULATOR_ADMIN_TOKEN: 'token-0123456789abcdef',
      }),
    ).toEqual({
      host: '127.0.0.1',
      port: 0,
      accessKeyId: 'LTAIkey',
      accessKeySecret: 'secret-123456',
      seed: 42,
      tasks: 10000,
      live: true,
      liveIntervalMs: 500,
      adminToken: 'token-0123456789abcdef',
      faults: {
        latencyMs: 100,
        jitterMs: 50,
        throttleRate: 0.3,
        errorRate: 0.1,
        qpsPerKey: 20,
        resetRate: 0,
        malformedRate: 1,
        trickleMs: 2000,
        throttleRetryAfterMs: 1500,
      },
    });
  });

  it.each([
    ['1', true],
    ['on', true],
    ['0', false],
    ['FALSE', false],
  ])('EMULATOR_LIVE=%s → %s', (raw, live) => {
    expect(emulatorOptionsFromEnv({ EMULATOR_LIVE: raw }).live).toBe(live);
  });

  it.each([
    ['EMULATOR_PORT', '65536'],
    ['EMULATOR_PORT', 'http'],
    ['EMULATOR_PORT', '80.5'],
    ['EMULATOR_SEED', '-1'],
    ['EMULATOR_TASKS', 'many'],
    ['EMULATOR_TASKS', '1000000000'],
    ['EMULATOR_LIVE', 'maybe'],
    ['EMULATOR_LIVE_INTERVAL_MS', '5'],
    ['EMULATOR_LATENCY_MS', '-5'],
    ['EMULATOR_JITTER_MS', '1e3'],
    ['EMULATOR_THROTTLE_RATE', '1.5'],
    ['EMULATOR_ERROR_RATE', '30%'],
    ['EMULATOR_QPS', '2.5'],
    ['EMULATOR_RESET_RATE', '-0.1'],
    ['EMULATOR_MALFORMED_RATE', 'NaN'],
    ['EMULATOR_TRICKLE_MS', 'slow'],
    ['EMULATOR_HOST', 'bad host'],
    ['EMULATOR_ACCESS_KEY_ID', 'has space'],
    ['EMULATOR_ACCESS_KEY_SECRET', 'short'],
    ['EMULATOR_ADMIN_TOKEN', 'short'],
    ['EMULATOR_THROTTLE_RETRY_AFTER_MS', 'soon'],
  ])('%s=%j throws a ConfigError naming the variable', (name, value) => {
    expect(() => emulatorOptionsFromEnv({ [name]: value })).toThrow(ConfigError);
    expect(() => emulatorOptionsFromEnv({ [name]: value })).toThrow(name);
    // The server's own configuration refuses it too (it embeds the emulator in demo mode).
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(`^Invalid ${name}`));
  });

  it.each(['EMULATOR_ACCESS_KEY_SECRET', 'EMULATOR_ADMIN_TOKEN'])('never echoes a rejected %s', (name) => {
    expect(() => emulatorOptionsFromEnv({ [name]: 'x y' })).toThrow(
      new RegExp(`^Invalid ${name} \\(value not shown\\): must be [^x]*$`),
    );
  });

  it('npm run emulator logs at warn unless LOG_LEVEL says otherwise', () => {
    expect(loadEmulatorConfig({ EMULATOR_TASKS: '10' })).toEqual({
      options: { tasks: 10 },
      logLevel: 'warn',
    });
    expect(loadEmulatorConfig({ LOG_LEVEL: 'debug' }).logLevel).toBe('debug');
    expect(() => loadEmulatorConfig({ LOG_LEVEL: 'loud' })).toThrow(/^Invalid LOG_LEVEL=/);
  });
});
