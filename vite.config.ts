import react from '@vitejs/plugin-react';
import { compression } from 'vite-plugin-compression2';
import { defineConfig } from 'vitest/config';
import { compileHint } from './scripts/vite-compile-hint.js';
import { createFirstScreenChunk } from './scripts/vite-first-screen-chunk.js';
import { precompileIcuMessages } from './scripts/vite-precompile-icu.js';

const firstScreenChunk = createFirstScreenChunk();

/** Tests beside the code that still need sockets or processes, by name. */
const INTEGRATION_IN_SRC = [
  'src/**/*.integration.test.ts',
  'src/**/*.app.test.ts',
  'src/**/*.proxy.test.ts',
  'src/**/*.property.test.ts',
  'src/**/main.test.ts',
  'src/**/*.process.test.ts',
];

// The SPA is built into dist/; the server (src/server) serves it. In `npm run dev`,
// /api is proxied to a running server (`npm start`).
export default defineConfig({
  plugins: [
    react(),
    precompileIcuMessages(),
    firstScreenChunk.plugin(),
    // V8 compiles the first screen's functions while the chunk streams in, not on the main
    // thread at their first call during the first render. Before the compression plugin.
    compileHint(firstScreenChunk.group.name),
    // Brotli and gzip copies beside each built file, served by the server when the browser
    // accepts them (src/server/static/spa.ts): the first screen's 750 KB of JS travel as
    // about 235 KB gzip (less in brotli) without compressing on every request.
    // Not in the first-screen chunk's probe build, which writes nothing.
    ...(firstScreenChunk.probing
      ? []
      : [compression({ algorithms: ['brotliCompress', 'gzip'], threshold: 1024, logLevel: 'silent' })]),
  ],
  build: {
    outDir: 'dist',
    sourcemap: false,
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      // The first screen in one chunk (scripts/vite-first-screen-chunk.ts).
      output: { codeSplitting: { groups: [firstScreenChunk.group] } },
      treeshake: {
        // These packages declare no `sideEffects` in package.json, so every module they
        // have stayed in the bundle once any one was imported: antd's ConfigProvider
        // imports a context from @rc-component/form, which kept the whole form engine
        // (and async-validator) in the first screen. Their modules only define components
        // and functions.
        moduleSideEffects: [
          {
            test: /[\\/]node_modules[\\/]@rc-component[\\/](form|trigger|async-validator)[\\/]/,
            sideEffects: false,
          },
        ],
      },
    },
  },
  server: {
    host: '127.0.0.1',
    proxy: { '/api': 'http://127.0.0.1:8080' },
  },
  test: {
    // Blocks and reports any connection to the ECS metadata address, in every test file.
    setupFiles: ['test/helpers/metadata-guard.setup.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // `npm run test:unit` and `npm run test:integration` run one project each; `vitest run`
    // runs both. Integration tests open real loopback sockets or processes (the proxy, the
    // emulator, `npm start`); fuzz and load suites live in test/ with their helpers.
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['src/**/*.test.{ts,tsx}', 'scripts/**/*.test.ts'],
          exclude: INTEGRATION_IN_SRC,
        },
      },
      {
        extends: true,
        test: { name: 'integration', include: ['test/**/*.test.ts', ...INTEGRATION_IN_SRC] },
      },
    ],
  },
});
