// The one clock. Scheduled work takes scheduledTime; requests take real time; in local development both
// run on the time-travel offset, so a whole plan can be lived in a minute with one consistent clock.
import { isLocalDevelopment, type Config } from './config';
import type { Store } from './store';

export async function requestNow(config: Config, store: Store): Promise<number> {
  if (!isLocalDevelopment(config)) return Date.now();
  return Date.now() + ((await store.devClock.offset()) ?? 0);
}

/**
 * A scheduled run does the work due at its scheduledTime. After a time travel, the development world
 * never runs behind the travelled clock: a real cron tick, or an earlier ?time=, runs at the travelled now.
 */
export async function scheduledNow(config: Config, store: Store, scheduledTime: number): Promise<number> {
  if (!isLocalDevelopment(config)) return scheduledTime;
  const offset = await store.devClock.offset();
  return offset === null ? scheduledTime : Math.max(scheduledTime, Date.now() + offset);
}
