// npm run bench: measures Mend against baselines from the same run on this machine, prints a table and
// writes bench/results.json. Everything runs locally: wrangler dev on loopback, local D1, the outbox.
import autocannon from 'autocannon';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = `${root}bench/out`;
const PORT = 8799;
const origin = `http://127.0.0.1:${PORT}`;
const quick = process.argv.includes('--quick');
// --only=dispatch,click,...: measure just those (results.json is then left as it was).
const only = process.argv.find((a) => a.startsWith('--only='))?.slice(7).split(',') ?? null;
const wanted = (name) => !only || only.includes(name);
const SIZES = quick ? { scheduled: 10_000, due: 200, clickSeconds: 3, digest: 100 } : { scheduled: 100_000, due: 1000, clickSeconds: 10, digest: 500 };

const run = (args, options = {}) => {
  const r = spawnSync('wrangler', args, { cwd: root, encoding: 'utf8', env: { ...process.env, CI: 'true' }, ...options });
  if (r.status !== 0) throw new Error(`wrangler ${args.join(' ')} failed:\n${r.stdout}\n${r.stderr}`);
  return `${r.stdout}\n${r.stderr}`;
};
const round = (n, d = 2) => Math.round(n * 10 ** d) / 10 ** d;
const post = async (path, body) => (await fetch(`${origin}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).json();
const timed = async (fn) => {
  const t0 = performance.now();
  const value = await fn();
  return { ms: performance.now() - t0, value };
};

function bundleKiB(config) {
  const dir = `${out}/bundle-${config.replace(/\W+/g, '-')}`;
  rmSync(dir, { recursive: true, force: true });
  run(['deploy', '--dry-run', '--outdir', dir, '-c', config]);
  const file = readdirSync(dir).find((f) => f.endsWith('.js'));
  const js = readFileSync(`${dir}/${file}`);
  return round(gzipSync(js, { level: 9 }).length / 1024, 1);
}

function startupMs(config) {
  const samples = [];
  for (let i = 0; i < 3; i++) {
    const text = run(['check', 'startup', '-c', config, '--outfile', `${out}/startup.cpuprofile`]);
    const active = /Active:\s*([\d.]+)\s*ms/.exec(text);
    if (active) samples.push(Number(active[1]));
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)] ?? null;
}

/**
 * A fresh bench Worker on a fresh local D1. `development` has the outbox (dispatch, digest); `production`
 * is what answers a person's click when deployed (no time-travel clock to read).
 */
async function startDev(env = 'development') {
  const state = `${out}/state-${env}`;
  rmSync(state, { recursive: true, force: true });
  run(['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', state, '-c', 'bench/wrangler.toml']);
  const args = ['dev', '-c', 'bench/wrangler.toml', '--port', String(PORT), '--ip', '127.0.0.1', '--persist-to', state, '--log-level', 'warn', '--var', `MEND_ENV:${env}`];
  const dev = spawn('wrangler', args, {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (let i = 0; i < 240; i++) {
    try {
      if ((await fetch(`${origin}/bench/counters`)).ok) return dev;
    } catch {}
    await new Promise((r) => setTimeout(r, 250));
  }
  dev.kill();
  throw new Error('wrangler dev did not start');
}

async function counted(fn) {
  await post('/bench/counters/reset', {});
  const { ms, value } = await timed(fn);
  const counters = await (await fetch(`${origin}/bench/counters`)).json();
  return { ms, value, counters };
}

async function dispatchBench() {
  const at = Date.parse('2027-03-01T09:00:00Z');
  await post('/bench/seed/dispatch', { total: SIZES.scheduled, due: SIZES.due, at });
  await fetch(`${origin}/bench/render?n=5`); // warm the isolate and the templates
  const { ms, counters } = await counted(() => fetch(`${origin}/cdn-cgi/handler/scheduled?time=${at}`).then((r) => r.text()));
  const sent = (await (await fetch(`${origin}/dev/outbox.json`)).json()).emails.length;
  if (process.argv.includes('--verbose')) printStatements('dispatch', counters);
  const base = await timed(() => fetch(`${origin}/bench/render?n=0`).then((r) => r.json()));
  const render = await timed(() => fetch(`${origin}/bench/render?n=${SIZES.due}`).then((r) => r.json()));
  const renderPerEmail = (render.ms - base.ms) / SIZES.due;
  const perEmail = ms / Math.max(sent, 1);
  return {
    scheduled: SIZES.scheduled,
    due: SIZES.due,
    sent,
    queries: counters.queries,
    rows_read: counters.rowsRead,
    rows_written: counters.rowsWritten,
    rows_read_per_email: round(counters.rowsRead / Math.max(sent, 1)),
    ms_per_email: round(perEmail),
    render_only_ms_per_email: round(renderPerEmail),
    ratio_vs_render: round(perEmail / renderPerEmail),
  };
}

function printStatements(label, counters) {
  console.log(`\n${label}: rows read by statement`);
  const rows = Object.entries(counters.bySql).sort((a, b) => b[1].rowsRead - a[1].rowsRead).slice(0, 15);
  for (const [sql, { n, rowsRead }] of rows) console.log(`${String(rowsRead).padStart(8)} rows ${String(n).padStart(6)}x  ${sql}`);
}

function cannon(opts) {
  return new Promise((resolve, reject) => {
    autocannon({ connections: 64, duration: SIZES.clickSeconds, ...opts }, (err, result) => (err ? reject(err) : resolve(result)));
  });
}

async function clickBench() {
  const { tokens } = await post('/bench/seed/clicks', { n: quick ? 2000 : 20_000, at: Date.now() });
  const statuses = ['on_track', 'blocked', 'done'];
  const sample = await fetch(`${origin}/l/${tokens[0]}/on_track`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'source=email' });
  const bytes = (await sample.text()).length;
  let i = 0;
  const clicks = await cannon({
    url: origin,
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'source=email',
        setupRequest: (req) => {
          const n = i++;
          return { ...req, path: `/l/${tokens[n % tokens.length]}/${statuses[Math.floor(n / tokens.length) % 3]}` };
        },
      },
    ],
  });
  const bare = await cannon({ url: `${origin}/bench/bare?bytes=${bytes}`, method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'source=email' });
  const floor = await cannon({ url: `${origin}/bench/d1-floor?bytes=${bytes}`, method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'source=email' });
  const errors = clicks.errors + clicks.non2xx;
  return {
    connections: 64,
    seconds: SIZES.clickSeconds,
    page_bytes: bytes,
    requests: clicks.requests.total,
    errors,
    rps: round(clicks.requests.average, 0),
    p99_ms: clicks.latency.p99,
    baseline_rps: round(bare.requests.average, 0),
    baseline_p99_ms: bare.latency.p99,
    rps_ratio: round(clicks.requests.average / bare.requests.average),
    // The same page after two trivial D1 round trips (what a click needs): the floor local D1 sets.
    d1_floor_rps: round(floor.requests.average, 0),
    d1_floor_p99_ms: floor.latency.p99,
    rps_ratio_vs_d1_floor: round(clicks.requests.average / floor.requests.average),
    p99_ratio: round(clicks.latency.p99 / Math.max(bare.latency.p99, 1)),
  };
}

async function digestBench() {
  const at = Date.parse('2030-06-03T09:00:00Z'); // a Monday, 09:00 in the leader's zone
  const { rows_needed } = await post('/bench/digest/seed', { mistakes: SIZES.digest, at });
  // Counted on a copy of the data first would double it; instead: time one run uncounted, then count a
  // second identical run after putting the digest's claim back.
  const timedRun = await timed(() => post('/bench/digest/run', { at }));
  const renderOnly = await timed(() => post('/bench/digest/render', {}));
  await post('/bench/digest/unclaim', { at });
  const { counters } = await counted(() => post('/bench/digest/run', { at }));
  if (process.argv.includes('--verbose')) printStatements('digest', counters);
  return {
    mistakes: SIZES.digest,
    queries: counters.queries,
    rows_read: counters.rowsRead,
    rows_needed,
    rows_read_ratio: round(counters.rowsRead / rows_needed),
    ms: round(timedRun.ms),
    render_only_ms: round(renderOnly.ms),
    html_kib: round(renderOnly.value.html / 1024, 1),
    sent: timedRun.value.sent,
  };
}

mkdirSync(out, { recursive: true });
const results = {};
console.log(`Mend benchmarks${quick ? ' (quick)' : ''} on ${process.platform}/${process.arch}, Node ${process.version}`);
if (wanted('bundle')) results.bundle = { gzip_kib: bundleKiB('wrangler.toml'), baseline_gzip_kib: bundleKiB('bench/baseline/wrangler.toml') };
if (wanted('startup')) results.startup = { ms: startupMs('wrangler.toml'), baseline_ms: startupMs('bench/baseline/wrangler.toml') };
async function withDev(env, fn) {
  const dev = await startDev(env);
  try {
    await fn();
  } finally {
    dev.kill('SIGTERM');
    await new Promise((resolve) => dev.once('exit', resolve));
  }
}

if (wanted('dispatch') || wanted('digest')) {
  await withDev('development', async () => {
    if (wanted('dispatch')) results.dispatch = await dispatchBench();
    if (wanted('digest')) results.digest = await digestBench();
  });
}
if (wanted('click')) await withDev('production', async () => (results.click = await clickBench()));
if (!only) writeFileSync(`${root}bench/results.json`, `${JSON.stringify(results, null, 2)}\n`);
else console.log(JSON.stringify(results, null, 2));
const rows = only ? [] : [
  ['bundle', `${results.bundle.gzip_kib} KiB gzip`, `bare hono ${results.bundle.baseline_gzip_kib} KiB`, 'target <= 350 KiB'],
  ['startup', `${results.startup.ms} ms CPU`, `bare hono ${results.startup.baseline_ms} ms`, ''],
  ['dispatch', `${results.dispatch.sent}/${results.dispatch.due} sent of ${results.dispatch.scheduled}; ${results.dispatch.ms_per_email} ms/email`, `render only ${results.dispatch.render_only_ms_per_email} ms/email`, `ratio ${results.dispatch.ratio_vs_render} (<= 2.0); rows/email ${results.dispatch.rows_read_per_email} (<= 3)`],
  ['click', `${results.click.rps} rps, p99 ${results.click.p99_ms} ms, errors ${results.click.errors}`, `bare ${results.click.baseline_rps} rps, p99 ${results.click.baseline_p99_ms} ms`, `rps ratio ${results.click.rps_ratio} (>= 0.5); p99 ratio ${results.click.p99_ratio} (<= 3)`],
  ['digest', `${results.digest.mistakes} mistakes: ${results.digest.queries} queries, ${results.digest.rows_read} rows read, ${results.digest.ms} ms`, `rows needed ${results.digest.rows_needed}`, 'rows_read <= 2 x rows_needed'],
];
for (const r of rows) console.log(`${r[0].padEnd(9)} ${r[1].padEnd(60)} ${r[2].padEnd(36)} ${r[3]}`);
if (!only) console.log('\nwritten: bench/results.json');
