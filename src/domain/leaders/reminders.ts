// One reminder for an own, learn or plan check-in the owner has left unanswered for two days. When the plan
// skips weekends, a reminder that would fall on a Saturday or Sunday waits for Monday 09:00, owner-local.
import { TZDate } from '@date-fns/tz';
import { linkUrls } from '../../links/urls';
import type { OwnerReminderEmail } from '../../../emails/owner-reminder';
import type { CheckinRow, LeaderRow, MistakeRow } from '../../store';
import { morningAfter } from '../cadence';
import type { Deps } from '../deps';
import { sendEmail, toOwner } from '../send';
import { DAY } from '../time';
import { leaderNameOf, type SendOutcome } from './leader-mail';
import { dayLabel } from './schedule';

export const REMINDER_AFTER_MS = 2 * DAY;
const BATCH = 100;
/**
 * Reminders one run renders and sends at most; a backlog goes on at the next run. A run's CPU time is
 * limited, and the Workers runtime allows 10,000 pending timers per invocation (each render sets one).
 */
const MAX_PER_RUN = 500;

/** When the reminder for a check-in sent at `sentAt` is due. */
export function reminderDueAt(sentAt: number, timeZone: string, skipWeekends: boolean): number {
  const due = sentAt + REMINDER_AFTER_MS;
  if (!skipWeekends) return due;
  const weekday = new TZDate(due, timeZone).getDay();
  if (weekday !== 0 && weekday !== 6) return due;
  // 09:00 on the same local date, which morningAfter moves from a weekend to Monday.
  return morningAfter(due, 0, timeZone, true);
}

export function reminderEmail(
  mistake: MistakeRow,
  leader: LeaderRow | null,
  checkin: CheckinRow,
  urls: ReturnType<typeof linkUrls>,
  ownerZone: string,
): OwnerReminderEmail {
  return {
    kind: 'owner_reminder',
    step: checkin.step as OwnerReminderEmail['step'],
    day: checkin.day,
    ownerName: mistake.ownerName,
    leaderName: leader ? leaderNameOf(mistake, leader) : null,
    mistake: { title: mistake.title },
    sentOn: dayLabel(checkin.sentAt ?? checkin.dueAt, ownerZone),
    links: { answer: urls.answer, snooze: urls.snooze, ...(leader ? { leaderPreview: urls.preview } : {}) },
  };
}

export async function sendOwnerReminders(deps: Deps, now: number): Promise<number> {
  let sent = 0;
  // Pages through every candidate: those a weekend holds back (plans that skip weekends) stay candidates
  // until Monday, and must not fill the page that a reminder due now is behind.
  let after: { sentAt: number; id: string } | null = null;
  let attempts = 0;
  for (;;) {
    const candidates = await deps.store.leaders.reminderCandidates(now - REMINDER_AFTER_MS, BATCH, after);
    for (const { checkin, mistake, leader } of candidates) {
      if (checkin.sentAt === null || reminderDueAt(checkin.sentAt, mistake.ownerTimeZone, mistake.skipWeekends) > now) continue;
      if (++attempts > MAX_PER_RUN) break;
      if ((await remind(deps, checkin, mistake, leader, now)) === 'sent') sent++;
    }
    const last = candidates.at(-1)?.checkin;
    if (attempts > MAX_PER_RUN || candidates.length < BATCH || !last || last.sentAt === null) break;
    after = { sentAt: last.sentAt, id: last.id };
  }
  if (sent) deps.log('owners.reminders', { sent });
  return sent;
}

async function remind(deps: Deps, checkin: CheckinRow, mistake: MistakeRow, leader: LeaderRow | null, now: number): Promise<SendOutcome> {
  const outcome = await sendEmail(
    deps,
    {
      kind: 'owner.reminder',
      idempotencyKey: `reminder:${checkin.id}`,
      ...toOwner(mistake, checkin.id),
      links: { owner: { role: 'owner', mistakeId: mistake.id, checkinId: checkin.id } },
      compose: ({ owner }) => reminderEmail(mistake, leader, checkin, linkUrls(deps.settings.appUrl, owner), mistake.ownerTimeZone),
    },
    now,
  );
  // Marked once delivery has taken the email on (or refused it for good), never before: a run that dies on the
  // way leaves the reminder due, and the next run's deliver() finds the ledger row by its key rather than
  // sending again. Two overlapping runs may both get here; the key lets one email through.
  if (outcome.sent || !outcome.retryable) await deps.store.leaders.markReminded(checkin.id, now);
  return outcome.sent ? 'sent' : 'failed';
}
