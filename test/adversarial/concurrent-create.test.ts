// Two owners naming the same new leader at the same moment (found by the load test: one of them got a 500).
// A leader is one row per address: every mistake is logged, and all of them name that one leader.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { json } from '../support/worker';

describe('mistakes logged at the same moment naming the same new leader', () => {
  it('are all logged, and all name the one leader row', async () => {
    const created = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        json('POST', '/api/mistakes', {
          title: `Double-booked the meeting room (${i})`,
          description: 'Two teams turned up at once.',
          owner: { email: `same-moment-${i}@example.com` },
          leader: { email: 'Same.Leader@example.com', name: 'Sam' },
        }),
      ),
    );
    expect(created.map((r) => r.status)).toEqual(Array(12).fill(201));
    const listed = await json('GET', '/api/mistakes?leader=same.leader%40example.com');
    expect(listed.body.mistakes).toHaveLength(12);
    const leaders = await env.DB.prepare("select id from leaders where email = 'same.leader@example.com'").all<{ id: string }>();
    expect(leaders.results).toHaveLength(1);
    const named = await env.DB.prepare('select distinct leader_id as id from mistakes where owner_email like ?').bind('same-moment-%').all<{ id: string }>();
    expect(named.results).toEqual([{ id: leaders.results[0]!.id }]);
  });
});
