import { eq } from 'drizzle-orm';
import type { Db } from './db';
import { devClock } from './schema';

export function devClockStore(db: Db) {
  return {
    async offset(): Promise<number | null> {
      const row = await db.select().from(devClock).where(eq(devClock.id, 1)).get();
      return row ? row.offsetMs : null;
    },
    async setOffset(offsetMs: number): Promise<void> {
      await db.insert(devClock).values({ id: 1, offsetMs }).onConflictDoUpdate({ target: devClock.id, set: { offsetMs } });
    },
  };
}
