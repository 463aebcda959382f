// The leader's own choices: digest frequency, and stopping Mend's mail for good.
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db, LeaderRow } from '../db';
import { leaders, suppressions } from '../schema';

export function leaderChoiceStore(db: Db) {
  return {
    /** A leader with a digest pending is due at once (0): the next run works out the period in the new rhythm. */
    async setFrequency(leaderId: string, frequency: LeaderRow['frequency']): Promise<void> {
      await db
        .update(leaders)
        .set({ frequency, nextDigestAt: sql`case when ${leaders.nextDigestAt} is null then null else 0 end` })
        .where(eq(leaders.id, leaderId));
    },

    /**
     * Stops leader mail to this address at once and for good: the leader row says so, and the address goes
     * on the suppression list, which outlives the row (a later plan naming the address creates a new one).
     */
    async stop(leader: Pick<LeaderRow, 'id' | 'email'>, now: number): Promise<void> {
      await db.batch([
        db.update(leaders).set({ stoppedAt: now }).where(and(eq(leaders.id, leader.id), isNull(leaders.stoppedAt))),
        db.insert(suppressions).values({ email: leader.email, reason: 'unsubscribed', at: now }).onConflictDoNothing(),
      ]);
    },
  };
}
