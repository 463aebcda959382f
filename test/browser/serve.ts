// Starts the Worker for the browser tests: `wrangler dev` on a free localhost port, with its own throwaway
// state directory and its own config folder (so a developer's .dev.vars, and any Resend key in it, is never
// read), local-development vars (the outbox exists), and the real migrations applied first.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    apiToken: string;
    serverLog: string;
  }
}

const root = new URL('../..', import.meta.url).pathname;
const wranglerBin = join(root, 'node_modules/wrangler/bin/wrangler.js');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** The project's wrangler.toml with absolute paths and local-development vars, in a folder of its own. */
function writeConfig(dir: string, baseUrl: string, settleSeconds: number): string {
  const toml = readFileSync(join(root, 'wrangler.toml'), 'utf8')
    .replace(/^main\s*=.*$/m, `main = ${JSON.stringify(join(root, 'src/index.ts'))}`)
    .replace(/^migrations_dir\s*=.*$/m, `migrations_dir = ${JSON.stringify(join(root, 'migrations'))}`)
    .replace(/^MEND_ENV\s*=.*$/m, 'MEND_ENV = "development"')
    .replace(/^APP_URL\s*=.*$/m, `APP_URL = ${JSON.stringify(baseUrl)}`)
    .replace(/^CLICK_SETTLE_SECONDS\s*=.*$/m, `CLICK_SETTLE_SECONDS = "${settleSeconds}"`);
  const config = join(dir, 'wrangler.toml');
  writeFileSync(config, toml);
  return config;
}

async function waitUntilUp(url: string, child: ChildProcess, log: string): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited (${child.exitCode}); see ${log}`);
    try {
      if ((await fetch(`${url}/api/health`)).status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`wrangler dev did not answer within 2 minutes; see ${log}`);
}

export interface RunningWorker {
  baseUrl: string;
  apiToken: string;
  /** wrangler's output, for a failure's post-mortem. */
  log: string;
  stop(): Promise<void>;
}

/**
 * `wrangler dev` on a free loopback port with its own state, secrets and config; the real migrations applied.
 * `settleSeconds` is CLICK_SETTLE_SECONDS (5 here by default, so a click settles within a test's patience).
 */
export async function startWorker(options: { settleSeconds?: number; prefix?: string } = {}): Promise<RunningWorker> {
  const dir = mkdtempSync(join(tmpdir(), options.prefix ?? 'mend-browser-'));
  const port = await freePort();
  const inspector = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const apiToken = randomBytes(18).toString('base64url');
  const config = writeConfig(dir, baseUrl, options.settleSeconds ?? 5);
  // Secrets for this run only, beside the config where wrangler looks for them.
  writeFileSync(join(dir, '.dev.vars'), `API_TOKEN=${apiToken}\nSIGNING_KEY=${randomBytes(32).toString('base64url')}\n`, { mode: 0o600 });
  const persist = join(dir, 'state');
  const env = { ...process.env, CI: 'true', WRANGLER_SEND_METRICS: 'false', NO_COLOR: '1' };

  const migrated = spawnSync(process.execPath, [wranglerBin, 'd1', 'migrations', 'apply', 'DB', '--local', '--persist-to', persist, '--config', config], { cwd: root, env, encoding: 'utf8' });
  if (migrated.status !== 0) throw new Error(`migrations failed:\n${migrated.stdout}\n${migrated.stderr}`);

  const log = join(dir, 'wrangler.log');
  const out = openSync(log, 'a');
  const child = spawn(
    process.execPath,
    [wranglerBin, 'dev', '--config', config, '--ip', '127.0.0.1', '--port', String(port), '--inspector-port', String(inspector), '--persist-to', persist, '--show-interactive-dev-session=false', '--live-reload=false'],
    { cwd: root, env, stdio: ['ignore', out, out], detached: true },
  );
  try {
    await waitUntilUp(baseUrl, child, log);
  } catch (error) {
    if (child.pid) process.kill(-child.pid, 'SIGTERM');
    throw error;
  }
  return {
    baseUrl,
    apiToken,
    log,
    async stop() {
      if (child.pid && child.exitCode === null) {
        process.kill(-child.pid, 'SIGTERM');
        await new Promise((r) => child.once('exit', r));
      }
      if (!process.env.KEEP_BROWSER_STATE) rmSync(dir, { recursive: true, force: true });
    },
  };
}

export default async function serve(project: TestProject) {
  const worker = await startWorker();
  project.provide('baseUrl', worker.baseUrl);
  project.provide('apiToken', worker.apiToken);
  project.provide('serverLog', worker.log);
  return () => worker.stop();
}
