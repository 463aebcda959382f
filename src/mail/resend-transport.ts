import { assertSafeHeaders, TransportError, type OutgoingEmail, type Transport } from './transport';

/** Resend's HTTP API (POST /emails). The Idempotency-Key makes a retried send a no-op at Resend for 24 h. */
export function resendTransport(apiKey: string, apiUrl: string): Transport {
  return {
    name: 'resend',
    async send(email: OutgoingEmail) {
      assertSafeHeaders(email);
      let response: Response;
      try {
        response = await fetch(`${apiUrl}/emails`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${apiKey}`,
            'content-type': 'application/json',
            'idempotency-key': email.idempotencyKey,
          },
          body: JSON.stringify({
            from: email.from,
            to: [email.to],
            subject: email.subject,
            html: email.html,
            text: email.text,
            headers: email.headers,
          }),
        });
      } catch (error) {
        throw new TransportError(`Resend unreachable: ${(error as Error).message}`, true);
      }
      if (response.ok) {
        const body = (await response.json().catch(() => ({}))) as { id?: string };
        if (!body.id) throw new TransportError('Resend accepted the email without an id', true);
        return { providerId: body.id };
      }
      const detail = await response.text().catch(() => '');
      const retryAfter = Number(response.headers.get('retry-after'));
      // 4xx other than 409 (a send with this key is still in flight) and 429 will fail the same way again.
      const retryable = response.status >= 500 || response.status === 429 || response.status === 409;
      throw new TransportError(
        `Resend answered ${response.status}: ${detail.slice(0, 200)}`,
        retryable,
        Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : null,
      );
    },
  };
}
