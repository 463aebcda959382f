// Reminders to the owner: own/learn/plan check-ins left unanswered, and recording that the reminder went.
import { and, asc, eq, isNull, lte, sql } from 'drizzle-orm';
import type { CheckinRow, Db, LeaderRow, MistakeRow } from '../db';
import { checkins, leaders, mistakes } from '../schema';

export function reminderStore(db: Db) {
  return {
    /**
     * Own/learn/plan check-ins sent at or before `sentBefore`, still unanswered and not yet reminded, on
     * active plans, oldest first. Reads the checkins_unanswered partial index. `after` pages on: the
     * candidates that come after that one (by sentAt, then id).
     */
    async reminderCandidates(
      sentBefore: number,
      limit: number,
      after: { sentAt: number; id: string } | null = null,
    ): Promise<{ checkin: CheckinRow; mistake: MistakeRow; leader: LeaderRow | null }[]> {
      return db
        .select({ checkin: checkins, mistake: mistakes, leader: leaders })
        .from(checkins)
        .innerJoin(mistakes, eq(mistakes.id, checkins.mistakeId))
        .leftJoin(leaders, eq(leaders.id, mistakes.leaderId))
        .where(
          and(
            sql`${checkins.status} = 'sent' and ${checkins.step} <> 'progress' and ${checkins.reminderAt} is null`,
            lte(checkins.sentAt, sentBefore),
            eq(mistakes.status, 'active'),
            after ? sql`(${checkins.sentAt}, ${checkins.id}) > (${after.sentAt}, ${after.id})` : undefined,
          ),
        )
        .orderBy(asc(checkins.sentAt), asc(checkins.id))
        .limit(limit);
    },

    /**
     * The reminder went (or was refused for good): recorded after delivery, not claimed before it, so a run
     * that dies between the two leaves it due. The idempotency key keeps a second run from sending it again.
     */
    async markReminded(checkinId: string, now: number): Promise<void> {
      await db.update(checkins).set({ reminderAt: now }).where(and(eq(checkins.id, checkinId), isNull(checkins.reminderAt)));
    },
  };
}
