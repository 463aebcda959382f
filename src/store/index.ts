import { checkinStore } from './checkins';
import { openDb, type Db, type Statement } from './db';
import { devClockStore } from './dev-clock';
import { leaderStore } from './leaders';
import { limitStore } from './limits';
import { mailStore } from './mail';
import { mistakeStore } from './mistakes';
import { tokenStore } from './tokens';
import { updateStore } from './updates';
import { webAuthStore } from './web-auth';

export function openStore(d1: D1Database) {
  const db: Db = openDb(d1);
  return {
    mistakes: mistakeStore(db),
    checkins: checkinStore(db),
    updates: updateStore(db),
    tokens: tokenStore(db),
    mail: mailStore(db),
    devClock: devClockStore(db),
    leaders: leaderStore(db),
    webAuth: webAuthStore(db),
    limits: limitStore(db),
    /** Runs statements built by the stores above as one transaction. */
    async atomically(statements: Statement[]): Promise<void> {
      if (statements.length === 0) return;
      await db.batch(statements as [Statement, ...Statement[]]);
    },
  };
}

export type Store = ReturnType<typeof openStore>;
export type { Statement } from './db';
export type { CheckinRow, DeliveryRow, LeaderRow, MistakeRow, OutboxRow, TokenRow, UpdateRow } from './db';
export type { LoginLinkRow, SessionRow } from './web-auth';
