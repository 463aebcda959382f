// A leader's acknowledgement from the signed-in web page: "thank you for telling me" or "let's talk", recorded as
// an update (kind 'ack', author 'leader', via 'form') that the owner sees on the timeline and is told about by
// email (src/domain/leaders/ack-notices picks up every counted ack). The leaders' own recordAck is bound to an
// email link's token and its settle rule; a press on a page the leader signed in to is a person, so it counts at
// once, as recordAck's "changed on the page" path does.
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
