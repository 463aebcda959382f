import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db, DeliveryRow, OutboxRow, Statement } from './db';
import { idList } from './id-list';
import { deadLetters, deliveries, outbox, suppressions, webhookEvents } from './schema';
import { normalEmail } from '../lib/email-address';

export type DeliveryStatus = DeliveryRow['status'];
export type SuppressionRow = typeof suppressions.$inferSelect;
export type DeadLetterRow = typeof deadLetters.$inferSelect;

/**
 * While an email waits in the send queue its provider_id is null, or `unit:<id>` once a send unit (one
 * Resend batch, jobs/send-queue.ts) has taken it: only that unit may send it. Resend's id replaces the
 * claim when Resend accepts the email. Resend's ids are UUIDs, so a claim never matches a webhook.
 */
export const unitClaim = (unitId: string) => `unit:${unitId}`;

/** Where a provider's event may move a delivery from: the ledger only moves forward. */
const MAY_FOLLOW: Record<'sent' | 'delivered' | 'bounced' | 'complained' | 'failed', DeliveryStatus[]> = {
  sent: ['queued'],
  delivered: ['queued', 'sent'],
  bounced: ['queued', 'sent', 'delivered'],
  complained: ['queued', 'sent', 'delivered', 'bounced'],
  failed: ['queued', 'sent'],
};

export interface ProviderEvent {
  /** The webhook's own id (svix-id): an event seen before changes nothing. */
  eventId: string;
  providerId: string;
  status: keyof typeof MAY_FOLLOW | null;
  error: string | null;
  /** Put the delivery's address on the suppression list, for this reason. */
  suppress: SuppressionRow['reason'] | null;
  at: number;
}

export function mailStore(db: Db) {
  return {
    /** A delivery row per email, keyed by its idempotency key: a retried send finds the row it left. */
    async openDelivery(row: DeliveryRow): Promise<DeliveryRow> {
      await db.insert(deliveries).values(row).onConflictDoNothing({ target: deliveries.idempotencyKey });
      const found = await db.select().from(deliveries).where(eq(deliveries.idempotencyKey, row.idempotencyKey)).get();
      return found ?? row;
    },

    markDeliveryStatement(id: string, values: Pick<DeliveryRow, 'status'> & Partial<DeliveryRow>) {
      return db.update(deliveries).set(values).where(eq(deliveries.id, id));
    },

    async markDelivery(id: string, values: Pick<DeliveryRow, 'status'> & Partial<DeliveryRow>): Promise<void> {
      await db.update(deliveries).set(values).where(eq(deliveries.id, id));
    },

    async deliveriesByIds(ids: string[]): Promise<DeliveryRow[]> {
      if (ids.length === 0) return [];
      return db.select().from(deliveries).where(sql`${deliveries.id} in ${idList(ids)}`);
    },

    /**
     * Takes still-unsent deliveries for a send unit, or finds those it took before: what comes back is the
     * unit's membership, the same on every retry of the unit. Deliveries another unit took are left to it.
     */
    async claimForUnit(unitId: string, ids: string[]): Promise<Pick<DeliveryRow, 'id' | 'idempotencyKey'>[]> {
      const claim = unitClaim(unitId);
      return db
        .update(deliveries)
        .set({ providerId: claim })
        .where(
          and(
            sql`${deliveries.id} in ${idList(ids)}`,
            eq(deliveries.status, 'queued'),
            sql`(${deliveries.providerId} is null or ${deliveries.providerId} = ${claim})`,
          ),
        )
        .returning({ id: deliveries.id, idempotencyKey: deliveries.idempotencyKey });
    },

    /** What Resend answered for a unit's members, in one transaction; only rows the unit still holds change. */
    async recordUnit(unitId: string, outcomes: { id: string; providerId: string | null; error: string | null; subject?: string }[], now: number): Promise<void> {
      const claim = unitClaim(unitId);
      const statements: Statement[] = outcomes.map((o) =>
        db
          .update(deliveries)
          .set({
            ...(o.providerId ? { status: 'sent', providerId: o.providerId, sentAt: now, error: null } : { status: 'failed', providerId: null, error: (o.error ?? 'refused').slice(0, 500) }),
            // The subject of an email the consumer rendered is known only now.
            ...(o.subject !== undefined ? { subject: o.subject } : {}),
          })
          .where(and(eq(deliveries.id, o.id), eq(deliveries.status, 'queued'), eq(deliveries.providerId, claim))),
      );
      if (statements.length > 0) await db.batch(statements as [Statement, ...Statement[]]);
    },

    /** Notes why a queued email has not gone yet, without touching its claim. */
    async noteDeliveryError(ids: string[], error: string): Promise<void> {
      if (ids.length === 0) return;
      await db
        .update(deliveries)
        .set({ error: error.slice(0, 500) })
        .where(and(sql`${deliveries.id} in ${idList(ids)}`, eq(deliveries.status, 'queued')));
    },

    async suppression(email: string): Promise<SuppressionRow | null> {
      return (await db.select().from(suppressions).where(eq(suppressions.email, normalEmail(email))).get()) ?? null;
    },

    /**
     * "This was not me": every Mend email to the address stops. A leader's own "stop" (leader mail only) becomes
     * this wider one; a bounce or a complaint already stops everything and stays as it is.
     */
    async decline(email: string, now: number): Promise<void> {
      await db
        .insert(suppressions)
        .values({ email, reason: 'declined', at: now })
        .onConflictDoUpdate({ target: suppressions.email, set: { reason: 'declined', at: now }, setWhere: eq(suppressions.reason, 'unsubscribed') });
    },

    /** The address asked for mail again: a "this was not me" no longer stands (any other suppression does). */
    async lift(email: string): Promise<boolean> {
      const lifted = await db.delete(suppressions).where(and(eq(suppressions.email, email), eq(suppressions.reason, 'declined'))).returning({ email: suppressions.email });
      return lifted.length > 0;
    },

    /** Which of these addresses are on the list, and why (keys lower-cased). */
    async suppressedAmong(emails: string[]): Promise<Map<string, SuppressionRow['reason']>> {
      const wanted = [...new Set(emails.map(normalEmail))];
      if (wanted.length === 0) return new Map();
      const rows = await db.select().from(suppressions).where(sql`${suppressions.email} in ${idList(wanted)}`);
      return new Map(rows.map((r) => [r.email, r.reason]));
    },

    /**
     * Applies a provider's event once: the ledger moves forward, a hard bounce or a complaint suppresses the
     * address, and the event id is remembered, all in one transaction. Every change is guarded by the event
     * not having been seen, so a replay changes nothing. Resolves false for a replay.
     */
    async applyProviderEvent(event: ProviderEvent): Promise<boolean> {
      const unseen = sql`not exists (select 1 from ${webhookEvents} where ${webhookEvents.id} = ${event.eventId})`;
      const statements: Statement[] = [];
      if (event.status) {
        statements.push(
          db
            .update(deliveries)
            .set({ status: event.status, ...(event.error ? { error: event.error.slice(0, 500) } : {}) })
            .where(and(eq(deliveries.providerId, event.providerId), inArray(deliveries.status, MAY_FOLLOW[event.status]), unseen)),
        );
      }
      if (event.suppress) {
        // The address Mend sent the email to, from the ledger: an event for an email Mend has no row for (an
        // erased mistake, another system on the same account) suppresses nothing.
        statements.push(
          db
            .insert(suppressions)
            .select(
              db
                .select({
                  email: sql<string>`lower(${deliveries.toEmail})`.as('email'),
                  reason: sql<SuppressionRow['reason']>`${event.suppress}`.as('reason'),
                  at: sql<number>`${event.at}`.as('at'),
                })
                .from(deliveries)
                .where(and(eq(deliveries.providerId, event.providerId), unseen)),
            )
            .onConflictDoNothing(),
        );
      }
      statements.push(db.insert(webhookEvents).values({ id: event.eventId, receivedAt: event.at }).onConflictDoNothing().returning({ id: webhookEvents.id }));
      const results = await db.batch(statements as [Statement, ...Statement[]]);
      return (results.at(-1) as unknown[]).length > 0;
    },

    async addDeadLetters(rows: DeadLetterRow[]): Promise<void> {
      if (rows.length === 0) return;
      const statements: Statement[] = rows.map((row) => db.insert(deadLetters).values(row).onConflictDoNothing());
      await db.batch(statements as [Statement, ...Statement[]]);
    },

    async listDeadLetters(limit: number): Promise<DeadLetterRow[]> {
      return db.select().from(deadLetters).orderBy(desc(deadLetters.createdAt), desc(deadLetters.id)).limit(limit);
    },

    async deadLettersFor(mistakeId: string): Promise<DeadLetterRow[]> {
      return db.select().from(deadLetters).where(eq(deadLetters.mistakeId, mistakeId)).orderBy(deadLetters.createdAt);
    },

    /** The outbox row's id is the delivery's idempotency key, so storing it twice stores it once. */
    /**
     * The ledger row of an email recorded in the same transaction as its sending (the local outbox): it is
     * written as sent. A row an earlier attempt left queued or failed is brought up to date; one further
     * along is left as it is.
     */
    recordSentStatement(row: DeliveryRow) {
      return db
        .insert(deliveries)
        .values(row)
        .onConflictDoUpdate({
          target: deliveries.idempotencyKey,
          set: { status: 'sent', providerId: row.providerId, sentAt: row.sentAt, subject: row.subject, error: null },
          setWhere: sql`${deliveries.status} in ('queued', 'failed')`,
        });
    },

    putOutboxStatement(row: OutboxRow) {
      return db.insert(outbox).values(row).onConflictDoNothing({ target: outbox.id });
    },

    async putOutbox(row: OutboxRow): Promise<void> {
      await db.insert(outbox).values(row).onConflictDoNothing({ target: outbox.id });
    },

    async listOutbox(limit: number): Promise<OutboxRow[]> {
      return db.select().from(outbox).orderBy(desc(outbox.createdAt), desc(outbox.id)).limit(limit);
    },

    async outboxEmail(id: string): Promise<OutboxRow | null> {
      return (await db.select().from(outbox).where(eq(outbox.id, id)).get()) ?? null;
    },

    /** Whether an email of this kind about this plan was sent (or is on its way) since `since`. */
    async sentAboutSince(mistakeId: string, kind: string, since: number): Promise<boolean> {
      const row = await db
        .select({ id: deliveries.id })
        .from(deliveries)
        .where(and(eq(deliveries.mistakeId, mistakeId), eq(deliveries.kind, kind), sql`${deliveries.status} <> 'failed'`, sql`${deliveries.createdAt} > ${since}`))
        .limit(1)
        .get();
      return row !== undefined;
    },

    async deliveriesFor(mistakeId: string): Promise<DeliveryRow[]> {
      return db.select().from(deliveries).where(eq(deliveries.mistakeId, mistakeId)).orderBy(deliveries.createdAt);
    },
  };
}

export type MailStore = ReturnType<typeof mailStore>;
