// A leader's "stop" ends leader mail to that address, not the check-ins of a plan that address owns.
import { env } from 'cloudflare:workers';
import { expect, it } from 'vitest';
import { createMistake } from '../support/mistakes';
import { newEmailsTo, runScheduled } from '../support/worker';

it('an address that unsubscribed from leader mail still gets the check-ins of its own plan', async () => {
  const address = 'leader.and.owner@example.com';
  await env.DB.prepare("insert into suppressions (email, reason, at) values (?, 'unsubscribed', 0)").bind(address).run();
  await createMistake({ owner: { email: address }, leader: null, startAt: '2034-01-02T10:00:00Z' });
  await runScheduled('2034-01-02T10:00:00Z');
  const emails = await newEmailsTo(address, new Set());
  expect(emails.map((e) => e.subject)).toEqual([expect.stringMatching(/what happened/)]);
});

it('a bounced address gets nothing, and the ledger says why', async () => {
  const address = 'bounced.owner@example.com';
  await env.DB.prepare("insert into suppressions (email, reason, at) values (?, 'bounced', 0)").bind(address).run();
  const m = await createMistake({ owner: { email: address }, leader: null, startAt: '2034-01-03T10:00:00Z' });
  await runScheduled('2034-01-03T10:00:00Z');
  expect(await newEmailsTo(address, new Set())).toEqual([]);
  const row = await env.DB.prepare('select status, error from deliveries where mistake_id = ?').bind(m.id).first();
  expect(row).toEqual({ status: 'failed', error: 'suppressed: bounced' });
});
