// The leader's introduction: once the owner's ownership statement has stood unchanged for 10 minutes, and
// once only.
import type { LeaderIntroEmail } from '../../../emails/leader-intro';
import type { CheckinRow, LeaderRow, MistakeRow } from '../../store';
import type { Deps } from '../deps';
import { sendEmail, toLeader } from '../send';
import { leaderLinks, ownerNameOf, zoneFor, type SendOutcome } from './leader-mail';
import { dayLabel, nextDigestLabel } from './schedule';

const BATCH = 50;
/** The owner may revise their statement after reading Mend's notes on it: the leader reads it once it has stood. */
export const OWNERSHIP_STANDS_MS = 10 * 60_000;
const UPCOMING: ReadonlySet<CheckinRow['status']> = new Set(['scheduled', 'held', 'sending']);

export function introEmail(
  mistake: MistakeRow,
  leader: LeaderRow,
  checkins: CheckinRow[],
  links: LeaderIntroEmail['links'],
  now: number,
): LeaderIntroEmail {
  const zone = zoneFor(leader, mistake.ownerTimeZone);
  return {
    kind: 'leader_intro',
    ownerName: ownerNameOf(mistake),
    leaderName: mistake.leaderName,
    mistake: { title: mistake.title, description: mistake.description, impact: mistake.impact },
    ownership: mistake.ownership ?? '',
    plan: checkins
      .filter((c) => c.step !== 'own' && UPCOMING.has(c.status))
      .map((c) => ({ step: c.step, day: c.day, on: dayLabel(c.dueAt, zone) })),
    paused: mistake.status === 'paused',
    frequency: leader.frequency,
    nextDigest: nextDigestLabel(now, zone, leader.frequency),
    links,
  };
}

/** Scheduled work: introduces leaders to plans whose ownership statement is written and has stood. */
export async function sendLeaderIntros(deps: Deps, now: number): Promise<number> {
  let sent = 0;
  for (;;) {
    const due = await deps.store.leaders.introsDue(BATCH, now - OWNERSHIP_STANDS_MS);
    let failed = false;
    for (const { mistake, leader } of due) {
      const outcome = await introduce(deps, mistake, leader, now);
      if (outcome === 'sent') sent++;
      if (outcome === 'failed') failed = true;
    }
    // A send that failed and may pass later stays due: it waits for the next run instead of being tried again now.
    if (due.length < BATCH || failed) break;
  }
  if (sent) deps.log('leaders.intros', { sent });
  return sent;
}

/**
 * Introduces the leader, then records it. Recorded after delivery has taken the email, never before: a run
 * that dies in between leaves the introduction due, and the next run's deliver() finds it by its key.
 */
async function introduce(deps: Deps, mistake: MistakeRow, leader: LeaderRow | null, now: number): Promise<SendOutcome> {
  const outcome = await introduction(deps, mistake, leader, now);
  if (outcome !== 'failed') await deps.store.leaders.markIntroduced(mistake.id, now);
  return outcome === 'refused' ? 'failed' : outcome;
}

async function introduction(deps: Deps, mistake: MistakeRow, leader: LeaderRow | null, now: number): Promise<SendOutcome | 'refused'> {
  const { store } = deps;
  // Recorded either way, so it leaves the queue: a resolved plan's closing report tells the whole story, and a
  // closed plan or a leader who stopped Mend's mail gets nothing.
  if (!leader || (mistake.status !== 'active' && mistake.status !== 'paused')) return 'skipped';
  if (!(await store.leaders.isMailable(leader.id))) return 'skipped';
  const story = await store.leaders.story(mistake.id);
  if (!story) return 'skipped';
  const outcome = await sendEmail(
    deps,
    {
      kind: 'leader.intro',
      idempotencyKey: `intro:${mistake.id}`,
      ...toLeader(leader, mistake.id),
      compose: (t) => introEmail(story.mistake, leader, story.checkins, leaderLinks(deps.settings.appUrl, t.leader), now),
    },
    now,
  );
  if (outcome.sent) return 'sent';
  // Refused for good (a suppressed address): recorded, never tried again.
  return outcome.retryable ? 'failed' : 'refused';
}
