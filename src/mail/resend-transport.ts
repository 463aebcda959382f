import { assertSafeHeaders, TransportError, type BatchItemResult, type OutgoingEmail, type Transport } from './transport';

/** A call that has not answered in this long is given up; its fate is unknown, so it is retried under the same key. */
const DEFAULT_TIMEOUT_MS = 20_000;

/**
 * Resend's HTTP API: POST /emails for one email, POST /emails/batch for up to 100. Every call carries an
 * Idempotency-Key: Resend keeps it 24 h, answers a repeat of the same body with the first answer, and a
 * repeat with a different body with 409. So whoever retries must send exactly the same body again.
 */
export function resendTransport(apiKey: string, apiUrl: string, options: { timeoutMs?: number } = {}): Transport {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  async function post(path: string, body: unknown, idempotencyKey: string, extraHeaders: Record<string, string> = {}): Promise<unknown> {
    let response: Response;
    try {
      response = await fetch(`${apiUrl}${path}`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${apiKey}`,
          'content-type': 'application/json',
          'idempotency-key': idempotencyKey,
          ...extraHeaders,
        },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      const name = (error as Error).name;
      const what = name === 'TimeoutError' || name === 'AbortError' ? `no answer within ${timeoutMs} ms` : (error as Error).message;
      throw new TransportError(`Resend unreachable: ${what}`, true, null, 'unavailable');
    }
    if (response.ok) return response.json().catch(() => ({}));
    throw await refusal(response);
  }

  return {
    name: 'resend',

    async send(email: OutgoingEmail) {
      assertSafeHeaders(email);
      const body = (await post('/emails', resendEmail(email), email.idempotencyKey)) as { id?: string };
      if (!body.id) throw new TransportError('Resend accepted the email without an id', true);
      return { providerId: body.id };
    },

    async sendBatch(emails: OutgoingEmail[], batchKey: string): Promise<BatchItemResult[]> {
      // An email with a broken header is refused alone; the rest of the batch still goes.
      const unsafe = new Map<number, string>();
      const payload: ReturnType<typeof resendEmail>[] = [];
      const positions: number[] = [];
      emails.forEach((email, i) => {
        try {
          assertSafeHeaders(email);
          positions.push(i);
          payload.push(resendEmail(email));
        } catch (error) {
          unsafe.set(i, (error as Error).message);
        }
      });
      const results: BatchItemResult[] = emails.map((_, i) => ({ refused: unsafe.get(i) ?? 'not sent' }));
      if (payload.length === 0) return results;
      // Permissive: one invalid email is refused on its own instead of failing the other 99.
      const body = (await post('/emails/batch', payload, batchKey, { 'x-batch-validation': 'permissive' })) as {
        data?: { id?: string }[];
        errors?: { index: number; message: string }[];
      };
      const refused = new Map((body.errors ?? []).map((e) => [e.index, e.message]));
      // `data` lists the created emails in request order, skipping the refused ones.
      const ids = (body.data ?? []).map((d) => d.id);
      let next = 0;
      payload.forEach((_, j) => {
        const i = positions[j]!;
        const reason = refused.get(j);
        if (reason !== undefined) results[i] = { refused: reason.slice(0, 300) };
        else {
          const id = ids[next++];
          results[i] = id ? { providerId: id } : { refused: 'Resend accepted the batch without an id for this email' };
        }
      });
      return results;
    },
  };
}

/** Resend's JSON for one email. Reply-To goes in its own field, the rest as custom headers. */
function resendEmail(email: OutgoingEmail) {
  const headers: Record<string, string> = {};
  let replyTo: string | undefined;
  for (const [name, value] of Object.entries(email.headers)) {
    if (name.toLowerCase() === 'reply-to') replyTo = value;
    else headers[name] = value;
  }
  return {
    from: email.from,
    to: [email.to],
    subject: email.subject,
    html: email.html,
    text: email.text,
    headers,
    ...(replyTo ? { reply_to: replyTo } : {}),
  };
}

/** What a refusal means for the next attempt (see TransportErrorCode). */
async function refusal(response: Response): Promise<TransportError> {
  const raw = await response.text().catch(() => '');
  let name = '';
  let message = raw;
  try {
    const parsed = JSON.parse(raw) as { name?: string; message?: string };
    name = parsed.name ?? '';
    message = parsed.message ?? raw;
  } catch {
    // Not JSON (a proxy's error page): the status says enough.
  }
  const what = `Resend answered ${response.status}${name ? ` ${name}` : ''}: ${message.slice(0, 200)}`;
  const status = response.status;
  if (status === 429) {
    if (name === 'daily_quota_exceeded') return new TransportError(what, true, null, 'daily_quota');
    if (name === 'monthly_quota_exceeded') return new TransportError(what, true, null, 'monthly_quota');
    return new TransportError(what, true, retryAfterMs(response.headers.get('retry-after')), 'rate_limited');
  }
  if (status === 409) {
    if (name === 'invalid_idempotent_request') return new TransportError(what, false, null, 'key_reused');
    return new TransportError(what, true, null, 'in_flight');
  }
  if (status === 401 || status === 403) return new TransportError(what, true, null, 'unauthorized');
  if (status >= 500) return new TransportError(what, true, retryAfterMs(response.headers.get('retry-after')), 'unavailable');
  // 400, 422 and the rest of 4xx: the content was refused and would be refused again.
  return new TransportError(what, false, null, 'invalid');
}

/** Retry-After in seconds, or as an HTTP date. */
function retryAfterMs(header: string | null): number | null {
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return seconds > 0 ? seconds * 1000 : null;
  const at = Date.parse(header);
  return Number.isFinite(at) ? Math.max(0, at - Date.now()) : null;
}
