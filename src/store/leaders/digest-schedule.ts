// When each leader's digest is due, and recording a period as quiet or sent.
import { and, asc, eq, inArray, isNull, lte, sql } from 'drizzle-orm';
import type { Db, LeaderRow } from '../db';
import { digests, leaders, mistakes, suppressions } from '../schema';
import { leaderEmailRef, leaderIdRef } from './shared';

export interface DigestLeader {
  leader: LeaderRow;
  /** The zone of the owner of the leader's first plan (first stored): the default when the leader has none. */
  ownerZone: string | null;
  /** Periods among the candidates that are already recorded for this leader. */
  claimed: string[];
  /** The address is on the suppression list: no digest can ever go. */
  suppressed: boolean;
}

export function digestScheduleStore(db: Db) {
  return {
    /**
     * Leaders whose digest is due (next_digest_at at or before `now`, not stopped), earliest first, with which
     * of `periods` they have already recorded. Reads the leaders_digest_due partial index: a run when no digest
     * is due reads next to nothing, however many leaders there are. The caller decides in each leader's zone.
     */
    async digestsDue(now: number, periods: string[], limit: number): Promise<DigestLeader[]> {
      const claimedIn = periods.length
        ? sql`(select group_concat(${digests.period}) from ${digests} where ${digests.leaderId} = ${leaderIdRef} and ${inArray(digests.period, periods)})`
        : sql`null`;
      const rows = await db
        .select({
          leader: leaders,
          ownerZone: sql<string | null>`(select m.owner_time_zone from ${mistakes} m where m.leader_id = ${leaderIdRef} order by m.rowid limit 1)`,
          claimed: sql<string | null>`${claimedIn}`,
          suppressed: sql<number>`exists (select 1 from ${suppressions} where ${suppressions.email} = ${leaderEmailRef})`,
        })
        .from(leaders)
        .where(and(lte(leaders.nextDigestAt, now), isNull(leaders.stoppedAt)))
        .orderBy(asc(leaders.nextDigestAt))
        .limit(limit);
      return rows.map((r) => ({ leader: r.leader, ownerZone: r.ownerZone, claimed: r.claimed ? r.claimed.split(',') : [], suppressed: Boolean(r.suppressed) }));
    },

    /**
     * The leader's current period is dealt with: their digest is next due at `next` (NULL when none can ever
     * go), or at no time at all once they follow no introduced open plan (checked in this statement, so a plan
     * introduced meanwhile is not missed). Written only if the leader is as the run read them: a frequency
     * changed meanwhile made them due at once, and that stands.
     */
    async scheduleNextDigest(seen: Pick<LeaderRow, 'id' | 'frequency' | 'nextDigestAt'>, next: number | null): Promise<void> {
      if (seen.nextDigestAt === null) return;
      const stillFollows = sql`exists (select 1 from ${mistakes} m where m.leader_id = ${leaderIdRef} and m.leader_intro_at is not null
        and m.closing_report_at is null and m.status in ('active', 'paused'))`;
      await db
        .update(leaders)
        .set({ nextDigestAt: next === null ? null : sql`case when ${stillFollows} then ${next} else null end` })
        .where(and(eq(leaders.id, seen.id), eq(leaders.frequency, seen.frequency), eq(leaders.nextDigestAt, seen.nextDigestAt)));
    },

    /**
     * A period with nothing new for the leader: recorded so later runs in it do not look again. Periods are
     * recorded after the fact, never claimed before sending, so a run that dies on the way leaves the digest due.
     */
    async recordQuietPeriod(leaderId: string, period: string, now: number): Promise<void> {
      await db.insert(digests).values({ leaderId, period, claimedAt: now, sentAt: null, mistakeCount: 0 }).onConflictDoNothing();
    },

    /** The digest went: the period records it, and "new" starts from now for this leader. */
    async finishDigest(leaderId: string, period: string, now: number, mistakeCount: number): Promise<void> {
      await db.batch([
        db
          .insert(digests)
          .values({ leaderId, period, claimedAt: now, sentAt: now, mistakeCount })
          .onConflictDoUpdate({ target: [digests.leaderId, digests.period], set: { sentAt: now, mistakeCount }, setWhere: isNull(digests.sentAt) }),
        // Only the run whose digest the period records moves the leader's "new since" (overlapping runs both send
        // one under the same key, and one email goes).
        db
          .update(leaders)
          .set({ lastDigestAt: now })
          .where(
            and(
              eq(leaders.id, leaderId),
              sql`exists (select 1 from ${digests} where ${digests.leaderId} = ${leaderId} and ${digests.period} = ${period} and ${digests.sentAt} = ${now})`,
            ),
          ),
      ]);
    },
  };
}
