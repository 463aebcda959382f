// What a digest tells about one leader's plans: each plan folded into a few numbers, and what is new.
import { and, eq, sql } from 'drizzle-orm';
import type { Db, MistakeRow, UpdateRow } from '../db';
import { checkins, mistakes, updates } from '../schema';
import { followed } from './shared';

/** One plan as a digest sees it: the mistake's own fields and its check-ins folded into a few numbers. */
export interface DigestPlanRow {
  id: string;
  title: string;
  status: MistakeRow['status'];
  startAt: number;
  cadence: MistakeRow['cadence'];
  ownerName: string | null;
  ownerEmail: string;
  lastStatus: MistakeRow['lastStatus'];
  lastStatusAt: number | null;
  leaderIntroAt: number;
  pausedAt: number | null;
  /** Check-ins sent and not answered. */
  unanswered: number;
  oldestUnansweredAt: number | null;
  /** "step:day:sentAt" of each unanswered check-in, comma separated. */
  unansweredList: string | null;
  /** Check-ins still to go out (scheduled, held by a pause, or being sent). */
  toCome: number;
  nextDueAt: number | null;
  lastSentAt: number | null;
}

export type NewsRow = Pick<UpdateRow, 'id' | 'mistakeId' | 'kind' | 'status' | 'text' | 'at' | 'appliedAt'>;

export function digestDataStore(db: Db) {
  return {
    /**
     * What a digest needs about one leader's plans, in one statement whatever their number: each plan's row,
     * its check-ins folded into counts, and the owner's counted updates that are new, the last two as JSON
     * from correlated subqueries (each reads only that plan's rows through its index; no GROUP BY or ORDER BY
     * sorter, which D1 would count as rows read again).
     *
     * New means: counted (applied) after the leader's last digest and at or before `now`; for a plan first
     * introduced after that digest, everything since its start except the ownership statement the
     * introduction showed. `lookbackMs` lets the (mistake_id, at) index bound the read: a click counts a
     * little after it was made, never more than that before.
     */
    async digestData(
      leaderId: string,
      lastDigestAt: number | null,
      now: number,
      lookbackMs: number,
      onlyMistake?: string,
    ): Promise<{ plans: DigestPlanRow[]; news: NewsRow[] }> {
      const last = lastDigestAt ?? 0;
      const scope = onlyMistake ? and(followed(leaderId), eq(mistakes.id, onlyMistake))! : followed(leaderId);
      // Qualified by hand: inside the subqueries an unqualified "id" would be the subquery's own column.
      const planId = sql.raw('"mistakes"."id"');
      const introAt = sql.raw('"mistakes"."leader_intro_at"');
      const since = sql`(case when ${introAt} <= ${last} then ${last} else 0 end)`;
      // Spelled with OR: an IN list in a correlated subquery costs D1 a row read per check-in it tests.
      const toCome = sql.raw(`(c.status = 'scheduled' or c.status = 'held' or c.status = 'sending')`);
      const rows = await db
        .select({
          id: mistakes.id,
          title: mistakes.title,
          status: mistakes.status,
          startAt: mistakes.startAt,
          cadence: mistakes.cadence,
          ownerName: mistakes.ownerName,
          ownerEmail: mistakes.ownerEmail,
          lastStatus: mistakes.lastStatus,
          lastStatusAt: mistakes.lastStatusAt,
          leaderIntroAt: sql<number>`${introAt}`,
          pausedAt: mistakes.pausedAt,
          checkins: sql<string>`(select json_object(
              'unanswered', coalesce(sum(c.status = 'sent'), 0),
              'oldestUnansweredAt', min(case when c.status = 'sent' then c.sent_at end),
              'unansweredList', group_concat(case when c.status = 'sent' then c.step || ':' || c.day || ':' || c.sent_at end),
              'toCome', coalesce(sum(${toCome}), 0),
              'nextDueAt', min(case when ${toCome} then c.due_at end),
              'lastSentAt', max(c.sent_at))
            from ${checkins} c where c.mistake_id = ${planId})`,
          news: sql<string>`(select json_group_array(json_array(u.id, u.kind, u.status, u.text, u.at, u.applied_at))
            from ${updates} u where u.mistake_id = ${planId}
              and u.at > ${since} - ${lookbackMs}
              and u.applied_at > ${since} and u.applied_at <= ${now}
              and u.author = 'owner' and u.state = 'counted'
              -- The introduction showed the ownership statement as it stood then.
              and not (u.kind = 'ownership' and u.applied_at <= ${introAt}))`,
        })
        .from(mistakes)
        .where(scope);
      const plans: DigestPlanRow[] = [];
      const news: NewsRow[] = [];
      for (const { checkins: folded, news: fresh, ...plan } of rows) {
        plans.push({ ...plan, ...(JSON.parse(folded) as Pick<DigestPlanRow, 'unanswered' | 'oldestUnansweredAt' | 'unansweredList' | 'toCome' | 'nextDueAt' | 'lastSentAt'>) });
        for (const [id, kind, status, text, at, appliedAt] of JSON.parse(fresh) as [string, UpdateRow['kind'], string | null, string | null, number, number][]) {
          news.push({ id, mistakeId: plan.id, kind, status, text, at, appliedAt });
        }
      }
      news.sort((a, b) => a.at - b.at || a.id.localeCompare(b.id));
      return { plans, news };
    },
  };
}
