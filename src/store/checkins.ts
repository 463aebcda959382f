import { and, asc, eq, gt, inArray, lte, sql } from 'drizzle-orm';
import type { CheckinRow, Db } from './db';
import { checkins } from './schema';

export function checkinStore(db: Db) {
  return {
    /**
     * Claims up to `limit` due check-ins in one UPDATE … RETURNING. D1 runs writes one at a time, so two
     * overlapping runs can never claim the same row. Claims older than `staleBefore` (a run that died
     * between claiming and recording) are taken over; the idempotency key keeps that from sending twice.
     */
    async claimDue(now: number, limit: number, staleBefore: number): Promise<CheckinRow[]> {
      const due = db
        .select({ id: checkins.id })
        .from(checkins)
        .where(and(eq(checkins.status, 'scheduled'), lte(checkins.dueAt, now)))
        .orderBy(asc(checkins.dueAt))
        .limit(limit);
      const claimed = await db
        .update(checkins)
        .set({ status: 'sending', claimedAt: now })
        .where(inArray(checkins.id, due))
        .returning();
      if (claimed.length >= limit) return claimed;
      const stale = db
        .select({ id: checkins.id })
        .from(checkins)
        .where(and(eq(checkins.status, 'sending'), lte(checkins.claimedAt, staleBefore)))
        .limit(limit - claimed.length);
      const retaken = await db
        .update(checkins)
        .set({ claimedAt: now })
        .where(and(inArray(checkins.id, stale), eq(checkins.status, 'sending')))
        .returning();
      return [...claimed, ...retaken];
    },

    /** Is a later progress check-in of the same mistake also due? Then this one was overtaken. */
    async overtaken(checkin: CheckinRow, now: number): Promise<boolean> {
      const later = await db
        .select({ id: checkins.id })
        .from(checkins)
        .where(
          and(
            eq(checkins.mistakeId, checkin.mistakeId),
            eq(checkins.step, 'progress'),
            gt(checkins.seq, checkin.seq),
            inArray(checkins.status, ['scheduled', 'sending', 'sent', 'answered']),
            lte(checkins.dueAt, now),
          ),
        )
        .limit(1);
      return later.length > 0;
    },

    markSentStatement(id: string, claimedAt: number, now: number, late: boolean) {
      return db
        .update(checkins)
        .set({ status: 'sent', sentAt: now, late, sends: sql`${checkins.sends} + 1`, claimedAt: null })
        .where(and(eq(checkins.id, id), eq(checkins.status, 'sending'), eq(checkins.claimedAt, claimedAt)));
    },

    /** Settles a claimed check-in that will not be sent now (skipped, held by a pause, cancelled). */
    async settleClaim(id: string, status: 'skipped' | 'held' | 'cancelled'): Promise<void> {
      await db.update(checkins).set({ status, claimedAt: null }).where(and(eq(checkins.id, id), eq(checkins.status, 'sending')));
    },

    /** Gives a claim back (the send failed): it is due again at the next run. */
    async release(id: string, claimedAt: number): Promise<void> {
      await db
        .update(checkins)
        .set({ status: 'scheduled', claimedAt: null })
        .where(and(eq(checkins.id, id), eq(checkins.status, 'sending'), eq(checkins.claimedAt, claimedAt)));
    },

    async get(id: string): Promise<CheckinRow | null> {
      return (await db.select().from(checkins).where(eq(checkins.id, id)).get()) ?? null;
    },

    /** Snooze: only a check-in that went out and is still unanswered moves, and nothing else does. */
    async snooze(id: string, dueAt: number, held: boolean): Promise<boolean> {
      const moved = await db
        .update(checkins)
        .set({ status: held ? 'held' : 'scheduled', dueAt })
        .where(and(eq(checkins.id, id), eq(checkins.status, 'sent')))
        .returning({ id: checkins.id });
      return moved.length > 0;
    },

    /** A plan confirmed by its owner (web sign-up): a held check-in is scheduled at its due time from now. */
    scheduleHeldStatement(id: string, dueAt: number) {
      return db.update(checkins).set({ status: 'scheduled', dueAt, claimedAt: null }).where(and(eq(checkins.id, id), eq(checkins.status, 'held')));
    },

    markAnsweredStatement(id: string, at: number) {
      return db
        .update(checkins)
        .set({ status: 'answered', answeredAt: at })
        .where(and(eq(checkins.id, id), inArray(checkins.status, ['scheduled', 'held', 'sending', 'sent'])));
    },
  };
}

export type CheckinStore = ReturnType<typeof checkinStore>;
