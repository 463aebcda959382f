// Seeds one leader with many introduced, active plans straight into D1 (one statement per table, the rows as a
// JSON parameter), for measuring what a digest costs. Each plan: 8 check-ins (4 answered, 1 sent and waiting,
// 3 scheduled) and 5 counted answers (ownership before the introduction; learning, plan, a status and a note
// since the leader's last digest). The leader's digest is due at `now`.
import { DEFAULT_CADENCE } from '../../src/domain/cadence';

const DAY = 86_400_000;

async function insertJson(db: D1Database, table: string, rows: Record<string, unknown>[]): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!);
  const select = columns.map((c) => `json_extract(value, '$.${c}')`).join(', ');
  await db.prepare(`insert into ${table} (${columns.join(', ')}) select ${select} from json_each(?)`).bind(JSON.stringify(rows)).run();
}

export interface SeededLeader {
  leaderId: string;
  email: string;
  mistakeIds: string[];
}

export async function seedLeaderPlans(
  db: D1Database,
  options: { key: string; count: number; now: number; timeZone: string },
): Promise<SeededLeader> {
  const { key, count, now } = options;
  const leaderId = `seed-leader-${key}`;
  const email = `seed.leader.${key}@example.com`;
  const lastDigestAt = now - 7 * DAY;
  const startAt = now - 15 * DAY;
  const introAt = startAt + 60_000;
  await insertJson(db, 'leaders', [
    { id: leaderId, email, name: `Leader ${key}`, time_zone: options.timeZone, frequency: 'weekly', stopped_at: null, last_digest_at: lastDigestAt, next_digest_at: now, created_at: startAt },
  ]);
  const mistakes: Record<string, unknown>[] = [];
  const checkins: Record<string, unknown>[] = [];
  const updates: Record<string, unknown>[] = [];
  for (let n = 0; n < count; n++) {
    const id = `seed-${key}-m${n}`;
    mistakes.push({
      id,
      title: `Seeded plan ${n} for ${key}: the export summed VAT twice`,
      description: 'Three customers were over-billed; support spent a day on refunds.',
      impact: null,
      owner_email: `seed.owner.${key}.${n}@example.com`,
      owner_name: `Owner ${n}`,
      owner_time_zone: 'UTC',
      leader_id: leaderId,
      status: 'active',
      start_at: startAt,
      skip_weekends: 1,
      cadence: JSON.stringify(DEFAULT_CADENCE),
      created_at: startAt,
      updated_at: now - DAY,
      ownership: 'I merged it without the fixtures; the part that was mine was skipping them.',
      learning: 'Fixtures run on every billing change now.',
      plan_text: 'A CI gate on billing fixtures by the end of the month.',
      last_status: 'on_track',
      last_status_at: now - 2 * DAY,
      leader_intro_at: introAt,
    });
    DEFAULT_CADENCE.forEach((entry, seq) => {
      const dueAt = startAt + entry.day * DAY;
      const status = seq < 4 ? 'answered' : dueAt <= now ? 'sent' : 'scheduled';
      checkins.push({
        id: `${id}-c${seq}`,
        mistake_id: id,
        seq,
        step: entry.step,
        day: entry.day,
        due_at: dueAt,
        status,
        sent_at: status === 'scheduled' ? null : dueAt,
        sends: status === 'scheduled' ? 0 : 1,
        late: 0,
        answered_at: status === 'answered' ? dueAt + DAY : null,
      });
    });
    const answer = (suffix: string, seq: number, kind: string, at: number, text: string | null, status: string | null = null) =>
      updates.push({ id: `${id}-u${suffix}`, mistake_id: id, checkin_id: `${id}-c${seq}`, author: 'owner', kind, status, text, via: 'form', at, state: 'counted', settles_at: at, applied_at: at });
    answer('o', 0, 'ownership', startAt + 30_000, 'I merged it without the fixtures; the part that was mine was skipping them.');
    answer('l', 1, 'learning', lastDigestAt + DAY, 'Fixtures run on every billing change now.');
    answer('p', 2, 'plan', lastDigestAt + 2 * DAY, 'A CI gate on billing fixtures by the end of the month.');
    answer('s', 3, 'status', lastDigestAt + 3 * DAY, null, 'on_track');
    answer('n', 3, 'note', lastDigestAt + 3 * DAY, 'The gate is in review.');
  }
  // D1 statements are limited in size: a few hundred rows per statement.
  for (let i = 0; i < mistakes.length; i += 200) await insertJson(db, 'mistakes', mistakes.slice(i, i + 200));
  for (let i = 0; i < checkins.length; i += 500) await insertJson(db, 'checkins', checkins.slice(i, i + 500));
  for (let i = 0; i < updates.length; i += 500) await insertJson(db, 'updates', updates.slice(i, i + 500));
  return { leaderId, email, mistakeIds: mistakes.map((m) => m.id as string) };
}
