/**
 * Builds the dashboard into dist/web, which the server serves as static files (`npm run build:web`).
 * `npm run dev:web` serves it with hot reload and forwards /api to a server on CHOKEPOINT_API (default :4173).
 */
import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

const root = fileURLToPath(new URL('.', import.meta.url))

export default defineConfig({
  root,
  base: '/',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    // The entry holds React and the ECharts parts the Overview needs (~800 KB minified, ~260 KB gzipped);
    // the budget that matters, 500 KB gzipped, is checked by `npm run bench -- web`.
    chunkSizeWarningLimit: 1000,
  },
  server: {
    host: '127.0.0.1',
    proxy: { '/api': process.env['CHOKEPOINT_API'] ?? 'http://127.0.0.1:4173' },
  },
})
