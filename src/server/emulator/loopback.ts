/**
 * Loopback checks for the emulator's admin routes: the socket peer, and the Host header a
 * browser sends (a DNS-rebinding page reaches 127.0.0.1 under its own name, so a loopback
 * peer alone proves nothing about who is asking).
 */
import ipaddr from 'ipaddr.js';

/** True for a peer address in 127.0.0.0/8 or ::1, IPv4-mapped forms included. */
export function isLoopback(addr: string | undefined): boolean {
  if (addr === undefined || !ipaddr.isValid(addr)) return false;
  return ipaddr.process(addr).range() === 'loopback';
}

/** True for `localhost`, 127.0.0.0/8 (dotted quad) or `[::1]`, with or without a port. */
export function isLoopbackHostHeader(host: string | undefined): boolean {
  if (host === undefined) return false;
  const m = /^(?:\[([0-9A-Fa-f:.]+)\]|([A-Za-z0-9.-]+))(?::\d{1,5})?$/.exec(host.trim());
  if (!m) return false;
  if (m[1] !== undefined) return ipaddr.IPv6.isValid(m[1]) && isLoopback(m[1]);
  const name = m[2]!.toLowerCase();
  if (name === 'localhost' || name === 'localhost.') return true;
  return ipaddr.IPv4.isValidFourPartDecimal(name) && isLoopback(name);
}

/** True when `host` (a listen address or name) keeps the emulator on this machine. */
export function isLoopbackListenHost(host: string): boolean {
  const h = host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  return h === 'localhost' || isLoopback(h);
}
