export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** The one clock the domain sees: injected, so a 90-day plan runs in milliseconds in tests. */
export interface Clock {
  now(): number;
}

export const fixedClock = (at: number): Clock => ({ now: () => at });
