// The introduction of a leader: which plans are due one, and recording that it went.
import { and, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db';
import { leaders, mistakes, updates } from '../schema';
import { withLeaders } from './shared';

export function introStore(db: Db) {
  return {
    /**
     * Mistakes whose ownership statement is written, unchanged since `unchangedSince`, and whose leader has
     * not been introduced. Nothing is claimed: leader_intro_at is written once delivery has the email
     * (markIntroduced), so a run that dies on the way leaves the introduction due. Two overlapping runs may
     * both send it; its idempotency key lets one email through.
     */
    async introsDue(limit: number, unchangedSince: number) {
      const due = await db
        .select()
        .from(mistakes)
        .where(
          and(
            isNotNull(mistakes.leaderId),
            isNull(mistakes.leaderIntroAt),
            isNotNull(mistakes.ownership),
            sql`not exists (select 1 from ${updates} u where u.mistake_id = ${mistakes.id} and u.kind = 'ownership' and u.at > ${unchangedSince})`,
          ),
        )
        .limit(limit);
      return withLeaders(db, due);
    },

    /**
     * The introduction went (or will never go): the plan leaves the introductions due. In the same
     * transaction, a leader with no digest pending and an open plan now followed is due at once (the next
     * digest run works out their period); a leader who already has a due time keeps it.
     */
    async markIntroduced(mistakeId: string, now: number): Promise<void> {
      await db.batch([
        db.update(mistakes).set({ leaderIntroAt: now }).where(and(eq(mistakes.id, mistakeId), isNull(mistakes.leaderIntroAt))),
        db
          .update(leaders)
          .set({ nextDigestAt: now })
          .where(
            and(
              isNull(leaders.nextDigestAt),
              sql`${leaders.id} = (select m.leader_id from ${mistakes} m where m.id = ${mistakeId} and m.status in ('active', 'paused'))`,
            ),
          ),
      ]);
    },
  };
}
