// After the Vite builds: copies the demo shop page into dist/, writes gzip copies of the widget and
// the admin assets (the server sends them to browsers that accept gzip, so nothing is compressed
// per request), and fails the build when the widget grows past its budget.
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
const assets = `${root}dist/admin/assets`;
for (const name of existsSync(assets) ? readdirSync(assets) : []) {
  if (/\.(js|css)$/.test(name)) compress(`${assets}/${name}`);
}

const LIMIT = 80 * 1024;
const gz = compress(`${root}dist/widget.js`);
console.log(`widget.js gzipped: ${(gz / 1024).toFixed(1)} KB (limit ${LIMIT / 1024} KB)`);
if (gz >= LIMIT) {
  console.error('widget.js is over its size budget');
  process.exit(1);
}
