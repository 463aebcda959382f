// Answers that arrive by email. A reply is bound to its check-in by the token in the address it was sent to
// (reply+<token>@…, minted with the check-in email) and to the owner by the sender's address: the From header
// alone can be forged, the token cannot be guessed, so both must hold, and the envelope sender must be the owner's
// too. Where the receiving side checked the sender (Authentication-Results), a failed check refuses the reply;
// where nobody could check, a `done` (which ends the plan) is kept as a note and the receipt asks to confirm it.
// What the person wrote above the quote is recorded once, however often the message is delivered, and a receipt
// says what was kept.
import type { SenderAuthentication } from '../inbound/authentication';
import type { InboundMessage } from '../inbound/parse-message';
import { readStatusPrefix } from '../inbound/reply-status';
import { stripReply } from '../inbound/strip-reply';
import { replyTokenId, replyTokenIn } from '../links/reply-address';
import { tokenProblem } from '../links/tokens';
import { linkUrls } from '../links/urls';
import { sha256Hex } from '../lib/encoding';
import type { CheckinRow, MistakeRow, UpdateRow } from '../store';
import { AnswerRefused, recordText } from './answers';
import type { Deps } from './deps';
import { leaderNameOf, leaderOf } from './leaders/leader-mail';
import { sendEmail, toOwner } from './send';
import type { ProgressStatus } from './types';
import { normalEmail } from '../lib/email-address';

export interface InboundReply {
  /** The envelope recipient (RCPT TO): the Reply-To address the person answered. */
  recipient: string;
  /** The envelope sender (MAIL FROM). */
  envelopeFrom: string;
  /** What the receiving side's Authentication-Results say of the From address. */
  authentication: SenderAuthentication;
  message: InboundMessage;
  /** The same for every delivery of one message: its Message-ID, or a hash of its bytes when it has none. */
  messageKey: string;
}

export type ReplyRejection =
  | 'no_address'
  | 'unknown'
  | 'expired'
  | 'revoked'
  | 'wrong_sender'
  | 'unauthenticated'
  | 'empty'
  | 'too_long'
  | 'plan_ended'
  | 'not_recordable';

export type ReplyOutcome =
  | { recorded: true; mistakeId: string; checkinId: string; updates: UpdateRow[]; receipt: 'sent' | 'not_sent'; doneToConfirm: boolean }
  | { recorded: false; reason: ReplyRejection };

/**
 * What the sender reads in the bounce. SMTP reply text: one line of ASCII, no personal data, and always what
 * to do instead, since their words were not recorded.
 */
export const REJECTION_TEXT: Record<ReplyRejection, string> = {
  no_address: 'This address does not belong to a Mend check-in. Reply to the check-in email itself.',
  unknown: 'Mend does not recognise this reply address. Reply to the check-in email itself, or use the links in it.',
  expired: "This check-in's reply address has expired. Open a link in the check-in email to ask for a fresh one.",
  revoked: 'This plan was closed, so Mend no longer records replies to its check-ins.',
  wrong_sender: 'Mend records replies to a check-in only from the address it was sent to. Please reply from that address.',
  unauthenticated: "Your mail provider's checks could not confirm this reply came from your address, so Mend did not record it. Use the links in the check-in email instead.",
  empty: 'Mend found no words of your own in this reply, only the quoted email. Write your answer above the quoted text and send it again.',
  too_long: 'This reply is longer than 10,000 characters. Please shorten it, or use the answer form linked in the check-in email.',
  plan_ended: 'This plan has ended, so there is nothing more to record for this check-in.',
  not_recordable: 'Mend cannot record a reply to this email. Use the links in the check-in email instead.',
};

const REFUSAL_REJECTION: Record<AnswerRefused['reason'], ReplyRejection> = {
  empty: 'empty',
  too_long: 'too_long',
  plan_ended: 'plan_ended',
  not_progress: 'not_recordable',
  no_checkin: 'not_recordable',
};

/** The address of an envelope sender, which may come bracketed ("<a@b>"), lower-cased. */
const bareAddress = (sender: string) => normalEmail(sender.trim().replace(/^<(.*)>$/, '$1'));

/** The answer form, and for a `done` nobody could authenticate, the one-click page that records it. */
const receiptLinks = (urls: ReturnType<typeof linkUrls>, doneToConfirm: boolean) => ({
  edit: urls.answer,
  ...(doneToConfirm ? { confirmDone: urls.status('done') } : {}),
});

/** A Message-ID safe to write back into In-Reply-To: one bracketed token, no spaces or line breaks. */
const SAFE_MESSAGE_ID = /^<[^<>\s]{1,500}>$/;

/** The reply token of the first reply address among the envelope recipient and the To header. */
function findReplyToken(reply: InboundReply): string | null {
  for (const address of [reply.recipient, ...reply.message.to]) {
    const token = replyTokenIn(address);
    if (token) return token;
  }
  return null;
}

export async function receiveReply(deps: Deps, reply: InboundReply, now: number): Promise<ReplyOutcome> {
  const { store } = deps;
  const token = findReplyToken(reply);
  if (!token) return { recorded: false, reason: 'no_address' };
  const row = await store.tokens.find(await replyTokenId(deps.tokens, token));
  const problem = tokenProblem(row, now);
  if (problem || !row) return { recorded: false, reason: problem === 'expired' || problem === 'revoked' ? problem : 'unknown' };
  const mistake = await store.mistakes.row(row.mistakeId);
  const checkin = row.checkinId ? await store.checkins.get(row.checkinId) : null;
  if (!mistake) return { recorded: false, reason: 'revoked' };
  if (row.role !== 'owner' || !checkin) return { recorded: false, reason: 'not_recordable' };
  const owner = normalEmail(mistake.ownerEmail);
  if (reply.message.from === '' || reply.message.from !== owner || bareAddress(reply.envelopeFrom) !== owner) {
    return { recorded: false, reason: 'wrong_sender' };
  }
  if (reply.authentication === 'fail') return { recorded: false, reason: 'unauthenticated' };

  const written = stripReply(reply.message.text);
  const read = checkin.step === 'progress' ? readStatusPrefix(written) : { status: undefined, rest: written };
  // Anyone who saw the reply address could write "Done": unless the sender was authenticated, it stays words.
  const doneToConfirm = read.status === 'done' && reply.authentication !== 'pass';
  const { status, rest } = doneToConfirm ? { status: undefined, rest: written.trim() } : read;
  // Scoped to the check-in: one message sent to two reply addresses answers both.
  const key = `reply-${await sha256Hex(`${row.id}\n${reply.messageKey}`)}`;
  let updates: UpdateRow[];
  try {
    updates = await recordText(deps, { token: null, mistake, checkin }, { text: rest, via: 'email', once: key, ...(status ? { status } : {}) }, now);
  } catch (error) {
    if (error instanceof AnswerRefused) return { recorded: false, reason: REFUSAL_REJECTION[error.reason] };
    throw error;
  }
  deps.log('reply.recorded', { mistakeId: mistake.id, checkinId: checkin.id, updates: updates.length });

  const receipt = await sendReceipt(deps, mistake, checkin, updates, key, reply.message.messageId, now, doneToConfirm);
  return { recorded: true, mistakeId: mistake.id, checkinId: checkin.id, updates, receipt, doneToConfirm };
}

/** What was recorded, and a link to the check-in's answer form. Once per message: its key is the reply's. */
async function sendReceipt(
  deps: Deps,
  mistake: MistakeRow,
  checkin: CheckinRow,
  updates: UpdateRow[],
  key: string,
  messageId: string | undefined,
  now: number,
  doneToConfirm: boolean,
): Promise<'sent' | 'not_sent'> {
  const leader = await leaderOf(deps, mistake);
  const status = updates.find((u) => u.kind === 'status')?.status as ProgressStatus | undefined;
  const text = updates.find((u) => u.kind !== 'status')?.text ?? undefined;
  // The postman marks it Auto-Submitted, as every email, so out-of-office responders do not answer it in turn.
  const headers: Record<string, string> = {};
  if (messageId && SAFE_MESSAGE_ID.test(messageId)) Object.assign(headers, { 'In-Reply-To': messageId, References: messageId });
  const outcome = await sendEmail(
    deps,
    {
      kind: 'reply_receipt',
      idempotencyKey: `receipt:${key}`,
      ...toOwner(mistake, checkin.id),
      headers,
      links: { owner: { role: 'owner', mistakeId: mistake.id, checkinId: checkin.id } },
      compose: ({ owner }) => ({
        kind: 'reply_receipt',
        step: checkin.step,
        day: checkin.day,
        ownerName: mistake.ownerName,
        leaderName: leader ? leaderNameOf(mistake, leader) : null,
        mistake: { title: mistake.title },
        ...(status ? { status } : {}),
        ...(text ? { text } : {}),
        links: receiptLinks(linkUrls(deps.settings.appUrl, owner), doneToConfirm),
      }),
    },
    now,
  );
  return outcome.sent ? 'sent' : 'not_sent';
}
