/**
 * Which modules the first-screen chunk takes, from a probe build's output: the static
 * closure of the app chunk (src/app/bootstrap.tsx), minus what the entry chunk loads.
 */
import { describe, expect, it } from 'vitest';
import type { Rollup } from 'vite';
import { firstScreenModules, needsProbe } from './vite-first-screen-chunk';

const chunk = (
  fileName: string,
  moduleIds: string[],
  imports: string[] = [],
  extra: Partial<Rollup.OutputChunk> = {},
): Rollup.OutputChunk =>
  ({
    type: 'chunk',
    fileName,
    moduleIds,
    imports,
    facadeModuleId: null,
    isEntry: false,
    ...extra,
  }) as Rollup.OutputChunk;

const APP = '/repo/src/app/bootstrap.tsx';

describe('firstScreenModules', () => {
  it.each([
    {
      name: 'the app chunk and what it imports statically, directly or not',
      output: [
        chunk('index.js', ['/repo/src/main.tsx'], [], { isEntry: true }),
        chunk('bootstrap.js', [APP, '/repo/src/app/app.tsx'], ['react.js'], { facadeModuleId: APP }),
        chunk('react.js', ['/nm/react/index.js'], ['scheduler.js']),
        chunk('scheduler.js', ['/nm/scheduler/index.js']),
      ],
      expected: [APP, '/repo/src/app/app.tsx', '/nm/react/index.js', '/nm/scheduler/index.js'],
    },
    {
      name: 'not the lazy parts (chunks only imported dynamically)',
      output: [
        chunk('index.js', ['/repo/src/main.tsx'], [], { isEntry: true }),
        chunk('bootstrap.js', [APP], ['shared.js'], { facadeModuleId: APP }),
        chunk('shared.js', ['/repo/src/lib/i18n.ts']),
        chunk('filter-controls.js', ['/nm/antd/es/select/index.js'], ['shared.js'], {
          facadeModuleId: '/repo/src/features/process-tasks/components/filter-controls.tsx',
        }),
      ],
      expected: [APP, '/repo/src/lib/i18n.ts'],
    },
    {
      name: 'not what the entry chunk loads (it must never wait for the app chunk)',
      output: [
        chunk('index.js', ['/repo/src/main.tsx'], ['catalogue.js'], { isEntry: true }),
        chunk('catalogue.js', ['/repo/src/shared/catalogue.ts']),
        chunk('bootstrap.js', [APP], ['catalogue.js', 'index.js'], { facadeModuleId: APP }),
      ],
      expected: [APP],
    },
  ])('$name', ({ output, expected }) => {
    expect([...firstScreenModules(output)].sort()).toEqual([...expected].sort());
  });

  it('names the missing app chunk (e.g. bootstrap.tsx renamed)', () => {
    expect(() =>
      firstScreenModules([chunk('index.js', ['/repo/src/main.tsx'], [], { isEntry: true })]),
    ).toThrow(/no chunk for src\/app\/bootstrap\.tsx/);
  });
});

describe('needsProbe: when a build start runs the probe', () => {
  it.each([
    { name: 'a build, first start', probing: false, watching: false, probed: false, expected: true },
    {
      name: 'a build, started again in the same process',
      probing: false,
      watching: false,
      probed: true,
      expected: false,
    },
    { name: 'watch mode, first build', probing: false, watching: true, probed: false, expected: true },
    {
      name: 'watch mode, a rebuild after an edit',
      probing: false,
      watching: true,
      probed: true,
      expected: true,
    },
    { name: 'the probe build itself', probing: true, watching: false, probed: false, expected: false },
    {
      name: 'the probe build itself, in watch mode',
      probing: true,
      watching: true,
      probed: false,
      expected: false,
    },
  ])('$name → $expected', ({ probing, watching, probed, expected }) => {
    expect(needsProbe({ probing, watching, probed })).toBe(expected);
  });
});
