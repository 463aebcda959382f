// A D1 binding that fails the way a database and an isolate fail: a call refused before it runs, a batch that
// committed but whose answer never came back, and an isolate that dies (every call after the crash throws).
// The real binding does the work; statements made through the wrapper are unwrapped again for batch().

/** What happens to one call: it goes through, it is refused, or it commits and then the answer is lost. */
export type D1Fault = 'ok' | 'refuse' | 'lose_answer';

export interface FaultyD1 {
  db: D1Database;
  /** The isolate died: every later call throws. */
  crash(): void;
  readonly crashed: boolean;
  /** Calls made through this wrapper, and faults it injected. */
  readonly counts: { calls: number; refused: number; lostAnswers: number };
}

export class InjectedFault extends Error {}

const RUNS = new Set(['all', 'run', 'raw', 'first']);

/** Decides each call's fault; `sql` is the query, or the batch's statements joined by newlines. */
export type Decide = (call: 'query' | 'batch', sql: string) => D1Fault;

export function faultyD1(real: D1Database, decide: Decide): FaultyD1 {
  const unwrap = new WeakMap<object, D1PreparedStatement>();
  const queries = new WeakMap<object, string>();
  let dead = false;
  const counts = { calls: 0, refused: 0, lostAnswers: 0 };

  async function guarded<T>(call: 'query' | 'batch', sql: string, work: () => Promise<T>): Promise<T> {
    if (dead) throw new InjectedFault('the isolate is gone');
    counts.calls++;
    const fault = decide(call, sql);
    if (dead) throw new InjectedFault('the isolate is gone');
    if (fault === 'refuse') {
      counts.refused++;
      throw new InjectedFault(`D1_ERROR: injected failure of a ${call}`);
    }
    const result = await work();
    if (dead) throw new InjectedFault('the isolate is gone');
    if (fault === 'lose_answer') {
      counts.lostAnswers++;
      throw new InjectedFault(`D1_ERROR: injected network failure after the ${call} committed`);
    }
    return result;
  }

  function wrapStatement(statement: D1PreparedStatement, query: string): D1PreparedStatement {
    const proxy = new Proxy(statement, {
      get(target, name) {
        if (name === 'bind') return (...values: unknown[]) => wrapStatement(target.bind(...values), query);
        const value = Reflect.get(target, name);
        if (typeof name === 'string' && RUNS.has(name) && typeof value === 'function') {
          return (...args: unknown[]) => guarded('query', query, () => value.apply(target, args));
        }
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    unwrap.set(proxy, statement);
    queries.set(proxy, query);
    return proxy;
  }

  const db = new Proxy(real, {
    get(target, name) {
      if (name === 'prepare') return (query: string) => wrapStatement(target.prepare(query), query);
      if (name === 'batch') {
        return (statements: D1PreparedStatement[]) =>
          guarded('batch', statements.map((s) => queries.get(s) ?? '').join('\n'), () => target.batch(statements.map((s) => unwrap.get(s) ?? s)));
      }
      if (name === 'exec') return (query: string) => guarded('query', query, () => target.exec(query));
      const value = Reflect.get(target, name);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });

  return {
    db,
    crash() {
      dead = true;
    },
    get crashed() {
      return dead;
    },
    counts,
  };
}
