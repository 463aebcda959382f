// Plans whose first check-in has just been emailed, for tests that answer it by reply.
import { expect } from 'vitest';
import { createMistake } from './mistakes';
import { outbox, travel, type OutboxEmail } from './worker';

const REPLY_TO = /^Mend <(reply\+[a-z2-7]{32}@localhost)>$/;

/**
 * One clock per test file, from `first`: every plan starts an hour after the one before, since travel only goes
 * forward. `planWithCheckin` makes a plan whose first check-in (`step`, day 0) is sent now.
 */
export function replyPlans(first: string) {
  let clock = Date.parse(first);
  const nextStart = () => new Date((clock += 60 * 60_000)).toISOString();
  async function planWithCheckin(owner: string, step: 'own' | 'learn' | 'plan' | 'progress', extra: Record<string, unknown> = {}) {
    const startAt = nextStart();
    const mistake = await createMistake({ owner: { email: owner, name: 'Olu' }, startAt, cadence: [{ step, day: 0 }, { step: 'progress', day: 30 }], ...extra });
    await travel(startAt);
    const emails = (await outbox()).filter((e) => e.mistakeId === mistake.id);
    expect(emails).toHaveLength(1);
    return { mistake, email: emails[0]!, startAt };
  }
  return { planWithCheckin };
}

/** The reply address in a check-in email's Reply-To. */
export function replyAddressOf(email: OutboxEmail): string {
  const match = REPLY_TO.exec(email.headers['Reply-To'] ?? '');
  expect(match, `Reply-To of "${email.subject}"`).not.toBeNull();
  return match![1]!;
}
