// Config that would make Mend unsafe or broken is caught where it is read (issue 13, findings 6 and 7): links need
// a signing key of at least 32 bytes, and the dev routes need a localhost APP_URL as well as MEND_ENV.
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import worker from '../../src/index';

async function fetchWith(overrides: Record<string, unknown>, path: string, init: RequestInit = {}): Promise<Response> {
  const ctx = createExecutionContext();
  const response = await worker.fetch!(new Request(`https://localhost${path}`, init) as Request<unknown, IncomingRequestCfProperties>, { ...env, ...overrides } as Env, ctx);
  await waitOnExecutionContext(ctx);
  return response;
}

describe('a missing or short SIGNING_KEY', () => {
  it.each([
    ['missing', { SIGNING_KEY: '' }],
    ['too_short', { SIGNING_KEY: 'only-twenty-one-bytes' }],
  ])('(%s): every link page and web page answers 503 with a page that says so; /api/health names it', async (problem, overrides) => {
    for (const path of [`/l/${'A'.repeat(32)}/answer`, `/lead/${'A'.repeat(32)}/thanks`, '/login', '/', `/login/${'A'.repeat(32)}`]) {
      const response = await fetchWith(overrides, path);
      expect(response.status, path).toBe(503);
      expect(await response.text()).toContain('Mend cannot open this page right now');
    }
    const health = await fetchWith(overrides, '/api/health');
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ ok: false, signingKey: problem, mail: 'none', problem: expect.stringContaining('SIGNING_KEY') });
  });

  it('a key of 32 bytes or more is fine', async () => {
    expect(await (await fetchWith({}, '/api/health')).json()).toMatchObject({ signingKey: 'ok' });
    expect((await fetchWith({}, '/login')).status).toBe(200);
  });
});

describe('/dev/*', () => {
  it('does not exist when APP_URL is not localhost, even with MEND_ENV=development', async () => {
    for (const appUrl of ['https://mend.example.com', 'https://localhost.example.com']) {
      const outbox = await fetchWith({ APP_URL: appUrl, MEND_ENV: 'development' }, '/dev/outbox.json');
      expect(outbox.status, appUrl).toBe(404);
      const travel = await fetchWith({ APP_URL: appUrl, MEND_ENV: 'development' }, '/dev/travel', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ days: 1 }),
      });
      expect(travel.status, appUrl).toBe(404);
    }
  });

  it('is there for a localhost APP_URL (127.0.0.1 too) in development', async () => {
    for (const appUrl of ['http://localhost:8787', 'http://127.0.0.1:8787', 'https://localhost']) {
      expect((await fetchWith({ APP_URL: appUrl, MEND_ENV: 'development' }, '/dev/outbox.json')).status, appUrl).toBe(200);
    }
  });
});
