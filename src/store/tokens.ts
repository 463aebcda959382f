import { eq } from 'drizzle-orm';
import type { Db, TokenRow } from './db';
import { tokens } from './schema';

export function tokenStore(db: Db) {
  return {
    insertStatement(row: TokenRow) {
      return db.insert(tokens).values(row).onConflictDoNothing();
    },
    async find(id: string): Promise<TokenRow | null> {
      return (await db.select().from(tokens).where(eq(tokens.id, id)).get()) ?? null;
    },
  };
}

export type TokenStore = ReturnType<typeof tokenStore>;
