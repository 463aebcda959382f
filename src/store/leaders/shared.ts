// What the leader stores share: who may be written to, which plans a leader follows, and how to read a
// mistake's leader for the few rows a pass has claimed.
import { and, eq, inArray, isNotNull, isNull, sql, type SQL } from 'drizzle-orm';
import type { Db, LeaderRow, MistakeRow } from '../db';
import { idList } from '../id-list';
import { deliveries, leaders, mistakes, suppressions } from '../schema';

/** A leader may be written to: not stopped, and the address not on the suppression list (any reason). */
export const mailable = (): SQL =>
  sql`${leaders.stoppedAt} is null and not exists (select 1 from ${suppressions} where ${suppressions.email} = ${leaders.email})`;

/** The plans a leader follows in digests: introduced, still open, closing report not yet sent. */
export const followed = (leaderId: string): SQL =>
  and(
    eq(mistakes.leaderId, leaderId),
    isNotNull(mistakes.leaderIntroAt),
    isNull(mistakes.closingReportAt),
    inArray(mistakes.status, ['active', 'paused']),
  )!;

/**
 * The outer leaders row's id inside a correlated subquery. Spelled out: in a single-table select list drizzle
 * writes a column unqualified ("id"), which inside `from mistakes m` would mean m.id.
 */
export const leaderIdRef = sql.raw('"leaders"."id"');
export const leaderEmailRef = sql.raw('"leaders"."email"');

/** No ledger row that settled the email (queued means "try again"; a failed one is not retried). */
export const notDelivered = (key: SQL): SQL =>
  sql`not exists (select 1 from ${deliveries} where ${deliveries.idempotencyKey} = ${key} and ${deliveries.status} <> 'queued')`;

/** Mistakes with their leader (if any), for the few rows a pass has claimed. */
export async function withLeaders(db: Db, rows: MistakeRow[]): Promise<{ mistake: MistakeRow; leader: LeaderRow | null }[]> {
  const ids = [...new Set(rows.flatMap((m) => (m.leaderId ? [m.leaderId] : [])))];
  const found = ids.length ? await db.select().from(leaders).where(sql`${leaders.id} in ${idList(ids)}`) : [];
  const byId = new Map(found.map((l) => [l.id, l]));
  return rows.map((mistake) => ({ mistake, leader: mistake.leaderId ? (byId.get(mistake.leaderId) ?? null) : null }));
}
