// The closing report: which resolved plans are due one, what it tells, and recording that it went.
import { and, asc, eq, isNotNull, isNull } from 'drizzle-orm';
import type { CheckinRow, Db, MistakeRow, UpdateRow } from '../db';
import { checkins, mistakes, updates } from '../schema';
import { withLeaders } from './shared';

export function closingStore(db: Db) {
  return {
    /** Resolved mistakes with a leader whose closing report has not gone (recorded after delivery, as intros). */
    async closingsDue(limit: number) {
      const due = await db
        .select()
        .from(mistakes)
        .where(and(eq(mistakes.status, 'resolved'), isNotNull(mistakes.leaderId), isNull(mistakes.closingReportAt)))
        .orderBy(asc(mistakes.endedAt))
        .limit(limit);
      return withLeaders(db, due);
    },

    /** The closing report went (or will never go). */
    async markClosingReported(mistakeId: string, now: number): Promise<void> {
      await db.update(mistakes).set({ closingReportAt: now }).where(and(eq(mistakes.id, mistakeId), isNull(mistakes.closingReportAt)));
    },

    /** Everything a closing report tells: the mistake, its check-ins and the owner's counted updates. */
    async story(mistakeId: string): Promise<{ mistake: MistakeRow; checkins: CheckinRow[]; updates: UpdateRow[] } | null> {
      const [mistakeRows, checkinRows, updateRows] = await db.batch([
        db.select().from(mistakes).where(eq(mistakes.id, mistakeId)),
        db.select().from(checkins).where(eq(checkins.mistakeId, mistakeId)).orderBy(asc(checkins.seq)),
        db
          .select()
          .from(updates)
          .where(and(eq(updates.mistakeId, mistakeId), eq(updates.author, 'owner'), eq(updates.state, 'counted')))
          .orderBy(asc(updates.at), asc(updates.id)),
      ]);
      const mistake = mistakeRows[0];
      return mistake ? { mistake, checkins: checkinRows, updates: updateRows } : null;
    },
  };
}
