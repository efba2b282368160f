import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * The renderer bundle. Both hosts serve it with the CSP of reliability.md R-E3 as a header
 * (`script-src 'self'; style-src 'self'`, no `data:`), so the build must not need anything
 * inline: Vite emits the entry as an external module script and the CSS as a <link>, and
 * nothing is inlined as a data: URI. `npm run build:renderer`; `vite --mode fake` (dev
 * server) or `vite build --mode fake` runs it on the in-page fake kiosk.
 */
export default defineConfig({
  root: 'renderer',
  // Relative URLs: the same build is served from app:// (Electron) and from the web host.
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    // No data: URIs: img-src has no `data:`, and fonts fall under font-src/default-src.
    assetsInlineLimit: 0,
    // Chromium has modulepreload natively; the polyfill is not needed.
    modulePreload: { polyfill: false },
    target: 'chrome120',
    sourcemap: false,
  },
  server: { host: '127.0.0.1', strictPort: true },
  preview: { host: '127.0.0.1', strictPort: true },
});
