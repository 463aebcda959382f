import { afterAll, beforeAll, vi } from 'vitest';

/** Keeps the Worker's structured event logs out of this file's output: its figures stay readable. */
export function quietEventLogs(): void {
  let restore: () => void;
  beforeAll(() => {
    const original = console.log;
    const spy = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
      if (typeof args[0] === 'string' && args[0].startsWith('{"event":')) return;
      original(...args);
    });
    restore = () => spy.mockRestore();
  });
  afterAll(() => restore());
}
