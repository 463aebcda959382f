// The queries behind what a leader receives (introduction, digest, alert, closing report) and the owner's
// reminders and ack notices, one file per concern beside src/domain/leaders/*. Every scheduled query reads
// through a partial index of what is due, so a run with nothing to do reads next to nothing; the digest reads
// one leader's plans in a fixed number of queries. `store.leaders` is all of them together.
import { and, eq } from 'drizzle-orm';
import type { Db, LeaderRow } from '../db';
import { leaders } from '../schema';
import { ackNoticeStore } from './ack-notices';
import { alertStore } from './alerts';
import { leaderChoiceStore } from './choices';
import { closingStore } from './closing';
import { digestDataStore } from './digest-data';
import { digestScheduleStore } from './digest-schedule';
import { introStore } from './intro';
import { reminderStore } from './reminders';
import { mailable } from './shared';
import { leaderTokenStore } from './tokens';

export type { AckRow } from './ack-notices';
export type { AlertRow } from './alerts';
export type { DigestPlanRow, NewsRow } from './digest-data';
export type { DigestLeader } from './digest-schedule';

export function leaderStore(db: Db) {
  return {
    async get(id: string): Promise<LeaderRow | null> {
      return (await db.select().from(leaders).where(eq(leaders.id, id)).get()) ?? null;
    },

    async isMailable(leaderId: string): Promise<boolean> {
      const row = await db.select({ id: leaders.id }).from(leaders).where(and(eq(leaders.id, leaderId), mailable())).get();
      return row !== undefined;
    },

    ...introStore(db),
    ...closingStore(db),
    ...alertStore(db),
    ...ackNoticeStore(db),
    ...reminderStore(db),
    ...digestScheduleStore(db),
    ...digestDataStore(db),
    ...leaderTokenStore(db),
    ...leaderChoiceStore(db),
  };
}

export type LeaderStore = ReturnType<typeof leaderStore>;
