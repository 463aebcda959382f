// Alerts to a leader: counted `blocked` statuses whose alert has not gone, and the note written with one.
import { and, asc, desc, eq, gt, inArray, isNotNull, lte, sql } from 'drizzle-orm';
import type { Db, LeaderRow, MistakeRow, UpdateRow } from '../db';
import { leaders, mistakes, updates } from '../schema';
import { mailable, notDelivered } from './shared';

export interface AlertRow {
  update: UpdateRow;
  mistake: MistakeRow;
  leader: LeaderRow;
}

export function alertStore(db: Db) {
  return {
    /**
     * Counted `blocked` statuses since `since` whose alert has not gone, on introduced open plans whose
     * leader may be written to. Reads the small updates_blocked index, not the updates table.
     */
    async blockedToAlert(since: number, limit: number): Promise<AlertRow[]> {
      const rows = await db
        .select({ update: updates, mistake: mistakes, leader: leaders })
        .from(updates)
        .innerJoin(mistakes, eq(mistakes.id, updates.mistakeId))
        .innerJoin(leaders, eq(leaders.id, mistakes.leaderId))
        .where(
          and(
            eq(updates.kind, 'status'),
            eq(updates.status, 'blocked'),
            gt(updates.at, since),
            eq(updates.state, 'counted'),
            eq(updates.author, 'owner'),
            inArray(mistakes.status, ['active', 'paused']),
            isNotNull(mistakes.leaderIntroAt),
            mailable(),
            notDelivered(sql`'alert:' || ${updates.id}`),
          ),
        )
        .orderBy(asc(updates.at))
        .limit(limit);
      return rows;
    },

    /**
     * The note written with a status: on the same check-in, from a minute before the status to `until` (a
     * person often clicks the status, then adds a note on the page that follows).
     */
    async noteWith(update: Pick<UpdateRow, 'mistakeId' | 'checkinId' | 'at'>, until: number): Promise<string | null> {
      if (!update.checkinId) return null;
      const row = await db
        .select({ text: updates.text })
        .from(updates)
        .where(
          and(
            eq(updates.mistakeId, update.mistakeId),
            gt(updates.at, update.at - 60_000),
            lte(updates.at, until),
            eq(updates.checkinId, update.checkinId),
            eq(updates.kind, 'note'),
            eq(updates.state, 'counted'),
          ),
        )
        .orderBy(desc(updates.at))
        .limit(1)
        .get();
      return row?.text ?? null;
    },
  };
}
