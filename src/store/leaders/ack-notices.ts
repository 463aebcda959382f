// Notices to the owner of their leader's acknowledgements: the counted ones whose notice has not gone.
import { and, asc, eq, gt, sql } from 'drizzle-orm';
import type { Db, LeaderRow, MistakeRow, UpdateRow } from '../db';
import { leaders, mistakes, updates } from '../schema';
import { notDelivered } from './shared';

export interface AckRow {
  update: UpdateRow;
  mistake: MistakeRow;
  leader: LeaderRow | null;
}

export function ackNoticeStore(db: Db) {
  return {
    /** Counted leader acknowledgements since `since` whose notice to the owner has not gone. */
    async acksToNotify(since: number, limit: number): Promise<AckRow[]> {
      return db
        .select({ update: updates, mistake: mistakes, leader: leaders })
        .from(updates)
        .innerJoin(mistakes, eq(mistakes.id, updates.mistakeId))
        .leftJoin(leaders, eq(leaders.id, mistakes.leaderId))
        .where(
          and(
            eq(updates.kind, 'ack'),
            gt(updates.at, since),
            eq(updates.state, 'counted'),
            eq(updates.author, 'leader'),
            notDelivered(sql`'ack:' || ${updates.id}`),
          ),
        )
        .orderBy(asc(updates.at))
        .limit(limit);
    },
  };
}
