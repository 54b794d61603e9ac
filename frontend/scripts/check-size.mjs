// After the Vite builds: copies the demo shop page into dist/, writes gzip copies of the widget's
// loader, its chat bundle and the admin assets (the server sends them to browsers that accept gzip,
// so nothing is compressed per request), and fails the build when the loader or the chat bundle
// grows past its budget.
import { readFileSync, writeFileSync, copyFileSync, existsSync, readdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
copyFileSync(`${root}demo/index.html`, `${root}dist/index.html`);
for (const f of ['dist/index.html', 'dist/widget.js', 'dist/admin/index.html']) {
  if (!existsSync(root + f)) {
    console.error(`build: missing ${f}`);
    process.exit(1);
  }
}

const compress = (path) => {
  const gz = gzipSync(readFileSync(path), { level: 9 });
  writeFileSync(`${path}.gz`, gz);
  return gz.length;
};
for (const dir of [`${root}dist/admin/assets`, `${root}dist/widget/assets`]) {
  for (const name of existsSync(dir) ? readdirSync(dir) : []) {
    if (/\.(js|css)$/.test(name)) compress(`${dir}/${name}`);
  }
}

const KB = 1024;
const chats = readdirSync(`${root}dist/widget/assets`).filter((n) => /^chat-.+\.js$/.test(n));
if (chats.length !== 1) {
  console.error(`build: expected one chat bundle in dist/widget/assets, found ${chats.join(', ') || 'none'}`);
  process.exit(1);
}
const budgets = [
  // Every page view of a host site pays for the loader; the chat only when it is used.
  { name: 'widget.js (loader)', path: `${root}dist/widget.js`, limit: 8 * KB },
  { name: `widget/assets/${chats[0]} (chat)`, path: `${root}dist/widget/assets/${chats[0]}`, limit: 150 * KB },
];
let over = false;
for (const b of budgets) {
  const gz = compress(b.path);
  console.log(`${b.name} gzipped: ${(gz / KB).toFixed(1)} KB (limit ${b.limit / KB} KB)`);
  if (gz >= b.limit) {
    console.error(`${b.name} is over its size budget`);
    over = true;
  }
}
process.exit(over ? 1 : 0);
