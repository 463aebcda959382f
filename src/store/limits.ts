// The counters behind the abuse limits: one row per request a door let through, under an HMAC key (the domain
// makes it; no address or IP reaches this table). Each claim counts and adds in one statement, so parallel
// requests cannot all read "one slot left": D1 runs a database's writes one at a time.
import { and, eq, gt, lt, min, sql } from 'drizzle-orm';
import type { Db, Statement } from './db';
import { idList } from './id-list';
import { limitHits } from './schema';

export interface Claim {
  key: string;
  /** Rows after this moment count against `max`. */
  since: number;
  max: number;
}

export type ClaimResult = { ok: true } | { ok: false; refused: number; oldestAt: number | null };

export function limitStore(db: Db) {
  const claimStatement = (claim: Claim, now: number) =>
    db
      .insert(limitHits)
      .select(
        db
          .select({ id: sql<number>`null`.as('id'), key: sql<string>`${claim.key}`.as('key'), at: sql<number>`${now}`.as('at') })
          .from(sql`(select 1)`)
          .where(sql`(select count(*) from ${limitHits} where ${limitHits.key} = ${claim.key} and ${limitHits.at} > ${claim.since}) < ${claim.max}`),
      )
      .returning({ id: limitHits.id });

  return {
    /**
     * Takes one slot of each claim, or none: when any claim is full the slots just taken are given back, and the
     * answer names the first full claim (by index) with its oldest counted moment, from which its next slot frees.
     */
    async claim(claims: Claim[], now: number): Promise<ClaimResult> {
      if (claims.length === 0) return { ok: true };
      const taken = (await db.batch(claims.map((c) => claimStatement(c, now)) as unknown as [Statement, ...Statement[]])) as { id: number }[][];
      const refused = taken.findIndex((rows) => rows.length === 0);
      if (refused === -1) return { ok: true };
      const ids = taken.flatMap((rows) => rows.map((r) => r.id));
      const full = claims[refused]!;
      const [, oldest] = await db.batch([
        db.delete(limitHits).where(ids.length ? sql`${limitHits.id} in ${idList(ids)}` : sql`false`),
        db.select({ at: min(limitHits.at) }).from(limitHits).where(and(eq(limitHits.key, full.key), gt(limitHits.at, full.since))),
      ]);
      return { ok: false, refused, oldestAt: oldest[0]?.at ?? null };
    },

    /** Rows older than the longest window count for nothing. */
    async sweep(before: number): Promise<void> {
      await db.delete(limitHits).where(lt(limitHits.at, before));
    },
  };
}

export type LimitStore = ReturnType<typeof limitStore>;
