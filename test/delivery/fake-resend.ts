// A fake Resend at the HTTP boundary: the Worker's own fetch() to RESEND_API_URL lands here. It keeps
// Resend's idempotency rules (a key seen with the same body answers the first answer and sends nothing; with
// a different body, 409 invalid_idempotent_request) and can fail calls the ways Resend and networks fail.
import { vi } from 'vitest';

export const RESEND_URL = 'https://resend.fake';

export type Fault = 'ok' | 'error_500' | 'rate_limited' | 'daily_quota' | 'timeout_before' | 'timeout_after' | 'invalid_422';

export interface SentEmail {
  id: string;
  to: string;
  subject: string;
  headers: Record<string, string>;
  replyTo: string | undefined;
  text: string;
}

export class FakeResend {
  /** Every call, with what it was made to do. */
  calls: { path: string; key: string | null; size: number; fault: Fault }[] = [];
  /** Every email Resend "sent" (a replayed key sends nothing). */
  sent: SentEmail[] = [];
  private readonly keys = new Map<string, { body: string; status: number; answer: unknown }>();
  private readonly faults: Fault[] = [];
  /** Decides a call's fault when none is scripted; `ok` by default. */
  chooseFault: (call: number) => Fault = () => 'ok';
  /** Called after a batch was accepted and before its answer leaves: a crash happens here. */
  afterAccept: (() => void) | null = null;
  retryAfterSeconds = 2;
  /** Calls answered from a key seen before (nothing sent again), and calls refused for reusing a key. */
  replays = 0;
  conflicts = 0;

  /** The next calls fail like this, in order. */
  script(...faults: Fault[]): this {
    this.faults.push(...faults);
    return this;
  }

  install(): () => void {
    const original = globalThis.fetch;
    const spy = vi.spyOn(globalThis, 'fetch').mockImplementation(async (input: RequestInfo | URL, init?: RequestInit) => {
      const request = new Request(input, init);
      if (!request.url.startsWith(RESEND_URL)) return original(input, init);
      return this.handle(request);
    });
    return () => spy.mockRestore();
  }

  /** Message-IDs of the emails sent, each counted once. */
  distinctMessageIds(): Set<string> {
    return new Set(this.sent.map((e) => e.headers['Message-ID']!));
  }

  duplicates(): number {
    return this.sent.length - this.distinctMessageIds().size;
  }

  private async handle(request: Request): Promise<Response> {
    const path = new URL(request.url).pathname;
    const key = request.headers.get('idempotency-key');
    const body = await request.text();
    const fault = this.faults.shift() ?? this.chooseFault(this.calls.length);
    const emails = JSON.parse(body) as unknown;
    const size = Array.isArray(emails) ? emails.length : 1;
    this.calls.push({ path, key, size, fault });

    if (request.headers.get('authorization') !== 'Bearer re_test_key') return json(401, { name: 'invalid_api_key', message: 'API key is invalid' });
    if (fault === 'error_500') return json(500, { name: 'internal_server_error', message: 'Unexpected error' });
    if (fault === 'rate_limited') {
      return json(429, { name: 'rate_limit_exceeded', message: 'Too many requests' }, { 'retry-after': String(this.retryAfterSeconds) });
    }
    if (fault === 'daily_quota') return json(429, { name: 'daily_quota_exceeded', message: 'You have reached your daily email sending quota.' });
    if (fault === 'timeout_before') throw new DOMException('The operation was aborted due to timeout', 'TimeoutError');
    if (fault === 'invalid_422') return json(422, { name: 'validation_error', message: 'The `to` field is invalid.' });

    if (key) {
      const seen = this.keys.get(key);
      if (seen && seen.body !== body) this.conflicts++;
      if (seen && seen.body !== body) return json(409, { name: 'invalid_idempotent_request', message: 'Same idempotency key used with a different request payload.' });
      if (seen) {
        this.replays++;
        return this.answer(seen.status, seen.answer, fault);
      }
    }
    let status: number;
    let answer: unknown;
    if (path === '/emails/batch') {
      if (!Array.isArray(emails) || emails.length === 0 || emails.length > 100) {
        status = 422;
        answer = { name: 'validation_error', message: 'A batch holds 1 to 100 emails.' };
      } else {
        if (request.headers.get('x-batch-validation') !== 'permissive') throw new Error('Mend asks for permissive batch validation');
        const data = (emails as Record<string, unknown>[]).map((e) => ({ id: this.accept(e) }));
        status = 200;
        answer = { data, errors: [] };
      }
    } else {
      status = 200;
      answer = { id: this.accept(emails as Record<string, unknown>) };
    }
    if (key) this.keys.set(key, { body, status, answer });
    return this.answer(status, answer, fault);
  }

  private answer(status: number, answer: unknown, fault: Fault): Response {
    this.afterAccept?.();
    if (fault === 'timeout_after') throw new DOMException('The operation was aborted due to timeout', 'TimeoutError');
    return json(status, answer);
  }

  private accept(email: Record<string, unknown>): string {
    const id = crypto.randomUUID();
    this.sent.push({
      id,
      to: (email.to as string[])[0]!,
      subject: email.subject as string,
      headers: email.headers as Record<string, string>,
      replyTo: email.reply_to as string | undefined,
      text: email.text as string,
    });
    return id;
  }
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
}

/** A small seeded generator, so a failing run can be run again exactly. */
/** The fault mix of the fault tests: 30% of calls fail, evenly 500, 429, and timeouts before and after acceptance. */
export function thirtyPercentFaults(random: () => number): () => Fault {
  return () => {
    const r = random();
    if (r < 0.075) return 'error_500';
    if (r < 0.15) return 'rate_limited';
    if (r < 0.225) return 'timeout_before';
    if (r < 0.3) return 'timeout_after';
    return 'ok';
  };
}

export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
