// What a leader's page shows, in the digest's order: blocked first, then silent or overdue, then the rest,
// and plans that have ended last.
import type { MistakeRecord } from '../store/mistakes';
import { DAY } from '../domain/time';

/** A check-in sent this long ago and still unanswered makes the plan "silent". */
export const SILENT_AFTER_MS = 2 * DAY;

export type Attention = 'blocked' | 'silent' | 'rest' | 'ended';

export interface LeaderItem {
  record: MistakeRecord;
  attention: Attention;
  unanswered: number;
}

const RANK: Record<Attention, number> = { blocked: 0, silent: 1, rest: 2, ended: 3 };

export function attentionOf(record: MistakeRecord, now: number): Attention {
  const { mistake } = record;
  if (mistake.status === 'resolved' || mistake.status === 'closed') return 'ended';
  if (mistake.lastStatus === 'blocked') return 'blocked';
  const silent = record.checkins.some((c) => c.status === 'sent' && c.sentAt !== null && now - c.sentAt > SILENT_AFTER_MS);
  return silent ? 'silent' : 'rest';
}

export function leaderOrder(records: MistakeRecord[], now: number): LeaderItem[] {
  return records
    .map((record) => ({ record, attention: attentionOf(record, now), unanswered: record.checkins.filter((c) => c.status === 'sent').length }))
    .sort((a, b) => RANK[a.attention] - RANK[b.attention] || a.record.mistake.createdAt - b.record.mistake.createdAt);
}
