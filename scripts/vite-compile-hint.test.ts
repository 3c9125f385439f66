import type { Plugin, ResolvedConfig, Rollup } from 'vite';
import { describe, expect, it } from 'vitest';
import { COMPILE_HINT, addCompileHint, compileHint } from './vite-compile-hint';

const chunk = (name: string, code: string, map?: { mappings: string }): Rollup.OutputChunk =>
  ({
    type: 'chunk',
    name,
    fileName: `assets/${name}-x.js`,
    code,
    map: map ?? null,
  }) as unknown as Rollup.OutputChunk;
const asset = (fileName: string): Rollup.OutputAsset =>
  ({ type: 'asset', fileName, source: 'body{}' }) as unknown as Rollup.OutputAsset;

describe('addCompileHint', () => {
  it('puts the magic comment on the first line of the named chunk only', () => {
    const bundle = {
      'assets/bootstrap-x.js': chunk('bootstrap', 'const __vite__mapDeps=1;\nimport"a";'),
      'assets/index-x.js': chunk('index', 'import"b";'),
      'assets/bootstrap.css': asset('assets/bootstrap.css'),
    } as Rollup.OutputBundle;
    addCompileHint(bundle, 'bootstrap');
    expect((bundle['assets/bootstrap-x.js'] as Rollup.OutputChunk).code).toBe(
      `${COMPILE_HINT}\nconst __vite__mapDeps=1;\nimport"a";`,
    );
    expect((bundle['assets/index-x.js'] as Rollup.OutputChunk).code).toBe('import"b";');
    expect((bundle['assets/bootstrap.css'] as Rollup.OutputAsset).source).toBe('body{}');
  });

  it('adds it once, and shifts a source map by the added line', () => {
    const bundle = { a: chunk('bootstrap', 'x()', { mappings: 'AAAA' }) } as Rollup.OutputBundle;
    addCompileHint(bundle, 'bootstrap');
    addCompileHint(bundle, 'bootstrap');
    const out = bundle.a as Rollup.OutputChunk;
    expect(out.code).toBe(`${COMPILE_HINT}\nx()`);
    expect(out.map?.mappings).toBe(';AAAA');
  });
});

describe('compileHint plugin', () => {
  const resolve = (plugins: Plugin[]) =>
    (compileHint('bootstrap').configResolved as (c: ResolvedConfig) => void)({
      plugins,
    } as unknown as ResolvedConfig);

  it.each([
    ['a function hook', (fn: Plugin['generateBundle']) => fn],
    ['an object hook', (fn: Plugin['generateBundle']) => ({ handler: fn })],
  ])('runs after Vite’s import analysis (%s), so the hint precedes its preload table', async (_, shape) => {
    const analysis: Plugin = {
      name: 'vite:build-import-analysis',
      generateBundle: shape(function (_o, bundle) {
        const c = bundle.a as Rollup.OutputChunk;
        c.code = `const __vite__mapDeps=1;\n${c.code}`;
      }) as Plugin['generateBundle'],
    };
    resolve([analysis]);
    const bundle = { a: chunk('bootstrap', 'x()') } as Rollup.OutputBundle;
    const hook = analysis.generateBundle as unknown as
      ((...a: unknown[]) => Promise<void>) | { handler: (...a: unknown[]) => Promise<void> };
    await (typeof hook === 'function' ? hook : hook.handler).call({}, {}, bundle, true);
    expect((bundle.a as Rollup.OutputChunk).code).toBe(`${COMPILE_HINT}\nconst __vite__mapDeps=1;\nx()`);
  });

  it('fails the build when Vite’s import analysis plugin is missing', () => {
    expect(() => resolve([{ name: 'other' }])).toThrow(/vite:build-import-analysis/);
  });
});
