import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The embeddable widget: one self-contained IIFE file, CSS inlined into its shadow root.
export default defineConfig({
  plugins: [react()],
  publicDir: false,
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  build: {
    outDir: 'dist',
    emptyOutDir: false,
    copyPublicDir: false,
    lib: {
      entry: 'src/widget/main.tsx',
      name: 'ParleyWidget',
      formats: ['iife'],
      fileName: () => 'widget.js',
    },
    minify: true,
    target: "es2020",
  },
});
