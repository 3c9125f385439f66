/**
 * Vitest setup for every test file: no test may open a connection to the ECS
 * instance-metadata address 100.100.100.200. A Socket#connect to it is blocked on the spot
 * and fails the running test in afterEach (the credential library swallows connection
 * errors, so a throw alone could pass unseen). The credential tests' own responder
 * (test/helpers/fake-cloud.ts) redirects at the HTTP-agent level, before any
 * socket is opened, so it never trips this guard.
 */
import net from 'node:net';
import { afterEach, expect } from 'vitest';
import { METADATA_ADDRESS, connectHost, isMetadataAddress } from './fake-cloud';

const attempts: string[] = [];
const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function guardedConnect(this: net.Socket, ...args: unknown[]) {
  if (isMetadataAddress(connectHost(args))) {
    attempts.push(`connect ${METADATA_ADDRESS}`);
    throw new Error(`test guard: no test may connect to ${METADATA_ADDRESS}`);
  }
  return (connect as (...a: unknown[]) => net.Socket).apply(this, args);
} as typeof connect;

/** The attempts recorded so far, cleared (for the guard's own test). */
export function drainMetadataAttempts(): string[] {
  return attempts.splice(0);
}

afterEach(() => {
  const seen = attempts.splice(0);
  expect(seen, `connections to ${METADATA_ADDRESS} attempted by this test`).toEqual([]);
});
