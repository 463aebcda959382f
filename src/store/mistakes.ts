import { and, asc, eq, inArray, isNotNull, notExists, sql, type Column, type SQL } from 'drizzle-orm';
import type { CheckinRow, Db, LeaderRow, MistakeRow, Statement, UpdateRow } from './db';
import { idList } from './id-list';
import { checkins, deadLetters, deliveries, digests, emailMistakes, leaders, loginLinks, mistakes, outbox, sessions, tokens, updates } from './schema';

export interface MistakeRecord {
  mistake: MistakeRow;
  leader: LeaderRow | null;
  checkins: CheckinRow[];
  updates: UpdateRow[];
}

export function mistakeStore(db: Db) {
  return {
    async create(mistake: MistakeRow, plan: CheckinRow[], leader: LeaderRow | null): Promise<void> {
      const statements: Statement[] = [];
      if (leader) {
        // A leader is one row per address: a second mistake naming them reuses it and keeps their choices.
        statements.push(db.insert(leaders).values(leader).onConflictDoNothing({ target: leaders.email }));
        // The id is the row's that holds the address now, inside this transaction: a mistake logged at the
        // same moment naming the same new leader may have inserted it first, under an id of its own.
        statements.push(
          db.insert(mistakes).values({ ...mistake, leaderId: null }),
          db
            .update(mistakes)
            .set({ leaderId: sql`(select ${leaders.id} from ${leaders} where ${leaders.email} = ${leader.email})` })
            .where(eq(mistakes.id, mistake.id)),
        );
      } else {
        statements.push(db.insert(mistakes).values(mistake));
      }
      for (const row of plan) statements.push(db.insert(checkins).values(row));
      await db.batch(statements as [Statement, ...Statement[]]);
    },

    async leaderIdFor(email: string): Promise<string | null> {
      const row = await db.select({ id: leaders.id }).from(leaders).where(eq(leaders.email, email)).get();
      return row?.id ?? null;
    },

    async get(id: string): Promise<MistakeRecord | null> {
      const [mistakeRows, checkinRows, updateRows] = await db.batch([
        db.select().from(mistakes).where(eq(mistakes.id, id)),
        db.select().from(checkins).where(eq(checkins.mistakeId, id)).orderBy(asc(checkins.seq)),
        db.select().from(updates).where(eq(updates.mistakeId, id)).orderBy(asc(updates.at), asc(updates.id)),
      ]);
      const mistake = mistakeRows[0];
      if (!mistake) return null;
      const leader = mistake.leaderId
        ? ((await db.select().from(leaders).where(eq(leaders.id, mistake.leaderId)).get()) ?? null)
        : null;
      return { mistake, leader, checkins: checkinRows, updates: updateRows };
    },

    async row(id: string): Promise<MistakeRow | null> {
      return (await db.select().from(mistakes).where(eq(mistakes.id, id)).get()) ?? null;
    },

    async rows(ids: string[]): Promise<MistakeRow[]> {
      if (ids.length === 0) return [];
      return db.select().from(mistakes).where(sql`${mistakes.id} in ${idList(ids)}`);
    },

    async leaderRows(ids: string[]): Promise<LeaderRow[]> {
      if (ids.length === 0) return [];
      return db.select().from(leaders).where(sql`${leaders.id} in ${idList(ids)}`);
    },

    /** Every mistake that names this address as leader: one parameter, however many there are. */
    async rowsByLeader(email: string): Promise<MistakeRow[]> {
      return db.select().from(mistakes).where(ledBy(email)).orderBy(asc(mistakes.createdAt));
    },

    /**
     * Every mistake of an owner, or every one naming a leader, with its check-ins (and, when asked, its updates):
     * four statements in one round trip whatever their number, the lists scoped by subquery, never by a list of ids.
     */
    async records(who: { owner: string } | { leader: string }, withUpdates: boolean): Promise<MistakeRecord[]> {
      const scope = 'owner' in who ? eq(mistakes.ownerEmail, who.owner) : ledBy(who.leader);
      const ids = db.select({ id: mistakes.id }).from(mistakes).where(scope);
      const [mistakeRows, leaderRows, checkinRows, updateRows] = await db.batch([
        db.select().from(mistakes).where(scope).orderBy(asc(mistakes.createdAt)),
        db.select().from(leaders).where(inArray(leaders.id, db.select({ id: mistakes.leaderId }).from(mistakes).where(scope))),
        db.select().from(checkins).where(inArray(checkins.mistakeId, ids)).orderBy(asc(checkins.seq)),
        withUpdates
          ? db.select().from(updates).where(inArray(updates.mistakeId, ids)).orderBy(asc(updates.at), asc(updates.id))
          : db.select().from(updates).where(sql`false`),
      ]);
      const leaderById = new Map(leaderRows.map((l) => [l.id, l]));
      const byMistake = <T extends { mistakeId: string }>(rows: T[]) => {
        const grouped = new Map<string, T[]>();
        for (const row of rows) {
          const list = grouped.get(row.mistakeId);
          if (list) list.push(row);
          else grouped.set(row.mistakeId, [row]);
        }
        return grouped;
      };
      const checkinsOf = byMistake(checkinRows);
      const updatesOf = byMistake(updateRows);
      return mistakeRows.map((mistake) => ({
        mistake,
        leader: mistake.leaderId ? (leaderById.get(mistake.leaderId) ?? null) : null,
        checkins: checkinsOf.get(mistake.id) ?? [],
        updates: updatesOf.get(mistake.id) ?? [],
      }));
    },

    /**
     * What the web's limits need to know about an owner address, in one statement: how many of its plans are active
     * or waiting for confirmation, and whether one of its plans already names this leader address.
     */
    async ownerStanding(owner: string, leaderEmail: string | null): Promise<{ openPlans: number; namedBefore: boolean }> {
      const named = leaderEmail
        ? sql`exists (select 1 from ${mistakes} m inner join ${leaders} l on l.id = m.leader_id where m.owner_email = ${owner} and l.email = ${leaderEmail})`
        : sql`0`;
      const row = await db
        .select({
          openPlans: sql<number>`(select count(*) from ${mistakes} m where m.owner_email = ${owner} and m.status in ('active', 'pending'))`,
          namedBefore: sql<number>`${named}`,
        })
        .from(sql`(select 1)`)
        .get();
      return { openPlans: row?.openPlans ?? 0, namedBefore: Boolean(row?.namedBefore) };
    },

    async idsByOwner(email: string): Promise<string[]> {
      const rows = await db.select({ id: mistakes.id }).from(mistakes).where(eq(mistakes.ownerEmail, email)).orderBy(asc(mistakes.createdAt));
      return rows.map((r) => r.id);
    },

    async idsByLeader(email: string): Promise<string[]> {
      const rows = await db
        .select({ id: mistakes.id })
        .from(mistakes)
        .innerJoin(leaders, eq(leaders.id, mistakes.leaderId))
        .where(eq(leaders.email, email))
        .orderBy(asc(mistakes.createdAt));
      return rows.map((r) => r.id);
    },

    async update(id: string, values: Partial<MistakeRow>): Promise<void> {
      await db.update(mistakes).set(values).where(eq(mistakes.id, id));
    },

    /** Pause: the mistake and every unsent check-in held, in one transaction. */
    async pause(id: string, at: number): Promise<void> {
      await db.batch([
        db.update(mistakes).set({ status: 'paused', pausedAt: at, updatedAt: at }).where(eq(mistakes.id, id)),
        db.update(checkins).set({ status: 'held' }).where(and(eq(checkins.mistakeId, id), inArray(checkins.status, ['scheduled', 'sending']))),
      ]);
    },

    /** Resume: held check-ins come back, each shifted by the length of the pause. */
    async resume(id: string, at: number, shiftMs: number): Promise<void> {
      await db.batch([
        db.update(mistakes).set({ status: 'active', pausedAt: null, updatedAt: at }).where(eq(mistakes.id, id)),
        db
          .update(checkins)
          .set({ status: 'scheduled', dueAt: sqlAdd(checkins.dueAt, shiftMs), claimedAt: null })
          .where(and(eq(checkins.mistakeId, id), eq(checkins.status, 'held'))),
      ]);
    },

    /** Ends the plan (resolved or closed): every check-in not yet sent is cancelled. */
    endStatements(id: string, status: 'resolved' | 'closed', at: number, revokeTokens: boolean): Statement[] {
      const statements: Statement[] = [
        db.update(mistakes).set({ status, endedAt: at, pausedAt: null, updatedAt: at }).where(eq(mistakes.id, id)),
        db
          .update(checkins)
          .set({ status: 'cancelled', claimedAt: null })
          .where(and(eq(checkins.mistakeId, id), inArray(checkins.status, ['scheduled', 'held', 'sending']))),
      ];
      if (revokeTokens) statements.push(db.update(tokens).set({ revokedAt: at }).where(eq(tokens.mistakeId, id)));
      return statements;
    },

    updateStatement(id: string, values: Partial<MistakeRow>) {
      return db.update(mistakes).set(values).where(eq(mistakes.id, id));
    },

    /**
     * Erases every row that belongs to the mistake, and the leader when no other mistake names them. Its people
     * go too once no mistake names their address any more (see forgetAddress); the suppression list stays.
     */
    async erase(mistake: Pick<MistakeRow, 'id' | 'leaderId' | 'ownerEmail'>): Promise<void> {
      const { id, leaderId } = mistake;
      const leader = leaderId ? await db.select({ email: leaders.email }).from(leaders).where(eq(leaders.id, leaderId)).get() : undefined;
      // Emails that spoke of this mistake among others (a leader's digest): their copies hold its words.
      const spokeOf = db.select({ key: emailMistakes.idempotencyKey }).from(emailMistakes).where(eq(emailMistakes.mistakeId, id));
      const statements: Statement[] = [
        db.delete(deadLetters).where(
          sql`(json_extract(${deadLetters.body}, '$.email.idempotencyKey') in ${spokeOf}
            or json_extract(${deadLetters.body}, '$.deliveryId') in (select ${deliveries.id} from ${deliveries} where ${deliveries.idempotencyKey} in ${spokeOf}))`,
        ),
        db.delete(outbox).where(inArray(outbox.id, spokeOf)),
        // One still waiting in the send queue is not sent: the consumer lets go of an email without its ledger row.
        db.delete(deliveries).where(and(inArray(deliveries.idempotencyKey, spokeOf), eq(deliveries.status, 'queued'))),
        db.delete(emailMistakes).where(eq(emailMistakes.mistakeId, id)),
        db.delete(tokens).where(eq(tokens.mistakeId, id)),
        db.delete(loginLinks).where(eq(loginLinks.mistakeId, id)),
        db.delete(outbox).where(eq(outbox.mistakeId, id)),
        db.delete(deliveries).where(eq(deliveries.mistakeId, id)),
        db.delete(deadLetters).where(eq(deadLetters.mistakeId, id)),
        db.delete(updates).where(eq(updates.mistakeId, id)),
        db.delete(checkins).where(eq(checkins.mistakeId, id)),
        db.delete(mistakes).where(eq(mistakes.id, id)),
      ];
      if (leaderId) {
        // Runs after the mistake's own delete in the same transaction: a leader no mistake names is erased too.
        const unnamed = notExists(db.select({ id: mistakes.id }).from(mistakes).where(eq(mistakes.leaderId, leaderId)));
        statements.push(
          // A leader with no zone of their own hears in the zone of their first plan's owner: erasing that plan
          // may move it, so a pending digest is due at once and the next run works out the period again.
          db.update(leaders).set({ nextDigestAt: 0 }).where(and(eq(leaders.id, leaderId), isNotNull(leaders.nextDigestAt))),
          db.delete(digests).where(and(eq(digests.leaderId, leaderId), unnamed)),
          db.delete(tokens).where(and(eq(tokens.leaderId, leaderId), unnamed)),
          db.delete(leaders).where(and(eq(leaders.id, leaderId), unnamed)),
        );
      }
      for (const address of new Set([mistake.ownerEmail, ...(leader ? [leader.email] : [])])) statements.push(...forgetAddress(db, address));
      await db.batch(statements as [Statement, ...Statement[]]);
    },
  };
}

/**
 * Once no mistake names an address (as owner or as leader), nothing about its person is kept: their sessions and
 * sign-in links, and the emails Mend sent them that belong to no mistake (sign-in links, digests) with their
 * ledger rows and dead letters. Each statement checks that condition itself, so in the erase's transaction it sees
 * the mistake already gone, and an address still named elsewhere keeps everything. The suppression list is not
 * touched: a request to get no more mail, a hard bounce or a complaint must outlive the erasure, or the next plan
 * naming the address would mail them again; it keeps the bare address and the reason, nothing else.
 */
function forgetAddress(db: Db, address: string): Statement[] {
  const unnamed = sql`not exists (select 1 from ${mistakes} where ${mistakes.ownerEmail} = ${address})
    and not exists (select 1 from ${mistakes} inner join ${leaders} on ${leaders.id} = ${mistakes.leaderId} where ${leaders.email} = ${address})`;
  const theirDeliveries = db.select({ id: deliveries.id }).from(deliveries).where(eq(deliveries.toEmail, address));
  return [
    db.delete(deadLetters).where(and(sql`(json_extract(${deadLetters.body}, '$.deliveryId') in ${theirDeliveries} or json_extract(${deadLetters.body}, '$.email.to') = ${address})`, unnamed)),
    db.delete(outbox).where(and(eq(outbox.toEmail, address), unnamed)),
    db.delete(deliveries).where(and(eq(deliveries.toEmail, address), unnamed)),
    db.delete(sessions).where(and(eq(sessions.email, address), unnamed)),
    db.delete(loginLinks).where(and(eq(loginLinks.email, address), unnamed)),
  ];
}

/** Mistakes whose leader row holds this address. */
const ledBy = (email: string): SQL => sql`${mistakes.leaderId} = (select ${leaders.id} from ${leaders} where ${leaders.email} = ${email})`;

function sqlAdd(column: Column, amount: number): SQL {
  return sql`${column} + ${amount}`;
}

export type MistakeStore = ReturnType<typeof mistakeStore>;
