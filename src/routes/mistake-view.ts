// How a mistake looks from outside (API JSON): internal states folded into the contract's words.
import { isSettled } from '../domain/answers';
import type { CheckinStatus } from '../domain/types';
import type { MistakeRecord } from '../store/mistakes';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

const PUBLIC_CHECKIN_STATUS: Record<CheckinStatus, string> = {
  scheduled: 'scheduled',
  held: 'scheduled',
  sending: 'scheduled',
  sent: 'sent',
  answered: 'answered',
  skipped: 'skipped',
  cancelled: 'cancelled',
};

export function mistakeView(record: MistakeRecord, now: number) {
  const { mistake, leader } = record;
  // A click that has stood its settle time counts even before the next scheduled run records that.
  const settledCheckins = new Set(
    record.updates.filter((u) => u.checkinId && u.author === 'owner' && isSettled(u, now)).map((u) => u.checkinId),
  );
  return {
    id: mistake.id,
    status: mistake.status,
    title: mistake.title,
    description: mistake.description,
    impact: mistake.impact,
    owner: { email: mistake.ownerEmail, name: mistake.ownerName, timeZone: mistake.ownerTimeZone },
    leader: leader
      ? { email: leader.email, name: leader.name, timeZone: leader.timeZone ?? mistake.ownerTimeZone, digest: leader.frequency, stopped: leader.stoppedAt !== null }
      : null,
    startAt: iso(mistake.startAt),
    skipWeekends: mistake.skipWeekends,
    cadence: mistake.cadence,
    createdAt: iso(mistake.createdAt),
    pausedAt: iso(mistake.pausedAt),
    endedAt: iso(mistake.endedAt),
    checkins: record.checkins.map((c) => ({
      id: c.id,
      step: c.step,
      day: c.day,
      dueAt: iso(c.dueAt),
      status: c.status === 'sent' && settledCheckins.has(c.id) ? 'answered' : PUBLIC_CHECKIN_STATUS[c.status],
      sentAt: iso(c.sentAt),
      answeredAt: iso(c.answeredAt),
      late: c.late,
    })),
    updates: record.updates.map((u) => ({
      id: u.id,
      kind: u.kind,
      ...(u.status ? { status: u.status } : {}),
      ...(u.text !== null ? { text: u.text } : {}),
      at: iso(u.at),
      via: u.via,
      author: u.author,
      checkinId: u.checkinId,
      settled: isSettled(u, now),
    })),
  };
}

export type MistakeView = ReturnType<typeof mistakeView>;
