/**
 * Vite build plugin: V8's explicit compile hint for the first screen's chunk.
 *
 * V8 compiles a function lazily, on the main thread, the first time it is called, unless
 * the script asks otherwise. The first screen's chunk (scripts/vite-first-screen-chunk.ts)
 * holds only what the first render runs, and the first render called thousands of its
 * functions for the first time: about 30 ms of the ~100 ms between the app's boot and the
 * rows painted was V8 parsing and compiling them (Chrome trace, `V8.CompileCode` on the
 * renderer's main thread; docs/first-screen-performance.md). The magic comment
 * `//# allFunctionsCalledOnLoad` as the file's first line makes V8 compile every function
 * of the file eagerly, on the background thread that streams the script in
 * (v8.dev/blog/explicit-compile-hints, Chrome 136+; other browsers read a comment).
 *
 * The comment counts only before the first token, and Vite's import analysis prepends its
 * `__vite__mapDeps` preload table to the chunk in `generateBundle` (after `postBanner`),
 * so this plugin wraps that hook, as vite-plugin-compression2 does to compress the final
 * code: list it before the compression plugin, and the compressed copies carry the hint.
 * Throws at config time when Vite's import analysis plugin is missing (a Vite upgrade
 * renamed it), rather than building without the hint silently.
 */
import type { Plugin, Rollup } from 'vite';

/** The magic comment (v8.dev/blog/explicit-compile-hints). */
export const COMPILE_HINT = '//# allFunctionsCalledOnLoad';

const IMPORT_ANALYSIS = 'vite:build-import-analysis';

/**
 * Puts the compile hint on the first line of the chunks named `chunkName` in `bundle`
 * (mutates it). Source maps, when the build writes them, shift by the added line.
 */
export function addCompileHint(bundle: Rollup.OutputBundle, chunkName: string): void {
  for (const output of Object.values(bundle)) {
    if (output.type !== 'chunk' || output.name !== chunkName) continue;
    if (output.code.startsWith(COMPILE_HINT)) continue;
    output.code = `${COMPILE_HINT}\n${output.code}`;
    if (output.map) output.map.mappings = `;${output.map.mappings}`;
  }
}

type GenerateBundle = (
  this: Rollup.PluginContext,
  options: Rollup.NormalizedOutputOptions,
  bundle: Rollup.OutputBundle,
  isWrite: boolean,
) => void | Promise<void>;

/** The plugin; `chunkName` is the first screen's chunk (its code-splitting group's name). */
export function compileHint(chunkName: string): Plugin {
  return {
    name: 'rtc-compile-hint',
    apply: 'build',
    configResolved(config) {
      const analysis = config.plugins.find((p) => p.name === IMPORT_ANALYSIS) as Plugin | undefined;
      if (!analysis) throw new Error(`compile hint: Vite's ${IMPORT_ANALYSIS} plugin is not in the build`);
      const hook = analysis.generateBundle;
      const original = (typeof hook === 'object' ? hook.handler : hook) as GenerateBundle | undefined;
      const wrapped: GenerateBundle = async function (options, bundle, isWrite) {
        await original?.call(this, options, bundle, isWrite);
        addCompileHint(bundle, chunkName);
      };
      if (typeof hook === 'object') hook.handler = wrapped as typeof hook.handler;
      else analysis.generateBundle = wrapped as Plugin['generateBundle'];
    },
  };
}
