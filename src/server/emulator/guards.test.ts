import type { FastifyRequest } from 'fastify';
import { describe, expect, it } from 'vitest';
import { QpsLimiter } from './faults';
import { NonceStore } from './nonce-store';
import { isLoopback, isLoopbackHostHeader } from './loopback';
import { isAdminAllowed } from './routes/admin';
import { parseAcsDate } from './verify';

describe('NonceStore', () => {
  it('accepts a nonce once within its window and forgets it afterwards', () => {
    const s = new NonceStore(1000);
    expect(s.use('k:n', 0, 0)).toBe(true);
    expect(s.use('k:n', 0, 500)).toBe(false);
    expect(s.use('k:n', 0, 1001)).toBe(true); // the date check refuses such a replay anyway
  });

  it('is bounded: expired entries are swept, and it refuses rather than forgets when full', () => {
    const s = new NonceStore(1000, 3);
    for (const n of ['a', 'b', 'c']) expect(s.use(n, 0, 0)).toBe(true);
    expect(s.use('d', 0, 10)).toBe('full');
    expect(s.use('a', 0, 10)).toBe(false);
    expect(s.use('d', 0, 2000)).toBe(true);
    expect(s.size).toBe(1);
  });
});

describe('QpsLimiter', () => {
  it('allows cap requests per key in any sliding second', () => {
    const q = new QpsLimiter();
    expect([0, 100, 200, 300].map((t) => q.allow('k', 3, t))).toEqual([true, true, true, false]);
    expect(q.allow('other', 3, 300)).toBe(true);
    expect(q.allow('k', 3, 1000)).toBe(true); // the hit at 0 left the window
    expect(q.allow('k', 3, 1050)).toBe(false); // 100, 200, 1000 are inside it
    expect(q.allow('k', 3, 1101)).toBe(true); // 100 left it
    expect(q.allow('k', 0, 1101)).toBe(true); // 0 = no cap
  });
});

describe('isLoopback', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.8.9.10', true],
    ['::1', true],
    ['::ffff:127.0.0.1', true],
    ['10.0.0.1', false],
    ['::ffff:192.168.1.5', false],
    ['fe80::1', false],
    [undefined, false],
  ])('%s → %s', (addr, expected) => {
    expect(isLoopback(addr)).toBe(expected);
  });
});

describe('parseAcsDate', () => {
  it.each([
    ['2023-10-26T10:22:32Z', Date.UTC(2023, 9, 26, 10, 22, 32)],
    ['2023-10-26T10:22:32.123Z', Date.UTC(2023, 9, 26, 10, 22, 32, 123)],
    ['2023-10-26 10:22:32', NaN],
    ['2023-10-26T10:22:32+08:00', NaN],
    ['1698315752', NaN],
  ])('%s', (s, ms) => {
    expect(parseAcsDate(s)).toBe(ms);
  });
});

describe('isLoopbackHostHeader', () => {
  it.each([
    ['127.0.0.1:8787', true],
    ['127.0.0.1', true],
    ['127.200.1.1:1', true],
    ['localhost', true],
    ['LocalHost:80', true],
    ['localhost.:80', true],
    ['[::1]:8787', true],
    ['[::1]', true],
    ['rebind.attacker.example:8787', false],
    ['127.0.0.1.attacker.example', false],
    ['localhost.attacker.example', false],
    ['attacker.example@127.0.0.1', false],
    ['127.1', false],
    ['0x7f.0.0.1', false],
    ['::1', false],
    ['[::ffff:127.0.0.1]', true],
    ['[fe80::1]', false],
    ['10.0.0.1', false],
    ['', false],
    [undefined, false],
  ])('%j → %s', (host, expected) => {
    expect(isLoopbackHostHeader(host)).toBe(expected);
  });
});

describe('isAdminAllowed', () => {
  const request = (remoteAddress: string, host: string, authorization?: string) =>
    ({
      socket: { remoteAddress },
      headers: { host, ...(authorization ? { authorization } : {}) },
    }) as unknown as FastifyRequest;
  it.each([
    ['loopback client, loopback Host', request('127.0.0.1', '127.0.0.1:1'), undefined, true],
    ['loopback client, foreign Host', request('127.0.0.1', 'evil.example'), undefined, false],
    ['remote client relayed, loopback Host', request('10.0.0.9', 'localhost:1'), undefined, false],
    ['remote client, IPv4-mapped', request('::ffff:192.168.1.5', '127.0.0.1'), undefined, false],
    ['remote client with the token', request('10.0.0.9', 'emu:1', 'Bearer tok-123'), 'tok-123', true],
    ['remote client, wrong token', request('10.0.0.9', 'emu:1', 'Bearer tok-124'), 'tok-123', false],
    ['remote client, token but none configured', request('10.0.0.9', 'emu:1', 'Bearer x'), undefined, false],
  ])('%s → %s', (_name, req, token, expected) => {
    expect(isAdminAllowed(req, token)).toBe(expected);
  });
});
