// Owner reminders when many are waiting: a run sends every reminder that is due, not the oldest hundred, and
// reminders held back for the weekend (plans that skip weekends) never hold up one that is due now.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { json, outbox, runScheduled } from '../support/worker';

async function logPlans(prefix: string, count: number, startAt: string, skipWeekends: boolean): Promise<void> {
  for (let i = 0; i < count; i += 25) {
    await Promise.all(
      Array.from({ length: Math.min(25, count - i) }, async (_, j) => {
        const r = await json('POST', '/api/mistakes', {
          title: 'Booked the wrong venue',
          description: 'Forty people went to the old address.',
          owner: { email: `${prefix}-${i + j}@example.com`, timeZone: 'UTC' },
          startAt,
          skipWeekends,
          cadence: [{ step: 'own', day: 0 }],
        });
        expect(r.status).toBe(201);
      }),
    );
  }
}

const remindersTo = async (prefix: string) =>
  (await env.DB.prepare("select count(*) as n from deliveries where kind = 'owner.reminder' and status = 'sent' and to_email like ?").bind(`${prefix}-%`).first<{ n: number }>())!.n;

describe('owner reminders with a backlog', () => {
  it('a reminder due on Saturday goes on Saturday although 120 older ones wait for Monday; Monday sends all 120 in one run', async () => {
    // Thursday 1 March 2035. These plans skip weekends: their reminders (Saturday) wait for Monday 09:00.
    await logPlans('weekday', 120, '2035-03-01T10:00:00Z', true);
    // This one does not skip weekends, and went out an hour later: its reminder is due on Saturday.
    await logPlans('everyday', 1, '2035-03-01T11:00:00Z', false);
    await runScheduled('2035-03-01T10:00:30Z');
    await runScheduled('2035-03-01T11:00:30Z');
    const checkins = await outbox();
    expect(checkins.filter((e) => e.to.startsWith('weekday-'))).toHaveLength(120);
    expect(checkins.filter((e) => e.to.startsWith('everyday-'))).toHaveLength(1);

    await runScheduled('2035-03-03T12:00:00Z');
    expect(await remindersTo('everyday')).toBe(1);
    expect(await remindersTo('weekday')).toBe(0);

    await runScheduled('2035-03-05T09:00:30Z');
    expect(await remindersTo('weekday')).toBe(120);
    expect(await remindersTo('everyday')).toBe(1);
  });
});
