// Headers every email carries, whichever way it goes: a Message-ID that stays the same across retries, and
// References/In-Reply-To naming the mistake, so one mistake's emails thread together; headers callers set
// (Reply-To, List-Unsubscribe, a receipt's In-Reply-To) are kept.
import { describe, expect, it } from 'vitest';
import { stableMessageId, threadRootId, withThreadHeaders } from '../../src/mail/thread-headers';
import { outbox, runScheduled } from '../support/worker';
import { useFakeResend, deliveryEnv, drain, logMistake, runScheduledWith, SimulatedQueue } from './harness';

const fakeResend = useFakeResend();

const header = (headers: Record<string, string>, name: string) => Object.entries(headers).find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1];

describe('through Resend', () => {
  it('one mistake’s check-ins share a thread root, each with its own stable Message-ID, and Reply-To goes as reply_to', async () => {
    const mistake = await logMistake('thread@example.com', '2034-03-06T09:00:00Z');
    for (const at of ['2034-03-06T09:01:00Z', '2034-03-08T09:01:00Z']) {
      const queue = new SimulatedQueue('mend-send');
      await runScheduledWith(deliveryEnv(queue), at);
      // The first attempt fails after Resend accepted: the retry must carry the same Message-ID.
      fakeResend().script('timeout_after');
      await drain({ queue, deadLetters: new SimulatedQueue('mend-send-dead'), env: (q) => deliveryEnv(q) });
    }
    // Two check-ins (and whatever else the day's work sent the owner, such as a reminder), each once.
    expect(fakeResend().duplicates()).toBe(0);
    // Each day's first call timed out after Resend accepted it; the retry was answered from the same key.
    expect(fakeResend().replays).toBe(2);
    const root = threadRootId(mistake.id, 'localhost');
    for (const email of fakeResend().sent) {
      expect(email.to).toBe('thread@example.com');
      expect(email.headers['In-Reply-To']).toBe(root);
      expect(email.headers.References).toBe(root);
      expect(header(email.headers, 'Reply-To')).toBeUndefined();
      // RFC 3834, and Exchange's own header: out-of-office responders leave machine mail alone.
      expect(email.headers['Auto-Submitted']).toBe('auto-generated');
      expect(email.headers['X-Auto-Response-Suppress']).toBe('All');
    }
    for (const checkin of mistake.checkins.slice(0, 2)) {
      const messageId = await stableMessageId(`checkin:${checkin.id}:1`, 'localhost');
      const email = fakeResend().sent.find((e) => e.headers['Message-ID'] === messageId);
      expect(email, `the ${checkin.step} check-in`).toBeDefined();
      // Reply-To set by the dispatcher travels as Resend's reply_to field.
      expect(email!.replyTo).toMatch(/@localhost>?$/);
    }
  });
});

describe('through the local outbox', () => {
  it('carries the same headers, beside the Reply-To its caller set', async () => {
    const mistake = await logMistake('outbox-thread@example.com', '2034-01-02T09:00:00Z');
    await runScheduled('2034-01-02T09:01:00Z');
    const email = (await outbox()).find((e) => e.to === 'outbox-thread@example.com')!;
    expect(email.headers['Message-ID']).toBe(await stableMessageId(`checkin:${mistake.checkins[0]!.id}:1`, 'localhost'));
    expect(email.headers.References).toBe(threadRootId(mistake.id, 'localhost'));
    expect(header(email.headers, 'Reply-To')).toBeTruthy();
    expect(email.headers).toMatchObject({ 'Auto-Submitted': 'auto-generated', 'X-Auto-Response-Suppress': 'All' });
    expect(fakeResend().calls).toHaveLength(0);
  });
});

describe('withThreadHeaders', () => {
  it('keeps what the caller set and chains a reply after the thread root', async () => {
    const headers = await withThreadHeaders(
      { 'Reply-To': 'r@localhost', 'List-Unsubscribe': '<https://localhost/u>', 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click', 'in-reply-to': '<owner-reply@mail.example>' },
      { idempotencyKey: 'receipt:1', mistakeId: 'm1' },
      'mend.example',
    );
    expect(headers).toEqual({
      'Reply-To': 'r@localhost',
      'List-Unsubscribe': '<https://localhost/u>',
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      'Auto-Submitted': 'auto-generated',
      'X-Auto-Response-Suppress': 'All',
      'Message-ID': await stableMessageId('receipt:1', 'mend.example'),
      'In-Reply-To': '<owner-reply@mail.example>',
      References: '<mistake-m1@mend.example> <owner-reply@mail.example>',
    });
  });

  it('gives an email that belongs to no mistake its Message-ID and the automatic-mail headers, no thread', async () => {
    expect(await withThreadHeaders({}, { idempotencyKey: 'web-sign-in:x', mistakeId: null }, 'mend.example')).toEqual({
      'Auto-Submitted': 'auto-generated',
      'X-Auto-Response-Suppress': 'All',
      'Message-ID': expect.stringMatching(/^<[0-9a-f]{32}@mend\.example>$/),
    });
  });
});
