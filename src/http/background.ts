// Work a request hands on to run after its response (waitUntil), so the response takes the same time
// whatever that work finds. Local development keeps count of it: /dev/* answers once it is done, the way
// time travel answers once the emails it sends are in the outbox.
import type { Log } from '../domain/deps';

const pending = new Set<Promise<void>>();

export function afterResponse(ctx: Pick<ExecutionContext, 'waitUntil'>, log: Log, event: string, work: () => Promise<unknown>): void {
  const done: Promise<void> = work()
    .then(() => undefined)
    .catch((error: unknown) => log(`${event}.failed`, { error: String(error).slice(0, 200) }))
    .finally(() => pending.delete(done));
  pending.add(done);
  ctx.waitUntil(done);
}

/** Resolves once the work handed on so far (and whatever it handed on in turn) has finished. */
export async function backgroundSettled(): Promise<void> {
  while (pending.size) await Promise.all([...pending]);
}
