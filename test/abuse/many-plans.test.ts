// Everything keeps working for a person named by hundreds of plans: D1 binds at most 100 parameters per
// statement, so no query may carry one parameter per plan. A leader named by 150 plans signs in, sees their
// page and gets one digest; an owner who also leads them sees their own list. And one email's links pressed
// hundreds of times (a scanner, a stuck key) void each other in one statement.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { seedLeaderPlans } from '../leaders/seed-plans';
import { createMistake } from '../support/mistakes';
import { quietEventLogs } from '../support/quiet-logs';
import { json, linkTo, newEmailsTo, outbox, page, runScheduled, travel } from '../support/worker';
import { Visitor } from '../web/visitor';

quietEventLogs();

const DAY = 86_400_000;

/** `count` plans owned by `owner` (a little apart in time, so their order is theirs), straight into D1. */
async function seedOwnerPlans(owner: string, count: number, now: number): Promise<void> {
  const rows = Array.from({ length: count }, (_, n) => ({
    id: `own-${n}`,
    title: `Owned plan ${n}`,
    description: 'Forgot the hand-over.',
    owner_email: owner,
    owner_time_zone: 'UTC',
    status: 'active',
    start_at: now - DAY + n,
    cadence: '[{"step":"own","day":0}]',
    created_at: now - DAY + n,
    updated_at: now - DAY + n,
  }));
  const columns = Object.keys(rows[0]!);
  await env.DB.prepare(`insert into mistakes (${columns.join(', ')}) select ${columns.map((c) => `json_extract(value, '$.${c}')`).join(', ')} from json_each(?)`)
    .bind(JSON.stringify(rows))
    .run();
}

describe('a person named by 150 plans', () => {
  it('signs in, sees /leading and /mistakes, and gets one digest covering every plan', async () => {
    // Monday 2030-06-03, 08:00 UTC; the seeded leader (UTC) is due for their weekly digest at 09:00.
    const start = Date.parse('2030-06-03T08:00:00Z');
    await travel(new Date(start).toISOString());
    const seeded = await seedLeaderPlans(env.DB, { key: 'many', count: 150, now: start + 3_600_000, timeZone: 'UTC' });

    const v = new Visitor();
    await v.get('/login');
    const asked = await v.post('/login', { email: seeded.email });
    expect(asked.status).toBe(202);
    await v.signIn(seeded.email);

    const leading = await v.get('/leading');
    expect(leading.status).toBe(200);
    expect(new Set(leading.html.match(/Seeded plan \d+ for many/g)).size).toBe(150);

    // The same person owns 120 plans of their own as well.
    await seedOwnerPlans(seeded.email, 120, start);

    const mine = await v.get('/mistakes');
    expect(mine.status).toBe(200);
    expect(new Set(mine.html.match(/Owned plan \d+/g)).size).toBe(120);
    expect(mine.html).toContain('150 mistakes name you as leader');

    await runScheduled(start + 3_600_000);
    const digests = (await outbox()).filter((e) => e.to === seeded.email && /digest/i.test(e.subject));
    expect(digests).toHaveLength(1);
    expect(new Set(digests[0]!.text.match(/Seeded plan \d+ for many/g)).size).toBe(150);
  });
});

describe('one email’s one-click links pressed 220 times within the settle time', () => {
  it('answer 200 every time and count nothing (each click voids the others, by one statement whatever their number)', async () => {
    await travel('2030-06-10T08:00:00Z');
    const owner = 'clicker@example.com';
    const m = await createMistake({ owner: { email: owner, name: 'Cl', timeZone: 'UTC' }, leader: null, cadence: [{ step: 'progress', day: 0 }] });
    await travel('2030-06-10T08:01:00Z');
    const [email] = await newEmailsTo(owner, new Set());
    const statuses: number[] = [];
    for (let n = 0; n < 220; n++) statuses.push((await page('POST', linkTo(email!, n % 2 ? 'blocked' : 'on_track'), { source: 'email' })).status);
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    await travel('2030-06-10T08:10:00Z');
    const view = (await json('GET', `/api/mistakes/${m.id}`)).body;
    expect(view.updates.filter((u: any) => u.kind === 'status' && u.settled)).toEqual([]);
  });
});
