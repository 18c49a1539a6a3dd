import { defineConfig } from 'vitest/config';

// No React plugin: esbuild compiles TSX with the automatic runtime, which is all a production build needs.
export default defineConfig({
  esbuild: { jsx: 'automatic' },
  build: {
    outDir: 'dist',
    assetsDir: 'assets',
    target: 'es2022',
    // one small app: a single chunk loads in one round trip; the CSP allows only files from this server
    modulePreload: { polyfill: false },
    reportCompressedSize: false,
    chunkSizeWarningLimit: 400,
  },
  server: {
    // `npm run dev` with the Java server on 8092: the API and event streams are proxied, the cookie stays same-origin
    proxy: Object.fromEntries(
      ['/auth', '/applications', '/deploy', '/deployments', '/stream', '/containers', '/ports', '/health', '/audit', '/api']
        .map((p) => [p, 'http://127.0.0.1:8092']),
    ),
  },
  test: {
    environment: 'node', // component tests ask for jsdom in their first line
    globals: true,
    include: ['src/**/*.test.{ts,tsx}'],
  },
});
