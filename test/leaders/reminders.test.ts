// An owner silent on own, learn or plan for two days gets one reminder, and only one; a weekend reminder waits for
// Monday when the plan skips weekends; an answered check-in gets none.
import { describe, expect, it } from 'vitest';
import { createMistake } from '../support/mistakes';
import { linkTo, newEmailsTo, page, runScheduled, travel } from '../support/worker';
import { answerWithForm } from './support';

const OWNER = 'quiet.owner@example.com';
const seen = new Set<string>();

describe('owner reminders', () => {
  it('reminds once, two days after the check-in went out, and never on a weekend', async () => {
    await travel('2030-01-08T09:00:00Z'); // Tuesday
    await createMistake({
      owner: { email: OWNER, name: 'Quinn', timeZone: 'Europe/London' },
      leader: { email: 'quiet.leader@example.com', name: 'Lee' },
      startAt: '2030-01-08T10:00:00Z',
    });
    await travel('2030-01-08T10:00:00Z');
    const own = (await newEmailsTo(OWNER, seen)).filter((e) => /what happened/.test(e.subject));
    expect(own).toHaveLength(1);

    // Thursday 09:59: not yet two days. 10:00: the reminder, with a working answer link.
    await travel('2030-01-10T09:59:00Z');
    expect((await newEmailsTo(OWNER, seen)).filter((e) => /^Reminder/.test(e.subject))).toHaveLength(0);
    await runScheduled('2030-01-10T10:00:00Z');
    const reminders = (await newEmailsTo(OWNER, seen)).filter((e) => /^Reminder/.test(e.subject));
    expect(reminders).toHaveLength(1);
    const reminder = reminders[0]!;
    expect(reminder.subject).toMatch(/what happened/);
    expect(reminder.text).toMatch(/only reminder/);
    expect(reminder.text).toMatch(/Lee hears nothing about this until you have written it/);
    const form = await page('GET', linkTo(reminder, 'answer'));
    expect(form.status).toBe(200);

    // Later runs, and overlapping ones, send no second reminder.
    await Promise.all([runScheduled('2030-01-10T10:05:00Z'), runScheduled('2030-01-10T10:05:00Z')]);
    await travel('2030-01-11T12:00:00Z');
    expect((await newEmailsTo(OWNER, seen)).filter((e) => /^Reminder.*what happened/.test(e.subject))).toHaveLength(0);

    // The learn check-in went out Thursday 09:00; two days later is Saturday: the reminder waits for Monday.
    await travel('2030-01-12T09:00:00Z');
    await travel('2030-01-13T12:00:00Z');
    expect((await newEmailsTo(OWNER, seen)).filter((e) => /^Reminder/.test(e.subject))).toHaveLength(0);
    await travel('2030-01-14T09:00:00Z');
    const learnReminder = (await newEmailsTo(OWNER, seen)).filter((e) => /^Reminder/.test(e.subject));
    expect(learnReminder).toHaveLength(1);
    expect(learnReminder[0]!.subject).toMatch(/what did you learn/);
  });

  it('does not remind an owner who answered in time', async () => {
    const owner = 'prompt.owner@example.com';
    const mine = new Set<string>();
    await travel('2030-01-15T10:00:00Z'); // Tuesday
    await createMistake({ owner: { email: owner, name: 'Pat', timeZone: 'Europe/London' }, startAt: '2030-01-15T10:00:00Z' });
    await travel('2030-01-15T10:01:00Z');
    const own = (await newEmailsTo(owner, mine)).find((e) => /what happened/.test(e.subject))!;
    await travel('2030-01-16T10:00:00Z');
    await answerWithForm(own, 'I shipped it without review; the part that was mine was skipping the checklist.');
    await travel('2030-01-18T10:00:00Z');
    expect((await newEmailsTo(owner, mine)).filter((e) => /^Reminder.*what happened/.test(e.subject))).toHaveLength(0);
  });
});
