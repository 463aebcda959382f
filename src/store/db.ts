import { drizzle } from 'drizzle-orm/d1';
import * as schema from './schema';

export const openDb = (d1: D1Database) => drizzle(d1, { schema });
export type Db = ReturnType<typeof openDb>;

export type MistakeRow = typeof schema.mistakes.$inferSelect;
export type CheckinRow = typeof schema.checkins.$inferSelect;
export type UpdateRow = typeof schema.updates.$inferSelect;
export type LeaderRow = typeof schema.leaders.$inferSelect;
export type TokenRow = typeof schema.tokens.$inferSelect;
export type OutboxRow = typeof schema.outbox.$inferSelect;
export type DeliveryRow = typeof schema.deliveries.$inferSelect;

/** D1 runs a batch as one transaction: either every statement lands or none does. */
export type Statement = Parameters<Db['batch']>[0][number];
