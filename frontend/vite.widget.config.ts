import { readFileSync } from 'node:fs';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The widget, in two builds:
//   vite build -c vite.widget.config.ts              the chat bundle (React and the conversation),
//       one ES module with its content hash in its name: dist/widget/assets/chat-<hash>.js
//   vite build -c vite.widget.config.ts --mode loader   dist/widget.js, the tiny IIFE the snippet
//       loads; the chat bundle's name (from the first build's manifest) is written into it.
const CHAT_ENTRY = 'src/widget/chat.tsx';
const CHAT_DIR = 'widget/assets';

function chatPath(): string {
  const manifest = JSON.parse(readFileSync('dist/widget/.vite/manifest.json', 'utf8')) as Record<string, { file: string }>;
  const entry = manifest[CHAT_ENTRY];
  if (!entry) throw new Error(`the chat bundle is not built: no ${CHAT_ENTRY} in dist/widget/.vite/manifest.json`);
  return `widget/${entry.file}`;
}

export default defineConfig(({ mode }) =>
  mode === 'loader'
    ? {
        publicDir: false,
        define: { __PARLEY_CHAT_PATH__: JSON.stringify(chatPath()) },
        build: {
          outDir: 'dist',
          emptyOutDir: false,
          copyPublicDir: false,
          lib: { entry: 'src/loader/main.ts', formats: ['iife'], name: 'ParleyLoader', fileName: () => 'widget.js' },
          minify: true,
          target: 'es2020',
        },
      }
    : {
        plugins: [react()],
        publicDir: false,
        define: { 'process.env.NODE_ENV': JSON.stringify('production') },
        build: {
          outDir: 'dist/widget',
          emptyOutDir: true,
          copyPublicDir: false,
          manifest: true,
          minify: true,
          target: 'es2020',
          rollupOptions: {
            input: CHAT_ENTRY,
            // The loader calls mount(): keep the entry's exports.
            preserveEntrySignatures: 'strict',
            output: { format: 'es', entryFileNames: `${CHAT_DIR.replace('widget/', '')}/chat-[hash].js`, inlineDynamicImports: true },
          },
        },
      },
);
