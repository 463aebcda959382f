// A leader's acknowledgement from the web page: "thank you for telling me" or "let's talk", recorded as an
// update (kind 'ack', author 'leader') that the owner sees on the timeline. Written here because no shared ack
// function existed yet when the web pages were built; the leader emails record theirs the same way.
import type { Deps } from '../domain/deps';
import type { MistakeRow, UpdateRow } from '../store';
import type { MistakeRecord } from '../store/mistakes';

export const ACK_STATUSES = ['thanks', 'talk'] as const;
export type AckStatus = (typeof ACK_STATUSES)[number];

/** Pressing the same button twice (or a double click) within this time records it once. */
const REPEAT_WINDOW_MS = 24 * 60 * 60 * 1000;

export async function acknowledgeFromPage(
  deps: Pick<Deps, 'store'>,
  record: Pick<MistakeRecord, 'updates'> & { mistake: MistakeRow },
  status: AckStatus,
  now: number,
): Promise<{ recorded: boolean }> {
  const last = record.updates.filter((u) => u.kind === 'ack' && u.author === 'leader' && u.state !== 'void').at(-1);
  if (last && last.status === status && now - last.at < REPEAT_WINDOW_MS) return { recorded: false };
  const update: UpdateRow = {
    id: crypto.randomUUID(),
    mistakeId: record.mistake.id,
    checkinId: null,
    author: 'leader',
    kind: 'ack',
    status,
    text: null,
    via: 'form',
    at: now,
    clickSource: null,
    // A person pressed a button on a page they signed in to: it counts at once, like the owner's own answers.
    state: 'counted',
    settlesAt: now,
    appliedAt: now,
  };
  await deps.store.updates.insert(update);
  return { recorded: true };
}
