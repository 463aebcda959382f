import { and, asc, eq, exists, inArray, isNull, lte, ne, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Db, UpdateRow } from './db';
import { updates } from './schema';

export function updateStore(db: Db) {
  return {
    insertStatement(row: UpdateRow) {
      return db.insert(updates).values(row);
    },

    async insert(row: UpdateRow): Promise<void> {
      await db.insert(updates).values(row);
    },

    async get(id: string): Promise<UpdateRow | null> {
      return (await db.select().from(updates).where(eq(updates.id, id)).get()) ?? null;
    },

    /** Every one-click answer that came from one email, oldest first. */
    async clicksFrom(source: string): Promise<UpdateRow[]> {
      return db.select().from(updates).where(eq(updates.clickSource, source)).orderBy(asc(updates.at));
    },

    voidStatement(ids: string[]) {
      return db.update(updates).set({ state: 'void', settlesAt: null }).where(inArray(updates.id, ids));
    },

    /**
     * Clicks that have stood their settle time count from now on; returns them. Clicks that arrived at the
     * same moment each saw none of the others when they were recorded: the rule is applied again here, so a
     * different choice from the same email inside the settle time voids them, however they interleaved.
     */
    async settleDue(now: number): Promise<UpdateRow[]> {
      const other = alias(updates, 'other');
      const [, counted] = await db.batch([
        db
          .update(updates)
          .set({ state: 'void', settlesAt: null })
          .where(
            and(
              eq(updates.state, 'pending'),
              lte(updates.settlesAt, now),
              exists(
                db
                  .select({ id: other.id })
                  .from(other)
                  .where(
                    and(
                      eq(other.clickSource, updates.clickSource),
                      ne(other.id, updates.id),
                      ne(other.status, updates.status),
                      ne(other.state, 'counted'),
                      sql`abs(${other.at} - ${updates.at}) < ${updates.settlesAt} - ${updates.at}`,
                    ),
                  ),
              ),
            ),
          ),
        db
          .update(updates)
          .set({ state: 'counted' })
          .where(and(eq(updates.state, 'pending'), lte(updates.settlesAt, now)))
          .returning(),
      ]);
      return counted;
    },

    /** Counted answers whose consequences have not been applied yet. */
    async unapplied(limit: number): Promise<UpdateRow[]> {
      return db
        .select()
        .from(updates)
        .where(and(eq(updates.state, 'counted'), isNull(updates.appliedAt)))
        .orderBy(asc(updates.at))
        .limit(limit);
    },

    markAppliedStatement(id: string, at: number) {
      return db.update(updates).set({ appliedAt: at }).where(eq(updates.id, id));
    },
  };
}

export type UpdateStore = ReturnType<typeof updateStore>;
