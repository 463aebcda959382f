// How a mistake looks from outside (API JSON): internal states folded into the contract's words.
import { isSettled } from '../domain/settle';
import { reflectOn } from '../domain/reflection';
import type { CheckinStatus } from '../domain/types';
import type { DeliveryRow } from '../store';
import type { DeadLetterRow } from '../store/mail';
import type { MistakeRecord } from '../store/mistakes';
import type { MistakeView } from './api-responses';
import { deadLetterView } from './dead-letters';

function iso(ms: number): string;
function iso(ms: number | null): string | null;
function iso(ms: number | null) {
  return ms === null ? null : new Date(ms).toISOString();
}

const PUBLIC_CHECKIN_STATUS: Record<CheckinStatus, MistakeView['checkins'][number]['status']> = {
  scheduled: 'scheduled',
  held: 'scheduled',
  sending: 'scheduled',
  sent: 'sent',
  answered: 'answered',
  skipped: 'skipped',
  cancelled: 'cancelled',
};

/** What became of the mistake's emails: the ledger, what the send queue gave up on, and stopped addresses. */
export interface MailRecord {
  deliveries: DeliveryRow[];
  deadLetters: DeadLetterRow[];
  /** Lower-cased addresses on the suppression list, and why (a hard bounce or a complaint). */
  suppressed: Map<string, 'bounced' | 'complained' | 'unsubscribed' | 'declined'>;
}

export function mistakeView(record: MistakeRecord, now: number, mail: MailRecord): MistakeView {
  const { mistake, leader } = record;
  // Mend sends nothing more to an address that bounced hard or complained (the suppression list).
  const mailState = (email: string) => {
    const reason = mail.suppressed.get(email.trim().toLowerCase()) ?? null;
    return { bounced: reason === 'bounced', ...(reason ? { mailStopped: reason } : {}) };
  };
  // A click that has stood its settle time counts even before the next scheduled run records that.
  const settledCheckins = new Set(
    record.updates.filter((u) => u.checkinId && u.author === 'owner' && isSettled(u, now, record.updates)).map((u) => u.checkinId),
  );
  return {
    id: mistake.id,
    status: mistake.status,
    title: mistake.title,
    description: mistake.description,
    impact: mistake.impact,
    owner: { email: mistake.ownerEmail, name: mistake.ownerName, timeZone: mistake.ownerTimeZone, ...mailState(mistake.ownerEmail) },
    leader: leader
      ? { email: leader.email, name: mistake.leaderName, timeZone: leader.timeZone ?? mistake.ownerTimeZone, digest: leader.frequency, stopped: leader.stoppedAt !== null, ...mailState(leader.email) }
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
      settled: isSettled(u, now, record.updates),
    })),
    deliveries: mail.deliveries.map((d) => ({
      id: d.id,
      kind: d.kind,
      to: d.toEmail,
      status: d.status,
      // While queued the column holds the send unit's claim, which is no provider's id.
      providerId: d.status === 'queued' ? null : d.providerId,
      at: iso(d.createdAt),
      sentAt: iso(d.sentAt),
      ...(d.error && d.status !== 'sent' && d.status !== 'delivered' ? { error: d.error } : {}),
    })),
    deadLetters: mail.deadLetters.map(deadLetterView),
    reflection: reflectOn(mistake),
  };
}
