// POST /webhooks/resend: forged, tampered, stale and replayed webhooks are refused and change nothing; real
// ones move the ledger forward; a hard bounce or a complaint stops every later email to the address.
import { describe, expect, it } from 'vitest';
import { dumpTables } from '../support/worker';
import { useFakeResend, deliveryEnv, drain, fetchWith, logMistake, mistakeJson, resendEvent, runScheduledWith, signedWebhook, SimulatedQueue } from './harness';

const fakeResend = useFakeResend();

const DAY = 86_400_000;

/** Sends what is due at `at` through the queue and the fake Resend. */
async function sendDue(at: number) {
  const queue = new SimulatedQueue('mend-send');
  await runScheduledWith(deliveryEnv(queue), at);
  const queued = queue.pending.length;
  await drain({ queue, deadLetters: new SimulatedQueue('mend-send-dead'), env: (q) => deliveryEnv(q) });
  return queued;
}

/** A mistake whose day-0 check-in went out through Resend; its Resend id. Tests go back in time, one month each. */
async function sentCheckin(owner: string, start: string) {
  const mistake = await logMistake(owner, start);
  await sendDue(Date.parse(start) + 60_000);
  const view = await mistakeJson(mistake.id);
  return { mistake, providerId: view.deliveries[0].providerId as string };
}

const post = (request: Request, overrides: Record<string, unknown> = {}) => fetchWith(deliveryEnv(new SimulatedQueue('mend-send'), overrides), request);

describe('a webhook that is not from Resend', () => {
  it('is refused with 401 and changes nothing: forged, tampered, unsigned or stale', async () => {
    const { providerId } = await sentCheckin('forged@example.com', '2033-06-06T09:00:00Z');
    const before = await dumpTables();
    const bounce = resendEvent('email.bounced', providerId, 'forged@example.com', { bounce: { type: 'Permanent', subType: 'General', message: 'gone' } });
    const otherSecret = `whsec_${btoa('someone-else-entirely-0123456789')}`;
    const cases = [
      signedWebhook(bounce, { secret: otherSecret }),
      signedWebhook(bounce, { rawBody: JSON.stringify({ ...bounce, type: 'email.complained' }) }),
      new Request('https://localhost/webhooks/resend', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(bounce) }),
      signedWebhook(bounce, { at: Date.now() - 10 * 60_000 }),
    ];
    for (const request of cases) {
      const response = await post(request);
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ error: { code: 'invalid_signature', message: expect.any(String) } });
    }
    // Without a secret configured the door is shut, whatever the request carries.
    const closed = await post(signedWebhook(bounce), { RESEND_WEBHOOK_SECRET: '' });
    expect(closed.status).toBe(401);
    expect(await dumpTables()).toEqual(before);
  });
});

describe('a webhook from Resend', () => {
  it('moves the ledger forward once; the same webhook again is refused with 409 and changes nothing', async () => {
    const { mistake, providerId } = await sentCheckin('delivered@example.com', '2033-05-02T09:00:00Z');
    const delivered = signedWebhook(resendEvent('email.delivered', providerId, 'delivered@example.com'), { id: 'msg_delivered_1' });
    const replay = delivered.clone();

    const first = await post(delivered);
    expect(first.status).toBe(200);
    expect((await mistakeJson(mistake.id)).deliveries[0]).toMatchObject({ status: 'delivered', providerId });

    const before = await dumpTables();
    const again = await post(replay);
    expect(again.status).toBe(409);
    expect(await again.json()).toEqual({ error: { code: 'replayed', message: expect.any(String) } });
    expect(await dumpTables()).toEqual(before);

    // A late "sent" does not move a delivered email back.
    expect((await post(signedWebhook(resendEvent('email.sent', providerId, 'delivered@example.com')))).status).toBe(200);
    expect((await mistakeJson(mistake.id)).deliveries[0].status).toBe('delivered');
  });

  it('a hard bounce marks the owner bounced and stops later emails to them', async () => {
    const { mistake, providerId } = await sentCheckin('bounce@example.com', '2033-04-04T09:00:00Z');
    const response = await post(signedWebhook(resendEvent('email.bounced', providerId, 'bounce@example.com', { bounce: { type: 'Permanent', subType: 'General', message: 'mailbox unknown' } })));
    expect(response.status).toBe(200);

    let view = await mistakeJson(mistake.id);
    expect(view.owner).toMatchObject({ email: 'bounce@example.com', bounced: true, mailStopped: 'bounced' });
    expect(view.deliveries[0]).toMatchObject({ status: 'bounced', error: expect.stringContaining('Permanent') });

    // Day 2: the learn check-in is due, and nothing goes to an address that bounced.
    const sentBefore = fakeResend().sent.length;
    const queued = await sendDue(Date.parse('2033-04-06T09:01:00Z'));
    expect(queued).toBe(0);
    expect(fakeResend().sent).toHaveLength(sentBefore);
    view = await mistakeJson(mistake.id);
    expect(view.deliveries[1]).toMatchObject({ kind: 'checkin.learn', status: 'failed', error: 'suppressed: bounced' });
    expect(view.checkins.find((c: { step: string }) => c.step === 'learn').status).toBe('skipped');
  });

  it('a bounce that arrives while an email waits in the queue stops that email too', async () => {
    const { providerId } = await sentCheckin('waiting@example.com', '2033-03-07T09:00:00Z');
    const second = await logMistake('waiting@example.com', '2033-03-07T10:00:00Z');
    const queue = new SimulatedQueue('mend-send');
    await runScheduledWith(deliveryEnv(queue), Date.parse('2033-03-07T10:01:00Z'));
    expect(queue.pending).toHaveLength(1);

    expect((await post(signedWebhook(resendEvent('email.bounced', providerId, 'waiting@example.com', { bounce: { type: 'Permanent' } })))).status).toBe(200);
    const sentBefore = fakeResend().sent.length;
    await drain({ queue, deadLetters: new SimulatedQueue('mend-send-dead'), env: (q) => deliveryEnv(q) });
    expect(fakeResend().sent).toHaveLength(sentBefore);
    expect((await mistakeJson(second.id)).deliveries[0]).toMatchObject({ status: 'failed', error: 'suppressed: bounced' });
  });

  it('a soft bounce is recorded but stops nothing; a complaint stops everything', async () => {
    const soft = await sentCheckin('soft@example.com', '2033-02-07T09:00:00Z');
    expect((await post(signedWebhook(resendEvent('email.bounced', soft.providerId, 'soft@example.com', { bounce: { type: 'Transient', subType: 'MailboxFull' } })))).status).toBe(200);
    const softView = await mistakeJson(soft.mistake.id);
    expect(softView.owner.bounced).toBe(false);
    expect(softView.owner.mailStopped).toBeUndefined();
    expect(softView.deliveries[0].status).toBe('bounced');

    const complained = await sentCheckin('spam@example.com', '2033-01-03T09:00:00Z');
    expect((await post(signedWebhook(resendEvent('email.complained', complained.providerId, 'spam@example.com')))).status).toBe(200);
    const view = await mistakeJson(complained.mistake.id);
    expect(view.owner).toMatchObject({ bounced: false, mailStopped: 'complained' });
    expect(view.deliveries[0].status).toBe('complained');
  });

  it('an event for an email Mend does not know is accepted and recorded, and changes no ledger row', async () => {
    const before = (await dumpTables()).deliveries;
    const response = await post(signedWebhook(resendEvent('email.opened', crypto.randomUUID(), 'nobody@example.com')));
    expect(response.status).toBe(200);
    expect((await dumpTables()).deliveries).toEqual(before);
  });
});
