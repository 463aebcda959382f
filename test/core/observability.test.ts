// Workers Logs records each fetch invocation as "<method> <URL>" and each email invocation by its recipient
// (developers.cloudflare.com/workers/observability/logs/workers-logs/): for Mend that is link tokens and
// reply+<token> addresses. Every deployed environment turns those invocation logs off (issue 13, finding 8).
import { describe, expect, it } from 'vitest';
import wrangler from '../../wrangler.toml?raw';

/** The lines of one [table] of the TOML file, up to the next table header. */
function table(name: string): string[] {
  const lines = wrangler.split('\n');
  const start = lines.findIndex((l) => l.trim() === `[${name}]`);
  if (start === -1) return [];
  const end = lines.findIndex((l, i) => i > start && /^\s*\[/.test(l));
  return lines.slice(start + 1, end === -1 ? undefined : end).map((l) => l.replace(/#.*/, '').trim());
}

describe('wrangler.toml', () => {
  it.each(['', 'env.staging.'])('%sobservability keeps Mend’s own logs and turns invocation logs off', (prefix) => {
    expect(table(`${prefix}observability`)).toContain('enabled = true');
    expect(table(`${prefix}observability.logs`)).toContain('invocation_logs = false');
  });
});
