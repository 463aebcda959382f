// A D1 binding that counts what the Worker asks of it: statements run and D1's own meta.rows_read.
// Bench only. D1's raw() drops meta, so raw() runs as all() and the rows are turned back into arrays.
export interface D1Counters {
  queries: number;
  rowsRead: number;
  rowsWritten: number;
}

export const counters: D1Counters = { queries: 0, rowsRead: 0, rowsWritten: 0 };

export function resetCounters(): void {
  counters.queries = 0;
  counters.rowsRead = 0;
  counters.rowsWritten = 0;
}

function count(meta: { rows_read?: number; rows_written?: number } | undefined): void {
  counters.queries++;
  counters.rowsRead += meta?.rows_read ?? 0;
  counters.rowsWritten += meta?.rows_written ?? 0;
}

function wrapStatement(statement: D1PreparedStatement): D1PreparedStatement {
  const wrapped = {
    __inner: statement,
    bind: (...values: unknown[]) => wrapStatement(statement.bind(...values)),
    async all<T>() {
      const result = await statement.all<T>();
      count(result.meta);
      return result;
    },
    async run<T>() {
      const result = await statement.run<T>();
      count(result.meta);
      return result;
    },
    async first<T>(column?: string) {
      const result = await statement.all<Record<string, unknown>>();
      count(result.meta);
      const row = result.results[0];
      if (!row) return null;
      return (column ? row[column] : row) as T;
    },
    async raw<T>(options?: { columnNames?: boolean }) {
      const result = await statement.all<Record<string, unknown>>();
      count(result.meta);
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
      if (property === 'prepare') return (sql: string) => wrapStatement(target.prepare(sql));
      if (property === 'batch') {
        return async (statements: D1PreparedStatement[]) => {
          const inner = statements.map((s) => (s as unknown as { __inner?: D1PreparedStatement }).__inner ?? s);
          const results = await target.batch(inner);
          for (const r of results) count(r.meta);
          return results;
        };
      }
      const value = Reflect.get(target, property);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
