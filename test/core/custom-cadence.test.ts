// A plan with its own days, lived through time travel: every check-in email read back from the outbox names
// the days this plan schedules, never the default plan's (2, 4, 7, 14, 30, 60, 90).
import { describe, expect, it } from 'vitest';
import { createMistake } from '../support/mistakes';
import { newEmailsTo, travel, type OutboxEmail } from '../support/worker';

const OWNER = 'custom.cadence@example.com';
const CADENCE = [
  { step: 'own', day: 0 },
  { step: 'learn', day: 1 },
  { step: 'plan', day: 3 },
  { step: 'progress', day: 10 },
  { step: 'progress', day: 22 },
];

describe('a plan with a custom cadence', () => {
  it('describes its own days in every check-in email', async () => {
    await travel('2031-03-03T08:00:00Z');
    const mistake = await createMistake({
      owner: { email: OWNER, name: 'Kai', timeZone: 'Europe/London' },
      leader: null,
      startAt: '2031-03-03T10:00:00Z',
      cadence: CADENCE,
    });
    expect(mistake.checkins.map((c: { day: number }) => c.day)).toEqual([0, 1, 3, 10, 22]);

    const seen = new Set<string>();
    const checkins: OutboxEmail[] = [];
    for (const { dueAt } of mistake.checkins as { dueAt: string }[]) {
      await travel(dueAt);
      checkins.push(...(await newEmailsTo(OWNER, seen)).filter((e) => e.id.startsWith('checkin:')));
    }
    expect(checkins).toHaveLength(5);
    const [own, learn, plan, first, last] = checkins.map((e) => e.text.replace(/\s+/g, ' '));

    expect(own).toContain('In 1 day: what you (and your team) learned.');
    expect(own).toContain('In 3 days: what will change, concretely, and by when.');
    expect(own).toContain('Then on days 10 and 22: how it is going');
    expect(learn).toContain('Next, in 2 days: what will change');
    expect(plan).toContain('Mend checks in on days 10 and 22');
    expect(first).toContain('The next check-in is on day 22.');
    expect(last).not.toContain('The next check-in');
    for (const text of [own, learn, plan, first, last]) {
      expect(text).not.toMatch(/\bdays? 7\b|30, 60 and 90|In 2 days: what you|In 4 days/);
    }
    // Five check-ins over three weeks of travel: more than the default per-test time on a busy machine.
  }, 30_000);
});
