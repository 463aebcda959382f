import { and, asc, eq, inArray, isNull, lte } from 'drizzle-orm';
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

    /** Clicks that have stood their settle time count from now on; returns them. */
    async settleDue(now: number): Promise<UpdateRow[]> {
      return db
        .update(updates)
        .set({ state: 'counted' })
        .where(and(eq(updates.state, 'pending'), lte(updates.settlesAt, now)))
        .returning();
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
