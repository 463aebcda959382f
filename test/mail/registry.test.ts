// Every kind of email renders from a schema-checked payload: its module's preview props pass its schema and
// render; props that do not match are refused with a reason that names the field.
import { describe, expect, it } from 'vitest';
import { EMAILS, InvalidEmail, parseEmail } from '../../src/mail/registry';
import { renderEmail } from '../../src/mail/render';

describe.each(Object.entries(EMAILS))('%s', (_kind, module) => {
  it('renders its preview props, which pass its schema', async () => {
    expect(parseEmail(module.PreviewProps)).toEqual(module.PreviewProps);
    const email = await renderEmail(module.PreviewProps);
    expect(email.subject.length).toBeGreaterThan(0);
    expect(email.html).toMatch(/^<!DOCTYPE html/);
  });

  it('refuses props that do not match, naming the field', async () => {
    const field = Object.keys(module.PreviewProps).find((k) => k !== 'kind')!;
    const broken = { ...module.PreviewProps, [field]: { not: 'this' } };
    expect(() => parseEmail(broken)).toThrow(InvalidEmail);
    expect(() => parseEmail(broken)).toThrow(new RegExp(field));
    await expect(renderEmail(broken)).rejects.toThrow(InvalidEmail);
  });
});

it('refuses a kind no module sends', () => {
  expect(() => parseEmail({ kind: 'newsletter' })).toThrow(/no kind of email called "newsletter"/);
});

it('a check-in names its plan: its cadence is required', () => {
  const { cadence: _cadence, ...withoutCadence } = EMAILS.checkin.PreviewProps;
  expect(() => parseEmail(withoutCadence)).toThrow(/cadence/);
});
