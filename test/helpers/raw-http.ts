/**
 * Raw HTTP/1.1 over loopback for tests whose requests must be malformed, slow or carry
 * repeated headers (which an HTTP client would refuse or merge).
 */
import { connect } from 'node:net';

export interface RawAnswer {
  status: number;
  /** Lower-case names; a repeated header keeps its last value. */
  headers: Record<string, string>;
  body: string;
  /** ms from the first byte sent until the server closed the connection. */
  elapsedMs: number;
}

/**
 * Sends `text` (Latin-1: one byte per character, so UTF-8 bytes can be sent as is) on a
 * new connection and reads until the server closes it (status 0: closed without answer).
 */
export function rawExchange(
  port: number,
  text: string,
  opts: { timeoutMs?: number; localAddress?: string } = {},
): Promise<RawAnswer> {
  const timeoutMs = opts.timeoutMs ?? 15_000;
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const socket = connect({
      port,
      host: '127.0.0.1',
      ...(opts.localAddress && { localAddress: opts.localAddress }),
    });
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no close within ${timeoutMs} ms; got ${Buffer.concat(chunks).toString('latin1')}`));
    }, timeoutMs);
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', () => {});
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(parseAnswer(Buffer.concat(chunks).toString('utf8'), Date.now() - started));
    });
    socket.write(text, 'latin1');
  });
}

/** Splits a raw HTTP/1.x answer (Connection: close, no chunking expected) into its parts. */
export function parseAnswer(raw: string, elapsedMs: number): RawAnswer {
  const split = raw.indexOf('\r\n\r\n');
  const head = split < 0 ? raw : raw.slice(0, split);
  const [statusLine = '', ...lines] = head.split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
  }
  return {
    status: Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1] ?? 0),
    headers,
    body: split < 0 ? '' : raw.slice(split + 4),
    elapsedMs,
  };
}
