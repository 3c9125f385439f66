import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// The SPA is built into dist/; the server (src/server) serves it. In `npm run dev`,
// /api is proxied to a running server (`npm start`).
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    sourcemap: false,
    chunkSizeWarningLimit: 1500,
  },
  server: {
    host: '127.0.0.1',
    proxy: { '/api': 'http://127.0.0.1:8080' },
  },
  test: {
    include: ['src/**/*.test.{ts,tsx}'],
    // Blocks and reports any connection to the ECS metadata address, in every test file.
    setupFiles: ['src/server/metadata-guard.setup.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
});
