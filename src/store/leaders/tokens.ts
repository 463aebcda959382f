// The links of a leader's email, many at once.
import { sql } from 'drizzle-orm';
import type { Db, TokenRow } from '../db';
import { emailMistakes, tokens } from '../schema';

export function leaderTokenStore(db: Db) {
  return {
    /**
     * Inserts many leader tokens in one statement (D1 allows 100 bound parameters per query, so the rows
     * travel as one JSON parameter): a digest's links cost one query whatever the number of plans. With
     * `emailKey` (the digest's idempotency key), the email is also noted as speaking of each token's mistake
     * (email_mistakes), so erasing one of them finds the digest's copies: a second statement, same round trip.
     */
    async insertTokens(rows: TokenRow[], emailKey?: string): Promise<void> {
      if (rows.length === 0) return;
      const payload = JSON.stringify(
        rows.map((r) => ({ i: r.id, m: r.mistakeId, l: r.leaderId, c: r.createdAt, e: r.expiresAt, r: r.role })),
      );
      const insertTokens = db
        .insert(tokens)
        .select(
          sql`select json_extract(value, '$.i'), json_extract(value, '$.m'), json_extract(value, '$.r'), json_extract(value, '$.l'),
            null, null, json_extract(value, '$.c'), json_extract(value, '$.e'), null
          from json_each(${payload}) where true`,
        )
        .onConflictDoNothing();
      if (!emailKey) {
        await insertTokens;
        return;
      }
      await db.batch([
        insertTokens,
        db
          .insert(emailMistakes)
          .select(sql`select distinct ${emailKey}, json_extract(value, '$.m') from json_each(${payload}) where true`)
          .onConflictDoNothing(),
      ]);
    },
  };
}
