import { eq, getTableColumns, sql } from 'drizzle-orm';
import type { CheckinRow, Db, MistakeRow, TokenRow, UpdateRow } from './db';
import { checkins, mistakes, tokens, updates } from './schema';

export interface Grant {
  token: TokenRow;
  mistake: MistakeRow | null;
  checkin: CheckinRow | null;
  /** One-click answers already recorded through this token, oldest first (for the settle rule). */
  clicks: UpdateRow[];
}

/** json_object arguments that rebuild an UpdateRow (camelCase keys) from an `updates` row. */
const CLICK_FIELDS = Object.entries(getTableColumns(updates))
  .map(([key, column]) => `'${key}', "${column.name}"`)
  .join(', ');

export function tokenStore(db: Db) {
  return {
    insertStatement(...rows: [TokenRow, ...TokenRow[]]) {
      return db.insert(tokens).values(rows).onConflictDoNothing();
    },
    async find(id: string): Promise<TokenRow | null> {
      return (await db.select().from(tokens).where(eq(tokens.id, id)).get()) ?? null;
    },
    /**
     * A token with its mistake, check-in and the clicks made through it, in one statement: every link page
     * starts here. (Not a D1 batch: D1 returns a batch's rows as objects, which loses same-named columns of
     * a join.)
     */
    async grant(id: string): Promise<Grant | null> {
      const row = await db
        .select({
          token: tokens,
          mistake: mistakes,
          checkin: checkins,
          clicks: sql<string>`(select json_group_array(json_object(${sql.raw(CLICK_FIELDS)})) from (select * from ${updates} where ${updates.clickSource} = ${tokens.id} order by ${updates.at}))`,
        })
        .from(tokens)
        .leftJoin(mistakes, eq(mistakes.id, tokens.mistakeId))
        .leftJoin(checkins, eq(checkins.id, tokens.checkinId))
        .where(eq(tokens.id, id))
        .get();
      return row ? { ...row, clicks: JSON.parse(row.clicks) as UpdateRow[] } : null;
    },
  };
}

export type TokenStore = ReturnType<typeof tokenStore>;
