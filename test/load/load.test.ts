// Load, end to end: 64 clients over loopback against `wrangler dev` for LOAD_SECONDS (10 in `npm test`, 60 with
// `npm run test:load`), mixing API creates and reads, one-click answers, answer forms and GETs of one-click
// pages (as scanners make), while the scheduled work fires every second. No request may fail (no 5xx, no
// connection error, nothing but the 2xx each action expects), and every answer a client got a 2xx for must be
// found in GET /api/mistakes/:id afterwards, each once: one-click answers counted once they have settled.
import { afterAll, describe, expect, inject, it } from 'vitest';

const base = inject('baseUrl');
const apiToken = inject('apiToken');
const serverLog = inject('serverLog');

const SECONDS = Number(process.env.LOAD_SECONDS ?? '10');
const CLIENTS = 64;
/** Plans made before the clock starts, whose emails' links the clients answer through (2 emails each; the outbox lists 1,000). */
const POOL = Number(process.env.LOAD_POOL ?? (SECONDS >= 60 ? '450' : '150'));
const REQUEST_TIMEOUT_MS = 30_000;

type Action = 'create' | 'read' | 'list' | 'click' | 'form' | 'page' | 'scheduled';

interface Sample {
  action: Action;
  ms: number;
  status: number;
}

const samples: Sample[] = [];
const failures: string[] = [];

/** One request, timed; a thrown fetch (refused, reset, timed out) is a connection error, status 0. */
async function request(action: Action, method: string, path: string, init: { json?: unknown; form?: Record<string, string> } = {}): Promise<Response | null> {
  const headers: Record<string, string> = {};
  let body: string | undefined;
  if (path.startsWith('/api/')) headers.authorization = `Bearer ${apiToken}`;
  if (init.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(init.json);
  } else if (init.form) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(init.form).toString();
  }
  const started = performance.now();
  try {
    const response = await fetch(path.startsWith('http') ? path : `${base}${path}`, { method, headers, body, redirect: 'manual', signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    const text = await response.text();
    samples.push({ action, ms: performance.now() - started, status: response.status });
    return new Response(text, { status: response.status, headers: response.headers });
  } catch (error) {
    samples.push({ action, ms: performance.now() - started, status: 0 });
    failures.push(`${action} ${method} ${path.replace(/\/l\/[^/]+/, '/l/<token>')}: ${(error as Error).message}`);
    return null;
  }
}

function expectStatus(response: Response | null, wanted: number, what: string): response is Response {
  if (!response) return false;
  if (response.status !== wanted) failures.push(`${what}: ${response.status} (wanted ${wanted})`);
  return response.status === wanted;
}

async function api<T = any>(method: string, path: string, json?: unknown): Promise<T> {
  const r = await fetch(`${base}${path}`, {
    method,
    headers: { authorization: `Bearer ${apiToken}`, ...(json !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(json !== undefined ? { body: JSON.stringify(json) } : {}),
  });
  if (r.status >= 300) throw new Error(`${method} ${path} answered ${r.status}: ${await r.text()}`);
  return r.json() as Promise<T>;
}

const newMistake = (i: string, cadence?: { step: string; day: number }[]) => ({
  title: `Load plan ${i}`,
  description: 'Merged a migration that locked the orders table for a minute.',
  owner: { email: `load-${i}@example.com`, timeZone: 'UTC' },
  leader: { email: `load-lead-${Number.parseInt(i, 36) % 16}@example.com`, timeZone: 'UTC' },
  ...(cadence ? { cadence } : {}),
});

interface PoolPlan {
  mistakeId: string;
  ownCheckin: string;
  progressCheckin: string;
  ownAnswer: string;
  progressAnswer: string;
  oneClick: Record<'on_track' | 'blocked', string>;
}

/** POOL plans with a leader whose own and progress check-ins are emailed at once; their emails' links. */
async function makePool(): Promise<PoolPlan[]> {
  const made: { id: string; checkins: { id: string; step: string }[] }[] = [];
  for (let i = 0; i < POOL; i += 16) {
    made.push(
      ...(await Promise.all(
        Array.from({ length: Math.min(16, POOL - i) }, (_, j) =>
          api('POST', '/api/mistakes', newMistake(`pool${i + j}`, [
            { step: 'own', day: 0 },
            { step: 'progress', day: 0 },
            { step: 'progress', day: 30 },
          ])),
        ),
      )),
    );
  }
  const ran = await fetch(`${base}/cdn-cgi/handler/scheduled`);
  expect(ran.status).toBe(200);
  const emails = ((await (await fetch(`${base}/dev/outbox.json`)).json()) as { emails: { mistakeId: string; text: string }[] }).emails;
  return made.map((m) => {
    const mine = emails.filter((e) => e.mistakeId === m.id);
    const links = mine.flatMap((e) => [...e.text.matchAll(/https?:\/\/[^\s)>\]]+/g)].map((x) => x[0]));
    const find = (re: RegExp) => {
      const link = links.find((l) => re.test(l));
      if (!link) throw new Error(`pool plan ${m.id}: no link matching ${re} in ${mine.length} emails`);
      return link;
    };
    const progressToken = /\/l\/([^/]+)\/on_track$/.exec(find(/\/on_track$/))![1]!;
    const ownAnswer = links.find((l) => l.endsWith('/answer') && !l.includes(progressToken))!;
    return {
      mistakeId: m.id,
      ownCheckin: m.checkins.find((c) => c.step === 'own')!.id,
      progressCheckin: m.checkins.find((c) => c.step === 'progress')!.id,
      ownAnswer,
      progressAnswer: `${base}/l/${progressToken}/answer`,
      oneClick: { on_track: find(/\/on_track$/), blocked: find(/\/blocked$/) },
    };
  });
}

const percentile = (values: number[], p: number) => {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!);
};

afterAll(() => {
  if (failures.length) console.error(`load failures (first 20 of ${failures.length}):\n${failures.slice(0, 20).join('\n')}\nserver log: ${serverLog}`);
});

describe(`${CLIENTS} clients for ${SECONDS} s against wrangler dev`, () => {
  it('serves mixed traffic while scheduled runs fire: no errors, no answer lost', async () => {
    const pool = await makePool();
    expect(pool).toHaveLength(POOL);

    // What clients were told was recorded, to find afterwards.
    const clicks = new Map<string, { plan: PoolPlan; status: 'on_track' | 'blocked' }>();
    const texts: { plan: PoolPlan; checkinId: string; kind: 'ownership' | 'note'; text: string }[] = [];
    const created: string[] = [];
    const unclicked = [...pool];
    let scheduledRuns = 0;

    const deadline = Date.now() + SECONDS * 1000;
    const random = (n: number) => Math.floor(Math.random() * n);
    const anyPlan = () => pool[random(pool.length)]!;

    async function client(c: number): Promise<void> {
      for (let n = 0; Date.now() < deadline; n++) {
        const r = Math.random();
        if (r < 0.1) {
          const response = await request('create', 'POST', '/api/mistakes', { json: newMistake(`c${c}n${n}`) });
          if (expectStatus(response, 201, 'create')) created.push(((await response.json()) as { id: string }).id);
        } else if (r < 0.35) {
          expectStatus(await request('read', 'GET', `/api/mistakes/${anyPlan().mistakeId}`), 200, 'read');
        } else if (r < 0.4) {
          expectStatus(await request('list', 'GET', `/api/mistakes?leader=load-lead-${random(16)}%40example.com`), 200, 'list');
        } else if (r < 0.6) {
          // A person's click on a progress email nobody has answered yet; when all are answered, a click made
          // before, again (recorded once).
          const fresh = unclicked.pop();
          const again = fresh ? null : [...clicks.values()][random(clicks.size)];
          if (!fresh && !again) continue;
          const plan = fresh ?? again!.plan;
          const status = fresh ? (Math.random() < 0.8 ? 'on_track' : 'blocked') : again!.status;
          const response = await request('click', 'POST', plan.oneClick[status], { form: { source: 'email' } });
          if (expectStatus(response, 200, 'click') && fresh) clicks.set(plan.mistakeId, { plan, status });
        } else if (r < 0.85) {
          const plan = anyPlan();
          const own = Math.random() < 0.5;
          const text = `Answer ${c}-${n}: ${own ? 'what happened and what part was mine' : 'how it is going'}.`;
          const response = await request('form', 'POST', own ? plan.ownAnswer : plan.progressAnswer, { form: { text } });
          if (expectStatus(response, 200, 'form')) texts.push({ plan, checkinId: own ? plan.ownCheckin : plan.progressCheckin, kind: own ? 'ownership' : 'note', text });
        } else {
          // A scanner's GET of a one-click page: a page with a form, nothing recorded.
          expectStatus(await request('page', 'GET', anyPlan().oneClick.blocked), 200, 'page');
        }
      }
    }

    async function cron(): Promise<void> {
      while (Date.now() < deadline) {
        const tick = Date.now();
        if (expectStatus(await request('scheduled', 'GET', '/cdn-cgi/handler/scheduled'), 200, 'scheduled')) scheduledRuns++;
        await new Promise((r) => setTimeout(r, Math.max(0, 1000 - (Date.now() - tick))));
      }
    }

    const started = performance.now();
    await Promise.all([...Array.from({ length: CLIENTS }, (_, c) => client(c)), cron()]);
    const elapsed = (performance.now() - started) / 1000;

    // Past the settle time (120 s), with the scheduled work done: every click that stood alone counts.
    const clock = await fetch(`${base}/dev/travel`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ days: 5 / 1440 }) });
    expect(clock.status).toBe(200);

    // Every answer a client was told was recorded is there, once.
    const views = new Map<string, any>();
    const view = async (id: string) => {
      if (!views.has(id)) views.set(id, await api('GET', `/api/mistakes/${id}`));
      return views.get(id);
    };
    let found = 0;
    const missing: string[] = [];
    for (const { plan, status } of clicks.values()) {
      const statuses = (await view(plan.mistakeId)).updates.filter((u: any) => u.kind === 'status' && u.checkinId === plan.progressCheckin);
      if (statuses.length === 1 && statuses[0].status === status && statuses[0].settled) found++;
      else missing.push(`click ${status} on ${plan.mistakeId}: ${JSON.stringify(statuses)}`);
    }
    for (const { plan, checkinId, kind, text } of texts) {
      const matching = (await view(plan.mistakeId)).updates.filter((u: any) => u.kind === kind && u.checkinId === checkinId && u.text === text);
      if (matching.length === 1) found++;
      else missing.push(`${kind} "${text}" on ${plan.mistakeId}: found ${matching.length}`);
    }
    let createdFound = 0;
    for (const id of created) if ((await view(id)).id === id) createdFound++;

    const requests = samples.filter((s) => s.action !== 'scheduled');
    const byAction = Object.fromEntries(
      (['create', 'read', 'list', 'click', 'form', 'page', 'scheduled'] as const).map((a) => {
        const ms = samples.filter((s) => s.action === a).map((s) => s.ms);
        return [a, { n: ms.length, p50: percentile(ms, 50), p99: percentile(ms, 99) }];
      }),
    );
    const figures = {
      seconds: +elapsed.toFixed(1),
      clients: CLIENTS,
      requests: requests.length,
      rps: Math.round(requests.length / elapsed),
      p50: percentile(requests.map((s) => s.ms), 50),
      p99: percentile(requests.map((s) => s.ms), 99),
      max: Math.round(Math.max(...requests.map((s) => s.ms))),
      errors5xx: samples.filter((s) => s.status >= 500).length,
      connectionErrors: samples.filter((s) => s.status === 0).length,
      otherUnexpected: failures.length - samples.filter((s) => s.status >= 500 || s.status === 0).length,
      scheduledRuns,
      answersSent: clicks.size + texts.length,
      answersFound: found,
      answersLost: clicks.size + texts.length - found,
      mistakesCreated: created.length,
      mistakesFound: createdFound,
      byAction,
    };
    console.info(`LOAD-FIGURES ${JSON.stringify(figures)}`);

    expect(failures.slice(0, 20)).toEqual([]);
    expect(missing.slice(0, 20)).toEqual([]);
    expect(figures.answersLost).toBe(0);
    expect(createdFound).toBe(created.length);
    expect(scheduledRuns).toBeGreaterThanOrEqual(Math.floor(SECONDS / 2));
    expect(clicks.size).toBeGreaterThan(0);
    expect(texts.length).toBeGreaterThan(0);
  });
});
