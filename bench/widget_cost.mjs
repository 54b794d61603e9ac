// What the widget costs a host page: the loader's and the chat bundle's gzipped sizes, and
// Lighthouse's throttled numbers (Debian's Chromium, default mobile throttling) for the demo shop
// page, with the chat bundle loading at idle (the default) and without (data-preload="none").
//
//   node bench/widget_cost.mjs            (make bench runs it; needs the frontend build)
//
// Starts its own Parley server (DATABASE_URL, default: the local parley database) and serves
// the shop page from a second loopback origin, as a real host site would embed the widget.
import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { readFileSync, readdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIST = join(ROOT, 'frontend', 'dist');
const LIGHTHOUSE = join(ROOT, 'frontend', 'node_modules', '.bin', 'lighthouse');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const RUNS = Number(process.env.WIDGET_BENCH_RUNS ?? 3);
const PY = join(ROOT, '.venv', 'bin', 'python');

function freePort() {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

const gz = (path) => gzipSync(readFileSync(path), { level: 9 }).length / 1024;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const chat = readdirSync(join(DIST, 'widget', 'assets')).find((n) => /^chat-.+\.js$/.test(n));
if (!chat) throw new Error('no chat bundle in frontend/dist/widget/assets: run `make frontend` first');
console.log(`widget.js (loader) gzipped:           ${gz(join(DIST, 'widget.js')).toFixed(1)} KB`);
console.log(`widget/assets/${chat} gzipped: ${gz(join(DIST, 'widget', 'assets', chat)).toFixed(1)} KB`);

const [parleyPort, hostPort] = [await freePort(), await freePort()];
const BASE = `http://127.0.0.1:${parleyPort}`;
const HOST = `http://127.0.0.1:${hostPort}`;
const demo = readFileSync(join(ROOT, 'frontend', 'demo', 'index.html'), 'utf8');
const page = (attrs) => demo.replace('<script src="/widget.js" async></script>', `<script src="${BASE}/widget.js" async ${attrs}></script>`);
const pages = { '/idle': page(''), '/none': page('data-preload="none"'), '/bare': demo.replace('<script src="/widget.js" async></script>', '') };
const host = createServer((req, res) => {
  const body = pages[req.url];
  res.writeHead(body ? 200 : 404, { 'Content-Type': 'text/html; charset=utf-8' }).end(body ?? 'not found');
}).listen(hostPort, '127.0.0.1');

const server = spawn(PY, ['-m', 'app.serve'], {
  cwd: join(ROOT, 'backend'),
  env: { ...process.env, PORT: String(parleyPort), HOST: '127.0.0.1', ALLOWED_ORIGINS: HOST, LOG_LEVEL: 'warning', SEED_DEMO_USERS: 'false' },
  stdio: ['ignore', 'ignore', 'inherit'],
});
const profile = mkdtempSync(join(tmpdir(), 'parley-lh-'));
// Lighthouse lists only scripts over 50 ms in bootup-time; the loader is meant to be far below.
const config = join(profile, 'config.json');
writeFileSync(config, JSON.stringify({ extends: 'lighthouse:default', settings: { onlyCategories: ['performance'] }, audits: [{ path: 'bootup-time', options: { thresholdInMs: 0 } }] }));
try {
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${BASE}/widget.js`)).ok) break;
    } catch {
      /* not up yet */
    }
    if (i > 100) throw new Error('the Parley server did not start');
    await new Promise((r) => setTimeout(r, 200));
  }

  // Asynchronous: the host pages are served from this very process.
  const audit = async (url) => {
    const { stdout: out } = await promisify(execFile)(
      LIGHTHOUSE,
      [
        url,
        '--quiet',
        '--output=json',
        `--config-path=${config}`,
        `--chrome-path=${CHROMIUM}`,
        `--chrome-flags=--headless=new --no-sandbox --disable-gpu`,
      ],
      { maxBuffer: 64 * 1024 * 1024, timeout: 180_000, env: { ...process.env, CHROME_PATH: CHROMIUM } },
    );
    const report = JSON.parse(String(out));
    const scripting = (part) =>
      (report.audits['bootup-time'].details?.items ?? [])
        .filter((item) => item.url.startsWith(BASE) && part(new URL(item.url).pathname))
        .reduce((sum, item) => sum + item.scripting + (item.scriptParseCompile ?? 0), 0);
    return {
      loader: scripting((p) => p === '/widget.js'),
      chat: scripting((p) => p.startsWith('/widget/assets/')),
      tbt: report.audits['total-blocking-time'].numericValue,
      mainThread: report.audits['mainthread-work-breakdown'].numericValue,
      score: Math.round(report.categories.performance.score * 100),
    };
  };

  const rows = [
    ['the shop page without the widget', '/bare'],
    ['with widget.js, chat at idle (default)', '/idle'],
    ['with widget.js, data-preload="none"', '/none'],
  ];
  console.log(`\nLighthouse (throttled, median of ${RUNS}):`);
  console.log('page                                      widget.js script  chat script  TBT     main thread  score');
  for (const [label, path] of rows) {
    const runs = [];
    for (let i = 0; i < RUNS; i++) runs.push(await audit(`${HOST}${path}`));
    const m = (k) => median(runs.map((r) => r[k]));
    console.log(
      `${label.padEnd(42)}${`${m('loader').toFixed(0)} ms`.padEnd(18)}${`${m('chat').toFixed(0)} ms`.padEnd(13)}` +
        `${`${m('tbt').toFixed(0)} ms`.padEnd(8)}${`${m('mainThread').toFixed(0)} ms`.padEnd(13)}${m('score')}`,
    );
  }
} finally {
  server.kill('SIGTERM');
  host.close();
  rmSync(profile, { recursive: true, force: true });
}
