// Drives the Worker from outside, as a client would: its own fetch and scheduled handlers, real D1.
import { env, exports } from 'cloudflare:workers';

/** The Worker under test, through its own exported handlers. */
export const worker = (exports as unknown as { default: Fetcher & { scheduled(options: { scheduledTime: number; cron: string }): Promise<unknown> } }).default;

export const API_TOKEN = env.API_TOKEN;
export const APP = 'https://localhost';

export async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
  const init: RequestInit = { method, headers: { authorization: `Bearer ${API_TOKEN}`, ...headers } };
  if (body !== undefined) {
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
    (init.headers as Record<string, string>)['content-type'] ??= 'application/json';
  }
  return worker.fetch(new Request(`${APP}${path}`, init));
}

export async function json<T = any>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const response = await call(method, path, body);
  return { status: response.status, body: (await response.json()) as T };
}

/** Runs the scheduled handler at `at`, as a cron trigger would. */
export async function runScheduled(at: number | string): Promise<void> {
  const scheduledTime = typeof at === 'string' ? Date.parse(at) : at;
  await worker.scheduled({ scheduledTime, cron: '* * * * *' });
}

export async function travel(to: string): Promise<any> {
  const r = await json('POST', '/dev/travel', { to });
  if (r.status !== 200) throw new Error(`travel failed: ${JSON.stringify(r.body)}`);
  return r.body;
}

export interface OutboxEmail {
  id: string;
  to: string;
  subject: string;
  html: string;
  text: string;
  headers: Record<string, string>;
  mistakeId: string | null;
  createdAt: string;
}

export async function outbox(): Promise<OutboxEmail[]> {
  const r = await json<{ emails: OutboxEmail[] }>('GET', '/dev/outbox.json');
  return r.body.emails;
}

/** The links in an email's plain-text part, in order. */
export function linksIn(text: string): string[] {
  return [...text.matchAll(/https?:\/\/[^\s)>\]]+/g)].map((m) => m[0]);
}

export async function page(method: 'GET' | 'POST' | 'HEAD', url: string, form?: Record<string, string>): Promise<Response> {
  const init: RequestInit = { method, redirect: 'manual' };
  if (form) {
    init.body = new URLSearchParams(form).toString();
    init.headers = { 'content-type': 'application/x-www-form-urlencoded' };
  }
  return worker.fetch(new Request(url, init));
}

/** Every row of every table, for "changes nothing" assertions. */
export async function dumpTables(): Promise<Record<string, unknown[]>> {
  const tables = await env.DB.prepare(
    "select name from sqlite_master where type='table' and name not like 'sqlite_%' and name not like '_cf_%' and name <> 'd1_migrations' and name <> 'dev_clock' order by name",
  ).all<{ name: string }>();
  const dump: Record<string, unknown[]> = {};
  for (const { name } of tables.results) dump[name] = (await env.DB.prepare(`select * from "${name}"`).all()).results;
  return dump;
}

/** Emails that reached `to` since the ids in `seen`; `seen` is updated. */
export async function newEmailsTo(to: string, seen: Set<string>): Promise<OutboxEmail[]> {
  const fresh = (await outbox()).filter((e) => e.to === to && !seen.has(e.id));
  fresh.forEach((e) => seen.add(e.id));
  return fresh.reverse();
}

/** The link in an email's text part whose path ends with `/suffix`. */
export function linkTo(email: OutboxEmail, suffix: string): string {
  const link = linksIn(email.text).find((l) => l.endsWith(`/${suffix}`));
  if (!link) throw new Error(`no /${suffix} link in "${email.subject}"`);
  return link;
}

/**
 * A clock that only moves forward: `reach(iso)` travels there unless it is there already (two check-ins can
 * fall due at the same moment), and refuses a moment behind it.
 */
export function forwardClock(): (iso: string) => Promise<void> {
  let clock = 0;
  return async (iso: string) => {
    const to = Date.parse(iso);
    if (to < clock) throw new Error(`${iso} is behind the clock`);
    if (to > clock) await travel(new Date(to).toISOString());
    clock = to;
  };
}
