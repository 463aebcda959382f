import { and, desc, eq } from 'drizzle-orm';
import type { Db, DeliveryRow, OutboxRow } from './db';
import { deliveries, outbox } from './schema';

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

    /** The outbox row's id is the delivery's idempotency key, so storing it twice stores it once. */
    async putOutbox(row: OutboxRow): Promise<void> {
      await db.insert(outbox).values(row).onConflictDoNothing({ target: outbox.id });
    },

    async listOutbox(limit: number): Promise<OutboxRow[]> {
      return db.select().from(outbox).orderBy(desc(outbox.createdAt), desc(outbox.id)).limit(limit);
    },

    async outboxEmail(id: string): Promise<OutboxRow | null> {
      return (await db.select().from(outbox).where(eq(outbox.id, id)).get()) ?? null;
    },

    async deliveriesFor(mistakeId: string): Promise<DeliveryRow[]> {
      return db.select().from(deliveries).where(and(eq(deliveries.mistakeId, mistakeId))).orderBy(deliveries.createdAt);
    },
  };
}

export type MailStore = ReturnType<typeof mailStore>;
