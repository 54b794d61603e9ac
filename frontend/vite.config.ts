import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The admin SPA: served by the backend at /admin (deep links fall back to index.html).
export default defineConfig({
  root: 'src/admin',
  base: '/admin/',
  plugins: [react()],
  publicDir: false,
  build: {
    outDir: '../../dist/admin',
    emptyOutDir: true,
  },
  server: {
    proxy: {
      '/api': { target: 'http://127.0.0.1:8000', ws: true },
    },
  },
});
