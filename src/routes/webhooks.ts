// POST /webhooks/resend: what became of the emails Resend accepted. Verified against the raw body with the
// Svix signature, applied once (a replayed svix-id is refused and changes nothing), and it keeps the ledger
// and the suppression list: a hard bounce or a complaint stops every later email to that address.
import { Hono, type MiddlewareHandler } from 'hono';
import * as z from 'zod';
import type { AppEnv } from '../http/context';
import { limitJsonBody } from '../http/body-limit';
import { ApiError } from '../http/errors';
import { verifySvix } from '../mail/svix';
import type { ProviderEvent } from '../store/mail';

export const webhooks = new Hono<AppEnv>();

/** Resend's email events are a few hundred bytes; anything near this is not one. */
const WEBHOOK_BODY_LIMIT = 256 * 1024;

const ResendEvent = z.object({
  type: z.string().max(100),
  created_at: z.string().optional(),
  data: z
    .object({
      email_id: z.string().max(200).optional(),
      to: z.array(z.string().max(320)).max(50).optional(),
      bounce: z.object({ type: z.string().optional(), subType: z.string().optional(), message: z.string().optional() }).optional(),
      failed: z.object({ reason: z.string().optional() }).optional(),
      suppressed: z.object({ type: z.string().optional(), message: z.string().optional() }).optional(),
    })
    .passthrough()
    .optional(),
});
type ResendEvent = z.infer<typeof ResendEvent>;

/** Closed until a secret is configured: checked before the body is read at all. */
const requireSecret: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!c.get('config').resendWebhookSecret) throw new ApiError('unauthorized', 'Webhooks are closed: RESEND_WEBHOOK_SECRET is not configured.');
  await next();
};

webhooks.post('/resend', requireSecret, limitJsonBody(WEBHOOK_BODY_LIMIT), async (c) => {
  const secret = c.get('config').resendWebhookSecret!;
  const rawBody = await c.req.text();

  const check = verifySvix(secret, {
    id: c.req.header('svix-id'),
    timestamp: c.req.header('svix-timestamp'),
    signature: c.req.header('svix-signature'),
    rawBody,
  });
  if (!check.ok) {
    c.get('deps').log('webhook.refused', { reason: check.reason.slice(0, 120) });
    throw new ApiError('invalid_signature', check.reason);
  }

  let parsed: ReturnType<typeof ResendEvent.safeParse>;
  try {
    parsed = ResendEvent.safeParse(JSON.parse(rawBody));
  } catch {
    throw new ApiError('invalid_json', 'The body is not valid JSON.');
  }
  if (!parsed.success) throw new ApiError('invalid', 'The body is not a Resend event.');

  const event = providerEvent(check.id, parsed.data, c.get('now'));
  const applied = await c.get('deps').store.mail.applyProviderEvent(event);
  if (!applied) throw new ApiError('replayed', 'This webhook was received before; nothing changed.');
  c.get('deps').log('webhook.applied', { type: parsed.data.type, providerId: event.providerId, status: event.status, suppressed: event.suppress });
  return c.json({ ok: true, type: parsed.data.type, status: event.status });
});

/** What an event means for the ledger and the suppression list; events Mend does not track change nothing. */
function providerEvent(eventId: string, event: ResendEvent, at: number): ProviderEvent {
  const data = event.data ?? {};
  const base = { eventId, providerId: data.email_id ?? '', at, error: null, suppress: null, status: null };
  switch (event.type) {
    case 'email.sent':
      return { ...base, status: 'sent' };
    case 'email.delivered':
      return { ...base, status: 'delivered' };
    case 'email.bounced': {
      // Only a permanent (hard) bounce says the address is gone; a transient one may deliver next time.
      const type = data.bounce?.type ?? 'Permanent';
      const hard = !/^(transient|undetermined)$/i.test(type);
      const error = `bounced (${[type, data.bounce?.subType].filter(Boolean).join('/')})`;
      return { ...base, status: 'bounced', error, suppress: hard ? 'bounced' : null };
    }
    case 'email.complained':
      return { ...base, status: 'complained', error: 'marked as spam by the recipient', suppress: 'complained' };
    case 'email.failed':
      return { ...base, status: 'failed', error: `failed at Resend: ${data.failed?.reason ?? 'no reason given'}` };
    case 'email.suppressed': {
      // Resend itself refused the address (it bounced or complained before): Mend stops trying too.
      const complained = /complain/i.test(data.suppressed?.type ?? '');
      return { ...base, status: 'failed', error: 'suppressed by Resend', suppress: complained ? 'complained' : 'bounced' };
    }
    default:
      return base;
  }
}
