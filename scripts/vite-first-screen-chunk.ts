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
 * import what they share with the first screen from this chunk. The probe is not minified
 * and not compressed (chunking has decided each module's chunk before either runs): it costs
 * less than the real build, whose output it leaves the same byte for byte.
 *
 * Under `vite build --watch` each rebuild runs the probe again before its chunking, so the
 * first screen's modules follow the edits (an import added or removed); a rebuild costs as
 * much more as a probe.
 *
 * Use: `firstScreenChunk.plugin()` in `plugins`, `firstScreenChunk.group` in
 * `build.rolldownOptions.output.codeSplitting.groups`, and `firstScreenChunk.probing` to
 * leave the output-only plugins (compression) out of the probe.
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

/**
 * Whether a build start needs a probe: not in the probe itself; once per process in a
 * normal build; at every (re)build in watch mode, where an edit may change the set.
 */
export function needsProbe(state: { probing: boolean; watching: boolean; probed: boolean }): boolean {
  return !state.probing && (state.watching || !state.probed);
}

export function createFirstScreenChunk() {
  let members = new Set<string>();
  let probed = false;
  const probing = process.env[PROBE_ENV] === '1';
  return {
    /** True inside the probe build (its config leaves out what only the output needs). */
    probing,
    /** Runs the probe build when the real build starts, and at each rebuild in watch mode (not in dev). */
    plugin(): Plugin {
      let configFile: string | undefined;
      let mode = 'production';
      let watching = false;
      return {
        name: 'rtc-first-screen-chunk',
        apply: 'build',
        configResolved(config) {
          configFile = config.configFile;
          mode = config.mode;
          watching = config.build.watch != null;
        },
        async buildStart() {
          if (!needsProbe({ probing, watching, probed })) return;
          process.env[PROBE_ENV] = '1';
          try {
            const result = await build({
              configFile: configFile ?? false,
              mode,
              logLevel: 'error',
              // Never a watcher of its own; neither minified nor compressed (see above).
              build: {
                write: false,
                emptyOutDir: false,
                watch: null,
                minify: false,
                reportCompressedSize: false,
              },
            });
            const outputs = (Array.isArray(result) ? result : [result]) as Rollup.RollupOutput[];
            const client = outputs.find((o) => o.output.some((c) => c.type === 'chunk' && c.isEntry));
            if (!client) this.error('first-screen chunk: the probe build produced no entry chunk');
            members = firstScreenModules(client.output);
            probed = true;
            if (watching)
              this.info(`first-screen chunk: probed again for this build (${members.size} modules)`);
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
