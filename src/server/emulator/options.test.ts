import { describe, expect, it } from 'vitest';
import { emulatorOptionsFromEnv } from './options';

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
      faults: {
        latencyMs: 100,
        jitterMs: 50,
        throttleRate: 0.3,
        errorRate: 0.1,
        qpsPerKey: 20,
        resetRate: 0,
        malformedRate: 1,
        trickleMs: 2000,
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
  ])('%s=%j throws an error naming the variable', (name, value) => {
    expect(() => emulatorOptionsFromEnv({ [name]: value })).toThrow(name);
  });

  it('never echoes a rejected secret', () => {
    expect(() => emulatorOptionsFromEnv({ EMULATOR_ACCESS_KEY_SECRET: 'x y' })).toThrow(
      /^EMULATOR_ACCESS_KEY_SECRET must be [^x]*$/,
    );
  });
});
