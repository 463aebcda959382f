// Web sign-in: one-time links sent by email and the sessions they open. Both keyed by an HMAC of the secret,
// so a copy of the database holds nothing that signs anyone in.
import { and, eq, gt, isNull, lt } from 'drizzle-orm';
import type { Db, MistakeRow } from './db';
import { loginLinks, mistakes, sessions } from './schema';

export type LoginLinkRow = typeof loginLinks.$inferSelect;
export type SessionRow = typeof sessions.$inferSelect;

export function webAuthStore(db: Db) {
  return {
    insertLinkStatement(row: LoginLinkRow) {
      return db.insert(loginLinks).values(row);
    },

    async findLink(id: string): Promise<LoginLinkRow | null> {
      return (await db.select().from(loginLinks).where(eq(loginLinks.id, id)).get()) ?? null;
    },

    /** Marks the link used if, and only if, it is unused and unexpired: one UPDATE, so two clicks use it once. */
    async useLink(id: string, now: number): Promise<LoginLinkRow | null> {
      const rows = await db
        .update(loginLinks)
        .set({ usedAt: now })
        .where(and(eq(loginLinks.id, id), isNull(loginLinks.usedAt), gt(loginLinks.expiresAt, now)))
        .returning();
      return rows[0] ?? null;
    },

    async insertSession(row: SessionRow): Promise<void> {
      await db.insert(sessions).values(row);
    },

    async findSession(id: string): Promise<SessionRow | null> {
      return (await db.select().from(sessions).where(eq(sessions.id, id)).get()) ?? null;
    },

    async deleteSession(id: string): Promise<void> {
      await db.delete(sessions).where(eq(sessions.id, id));
    },

    async deleteSessionsOf(email: string): Promise<void> {
      await db.delete(sessions).where(eq(sessions.email, email));
    },

    /** Moves a session's idle expiry on (it never moves back: two pages at once both write the later one). */
    async touchSession(id: string, expiresAt: number): Promise<void> {
      await db.update(sessions).set({ expiresAt }).where(and(eq(sessions.id, id), lt(sessions.expiresAt, expiresAt)));
    },

    /** Marks every unused link of a purpose to an address used: they open nothing. */
    async voidLinksOf(email: string, purpose: LoginLinkRow['purpose'], now: number): Promise<void> {
      await db.update(loginLinks).set({ usedAt: now }).where(and(eq(loginLinks.email, email), eq(loginLinks.purpose, purpose), isNull(loginLinks.usedAt)));
    },

    /** Expired sessions go at once; links a day after their expiry (the page can still say "expired" meanwhile). */
    async sweep(now: number, linksExpiredBefore: number): Promise<void> {
      await db.batch([db.delete(sessions).where(lt(sessions.expiresAt, now)), db.delete(loginLinks).where(lt(loginLinks.expiresAt, linksExpiredBefore))]);
    },

    /** Mistakes logged on the web whose owner never confirmed the address before `before`. */
    async unconfirmedBefore(before: number, limit: number): Promise<MistakeRow[]> {
      return db
        .select()
        .from(mistakes)
        .where(and(eq(mistakes.status, 'pending'), lt(mistakes.createdAt, before)))
        .limit(limit);
    },
  };
}

export type WebAuthStore = ReturnType<typeof webAuthStore>;
