/**
 * zod probes `new Function` (its JIT) when an object schema is built; under the app's
 * CSP (script-src 'self', no unsafe-eval) the probe is reported as a violation. The SPA
 * parses small payloads, so zod runs without JIT. This must run before ANY schema is
 * built, so it sets zod's global config object directly and imports nothing; main.tsx
 * loads the rest of the app only after it (see there).
 */
const g = globalThis as { __zod_globalConfig?: Record<string, unknown> };
g.__zod_globalConfig = { ...g.__zod_globalConfig, jitless: true };

export {};
