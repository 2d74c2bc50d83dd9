#!/usr/bin/env node
// The Trellis benchmark. For each database (SQLite, PostgreSQL) and org size (default 500,
// 5,000 and 50,000 people from the demo generator) it seeds a fresh database, starts the
// server, signs in five demo personas, and drives each page with wrk (64 connections by
// default), reporting throughput, latency p50/p95/p99, errors and the server's peak memory,
// plus seeding time and database size. A static-string axum server of the same page size
// runs in the same session as the ceiling; throughput is reported as a share of it.
// Client weight (wasm, JS, CSS: raw, gzip, brotli) and the requests of a first page load
// are measured once.
//
//   node bench/run.mjs [--smoke] [--sizes 500,5000,50000] [--dbs sqlite,postgres]
//                      [--duration 10] [--connections 64] [--bin target/release/trellis]
//                      [--ceiling target/release/trellis-ceiling] [--out bench/results/latest.json]
//                      [--pages 'regex of page names']
//
// --smoke: 500 people, 1 s per page, 8 connections, the debug build: proves the harness works
// (CI runs it); its numbers mean nothing.

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = parseArgs(process.argv.slice(2));
const smoke = Boolean(args.smoke);
const sizes = (args.sizes ?? (smoke ? '500' : '500,5000,50000')).split(',').map(Number);
const dbs = (args.dbs ?? 'sqlite,postgres').split(',');
const duration = Number(args.duration ?? (smoke ? 1 : 10));
const connections = Number(args.connections ?? (smoke ? 8 : 64));
const profile = smoke ? 'debug' : 'release';
// --pages <regex>: measure only the pages whose names match (a targeted re-run of a few).
const only = args.pages ? new RegExp(args.pages) : null;
const wanted = ([name]) => !only || only.test(name);
const bin = path.resolve(root, args.bin ?? `target/${profile}/trellis`);
const ceilingBin = path.resolve(root, args.ceiling ?? `target/${profile}/trellis-ceiling`);
const out = path.resolve(root, args.out ?? (smoke ? 'bench/.tmp/smoke.json' : 'bench/results/latest.json'));
const pgAdmin = process.env.TRELLIS_BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const siteRoot = path.join(root, 'target/site');
const work = path.join(root, 'bench/.tmp');
// Free ports and database names of this run's own, so two runs on one machine (a clone's CI
// and a working copy's smoke run) never answer each other's requests or drop each other's data.
const PORT = await freePort();
const CEILING_PORT = await freePort();
const base = `http://127.0.0.1:${PORT}`;
const runTag = `${process.pid}`;

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

function parseArgs(list) {
  const parsed = {};
  for (let i = 0; i < list.length; i++) {
    const key = list[i].replace(/^--/, '');
    const next = list[i + 1];
    if (next === undefined || next.startsWith('--')) parsed[key] = true;
    else parsed[key] = list[++i];
  }
  return parsed;
}

function log(msg) {
  process.stderr.write(`bench: ${msg}\n`);
}

function fail(msg) {
  log(`error: ${msg}`);
  process.exit(1);
}

function run(cmd, argv, env = {}) {
  const res = spawnSync(cmd, argv, { env: { ...process.env, ...env }, encoding: 'utf8' });
  if (res.status !== 0) fail(`${cmd} ${argv.join(' ')} failed: ${res.stderr || res.stdout}`);
  return res.stdout;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function waitFor(url, timeoutMs = 60_000) {
  const start = Date.now();
  while (Date.now() - start < timeoutMs) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {}
    await sleep(200);
  }
  fail(`${url} did not answer within ${timeoutMs / 1000} s`);
}

const pgName = (size) => `trellis_bench_${runTag}_${size}`;

function databaseUrl(db, size) {
  if (db === 'sqlite') return path.join(work, `bench-${runTag}-${size}.db`);
  const u = new URL(pgAdmin);
  u.pathname = `/${pgName(size)}`;
  return u.toString();
}

function dropDatabase(db, size) {
  if (db === 'sqlite') {
    for (const suffix of ['', '-wal', '-shm']) rmSync(databaseUrl(db, size) + suffix, { force: true });
  } else {
    run('psql', [pgAdmin, '-qc', `DROP DATABASE IF EXISTS ${pgName(size)} WITH (FORCE)`]);
  }
}

function freshDatabase(db, size) {
  dropDatabase(db, size);
  if (db === 'postgres') run('psql', [pgAdmin, '-qc', `CREATE DATABASE ${pgName(size)}`]);
}

function databaseBytes(db, size) {
  if (db === 'sqlite') {
    return ['', '-wal'].map((s) => databaseUrl(db, size) + s).filter(existsSync).reduce((n, f) => n + statSync(f).size, 0);
  }
  return Number(run('psql', [pgAdmin, '-tAc', `SELECT pg_database_size('${pgName(size)}')`]).trim());
}

function peakMemoryKiB(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  } catch {
    return null;
  }
}

async function startServer(db, size) {
  const child = spawn(bin, ['serve'], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl(db, size),
      LEPTOS_SITE_ADDR: `127.0.0.1:${PORT}`,
      LEPTOS_SITE_ROOT: siteRoot,
      RUST_LOG: 'warn',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  // The server's log passes through; panics are counted, because a render task that panics
  // when its client hangs up does not fail a request and would otherwise go unnoticed.
  child.panics = 0;
  child.stderr.on('data', (chunk) => {
    process.stderr.write(chunk);
    child.panics += (chunk.toString().match(/panicked/g) ?? []).length;
  });
  await waitFor(`${base}/readyz`);
  return child;
}

/** SIGTERM, and SIGKILL after 10 s: a server still draining idle keep-alive connections must not stall the run. */
async function stop(child) {
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

/** The budget's typical pages, measured a second time as sessions with reading time. */
const TYPICAL = ['ladder page', 'my work', 'person profile', 'org chart subtree', 'review form'];

const PERSONAS = ['tom.becker', 'elena.marsh', 'sam.whitfield', 'jordan.ellis', 'amara.okafor'];

async function signIn(email) {
  const res = await fetch(`${base}/auth/demo`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: base },
    body: `email=${encodeURIComponent(email)}`,
  });
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('trellis_session='));
  if (!cookie) fail(`sign-in of ${email} failed (${res.status})`);
  return cookie.split(';')[0];
}

/** The review cycle running now, read off HR's reviews page (the demo's first listed). */
async function currentCycle(cookie) {
  const html = await (await fetch(`${base}/reviews`, { headers: { cookie } })).text();
  const id = /href="\/reviews\/cycles\/(\d+)"/.exec(html)?.[1];
  if (!id) fail('HR sees no review cycle in the demo');
  return id;
}

async function idOf(cookie, query) {
  const html = await (await fetch(`${base}/people?q=${encodeURIComponent(query)}`, { headers: { cookie } })).text();
  const id = /href="\/people\/(\d+)"/.exec(html)?.[1];
  if (!id) fail(`could not find ${query} in the directory`);
  return id;
}

/**
 * wrk on one page, rotating the given session cookies. With `thinkMs`, each connection waits
 * that long on average (uniformly 0.5x to 1.5x) between pages, as people reading do; without
 * it, connections send back to back (saturation: latency is then mostly queueing, 64 /
 * throughput by Little's law).
 */
function wrk(url, cookies, conns = connections, thinkMs = 0) {
  const script = path.join(work, 'wrk.lua');
  const u = new URL(url);
  writeFileSync(
    script,
    `local cookies = {${cookies.map((c) => JSON.stringify(c)).join(', ')}}
local i = 0
request = function()
  i = i + 1
  local headers = {}
  if #cookies > 0 then headers["Cookie"] = cookies[(i % #cookies) + 1] end
  return wrk.format("GET", ${JSON.stringify(u.pathname + u.search)}, headers)
end
${thinkMs > 0 ? `delay = function() return math.random(${Math.round(thinkMs / 2)}, ${Math.round((thinkMs * 3) / 2)}) end` : ''}
${WRK_REPORT}`,
  );
  return runWrk(conns, script, `${u.protocol}//${u.host}`);
}

/**
 * The calibration boards nearest 250 and 1,000 people (the budgets' sizes), read off HR's
 * session list: [[name, path]].
 */
async function calibrationBoards(cookie) {
  const html = await (await fetch(`${base}/calibration`, { headers: { cookie } })).text();
  const sessions = [...html.matchAll(/data-session="(\d+)" data-people="(\d+)"/g)].map((m) => ({ id: m[1], people: Number(m[2]) }));
  const picked = [];
  for (const target of [250, 1000]) {
    const best = sessions.filter((s) => !picked.includes(s)).sort((a, b) => Math.abs(a.people - target) - Math.abs(b.people - target))[0];
    if (best) picked.push(best);
  }
  return picked.map((s) => [`calibration board (${s.people} people, 2 connections)`, `/calibration/${s.id}`]);
}

/** The Lua `done` hook both scripts share: one line of JSON that `runWrk` reads back. */
const WRK_REPORT = `done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('BENCH {"requests":%d,"duration_us":%d,"errors":%d,"non2xx":%d,"p50_us":%d,"p95_us":%d,"p99_us":%d,"bytes":%d}\\n',
    summary.requests, summary.duration, e.connect + e.read + e.write + e.timeout, e.status,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), summary.bytes))
end
`;

function runWrk(conns, script, target) {
  const outText = run('wrk', ['-t1', `-c${conns}`, `-d${duration}s`, '--timeout', '5s', '-s', script, target]);
  const line = outText.split('\n').find((l) => l.startsWith('BENCH '));
  if (!line) fail(`wrk printed no result: ${outText}`);
  const r = JSON.parse(line.slice(6));
  return {
    rps: r.requests / (r.duration_us / 1e6),
    p50_ms: r.p50_us / 1000,
    p95_ms: r.p95_us / 1000,
    p99_ms: r.p99_us / 1000,
    errors: r.errors + r.non2xx,
    requests: r.requests,
    bytes_per_response: r.requests > 0 ? Math.round(r.bytes / r.requests) : 0,
  };
}

/** The form's action (the server function's URL) and Tom's review id, read off his self-assessment page. */
async function selfAssessmentForm(cookie) {
  const reviews = await (await fetch(`${base}/reviews`, { headers: { cookie } })).text();
  const review = /href="\/reviews\/(\d+)\/self"/.exec(reviews)?.[1];
  if (!review) fail('Tom has no self-assessment to write in the demo');
  const page = await (await fetch(`${base}/reviews/${review}/self`, { headers: { cookie } })).text();
  const action = /<form[^>]*action="([^"]*save_self_assessment[^"]*)"/.exec(page)?.[1];
  const version = /name="version" value="(\d+)"/.exec(page)?.[1];
  if (!action || !version) fail('could not read the self-assessment form');
  return { review, action, version: Number(version) };
}

/**
 * Saving a draft, one connection at a time (a person typing): each save sends the version the
 * previous one returned, as the browser does, so every request is a real write.
 */
function wrkSave(form, cookie) {
  const script = path.join(work, 'wrk-save.lua');
  writeFileSync(
    script,
    `local version = ${form.version}
local n = 0
request = function()
  n = n + 1
  local body = "review_id=${form.review}&version=" .. version .. "&accomplishments=Draft+" .. n .. "&shortfalls=&feedback_acted_on=&next_focus=&support_needed="
  return wrk.format("POST", ${JSON.stringify(form.action)}, {
    ["Cookie"] = ${JSON.stringify(cookie)},
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Origin"] = ${JSON.stringify(base)},
  }, body)
end
response = function(status, headers, body)
  local v = body:match('"version":(%d+)')
  if v then version = tonumber(v) end
end
${WRK_REPORT}`,
  );
  const u = new URL(base);
  return runWrk(1, script, `${u.protocol}//${u.host}`);
}

/** Sizes of one file: raw, gzip -9 and brotli 11 (what the server sends precompressed). */
function weigh(file) {
  const data = readFileSync(file);
  return {
    raw: data.length,
    gzip: zlib.gzipSync(data, { level: 9 }).length,
    brotli: zlib.brotliCompressSync(data, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    served_precompressed: existsSync(`${file}.br`),
  };
}

/**
 * The client's files: the main bundle (trellis.wasm, trellis.js), the CSS, and the wasm
 * chunks split off per page by `cargo leptos build --split` (summed, with the largest named).
 */
function clientWeight() {
  const pkg = path.join(siteRoot, 'pkg');
  const weight = {};
  // The build names each file after its content (trellis.<hash>.wasm); an earlier build's
  // files may still lie beside it, so the newest of each kind is the one served.
  const isMain = (file, ext) => new RegExp(`^trellis(\\.[\\w-]+)?\\.${ext}$`).test(file);
  const built = (ext) => readdirSync(pkg)
    .filter((f) => isMain(f, ext))
    .sort((a, b) => statSync(path.join(pkg, b)).mtimeMs - statSync(path.join(pkg, a)).mtimeMs)[0];
  for (const ext of ['wasm', 'js', 'css']) {
    const file = built(ext);
    if (!file) fail(`no trellis ${ext} file in ${pkg}`);
    weight[`trellis.${ext}`] = weigh(path.join(pkg, file));
  }
  const chunks = readdirSync(pkg).filter((f) => f.endsWith('.wasm') && !isMain(f, 'wasm'));
  if (chunks.length > 0) {
    const each = chunks.map((f) => ({ file: f, ...weigh(path.join(pkg, f)) }));
    const sum = (k) => each.reduce((n, c) => n + c[k], 0);
    const largest = each.sort((a, b) => b.brotli - a.brotli)[0];
    weight[`${chunks.length} page chunks (all)`] = { raw: sum('raw'), gzip: sum('gzip'), brotli: sum('brotli'), served_precompressed: each.every((c) => c.served_precompressed) };
    weight[`largest chunk (${largest.file})`] = largest;
  }
  return weight;
}

/**
 * What a browser fetches on a first visit: the requests for the sign-in page and for "My
 * work" after signing in, and the wasm and JS bytes (as sent, compressed) that a first
 * load of each of a few pages costs with an empty cache: what the hydration budget is about.
 */
async function firstLoad() {
  const require = createRequire(path.join(root, 'end2end/package.json'));
  let chromium;
  try {
    ({ chromium } = require('playwright-core'));
  } catch {
    return null;
  }
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  const context = await browser.newContext();
  const page = await context.newPage();
  let count = 0;
  page.on('request', () => count++);
  await page.goto(`${base}/sign-in`, { waitUntil: 'networkidle' });
  const signInPage = count;
  count = 0;
  await page.getByRole('button', { name: /Tom Becker/ }).click();
  await page.waitForLoadState('networkidle');
  const myWork = count;
  const cookies = await context.cookies();
  const bundleBytes = {};
  for (const [name, p] of [['sign-in page', '/sign-in'], ['my work', '/'], ['ladder page', '/ladders/engineering'], ['reviews', '/reviews'], ['calibration', '/calibration']]) {
    // A new context: an empty cache, as a first visit has.
    const fresh = await browser.newContext();
    if (p !== '/sign-in') await fresh.addCookies(cookies);
    const tab = await fresh.newPage();
    const files = [];
    tab.on('requestfinished', (req) => {
      if (!/\.(wasm|js)$/.test(new URL(req.url()).pathname)) return;
      files.push(Promise.all([req.sizes(), req.response()]).then(([s, r]) => ({ bytes: s.responseBodySize, encoding: r?.headers()['content-encoding'] ?? 'identity' })));
    });
    await tab.goto(`${base}${p}`, { waitUntil: 'networkidle' });
    const got = await Promise.all(files);
    const encoding = [...new Set(got.map((f) => f.encoding))].join(', ');
    bundleBytes[name] = { files: got.length, bytes: got.reduce((n, f) => n + f.bytes, 0), encoding };
    await fresh.close();
  }
  await browser.close();
  return { sign_in_page: signInPage, my_work_after_sign_in: myWork, bundle_bytes: bundleBytes };
}

async function main() {
  for (const [what, file] of [['the server', bin], ['the ceiling server', ceilingBin]]) {
    if (!existsSync(file)) fail(`${what} is not built: ${file}`);
  }
  mkdirSync(work, { recursive: true });
  const started = new Date();
  const results = {
    date: started.toISOString(),
    machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, memory_gib: Math.round(os.totalmem() / 2 ** 30), kernel: os.release() },
    settings: { smoke, duration_s: duration, connections, profile },
    client: clientWeight(),
    first_load: null,
    runs: [],
    ceiling: null,
  };
  let pageBytes = 12_000;
  for (const db of dbs) {
    for (const size of sizes) {
      log(`${db}, ${size} people: seeding`);
      freshDatabase(db, size);
      const t0 = process.hrtime.bigint();
      run(bin, ['seed', '--demo', '--employees', String(size)], { DATABASE_URL: databaseUrl(db, size), RUST_LOG: 'warn' });
      const seedSeconds = Number(process.hrtime.bigint() - t0) / 1e9;
      const server = await startServer(db, size);
      const cookies = [];
      for (const p of PERSONAS) cookies.push(await signIn(`${p}@lumen.example`));
      const tom = await idOf(cookies[3], 'tom.becker');
      const sam = await idOf(cookies[3], 'sam.whitfield');
      const ceo = await idOf(cookies[3], 'amara.okafor');
      const cycle = await currentCycle(cookies[3]);
      const pages = [
        ['ladder page', '/ladders/engineering', cookies],
        ['ladder level', '/ladders/engineering/levels/L3', cookies],
        ['my work', '/', cookies],
        // HR's My work also checks the whole company's reporting lines.
        ['my work, HR', '/', [cookies[3]]],
        ['person profile', `/people/${tom}`, cookies],
        ['org chart subtree', `/org?root=${sam}`, cookies],
        // A common word (a third of the company) and a rare name: the index of three-letter
        // pieces serves the second, the name order the first.
        ['directory search', '/people?q=senior', cookies],
        ['directory search, a name', '/people?q=okafor', cookies],
        // Two letters have no three-letter piece: the one search that still reads everyone.
        ['directory search, two letters', '/people?q=wu', cookies],
        ['directory, page 3', '/people?page=3', cookies],
        ['promotions', '/promotions', cookies],
        ['self-evaluation', '/promotions/self-evaluation', cookies],
        ['reviews', '/reviews', cookies],
        ['sign-in page', '/sign-in', []],
        // The top of the tree: the CEO's profile (the size of their organisation) and the
        // review cycle's completion page as the CEO (everyone below them) and as HR.
        ['CEO profile', `/people/${ceo}`, cookies],
        ['cycle page, CEO', `/reviews/cycles/${cycle}`, [cookies[4]]],
        ['cycle page, HR', `/reviews/cycles/${cycle}`, [cookies[3]]],
        ['cycle page, skip-level', `/reviews/cycles/${cycle}`, [cookies[2]]],
      ];
      const run1 = { db, size, seed_s: seedSeconds, database_bytes: 0, peak_memory_kib: null, pages: [] };
      if (db === dbs[0] && size === sizes[0]) {
        // The ceiling serves a page the size of the ladder page (the budget compares them).
        pageBytes = (await (await fetch(`${base}/ladders/engineering`, { headers: { cookie: cookies[0] } })).text()).length;
        results.first_load = await firstLoad();
      }
      const form = await selfAssessmentForm(cookies[0]);
      pages.push(['review form', `/reviews/${form.review}/self`, [cookies[0]]]);
      for (const [name, p, c] of pages.filter(wanted)) {
        log(`${db}, ${size} people: ${name}`);
        const r = wrk(`${base}${p}`, c);
        run1.pages.push({ name, path: p, ...r });
      }
      // The same typical pages as 64 people reading: each session opens a page about every
      // half second. The p99 budget is about this (sessions, not a saturated server).
      for (const [name, p, c] of pages.filter(([n]) => TYPICAL.includes(n)).filter(wanted)) {
        log(`${db}, ${size} people: ${name} (sessions reading)`);
        run1.pages.push({ name: `${name} (${connections} sessions, 0.5 s apart)`, path: p, ...wrk(`${base}${p}`, c, connections, smoke ? 0 : 500) });
      }
      // Boards are measured with 2 connections (the machine's cores): their latency is then the
      // server time per board, which is what the budget is about.
      for (const [name, p] of (await calibrationBoards(cookies[3])).filter(wanted)) {
        log(`${db}, ${size} people: ${name}`);
        run1.pages.push({ name, path: p, ...wrk(`${base}${p}`, [cookies[3]], Math.min(2, connections)) });
      }
      if (wanted(['saving a draft (1 connection)'])) {
        log(`${db}, ${size} people: saving a draft`);
        run1.pages.push({ name: 'saving a draft (1 connection)', path: form.action, ...wrkSave(form, cookies[0]) });
      }
      run1.peak_memory_kib = peakMemoryKiB(server.pid);
      await stop(server);
      run1.panics = server.panics;
      run1.database_bytes = databaseBytes(db, size);
      dropDatabase(db, size);
      results.runs.push(run1);
    }
  }
  log(`ceiling: a ${pageBytes}-byte static page`);
  const ceiling = spawn(ceilingBin, [`127.0.0.1:${CEILING_PORT}`, String(pageBytes)], { stdio: ['ignore', 'ignore', 'ignore'] });
  await waitFor(`http://127.0.0.1:${CEILING_PORT}/`);
  results.ceiling = { bytes: pageBytes, ...wrk(`http://127.0.0.1:${CEILING_PORT}/`, []) };
  await stop(ceiling);

  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify(results, null, 2) + '\n');
  process.stdout.write(markdown(results));
  const errors = results.runs.flatMap((r) => r.pages).reduce((n, p) => n + p.errors, 0);
  if (errors > 0) fail(`${errors} requests failed`);
  const panics = results.runs.reduce((n, r) => n + r.panics, 0);
  if (panics > 0) fail(`the server logged ${panics} panics`);
  log(`results written to ${path.relative(root, out)}`);
}

function markdown(r) {
  const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;
  const lines = [];
  lines.push(`Run ${r.date} on ${r.machine.cpus} × ${r.machine.cpu}, ${r.machine.memory_gib} GiB; wrk, ${r.settings.connections} connections, ${r.settings.duration_s} s per page, ${r.settings.profile} build.`);
  lines.push('');
  lines.push(`Ceiling (static ${r.ceiling.bytes}-byte page from plain axum): ${r.ceiling.rps.toFixed(0)} req/s, p99 ${r.ceiling.p99_ms.toFixed(1)} ms.`);
  lines.push('');
  lines.push('| database | people | page | req/s | share of ceiling | p50 ms | p95 ms | p99 ms | bytes | errors |');
  lines.push('|---|---:|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const run of r.runs) {
    for (const p of run.pages) {
      lines.push(`| ${run.db} | ${run.size} | ${p.name} | ${p.rps.toFixed(0)} | ${((100 * p.rps) / r.ceiling.rps).toFixed(1)}% | ${p.p50_ms.toFixed(1)} | ${p.p95_ms.toFixed(1)} | ${p.p99_ms.toFixed(1)} | ${p.bytes_per_response} | ${p.errors} |`);
    }
  }
  lines.push('');
  lines.push('| database | people | seed time | database size | server peak memory | panics logged |');
  lines.push('|---|---:|---:|---:|---:|---:|');
  for (const run of r.runs) {
    lines.push(`| ${run.db} | ${run.size} | ${run.seed_s.toFixed(1)} s | ${(run.database_bytes / 2 ** 20).toFixed(1)} MiB | ${run.peak_memory_kib ? (run.peak_memory_kib / 1024).toFixed(0) + ' MiB' : 'n/a'} | ${run.panics ?? 'n/a'} |`);
  }
  lines.push('');
  lines.push('| file | raw | gzip | brotli | served precompressed |');
  lines.push('|---|---:|---:|---:|---|');
  for (const [f, w] of Object.entries(r.client)) lines.push(`| ${f} | ${kb(w.raw)} | ${kb(w.gzip)} | ${kb(w.brotli)} | ${w.served_precompressed ? 'yes' : 'no'} |`);
  if (r.first_load) {
    lines.push('');
    lines.push(`First page load: ${r.first_load.sign_in_page} requests for the sign-in page, ${r.first_load.my_work_after_sign_in} for "My work" after signing in.`);
    lines.push('');
    lines.push('| first visit (empty cache) | wasm and JS files | bytes sent | encoding |');
    lines.push('|---|---:|---:|---|');
    for (const [name, b] of Object.entries(r.first_load.bundle_bytes)) lines.push(`| ${name} | ${b.files} | ${kb(b.bytes)} | ${b.encoding} |`);
  }
  return lines.join('\n') + '\n';
}

main().catch((e) => fail(e.stack ?? String(e)));
