/**
 * The fetch engine over real sockets: a small local HTTP server that pages a dataset the
 * way the proxy does (the processed-time bounds and the processTime order included) and
 * can throttle, fail, shift its data or stall. (The engine against
 * the real proxy + emulator is in fetch-engine.proxy.test.ts.)
 */
// eslint-disable-next-line no-restricted-imports -- Node-only test: starts a local HTTP server
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
// eslint-disable-next-line no-restricted-imports -- Node-only test
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ExportError, freezeQuery, runExport, type ExportProgress, type ExportTask } from './fetch-engine';

interface Req {
  page: number;
  params: URLSearchParams;
  at: number;
}

interface Behaviour {
  /** Answer instead of the page (return true when answered). */
  intercept?: (req: Req, res: ServerResponse, n: number) => boolean;
  latencyMs?: number;
  /** Called before a page is served (e.g. to insert new tasks). */
  beforePage?: (req: Req) => void;
}

let servers: Server[] = [];
afterEach(async () => {
  await Promise.all(
    servers.map((s) => {
      s.closeAllConnections();
      return new Promise((r) => s.close(r));
    }),
  );
  servers = [];
});

function makeTasks(n: number, prefix = 't'): ExportTask[] {
  return Array.from({ length: n }, (_, i) => ({
    TaskId: `${prefix}-${String(i).padStart(5, '0')}`,
    TaskStatus: 20,
    GmtCreateMillis: 1_764_000_000_000 - i * 1000,
    ProcessTime: 1_764_000_000_000 - i * 1000,
  }));
}

/** A request of the processed-time sweep (the queries of these tests have no start bound). */
const isSweep = (r: Req) => r.params.has('ProcessActionStart');

/** `data` as the API answers a query: processed-time bounds (inclusive), then the order. */
function answerSet(data: ExportTask[], params: URLSearchParams): ExportTask[] {
  const from = Number(params.get('ProcessActionStart') ?? -Infinity);
  const until = Number(params.get('ProcessActionEnd') ?? Infinity);
  const time = (t: ExportTask) => (typeof t.ProcessTime === 'number' ? t.ProcessTime : undefined);
  const kept = data.filter((t) => {
    const pt = time(t);
    return pt !== undefined && pt >= from && pt <= until;
  });
  if (params.get('OrderField') !== 'processTime') return kept;
  const sign = params.get('Direction') === 'asc' ? 1 : -1;
  return kept.sort(
    (a, b) => sign * (time(a)! - time(b)! || String(a.TaskId).localeCompare(String(b.TaskId))),
  );
}

async function pageServer(data: ExportTask[], b: Behaviour = {}) {
  const log: Req[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  let aborted = 0;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const u = new URL(req.url ?? '/', 'http://x');
    const r: Req = { page: Number(u.searchParams.get('PageNumber')), params: u.searchParams, at: Date.now() };
    log.push(r);
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    let done = false;
    res.on('close', () => {
      inFlight--;
      if (!done) aborted++;
    });
    setTimeout(() => {
      if (res.destroyed) return;
      done = true;
      if (u.pathname !== '/api/DescribeProcessTasks') {
        res.writeHead(404).end();
        return;
      }
      if (b.intercept?.(r, res, log.length)) return;
      b.beforePage?.(r);
      const size = Number(u.searchParams.get('PageSize'));
      const start = (r.page - 1) * size;
      const set = answerSet(data, u.searchParams);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          RequestId: `req-${log.length}`,
          ProcessTasks: set.slice(start, start + size),
          Page: { TotalCount: set.length, PageNumber: r.page, PageSize: size },
        }),
      );
    }, b.latencyMs ?? 5);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    log,
    get maxInFlight() {
      return maxInFlight;
    },
    get aborted() {
      return aborted;
    },
  };
}

/** A fetch that records when each request starts (the client side of the rate limit). */
function recordingFetch() {
  const starts: number[] = [];
  const f: typeof fetch = (input, init) => {
    starts.push(performance.now());
    return fetch(input, init);
  };
  return { fetch: f, starts };
}

function maxInAnySecond(starts: number[]): number {
  const s = [...starts].sort((a, b) => a - b);
  return Math.max(0, ...s.map((t) => s.filter((x) => x >= t && x < t + 1000).length));
}

async function collect(opts: Omit<Parameters<typeof runExport>[0], 'onPage'>) {
  const pages = new Map<number, ExportTask[]>();
  const progress: ExportProgress[] = [];
  const result = await runExport({
    ...opts,
    onPage: (n, tasks) => {
      pages.set(n, [...(pages.get(n) ?? []), ...tasks]);
    },
    onProgress: (p) => progress.push(p),
  });
  const rows = [...pages.keys()].sort((a, b) => a - b).flatMap((n) => pages.get(n)!);
  return { result, rows, progress };
}

describe('runExport over a local HTTP server', () => {
  it('fetches every page exactly once, in page order, within concurrency and rate', async () => {
    const data = makeTasks(1234);
    const srv = await pageServer(data, { latencyMs: 250 });
    const rec = recordingFetch();
    const { result, rows, progress } = await collect({
      query: { TaskStatus: '["20"]', PageNumber: '4', PageSize: '10' },
      baseUrl: srv.baseUrl,
      fetch: rec.fetch,
      concurrency: 3,
      maxRequestsPerSecond: 10,
    });
    expect(rows.map((t) => t.TaskId)).toEqual(data.map((t) => t.TaskId));
    expect(result).toMatchObject({
      rows: 1234,
      totalCountAtStart: 1234,
      complete: true,
      duplicatesDropped: 0,
    });
    expect(result.totalCountChanged).toBe(false);
    expect(result).toMatchObject({ foundBySweep: 0, unsweptMs: 0 });
    const offsetPages = srv.log.filter((r) => !isSweep(r));
    expect(offsetPages.map((r) => r.page).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 13 }, (_, i) => i + 1),
    );
    for (const r of srv.log) {
      expect(r.params.get('PageSize')).toBe('100');
      expect(r.params.get('TaskStatus')).toBe('["20"]');
    }
    // The sweep: page 1 of processed-time slices in processTime order, which together
    // cover the window from the earliest possible time to the frozen end, without overlap.
    const sweep = srv.log.filter(isSweep);
    expect(sweep.length).toBeGreaterThanOrEqual(13);
    const end = Number(result.frozenQuery.ProcessActionEnd);
    const covered: [number, number][] = [];
    for (const r of sweep) {
      expect(r.page).toBe(1);
      expect(r.params.get('OrderField')).toBe('processTime');
      expect(r.params.get('Direction')).toBe('asc');
      covered.push([Number(r.params.get('ProcessActionStart')), Number(r.params.get('ProcessActionEnd'))]);
    }
    // Slices answered in full, sorted by start, tile [1e12, end]: each starts where the
    // previous one's answered part ended (inclusive) or right after it.
    covered.sort((a, b) => a[0] - b[0]);
    expect(covered[0]![0]).toBe(1_000_000_000_000);
    expect(Math.max(...covered.map((c) => c[1]))).toBe(end);
    for (let i = 1; i < covered.length; i++)
      expect(covered[i]![0]).toBeLessThanOrEqual(covered[i - 1]![1] + 1);
    expect(srv.maxInFlight).toBeLessThanOrEqual(3);
    expect(srv.maxInFlight).toBeGreaterThan(1);
    expect(maxInAnySecond(rec.starts)).toBeLessThanOrEqual(10);
    const last = progress.at(-1)!;
    expect(last).toMatchObject({ rows: 1234, totalCount: 1234, pagesDone: srv.log.length });
    expect(last.pagesPlanned).toBe(last.pagesDone);
    expect(progress.some((p) => p.etaMs !== undefined && p.etaMs > 0)).toBe(true);
  });

  it('freezes ProcessActionEnd at the start when the filter has none, and keeps a given one', async () => {
    const srv = await pageServer(makeTasks(250));
    const before = Date.now();
    const { result } = await collect({ query: {}, baseUrl: srv.baseUrl, maxRequestsPerSecond: 50 });
    const ends = new Set(srv.log.filter((r) => !isSweep(r)).map((r) => r.params.get('ProcessActionEnd')));
    expect(ends.size).toBe(1);
    const end = Number([...ends][0]);
    expect(end).toBeGreaterThanOrEqual(before);
    expect(end).toBeLessThanOrEqual(Date.now());
    expect(result).toMatchObject({ endFrozen: true, frozenQuery: { ProcessActionEnd: String(end) } });

    expect(freezeQuery({ ProcessActionEnd: '1764000000000', TaskId: '' }, 5)).toEqual({
      frozen: { ProcessActionEnd: '1764000000000' },
      endFrozen: false,
    });
  });

  it('backs off on throttling (429 with Retry-After, 400 Throttling.User, 503) and still completes exactly', async () => {
    const data = makeTasks(1000);
    let seed = 7;
    const rand = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    const srv = await pageServer(data, {
      latencyMs: 10,
      intercept: (r, res) => {
        const x = rand();
        if (x < 0.15) {
          res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '1' });
          res.end(
            JSON.stringify({
              Code: 'Throttling.User',
              Message: 'Request was denied due to user flow control.',
              RequestId: 'r',
            }),
          );
          return true;
        }
        if (x < 0.3) {
          res.writeHead(400, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ Code: 'Throttling.User', Message: 'flow control', RequestId: 'r' }));
          return true;
        }
        if (x < 0.4) {
          res.writeHead(503, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ Code: 'ServiceUnavailable', Message: 'busy', RequestId: 'r' }));
          return true;
        }
        if (x < 0.45) {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end('{"RequestId":"r","ProcessTasks":[{"TaskId":'); // truncated body
          return true;
        }
        return false;
      },
    });
    // Client side: when each request started, and when a Retry-After answer arrived.
    const starts: number[] = [];
    const throttledAt: number[] = [];
    const recFetch: typeof fetch = async (input, init) => {
      starts.push(performance.now());
      const res = await fetch(input, init);
      if (res.headers.get('retry-after')) throttledAt.push(performance.now());
      return res;
    };
    const { result, rows } = await collect({
      query: {},
      baseUrl: srv.baseUrl,
      fetch: recFetch,
      maxRequestsPerSecond: 20,
    });
    expect(rows.map((t) => t.TaskId)).toEqual(data.map((t) => t.TaskId));
    expect(result.complete).toBe(true);
    expect(result.retries).toBeGreaterThan(0);
    expect(result.throttled).toBeGreaterThan(0);
    expect(throttledAt.length).toBeGreaterThan(0);
    // After a Retry-After: 1 answer, no request of the export starts within that second
    // (100 ms of slack at both ends for reading the body and timer granularity).
    for (const t of throttledAt) {
      expect(starts.filter((s) => s > t + 100 && s < t + 900)).toEqual([]);
    }
    expect(maxInAnySecond(starts)).toBeLessThanOrEqual(20);
  }, 60_000);

  it('de-duplicates by TaskId and reports a TotalCount that changed while the set shifted', async () => {
    const data = makeTasks(500);
    let added = 0;
    const srv = await pageServer(data, {
      // Upstream that ignores the frozen bound: new tasks keep arriving at the top,
      // pushing already-seen tasks onto later pages.
      beforePage: (r) => {
        if (r.page > 1) {
          data.unshift(...makeTasks(7, `new${added++}`));
        }
      },
    });
    const original = data.map((t) => t.TaskId);
    const { result, rows } = await collect({
      query: {},
      baseUrl: srv.baseUrl,
      concurrency: 1,
      maxRequestsPerSecond: 50,
    });
    const ids = rows.map((t) => t.TaskId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(result.duplicatesDropped).toBeGreaterThan(0);
    expect(result.totalCountChanged).toBe(true);
    expect(result.totalCountAtStart).toBe(500);
    expect(result.totalCountMax).toBeGreaterThan(500);
    expect(result.complete).toBe(false);
    // Every task of the original set was exported (later pages were planned as the set grew).
    for (const id of original) expect(ids).toContain(id);
  });

  it('a task leaving the set between offset pages costs no other task: the sweep finds it (issue 14.5)', async () => {
    const data = makeTasks(450);
    const leavers = new Set<string>();
    const srv = await pageServer(data, {
      // Before each offset page after the first, the newest remaining task leaves the set:
      // every later page starts one task further on, and one task at the boundary is skipped.
      beforePage: (r) => {
        if (isSweep(r) || r.page === 1) return;
        const gone = data.shift()!;
        leavers.add(String(gone.TaskId));
      },
    });
    const original = data.map((t) => String(t.TaskId));
    const { result, rows } = await collect({
      query: {},
      baseUrl: srv.baseUrl,
      concurrency: 1,
      maxRequestsPerSecond: 100,
    });
    const ids = rows.map((t) => String(t.TaskId));
    expect(leavers.size).toBe(4);
    expect(new Set(ids).size).toBe(ids.length);
    const stillThere = original.filter((id) => !leavers.has(id));
    for (const id of stillThere) expect(ids).toContain(id);
    expect(result.foundBySweep).toBeGreaterThan(0);
    // Found late, written after the ordered rows.
    expect(ids.slice(-result.foundBySweep).every((id) => stillThere.includes(id))).toBe(true);
    expect(result.complete).toBe(false);
  });

  it('more than a page processed in one millisecond is read by offset pages and counted', async () => {
    const data = [
      ...makeTasks(80, 'a'),
      ...makeTasks(230, 'same').map((t) => ({ ...t, ProcessTime: 1_763_000_000_000 })),
      ...makeTasks(40, 'b').map((t) => ({ ...t, ProcessTime: Number(t.ProcessTime) - 5_000_000 })),
    ];
    const srv = await pageServer(data);
    const { result, rows } = await collect({ query: {}, baseUrl: srv.baseUrl, maxRequestsPerSecond: 100 });
    expect(rows.map((t) => t.TaskId)).toEqual(data.map((t) => t.TaskId));
    expect(result).toMatchObject({ complete: true, foundBySweep: 0, unsweptMs: 1 });
    const oneMs = srv.log.filter(
      (r) =>
        isSweep(r) &&
        r.params.get('ProcessActionStart') === '1763000000000' &&
        r.params.get('ProcessActionEnd') === '1763000000000',
    );
    expect(oneMs.map((r) => r.page)).toEqual([1, 2, 3]);
  });

  it('Cancel aborts every in-flight request at once and sends no more', async () => {
    const srv = await pageServer(makeTasks(3000), { latencyMs: 400 });
    const ac = new AbortController();
    const run = collect({
      query: {},
      baseUrl: srv.baseUrl,
      signal: ac.signal,
      concurrency: 3,
      maxRequestsPerSecond: 50,
    });
    await new Promise((r) => setTimeout(r, 900)); // first page done, 3 in flight
    const sent = srv.log.length;
    expect(sent).toBeGreaterThanOrEqual(2);
    const t0 = performance.now();
    ac.abort();
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(performance.now() - t0).toBeLessThan(100);
    await new Promise((r) => setTimeout(r, 600));
    expect(srv.log.length).toBe(sent);
    expect(srv.aborted).toBeGreaterThanOrEqual(1);
  });

  it('stops at once with the server error on a non-retryable answer', async () => {
    const srv = await pageServer(makeTasks(900), {
      intercept: (r, res) => {
        if (r.page !== 3) return false;
        res.writeHead(400, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            Code: 'InvalidParameter',
            Message: 'The parameter TaskStatus is bad.',
            RequestId: 'RID-3',
          }),
        );
        return true;
      },
    });
    const err = await collect({ query: {}, baseUrl: srv.baseUrl, maxRequestsPerSecond: 50 }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ExportError);
    expect(err).toMatchObject({ code: 'InvalidParameter', requestId: 'RID-3', status: 400, page: 3 });
    expect((err as Error).message).toMatch(
      /Page 3 failed: InvalidParameter: The parameter TaskStatus is bad\. \(RequestId RID-3\)/,
    );
    expect(srv.log.length).toBeLessThan(9);
  });

  it('asks before a large export and requests nothing more when declined', async () => {
    const srv = await pageServer(makeTasks(600));
    const asked: number[] = [];
    const err = await runExport({
      query: {},
      baseUrl: srv.baseUrl,
      onPage: () => {},
      confirmAbove: 500,
      confirm: async ({ totalCount }) => {
        asked.push(totalCount);
        return false;
      },
    }).catch((e: unknown) => e);
    expect(asked).toEqual([600]);
    expect(err).toMatchObject({ name: 'AbortError' });
    expect(srv.log.map((r) => r.page)).toEqual([1]);
  });

  it('goes on after a large export is confirmed, holding requests until then', async () => {
    const srv = await pageServer(makeTasks(650));
    const seenWhileAsking: number[] = [];
    const run = collect({
      query: {},
      baseUrl: srv.baseUrl,
      maxRequestsPerSecond: 50,
      confirmAbove: 500,
      confirm: () =>
        new Promise<boolean>((resolve) => {
          setTimeout(() => {
            seenWhileAsking.push(srv.log.length);
            resolve(true);
          }, 300);
        }),
    });
    const { result, rows } = await run;
    expect(seenWhileAsking).toEqual([1]);
    expect(rows).toHaveLength(650);
    expect(result.complete).toBe(true);
  });

  it('gives up after maxAttempts on a server that keeps failing, naming the last error', async () => {
    const srv = await pageServer(makeTasks(10), {
      intercept: (_r, res) => {
        res.writeHead(502, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ Code: 'UpstreamUnavailable', Message: 'down', RequestId: 'RID-x' }));
        return true;
      },
    });
    const err = await collect({
      query: {},
      baseUrl: srv.baseUrl,
      maxAttempts: 3,
      maxRequestsPerSecond: 50,
    }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'UpstreamUnavailable', page: 1 });
    expect((err as Error).message).toMatch(/after 3 attempts/);
    expect(srv.log).toHaveLength(3);
  });
});
