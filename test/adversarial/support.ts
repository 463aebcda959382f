// What the adversarial tests share: a counted way to send requests, the invariants every answer must keep
// (never a 5xx; the API's one error shape; a rejected request or a GET changes no row), strings chosen to
// break things, and a quiet console.
import fc from 'fast-check';
import { expect, vi } from 'vitest';
import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import workerModule from '../../src/index';
import type { Delivery } from '../support/inbound-mail';
import { dumpTables, worker } from '../support/worker';
import { env as workerEnv } from 'cloudflare:workers';

/** Figures for the report, printed by each file at its end. */
export const figures: Record<string, number> = {};
export const count = (name: string, n = 1) => {
  figures[name] = (figures[name] ?? 0) + n;
};

/** The Worker's structured event logs ({"event":…}) are for operators; these tests assert behaviour. */
export function quietEventLogs(): () => void {
  const original = console.log;
  const originalError = console.error;
  const quiet = (write: typeof console.log) => (...args: unknown[]) => {
    // Failures still show: a 5xx's cause is what a failing run needs.
    if (typeof args[0] === 'string' && args[0].startsWith('{"event":') && !/^\{"event":"(request|web)\.failed"/.test(args[0])) return;
    write(...args);
  };
  const log = vi.spyOn(console, 'log').mockImplementation(quiet(original));
  const error = vi.spyOn(console, 'error').mockImplementation(quiet(originalError));
  return () => {
    log.mockRestore();
    error.mockRestore();
  };
}

/** {"error": {"code", "message", "fields"?}} and nothing else: the API's documented error. */
export function expectErrorShape(body: unknown, context: string): void {
  expect(body, context).toBeTypeOf('object');
  const keys = Object.keys(body as object);
  expect(keys, context).toEqual(['error']);
  const error = (body as { error: Record<string, unknown> }).error;
  expect(Object.keys(error).every((k) => ['code', 'message', 'fields'].includes(k)), context).toBe(true);
  expect(error.code, context).toBeTypeOf('string');
  expect(error.message, context).toBeTypeOf('string');
  expect((error.message as string).length, context).toBeGreaterThan(0);
  if ('fields' in error) {
    expect(error.fields, context).toBeTypeOf('object');
    for (const value of Object.values(error.fields as object)) expect(value, context).toBeTypeOf('string');
  }
}

/**
 * Sends a request and checks the invariants. `last` is the dump of every table as it stood before the request
 * (kept across calls, so each request costs one dump); it is replaced by the dump after it.
 */
export class Guard {
  private last: Record<string, unknown[]> | null = null;
  /** Statuses seen, for the report. */
  readonly statuses = new Map<number, number>();

  async refresh(): Promise<void> {
    this.last = await fingerprint();
  }

  /** Some other step changed the world (a fixture was made again): the next comparison starts from now. */
  invalidate(): void {
    this.last = null;
  }

  /** Statuses per door, e.g. "links 4xx", for the report. */
  readonly classes = new Map<string, number>();

  async send(request: Request, options: { json?: boolean; fetch?: (r: Request) => Promise<Response>; door?: string } = {}): Promise<Response> {
    if (!this.last) await this.refresh();
    const described = `${request.method} ${request.url.slice(0, 300)}`;
    const response = await timed('fetch', () => (options.fetch ?? ((r: Request) => worker.fetch(r)))(request));
    count('requests fuzzed');
    this.statuses.set(response.status, (this.statuses.get(response.status) ?? 0) + 1);
    const door = `${options.door ?? 'other'} ${Math.floor(response.status / 100)}xx`;
    this.classes.set(door, (this.classes.get(door) ?? 0) + 1);
    const text = request.method === 'HEAD' ? '' : await response.clone().text();
    if (response.status >= 500) count('5xx seen');
    expect(response.status, `${described} answered ${response.status}: ${text.slice(0, 300)}`).toBeLessThan(500);
    if (options.json && response.status >= 400 && request.method !== 'HEAD') {
      let body: unknown;
      expect(() => (body = JSON.parse(text)), `${described}: the error is JSON`).not.toThrow();
      expectErrorShape(body, described);
    }
    const after = await timed('dump', () => fingerprint());
    if (response.status >= 400 || request.method === 'GET' || request.method === 'HEAD') {
      expect(after, `${described} answered ${response.status} and changed rows`).toEqual(this.last);
    }
    this.last = after;
    return response;
  }
}

/** Strings that have broken web software before: markup, quotes, line breaks, odd Unicode, paths, nulls. */
export const NASTY = [
  '',
  ' ',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "'; drop table mistakes; --",
  'line one\r\nBcc: victim@example.com',
  '\r\n\r\n<html>',
  '\u0000',
  '\ud800',
  '\udfff\ud800',
  '\u202e evil',
  '𝕏💥👩‍👩‍👧',
  '%00%0d%0a',
  '%zz',
  '../../../etc/passwd',
  '__proto__',
  'constructor',
  'null',
  '{"a":1}',
  'a'.repeat(70_000),
  '=?utf-8?q?=0D=0ABcc:_x@example.com?=',
  'javascript:alert(1)',
  '\t\v\f',
];

export const nasty = fc.constantFrom(...NASTY);

/** Any string a client might send: mostly ordinary, often nasty, sometimes binary. */
export const anyText = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 3, arbitrary: nasty },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
);

/** A path segment as a client might write it: usually encoded, sometimes raw. */
export const segment = fc.oneof(
  anyText.map((s) => encodeURIComponent(s.slice(0, 300).toWellFormed())),
  fc.constantFrom('%', '%zz', '%2F', '..', '.', '%2e%2e', '', ';', '%00'),
);

/** Fixed, so `npm test` is repeatable; change it to explore further (a failure prints the seed and path to replay). */
export const FUZZ_SEED = 20310303;
export const fuzzSeed = () => FUZZ_SEED;

export function report(file: string): void {
  console.info(`[adversarial] ${file}: ${Object.entries(figures).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  if (Object.keys(timings).length) console.info(`[adversarial] ${file} ms: ${Object.entries(timings).map(([k, v]) => `${k} ${Math.round(v)}`).join(', ')}`);
}

/**
 * Delivers any bytes to the email() handler, as test/support/inbound-mail.ts does, with the header block read
 * the way a mail platform would take a broken one: lines that are no header are skipped, values kept in ASCII.
 */
export async function deliverRaw(envelope: { from: string; to: string }, raw: string | Uint8Array): Promise<Delivery> {
  const bytes = typeof raw === 'string' ? new TextEncoder().encode(raw) : raw;
  const block = new TextDecoder().decode(bytes.slice(0, 64 * 1024)).split(/\r?\n\r?\n/, 1)[0] ?? '';
  const headers = new Headers();
  for (const line of block.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    try {
      headers.append(line.slice(0, colon).trim(), line.slice(colon + 1).trim().replace(/[^\x20-\x7e]/g, '?'));
    } catch {
      // Not a header name a platform would pass on.
    }
  }
  const delivery: Delivery = { rejected: null, forwarded: 0, replied: 0 };
  const message = {
    from: envelope.from,
    to: envelope.to,
    headers,
    raw: new Response(bytes).body!,
    rawSize: bytes.byteLength,
    canBeForwarded: true,
    setReject(reason: string) {
      delivery.rejected = reason;
    },
    async forward() {
      delivery.forwarded++;
    },
    async reply() {
      delivery.replied++;
    },
  } as unknown as ForwardableEmailMessage;
  const ctx = createExecutionContext();
  await (workerModule as ExportedHandler<typeof env>).email!(message, env, ctx);
  await waitOnExecutionContext(ctx);
  return delivery;
}

/** Milliseconds spent per named step, for sizing run counts. */
export const timings: Record<string, number> = {};
export async function timed<T>(name: string, work: () => Promise<T>): Promise<T> {
  const start = performance.now();
  try {
    return await work();
  } finally {
    timings[name] = (timings[name] ?? 0) + performance.now() - start;
  }
}

let tableQueries: { name: string; sql: string }[] | null = null;

/**
 * Every row of every table, like dumpTables, in one round trip; long texts (rendered emails, dead letters) are
 * kept as their length and both ends. Rows holding them are written once and never updated, so a change shows
 * as a row that came or went; everything a request could change in place is compared whole.
 */
export async function fingerprint(): Promise<Record<string, unknown[]>> {
  if (!tableQueries) {
    const tables = await workerEnv.DB.prepare(
      "select name from sqlite_master where type='table' and name not like 'sqlite_%' and name not like '_cf_%' and name <> 'd1_migrations' and name <> 'dev_clock' order by name",
    ).all<{ name: string }>();
    tableQueries = [];
    for (const { name } of tables.results) {
      const columns = await workerEnv.DB.prepare(`select name from pragma_table_info('${name}')`).all<{ name: string }>();
      const list = columns.results.map(({ name: c }) =>
        ['html', 'text', 'body', 'headers'].includes(c) && ['outbox', 'dead_letters'].includes(name)
          ? `length("${c}") || ':' || substr("${c}", 1, 200) || substr("${c}", -200) as "${c}"`
          : `"${c}"`,
      );
      tableQueries.push({ name, sql: `select ${list.join(', ')} from "${name}" order by rowid` });
    }
  }
  const results = await workerEnv.DB.batch(tableQueries.map((q) => workerEnv.DB.prepare(q.sql)));
  return Object.fromEntries(tableQueries.map((q, i) => [q.name, results[i]!.results]));
}
