import { eq } from 'drizzle-orm';
import type { CheckinRow, Db, MistakeRow, TokenRow } from './db';
import { checkins, mistakes, tokens } from './schema';

export interface Grant {
  token: TokenRow;
  mistake: MistakeRow | null;
  checkin: CheckinRow | null;
}

export function tokenStore(db: Db) {
  return {
    insertStatement(row: TokenRow) {
      return db.insert(tokens).values(row).onConflictDoNothing();
    },
    async find(id: string): Promise<TokenRow | null> {
      return (await db.select().from(tokens).where(eq(tokens.id, id)).get()) ?? null;
    },
    /** A token with its mistake and check-in, in one round trip: every link page starts here. */
    async grant(id: string): Promise<Grant | null> {
      const row = await db
        .select({ token: tokens, mistake: mistakes, checkin: checkins })
        .from(tokens)
        .leftJoin(mistakes, eq(mistakes.id, tokens.mistakeId))
        .leftJoin(checkins, eq(checkins.id, tokens.checkinId))
        .where(eq(tokens.id, id))
        .get();
      return row ?? null;
    },
  };
}

export type TokenStore = ReturnType<typeof tokenStore>;
