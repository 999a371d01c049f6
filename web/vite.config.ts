import { defineConfig } from 'vite';

// The built files are served by `speciosa serve` at `/`; during `npx vite` development the API is
// proxied to a locally running server on its default port.
export default defineConfig({
  base: '/',
  build: { outDir: 'dist', emptyOutDir: true, assetsInlineLimit: 0, chunkSizeWarningLimit: 200 },
  server: { proxy: { '/api': 'http://127.0.0.1:8400' } },
});
