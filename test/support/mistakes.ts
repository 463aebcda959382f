import { json } from './worker';

export function newMistake(overrides: Record<string, unknown> = {}) {
  return {
    title: 'Shipped the invoice export with the wrong totals',
    description: 'The export summed VAT twice; three customers were over-billed.',
    impact: 'Support spent a day on refunds.',
    owner: { email: 'owner@example.com', name: 'Olu', timeZone: 'Europe/London' },
    leader: { email: 'lead@example.com', name: 'Lee' },
    ...overrides,
  };
}

export async function createMistake(overrides: Record<string, unknown> = {}) {
  const r = await json('POST', '/api/mistakes', newMistake(overrides));
  if (r.status !== 201) throw new Error(`create failed: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}
