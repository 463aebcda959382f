// One mistake's story in time order: each check-in with the answers it got, and the leader's acknowledgements
// between them. Pure: built from the rows the store returns, so the owner's and the leader's pages agree.
import { isSettled } from '../domain/settle';
import type { CheckinRow, UpdateRow } from '../store';
import type { MistakeRecord } from '../store/mistakes';

export interface AnswerVersion {
  update: UpdateRow;
  /** A one-click status that has not stood its settle time yet: shown, but it does not count yet. */
  settling: boolean;
}

export interface CheckinEntry {
  type: 'checkin';
  at: number;
  checkin: CheckinRow;
  /** Statuses, newest last. */
  statuses: AnswerVersion[];
  /** Written answers, newest last: the last is what counts, the earlier ones are kept as they were. */
  texts: AnswerVersion[];
}

export interface AckEntry {
  type: 'ack';
  at: number;
  update: UpdateRow;
}

/** An owner's answer tied to no check-in (none today, but the data allows it): shown on its own. */
export interface LooseEntry {
  type: 'answer';
  at: number;
  update: UpdateRow;
}

export type TimelineEntry = CheckinEntry | AckEntry | LooseEntry;

const live = (u: UpdateRow) => u.state !== 'void';

export function buildTimeline(record: Pick<MistakeRecord, 'checkins' | 'updates'>, now: number): TimelineEntry[] {
  const byCheckin = new Map<string, UpdateRow[]>();
  const entries: TimelineEntry[] = [];
  for (const update of record.updates.filter(live)) {
    if (update.author === 'leader' || update.kind === 'ack') {
      entries.push({ type: 'ack', at: update.at, update });
    } else if (update.checkinId) {
      byCheckin.set(update.checkinId, [...(byCheckin.get(update.checkinId) ?? []), update]);
    } else {
      entries.push({ type: 'answer', at: update.at, update });
    }
  }
  for (const checkin of record.checkins) {
    const answers = (byCheckin.get(checkin.id) ?? []).map((update) => ({ update, settling: !isSettled(update, now, record.updates) }));
    entries.push({
      type: 'checkin',
      at: checkin.sentAt ?? checkin.dueAt,
      checkin,
      statuses: answers.filter((a) => a.update.kind === 'status'),
      texts: answers.filter((a) => a.update.kind !== 'status' && a.update.text !== null),
    });
  }
  // Stable order for equal times: check-ins keep their plan order, an acknowledgement follows what it answers.
  const rank = (e: TimelineEntry) => (e.type === 'checkin' ? 0 : 1);
  return entries
    .map((entry, index) => ({ entry, index }))
    .sort((a, b) => a.entry.at - b.entry.at || rank(a.entry) - rank(b.entry) || a.index - b.index)
    .map((x) => x.entry);
}

/** The latest written answer of a check-in, for prefilling the edit form. */
export function latestText(record: Pick<MistakeRecord, 'updates'>, checkinId: string): string | null {
  const texts = record.updates.filter((u) => live(u) && u.author === 'owner' && u.checkinId === checkinId && u.kind !== 'status' && u.text !== null);
  return texts.length ? texts[texts.length - 1]!.text : null;
}
