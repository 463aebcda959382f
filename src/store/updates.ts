import { and, asc, eq, exists, inArray, isNull, lte, ne, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Db, UpdateRow } from './db';
import { idList } from './id-list';
import { updates } from './schema';

export function updateStore(db: Db) {
  return {
    insertStatement(row: UpdateRow) {
      return db.insert(updates).values(row);
    },

    /**
     * A one-click answer (or ack), unless the latest live click from the same email already holds the same
     * choice. The caller checked that when it read the clicks, but two identical POSTs at the same moment (a
     * page's auto-submit and a person's click, a scanner's retry) each read before the other wrote: inside the
     * transaction only the first lands, so POSTing twice records once.
     */
    insertClickStatement(row: UpdateRow) {
      const latestLive = sql`(select ${updates.status} from ${updates} where ${updates.clickSource} = ${row.clickSource} and ${updates.state} <> 'void'
        order by ${updates.at} desc, ${updates.id} desc limit 1)`;
      const value = <T>(v: T) => sql<T>`${v}`;
      const candidate = db
        .select({
          id: value(row.id).as('id'),
          mistakeId: value(row.mistakeId).as('mistake_id'),
          checkinId: value(row.checkinId).as('checkin_id'),
          author: value(row.author).as('author'),
          kind: value(row.kind).as('kind'),
          status: value(row.status).as('status'),
          text: value(row.text).as('text'),
          via: value(row.via).as('via'),
          at: value(row.at).as('at'),
          clickSource: value(row.clickSource).as('click_source'),
          state: value(row.state).as('state'),
          settlesAt: value(row.settlesAt).as('settles_at'),
          appliedAt: value(row.appliedAt).as('applied_at'),
        })
        .from(sql`(select 1)`)
        .where(sql`coalesce(${latestLive}, '') <> ${row.status}`);
      return db.insert(updates).select(candidate);
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
      return db.update(updates).set({ state: 'void', settlesAt: null }).where(sql`${updates.id} in ${idList(ids)}`);
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
