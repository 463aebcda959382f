// No personal data in logs: an address inside free text that reaches a log line is masked.
import { expect, it, vi } from 'vitest';
import { log } from '../../src/runtime';

it('masks email addresses in logged text, keeping ids and counts', () => {
  const lines: string[] = [];
  const spy = vi.spyOn(console, 'log').mockImplementation((line: string) => void lines.push(line));
  try {
    log('mail.failed', { deliveryId: 'd-1', emails: 3, reason: 'Resend answered 422: Invalid `to` field: "Pat.Doe+x@example.com"' });
  } finally {
    spy.mockRestore();
  }
  expect(lines).toHaveLength(1);
  expect(JSON.parse(lines[0]!)).toEqual({ event: 'mail.failed', deliveryId: 'd-1', emails: 3, reason: 'Resend answered 422: Invalid `to` field: "<address>"' });
});
