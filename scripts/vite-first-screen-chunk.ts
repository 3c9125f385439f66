/**
 * Vite build plugin and code-splitting group: the modules the app's first screen loads go
 * into one chunk, `bootstrap-[hash].js`, instead of the ~35 files automatic chunking cut
 * them into (down to 0.2 KB each, at the lazy parts' boundaries).
 *
 * Why: browsers open at most 6 connections per host over HTTP/1.1, so those files arrived
 * in 7 rounds and the app waited for a round trip each (issue 16's waterfall: the app
 * booted ~300 ms after the list's answer was back on a loaded machine; more over a real
 * network). One file arrives in one round.
 *
 * Which modules: exactly those automatic chunking puts in the chunks the app's chunk
 * (src/app/bootstrap.tsx) imports statically, directly or not, and not in the entry
 * chunk's. They are found by a probe build (the same config, without this group, not
 * written) when the real build starts: the bundler's own tree shaking and linking decide,
 * so a lazy part's code (antd Select, the export) never joins the first screen, and the
 * first screen's bytes do not change (e2e/first-load.spec.ts bounds them). Lazy parts
 * import what they share with the first screen from this chunk. The build takes about
 * twice as long.
 *
 * Use: `firstScreenChunk.plugin()` in `plugins` and `firstScreenChunk.group` in
 * `build.rolldownOptions.output.codeSplitting.groups`.
 */
import { build, type Plugin, type Rollup } from 'vite';

const BOOTSTRAP = /[\\/]src[\\/]app[\\/]bootstrap\.tsx$/;
/** Set in the probe build's environment: the group captures nothing there. */
const PROBE_ENV = 'RTC_FIRST_SCREEN_PROBE';

/** Module ids of `chunk` and of every chunk it imports statically, directly or not. */
function staticModules(byFile: Map<string, Rollup.OutputChunk>, chunk: Rollup.OutputChunk): Set<string> {
  const ids = new Set<string>();
  const seen = new Set<string>();
  const stack = [chunk.fileName];
  while (stack.length > 0) {
    const file = stack.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const c = byFile.get(file);
    if (!c) continue;
    for (const id of c.moduleIds) ids.add(id);
    stack.push(...c.imports);
  }
  return ids;
}

/**
 * The first screen's modules, from a build's output: the static closure of the chunk
 * whose facade is src/app/bootstrap.tsx, minus the entry chunks' static closures.
 * Throws when the app chunk is missing (e.g. bootstrap.tsx renamed).
 */
export function firstScreenModules(
  output: readonly (Rollup.OutputChunk | Rollup.OutputAsset)[],
): Set<string> {
  const chunks = output.filter((o): o is Rollup.OutputChunk => o.type === 'chunk');
  const byFile = new Map(chunks.map((c) => [c.fileName, c]));
  const app = chunks.find((c) => c.facadeModuleId !== null && BOOTSTRAP.test(c.facadeModuleId));
  if (!app) throw new Error('first-screen chunk: no chunk for src/app/bootstrap.tsx in the probe build');
  const inEntry = new Set(chunks.filter((c) => c.isEntry).flatMap((c) => [...staticModules(byFile, c)]));
  return new Set([...staticModules(byFile, app)].filter((id) => !inEntry.has(id)));
}

export function createFirstScreenChunk() {
  let members = new Set<string>();
  const probing = process.env[PROBE_ENV] === '1';
  return {
    /** Runs the probe build when the real build starts (not in the probe itself, not in dev). */
    plugin(): Plugin {
      let configFile: string | undefined;
      let mode = 'production';
      return {
        name: 'rtc-first-screen-chunk',
        apply: 'build',
        configResolved(config) {
          configFile = config.configFile;
          mode = config.mode;
        },
        async buildStart() {
          if (probing || members.size > 0) return;
          process.env[PROBE_ENV] = '1';
          try {
            const result = await build({
              configFile: configFile ?? false,
              mode,
              logLevel: 'error',
              build: { write: false, emptyOutDir: false },
            });
            const outputs = (Array.isArray(result) ? result : [result]) as Rollup.RollupOutput[];
            const client = outputs.find((o) => o.output.some((c) => c.type === 'chunk' && c.isEntry));
            if (!client) this.error('first-screen chunk: the probe build produced no entry chunk');
            members = firstScreenModules(client.output);
          } finally {
            delete process.env[PROBE_ENV];
          }
        },
      };
    },
    /** The code-splitting group (rolldown `output.codeSplitting.groups[]`). */
    group: {
      name: 'bootstrap',
      test: (id: string) => members.has(id),
      priority: 10,
      // Only the members: their dependencies are members too, or live in the entry chunk
      // (which must not wait for this one) or in lazy chunks (linked statement by statement,
      // the first screen does not need them).
      includeDependenciesRecursively: false,
    },
  };
}
