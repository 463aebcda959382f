// The leader's digest: every open plan that names them, what needs attention first, and the owners' words
// that are new since the last digest. One per period (recorded in `digests` once sent), none when nothing is new, and a
// fixed number of queries whatever the number of plans.
import type { AckLinks, LeaderMailLinks } from '../../../emails/components/props';
import type { Attention, DigestEntry, DigestNews, LeaderDigestEmail } from '../../../emails/leader-digest';
import type { LeaderRow } from '../../store';
import type { DigestPlanRow, NewsRow } from '../../store/leaders';
import type { Deps } from '../deps';
import { sendEmail, type LinkGrant } from '../send';
import { DAY, HOUR } from '../time';
import type { ProgressStatus, Step } from '../types';
import { planHasEnded, sendClosingReport } from './closing';
import { leaderLinks, ownerNameOf, type SendOutcome } from './leader-mail';
import { candidatePeriods, dayLabel, digestPeriod, leaderZone, nextDigestAt } from './schedule';

/** An unanswered check-in this old puts its plan among "waiting for an answer". */
export const WAITING_AFTER_MS = 2 * DAY;
/** A click counts a little after it was made (the settle time, the next run); never more than this. */
export const NEWS_LOOKBACK_MS = DAY + HOUR;

const NEWS_KINDS: ReadonlySet<string> = new Set(['ownership', 'learning', 'plan', 'status', 'note']);

export interface DigestReport {
  sent: number;
  nothingNew: number;
  failed: number;
  closing: number;
}

function attentionOf(plan: DigestPlanRow, now: number): Attention {
  if (plan.lastStatus === 'blocked') return 'blocked';
  if (plan.unanswered > 0 && plan.oldestUnansweredAt !== null && plan.oldestUnansweredAt <= now - WAITING_AFTER_MS) return 'waiting';
  if (plan.status === 'paused') return 'paused';
  return 'steady';
}

const RANK: Record<Attention, number> = { blocked: 0, waiting: 1, paused: 2, steady: 2 };

/**
 * The digest's entries in the order a leader reads them: blocked (longest blocked first), then waiting for an
 * answer (longest waiting first), then the rest (those with news first, then the oldest plan first).
 */
export function digestEntries(
  plans: DigestPlanRow[],
  news: NewsRow[],
  zone: string,
  now: number,
  linksFor: (mistakeId: string) => AckLinks,
): DigestEntry[] {
  const newsOf = new Map<string, DigestNews[]>();
  for (const n of news) {
    if (!NEWS_KINDS.has(n.kind)) continue;
    const item: DigestNews = {
      kind: n.kind as DigestNews['kind'],
      on: dayLabel(n.appliedAt ?? n.at, zone),
      ...(n.status ? { status: n.status as ProgressStatus } : {}),
      ...(n.text ? { text: n.text } : {}),
    };
    newsOf.set(n.mistakeId, [...(newsOf.get(n.mistakeId) ?? []), item]);
  }
  const sortKey = (p: DigestPlanRow, attention: Attention): number => {
    if (attention === 'blocked') return p.lastStatusAt ?? 0;
    if (attention === 'waiting') return p.oldestUnansweredAt ?? 0;
    return (newsOf.has(p.id) ? 0 : 1e15) + p.startAt;
  };
  return plans
    .map((p) => ({ p, attention: attentionOf(p, now) }))
    .sort((a, b) => RANK[a.attention] - RANK[b.attention] || sortKey(a.p, a.attention) - sortKey(b.p, b.attention) || a.p.id.localeCompare(b.p.id))
    .map(({ p, attention }) => ({
      title: p.title,
      ownerName: ownerNameOf(p),
      attention,
      lastStatus: p.lastStatus,
      day: Math.max(0, Math.floor((now - p.startAt) / DAY)),
      planDays: Math.max(0, ...p.cadence.map((c) => c.day)),
      news: newsOf.get(p.id) ?? [],
      unanswered: parseUnanswered(p.unansweredList, zone, now),
      nextCheckin: p.status === 'active' && p.nextDueAt !== null ? dayLabel(p.nextDueAt, zone) : null,
      links: linksFor(p.id),
    }));
}

function parseUnanswered(list: string | null, zone: string, now: number): DigestEntry['unanswered'] {
  if (!list) return [];
  return list
    .split(',')
    .map((item) => {
      const [step, day, sentAt] = item.split(':');
      const sent = Number(sentAt);
      return { step: step as Step, day: Number(day), sentOn: dayLabel(sent, zone), daysWaiting: Math.max(0, Math.floor((now - sent) / DAY)) };
    })
    .sort((a, b) => a.day - b.day);
}

export function digestEmail(
  leader: Pick<LeaderRow, 'name' | 'frequency' | 'lastDigestAt'>,
  entries: DigestEntry[],
  links: LeaderMailLinks,
  zone: string,
  now: number,
): LeaderDigestEmail {
  return {
    kind: 'leader_digest',
    leaderName: leader.name,
    frequency: leader.frequency,
    date: dayLabel(now, zone),
    since: leader.lastDigestAt !== null ? dayLabel(leader.lastDigestAt, zone) : null,
    entries,
    links,
  };
}

/** Leaders looked at per query; a run goes on to the next page until none is left. */
const BATCH = 100;

/**
 * Scheduled work: every leader whose digest is due (leaders.next_digest_at), read through its index, so a run
 * when no period begins reads next to nothing. Each is looked at in their own zone: a period that has begun and
 * is not yet recorded gets its digest; then the leader is next due when their next period begins. A digest
 * that failed leaves the leader due: the next run tries again, or moves on if the period was recorded (a
 * failure for good).
 */
export async function sendDueDigests(deps: Deps, now: number): Promise<DigestReport> {
  const report: DigestReport = { sent: 0, nothingNew: 0, failed: 0, closing: 0 };
  const periods = candidatePeriods(now);
  for (;;) {
    const due = await deps.store.leaders.digestsDue(now, periods, BATCH);
    let failed = false;
    for (const { leader, ownerZone, claimed, suppressed } of due) {
      if (suppressed) {
        await deps.store.leaders.scheduleNextDigest(leader, null);
        continue;
      }
      const zone = leaderZone(leader.timeZone, ownerZone);
      const period = digestPeriod(now, zone, leader.frequency);
      if (period && !claimed.includes(period)) {
        const outcome = await sendDigest(deps, leader, zone, period, now, report);
        if (outcome === 'sent') report.sent++;
        else if (outcome === 'failed') report.failed++;
        else report.nothingNew++;
        if (outcome === 'failed') {
          failed = true;
          continue;
        }
      }
      await deps.store.leaders.scheduleNextDigest(leader, nextDigestAt(now, zone, leader.frequency));
    }
    // A leader left due would come back at once: they wait for the next run instead.
    if (due.length < BATCH || failed) break;
  }
  if (report.sent + report.failed + report.closing > 0) deps.log('leaders.digests', { ...report });
  return report;
}

async function sendDigest(deps: Deps, leader: LeaderRow, zone: string, period: string, now: number, report: DigestReport): Promise<SendOutcome> {
  const { store } = deps;
  const { plans, news } = await store.leaders.digestData(leader.id, leader.lastDigestAt, now, NEWS_LOOKBACK_MS);

  // A plan that has come to its end gets its closing report instead of a line here.
  const ended = new Set<string>();
  for (const plan of plans.filter((p) => planHasEnded(p, now))) {
    ended.add(plan.id);
    if ((await sendClosingReport(deps, plan.id, leader, now)) === 'sent') report.closing++;
  }
  const open = plans.filter((p) => !ended.has(p.id));
  const fresh = news.filter((n) => !ended.has(n.mistakeId) && NEWS_KINDS.has(n.kind));
  // Nothing new: no digest. The period is recorded, so later runs in it do not look again.
  if (open.length === 0 || fresh.length === 0) {
    await store.leaders.recordQuietPeriod(leader.id, period, now);
    return 'skipped';
  }

  // One link per plan, each bound to that plan; the digest is noted as speaking of each plan, so erasing one of
  // them erases the digest's copies (its words are in them).
  const links: Record<string, LinkGrant> = Object.fromEntries(open.map((p) => [p.id, { role: 'leader', leaderId: leader.id, mistakeId: p.id, perPlan: true }]));
  const outcome = await sendEmail(
    deps,
    {
      kind: 'leader.digest',
      idempotencyKey: `digest:${leader.id}:${period}`,
      to: leader.email,
      mistakeId: null,
      checkinId: null,
      leaderId: leader.id,
      links,
      compose: (tokens) => {
        const linksOf = (id: string) => leaderLinks(deps.settings.appUrl, tokens[id] ?? '');
        const entries = digestEntries(open, fresh, zone, now, (id) => {
          const { thanks, talk } = linksOf(id);
          return { thanks, talk };
        });
        // The mail-wide links (frequency, stop) act for the leader through any of their tokens: the first plan's.
        return digestEmail(leader, entries, linksOf(open[0]?.id ?? ''), zone, now);
      },
    },
    now,
  );
  // The period is recorded once delivery has the digest, never claimed before: a run that dies in between
  // leaves it due, and the next run's deliver() finds it by its key. Two overlapping runs may both get here;
  // the key lets one email through. A failure that may pass leaves the period open for the next run.
  if (outcome.sent) {
    await store.leaders.finishDigest(leader.id, period, now, open.length);
    return 'sent';
  }
  if (!outcome.retryable) await store.leaders.recordQuietPeriod(leader.id, period, now);
  return 'failed';
}
