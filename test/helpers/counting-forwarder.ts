/**
 * Test support: a loopback HTTP forwarder between the proxy and the emulator that counts
 * the requests reaching the upstream and notices when the proxy abandons one (closes the
 * connection before the answer is complete). Headers pass unchanged, so V3 signatures
 * (which cover the Host header the client sent) still verify.
 */
import { createServer, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ForwardedRequest {
  at: number;
  action: string | undefined;
  /** The HTTP method and the path with its query, as the proxy sent them. */
  method: string | undefined;
  url: string | undefined;
  /** Set when the proxy closed the connection before the answer was complete. */
  abandonedAt?: number;
  /** The upstream's HTTP status, once it answered. */
  status?: number;
  /** The upstream's error Code (x-acs-error-code header or the body's Code), when it failed. */
  code?: string;
}

export interface CountingForwarder {
  endpoint: string;
  requests: ForwardedRequest[];
  reset(): void;
  close(): Promise<void>;
}

export async function startCountingForwarder(targetPort: number): Promise<CountingForwarder> {
  const requests: ForwardedRequest[] = [];
  const server = createServer((req, res) => {
    const record: ForwardedRequest = {
      at: Date.now(),
      action: headerValue(req.headers, 'x-acs-action'),
      method: req.method,
      url: req.url,
    };
    requests.push(record);
    let upstreamFailed = false;
    const out = httpRequest(
      { host: '127.0.0.1', port: targetPort, method: req.method, path: req.url, headers: req.headers },
      (up) => {
        record.status = up.statusCode;
        if ((up.statusCode ?? 200) >= 400) {
          let text = '';
          up.on('data', (c: Buffer) => {
            if (text.length < 4096) text += c.toString();
          });
          up.on('end', () => {
            record.code = /"Code"\s*:\s*"([^"]+)"/.exec(text)?.[1];
          });
        }
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
        up.on('error', () => {
          upstreamFailed = true;
          res.destroy();
        });
      },
    );
    out.on('error', () => {
      // The emulator reset the connection: pass the reset on.
      upstreamFailed = true;
      res.destroy();
    });
    req.pipe(out);
    res.on('close', () => {
      if (!res.writableFinished && !upstreamFailed) {
        record.abandonedAt = Date.now();
        out.destroy();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `127.0.0.1:${port}`,
    requests,
    reset: () => {
      requests.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}
