// `npm start` as a newcomer runs it, on a port of their choosing: every link in the emails it sends points at
// the server they are talking to. It runs in a copy of the project's own files (sources linked, not copied), so
// a developer's .dev.vars and local state are never read or touched.
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = new URL('../..', import.meta.url).pathname;
let dir = '';
let child: ChildProcess | null = null;
let output = '';
let base = '';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function waitForHealth(): Promise<void> {
  const deadline = Date.now() + 150_000;
  while (Date.now() < deadline) {
    if (child?.exitCode !== null) throw new Error(`npm start exited (${child?.exitCode}):\n${output}`);
    try {
      if ((await fetch(`${base}/api/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`npm start did not answer within 150 s:\n${output}`);
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mend-start-'));
  for (const name of ['scripts', 'wrangler.toml', 'package.json']) cpSync(join(root, name), join(dir, name), { recursive: true });
  for (const name of ['src', 'emails', 'migrations', 'node_modules', 'tsconfig.json']) symlinkSync(join(root, name), join(dir, name));
  const port = await freePort();
  base = `http://localhost:${port}`;
  child = spawn(process.execPath, ['scripts/start.mjs'], {
    cwd: dir,
    env: { ...process.env, PORT: String(port), CI: 'true', WRANGLER_SEND_METRICS: 'false', NO_COLOR: '1', PATH: `${join(root, 'node_modules/.bin')}:${process.env.PATH}` },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  await waitForHealth();
});

afterAll(async () => {
  if (child?.pid && child.exitCode === null) {
    process.kill(-child.pid, 'SIGTERM');
    await new Promise((r) => child!.once('exit', r));
  }
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('npm start on another port', () => {
  it('writes .dev.vars, and the emails it sends link to the port it serves on', async () => {
    const token = /^API_TOKEN=(.+)$/m.exec(readFileSync(join(dir, '.dev.vars'), 'utf8'))?.[1];
    expect(token).toBeTruthy();
    const created = await fetch(`${base}/api/mistakes`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Sent the draft to the wrong list', description: 'I picked the wrong list.', owner: { email: 'port.owner@example.com' } }),
    });
    expect(created.status).toBe(201);
    expect((await fetch(`${base}/cdn-cgi/handler/scheduled`)).status).toBe(200);
    const { emails } = (await (await fetch(`${base}/dev/outbox.json`)).json()) as { emails: { to: string; text: string }[] };
    const email = emails.find((e) => e.to === 'port.owner@example.com');
    const links = [...(email?.text ?? '').matchAll(/https?:\/\/[^\s)>\]]+/g)].map((m) => m[0]);
    expect(links.length).toBeGreaterThan(0);
    expect(links.filter((l) => !l.startsWith(`${base}/`))).toEqual([]);
  });
});
