// Resend signs its webhooks the Svix way (svix-id, svix-timestamp, svix-signature: HMAC-SHA256 over
// `${id}.${timestamp}.${body}` with the whsec_ secret, the timestamp within 5 minutes of the clock).
// Checked by `standardwebhooks`, the reference implementation of that scheme by Svix's authors, which
// Resend's own SDK uses: a few KB of pure JS, against the whole Svix API client in the `svix` package.
import { Webhook } from 'standardwebhooks';

export interface SignedRequest {
  id: string | undefined;
  timestamp: string | undefined;
  signature: string | undefined;
  rawBody: string;
}

export type WebhookCheck = { ok: true; id: string } | { ok: false; reason: string };

/** Verifies the signature (constant-time compare) and the timestamp's age; the body itself is read by the caller. */
export function verifySvix(secret: string, request: SignedRequest): WebhookCheck {
  const { id, timestamp, signature, rawBody } = request;
  if (!id || !timestamp || !signature) return { ok: false, reason: 'The svix-id, svix-timestamp and svix-signature headers are required.' };
  let hook: Webhook;
  try {
    hook = new Webhook(secret);
  } catch {
    return { ok: false, reason: 'The webhook secret is not a whsec_ secret.' };
  }
  try {
    hook.verify(rawBody, { 'webhook-id': id, 'webhook-timestamp': timestamp, 'webhook-signature': signature }, { jsonParse: false });
    return { ok: true, id };
  } catch (error) {
    return { ok: false, reason: `The signature does not verify: ${(error as Error).message}.` };
  }
}
