/**
 * Proxy overhead: the same DescribeProcessTasks call (PageSize=20, default order, as the
 * first screen asks) made directly to the emulator with the official client (signed here)
 * and through the proxy (GET /api/..., signed by the proxy), at concurrency 1 and 32.
 * Emulator, proxy and this load generator are separate processes on loopback.
 * The figure is the ratio proxy / direct.
 */
import { Agent, request } from 'node:http';
import OpenApiModule, { Config, OpenApiRequest } from '@alicloud/openapi-client';
import { RuntimeOptions } from '@alicloud/tea-util';
import { DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET } from '../server/emulator';
import { spawnServer } from '../../test/helpers/spawn-server';
import { rpcParams } from '../server/proxy/upstream-client';
import { startEmulatorProcess } from './lib/emulator-process';
import { closedLoop, round, writeResult, type LoopFigures } from './lib/stats';

// CommonJS default export under Node's ESM loader (see src/server/proxy/upstream-client.ts).
const OpenApiClient = ((OpenApiModule as unknown as { default?: typeof OpenApiModule }).default ??
  OpenApiModule) as typeof OpenApiModule;

const DURATION_MS = Number(process.env.BENCH_DURATION_MS ?? 8000);
const CONCURRENCIES = [1, 32];
const QUERY = { PageSize: '20' };

function getOk(agent: Agent, url: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent }, (res) => {
      res.resume();
      res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`HTTP ${res.statusCode}`))));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

async function main() {
  const emulator = await startEmulatorProcess({ EMULATOR_TASKS: '5000', EMULATOR_SEED: '1' });
  const proxy = await spawnServer(
    {
      SOPHONSOAR_MODE: 'live',
      SOPHONSOAR_ENDPOINT: emulator.endpoint,
      SOPHONSOAR_PROTOCOL: 'http',
      ALIBABA_CLOUD_ACCESS_KEY_ID: DEMO_ACCESS_KEY_ID,
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: DEMO_ACCESS_KEY_SECRET,
      RATE_LIMIT_PER_MINUTE: '1000000',
    },
    { keep: (line) => /"level":(50|60)/.test(line) },
  );
  const client = new OpenApiClient(
    new Config({
      endpoint: emulator.endpoint,
      protocol: 'http',
      accessKeyId: DEMO_ACCESS_KEY_ID,
      accessKeySecret: DEMO_ACCESS_KEY_SECRET,
    }),
  );
  const params = rpcParams('DescribeProcessTasks', 'http');
  const direct = async () => {
    await client.callApi(params, new OpenApiRequest({ query: { ...QUERY } }), new RuntimeOptions({}));
  };
  const proxyUrl = `${proxy.url}/api/DescribeProcessTasks?${new URLSearchParams(QUERY)}`;

  const rows: { concurrency: number; direct: LoopFigures; proxy: LoopFigures }[] = [];
  try {
    for (const concurrency of CONCURRENCIES) {
      const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
      const d = await closedLoop(concurrency, DURATION_MS, direct);
      const p = await closedLoop(concurrency, DURATION_MS, () => getOk(agent, proxyUrl));
      agent.destroy();
      rows.push({ concurrency, direct: d, proxy: p });
    }
  } finally {
    await proxy.stop();
    await emulator.stop();
  }
  const figures = rows.map(({ concurrency, direct: d, proxy: p }) => ({
    concurrency,
    direct: d,
    proxy: p,
    ratio: {
      p50: round(p.p50Ms / d.p50Ms),
      p99: round(p.p99Ms / d.p99Ms),
      throughput: round(p.throughputRps / d.throughputRps),
    },
  }));
  console.log(`Proxy overhead (DescribeProcessTasks PageSize=20, ${DURATION_MS / 1000} s per cell)`);
  console.log('conc | direct p50/p99 ms, req/s   | proxy p50/p99 ms, req/s    | ratio p50, p99, throughput');
  for (const f of figures) {
    const cell = (x: LoopFigures) =>
      `${x.p50Ms.toFixed(2)}/${x.p99Ms.toFixed(2)}, ${x.throughputRps.toFixed(0)}${x.errors ? ` (${x.errors} errors)` : ''}`;
    console.log(
      `${String(f.concurrency).padStart(4)} | ${cell(f.direct).padEnd(26)} | ${cell(f.proxy).padEnd(26)} | ×${f.ratio.p50}, ×${f.ratio.p99}, ×${f.ratio.throughput}`,
    );
  }
  console.log(`→ ${writeResult('proxy-overhead', figures)}`);
  return figures;
}

await main();
