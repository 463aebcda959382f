import { and, asc, eq, inArray, isNull, lte, or, sql } from 'drizzle-orm';
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

    async get(id: string): Promise<UpdateRow | null> {
      return (await db.select().from(updates).where(eq(updates.id, id)).get()) ?? null;
    },

    /** Every one-click answer (or ack) that came from one email, oldest first. */
    async clicksFrom(source: string): Promise<UpdateRow[]> {
      return db.select().from(updates).where(eq(updates.clickSource, source)).orderBy(asc(updates.at), asc(updates.id));
    },

    voidStatement(ids: string[]) {
      return db.update(updates).set({ state: 'void', settlesAt: null }).where(sql`${updates.id} in ${idList(ids)}`);
    },

    /**
     * Every click from the emails of (up to `limit`) clicks whose settle time has passed, oldest first: what the
     * settle rule (src/domain/settle.ts) needs to decide them. Reads the updates_settling partial index first, so
     * a run with nothing due reads next to nothing.
     */
    async clicksAroundDue(now: number, limit: number): Promise<UpdateRow[]> {
      const due = <C extends typeof updates.id | typeof updates.clickSource>(column: C) =>
        db.select({ value: column }).from(updates).where(and(eq(updates.state, 'pending'), lte(updates.settlesAt, now))).orderBy(asc(updates.settlesAt)).limit(limit);
      return db
        .select()
        .from(updates)
        .where(or(inArray(updates.id, due(updates.id)), inArray(updates.clickSource, due(updates.clickSource))))
        .orderBy(asc(updates.at), asc(updates.id));
    },

    /** A pending click counts (or is void) from now on; one that is no longer pending stays as it is. */
    settleStatement(id: string, counts: boolean) {
      return db
        .update(updates)
        .set(counts ? { state: 'counted' } : { state: 'void', settlesAt: null })
        .where(and(eq(updates.id, id), eq(updates.state, 'pending')));
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
