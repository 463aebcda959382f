// A D1 binding that counts what the Worker asks of it: statements run and D1's own meta.rows_read.
// Bench only, and only while counting is switched on (timings are taken with it off). D1's raw() drops
// meta: a SELECT's rows come from raw() (joins keep their same-named columns) and its meta from running it
// once more with all(); a write with RETURNING runs once, as all(), its rows turned back into arrays.
export interface D1Counters {
  queries: number;
  rowsRead: number;
  rowsWritten: number;
  /** Per statement text (first 120 characters): how often it ran and the rows it read. */
  bySql: Record<string, { n: number; rowsRead: number }>;
}

export const counters: D1Counters = { queries: 0, rowsRead: 0, rowsWritten: 0, bySql: {} };
let counting = false;

export function setCounting(on: boolean): void {
  counting = on;
}

export function resetCounters(): void {
  counters.queries = 0;
  counters.rowsRead = 0;
  counters.rowsWritten = 0;
  counters.bySql = {};
}

function count(meta: { rows_read?: number; rows_written?: number } | undefined, sql = '(batch)'): void {
  if (!counting) return;
  counters.queries++;
  counters.rowsRead += meta?.rows_read ?? 0;
  const entry = (counters.bySql[sql.slice(0, 120)] ??= { n: 0, rowsRead: 0 });
  entry.n++;
  entry.rowsRead += meta?.rows_read ?? 0;
  counters.rowsWritten += meta?.rows_written ?? 0;
}

function wrapStatement(statement: D1PreparedStatement, sql: string): D1PreparedStatement {
  const readOnly = /^\s*(select|with)\b/i.test(sql);
  const wrapped = {
    __inner: statement,
    __sql: sql,
    bind: (...values: unknown[]) => wrapStatement(statement.bind(...values), sql),
    async all<T>() {
      const result = await statement.all<T>();
      count(result.meta, sql);
      return result;
    },
    async run<T>() {
      const result = await statement.run<T>();
      count(result.meta, sql);
      return result;
    },
    async first<T>(column?: string) {
      const result = await statement.all<Record<string, unknown>>();
      count(result.meta, sql);
      const row = result.results[0];
      if (!row) return null;
      return (column ? row[column] : row) as T;
    },
    async raw<T>(options?: { columnNames?: boolean }) {
      if (!counting || readOnly) {
        if (counting) count((await statement.all()).meta, sql);
        return options?.columnNames ? statement.raw<T>({ columnNames: true }) : statement.raw<T>();
      }
      const result = await statement.all<Record<string, unknown>>();
      count(result.meta, sql);
      const rows = result.results.map((row) => Object.values(row));
      const columns = Object.keys(result.results[0] ?? {});
      return (options?.columnNames ? [columns, ...rows] : rows) as T[];
    },
  };
  return wrapped as unknown as D1PreparedStatement;
}

export function countingD1(db: D1Database): D1Database {
  return new Proxy(db, {
    get(target, property) {
      if (property === 'prepare') return (sql: string) => wrapStatement(target.prepare(sql), sql);
      if (property === 'batch') {
        return async (statements: D1PreparedStatement[]) => {
          const wrapped = statements as unknown as { __inner?: D1PreparedStatement; __sql?: string }[];
          const results = await target.batch(wrapped.map((s) => s.__inner ?? (s as unknown as D1PreparedStatement)));
          results.forEach((r, i) => count(r.meta, `[batch] ${wrapped[i]?.__sql ?? ''}`));
          return results;
        };
      }
      const value = Reflect.get(target, property);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
