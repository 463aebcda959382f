// The settle rule on its own (src/domain/settle.ts), with the clock in the test's hands: what a new click from an
// email becomes, and whether an answer counts at a given moment. Recording, scheduled settling and every view
// go through these two functions, for the owner's statuses and the leader's acknowledgements alike.
import { describe, expect, it } from 'vitest';
import { decideClick, isSettled, type Click } from '../../src/domain/settle';

const SETTLE = 120_000;
const T0 = Date.parse('2033-01-10T09:00:00Z');
const EMAIL = 'token-of-one-email';
let n = 0;

function click(status: string, at: number, state: Click['state'] = 'pending', source = EMAIL): Click {
  return { id: `u${++n}`, status, at, state, clickSource: source, settlesAt: state === 'pending' ? at + SETTLE : state === 'counted' ? at : null };
}

describe('a new click from an email', () => {
  it('the first click waits its settle time', () => {
    expect(decideClick([], 'on_track', T0, SETTLE, false)).toEqual({ repeated: false, state: 'pending', settlesAt: T0 + SETTLE, voids: [] });
  });

  it('the same choice again records nothing new', () => {
    const first = click('on_track', T0);
    expect(decideClick([first], 'on_track', T0 + 5_000, SETTLE, false)).toEqual({ repeated: true, latest: first });
  });

  it('a different choice inside the settle time voids both: a scanner opening every link', () => {
    const first = click('on_track', T0);
    expect(decideClick([first], 'blocked', T0 + SETTLE - 1, SETTLE, false)).toEqual({ repeated: false, state: 'void', settlesAt: null, voids: [first.id] });
  });

  it('a different choice after the settle time waits on its own; the first stands', () => {
    const first = click('on_track', T0);
    expect(decideClick([first], 'blocked', T0 + SETTLE + 1, SETTLE, false)).toEqual({ repeated: false, state: 'pending', settlesAt: T0 + 2 * SETTLE + 1, voids: [] });
  });

  it('a choice changed on the page is believed at once, and replaces what was still waiting', () => {
    const scanned = [click('on_track', T0), click('blocked', T0 + 1, 'void')];
    const waiting = click('done', T0 + 2);
    expect(decideClick([...scanned, waiting], 'blocked', T0 + 30_000, SETTLE, true)).toEqual({
      repeated: false,
      state: 'counted',
      settlesAt: T0 + 30_000,
      voids: [scanned[0]!.id, waiting.id],
    });
  });

  it('the page confirming what already counts records nothing new', () => {
    const counted = click('done', T0, 'counted');
    expect(decideClick([counted], 'done', T0 + 1_000, SETTLE, true)).toEqual({ repeated: true, latest: counted });
  });
});

describe('whether an answer counts', () => {
  it('a written answer counts at once; a click only once it has stood its settle time', () => {
    const written: Click = { id: 'w', status: null, at: T0, state: 'counted', clickSource: null, settlesAt: T0 };
    expect(isSettled(written, T0)).toBe(true);
    const single = click('on_track', T0);
    expect(isSettled(single, T0 + SETTLE - 1, [single])).toBe(false);
    expect(isSettled(single, T0 + SETTLE, [single])).toBe(true);
  });

  it('different choices from one email inside the settle time: none counts, however they were recorded', () => {
    // Recorded at the same moment, each saw none of the other: both pending.
    const a = click('on_track', T0);
    const b = click('done', T0 + 10);
    for (const later of [T0 + SETTLE, T0 + 10 * SETTLE]) {
      expect(isSettled(a, later, [a, b])).toBe(false);
      expect(isSettled(b, later, [a, b])).toBe(false);
    }
  });

  it('clicks from another email, or a choice that already counts, do not void a click', () => {
    const mine = click('on_track', T0);
    const otherEmail = click('done', T0 + 10, 'pending', 'another-email');
    const counted = click('blocked', T0 - 1, 'counted');
    expect(isSettled(mine, T0 + SETTLE, [mine, otherEmail, counted])).toBe(true);
  });

  it('a void click never counts', () => {
    const voided = click('on_track', T0, 'void');
    expect(isSettled(voided, T0 + 100 * SETTLE)).toBe(false);
  });
});
