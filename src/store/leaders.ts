// The queries behind what a leader receives (introduction, digest, alert, closing report) and the owner's
// reminders and ack notices. Every scheduled query reads through a partial index of what is due, so a run
// with nothing to do reads next to nothing; the digest reads one leader's plans in a fixed number of queries.
import { and, asc, desc, eq, gt, inArray, isNotNull, isNull, lte, sql, type SQL } from 'drizzle-orm';
import type { CheckinRow, Db, LeaderRow, MistakeRow, Statement, TokenRow, UpdateRow } from './db';
import { checkins, deliveries, digests, emailMistakes, leaders, mistakes, suppressions, tokens, updates } from './schema';

/** A leader may be written to: not stopped, and the address not on the suppression list (any reason). */
const mailable = (): SQL =>
  sql`${leaders.stoppedAt} is null and not exists (select 1 from ${suppressions} where ${suppressions.email} = ${leaders.email})`;

/** The plans a leader follows in digests: introduced, still open, closing report not yet sent. */
const followed = (leaderId: string): SQL =>
  and(
    eq(mistakes.leaderId, leaderId),
    isNotNull(mistakes.leaderIntroAt),
    isNull(mistakes.closingReportAt),
    inArray(mistakes.status, ['active', 'paused']),
  )!;

/**
 * The outer leaders row's id inside a correlated subquery. Spelled out: in a single-table select list drizzle
 * writes a column unqualified ("id"), which inside `from mistakes m` would mean m.id.
 */
const leaderIdRef = sql.raw('"leaders"."id"');
const leaderEmailRef = sql.raw('"leaders"."email"');

/** No ledger row that settled the email (queued means "try again"; a failed one is not retried). */
const notDelivered = (key: SQL): SQL =>
  sql`not exists (select 1 from ${deliveries} where ${deliveries.idempotencyKey} = ${key} and ${deliveries.status} <> 'queued')`;

export interface DigestLeader {
  leader: LeaderRow;
  /** The zone of the owner of the leader's first plan (first stored): the default when the leader has none. */
  ownerZone: string | null;
  /** Periods among the candidates that are already recorded for this leader. */
  claimed: string[];
  /** The address is on the suppression list: no digest can ever go. */
  suppressed: boolean;
}

/** One plan as a digest sees it: the mistake's own fields and its check-ins folded into a few numbers. */
export interface DigestPlanRow {
  id: string;
  title: string;
  status: MistakeRow['status'];
  startAt: number;
  cadence: MistakeRow['cadence'];
  ownerName: string | null;
  ownerEmail: string;
  lastStatus: MistakeRow['lastStatus'];
  lastStatusAt: number | null;
  leaderIntroAt: number;
  pausedAt: number | null;
  /** Check-ins sent and not answered. */
  unanswered: number;
  oldestUnansweredAt: number | null;
  /** "step:day:sentAt" of each unanswered check-in, comma separated. */
  unansweredList: string | null;
  /** Check-ins still to go out (scheduled, held by a pause, or being sent). */
  toCome: number;
  nextDueAt: number | null;
  lastSentAt: number | null;
}

export type NewsRow = Pick<UpdateRow, 'id' | 'mistakeId' | 'kind' | 'status' | 'text' | 'at' | 'appliedAt'>;

export interface AlertRow {
  update: UpdateRow;
  mistake: MistakeRow;
  leader: LeaderRow;
}

export interface AckRow {
  update: UpdateRow;
  mistake: MistakeRow;
  leader: LeaderRow | null;
}

export function leaderStore(db: Db) {
  /** Mistakes with their leader (if any), for the few rows a pass has claimed. */
  async function withLeaders(rows: MistakeRow[]): Promise<{ mistake: MistakeRow; leader: LeaderRow | null }[]> {
    const ids = [...new Set(rows.flatMap((m) => (m.leaderId ? [m.leaderId] : [])))];
    const found = ids.length ? await db.select().from(leaders).where(inArray(leaders.id, ids)) : [];
    const byId = new Map(found.map((l) => [l.id, l]));
    return rows.map((mistake) => ({ mistake, leader: mistake.leaderId ? (byId.get(mistake.leaderId) ?? null) : null }));
  }

  return {
    async get(id: string): Promise<LeaderRow | null> {
      return (await db.select().from(leaders).where(eq(leaders.id, id)).get()) ?? null;
    },

    async isMailable(leaderId: string): Promise<boolean> {
      const row = await db.select({ id: leaders.id }).from(leaders).where(and(eq(leaders.id, leaderId), mailable())).get();
      return row !== undefined;
    },

    // ---- introduction ------------------------------------------------------------------------------

    /**
     * Mistakes whose ownership statement is written, unchanged since `unchangedSince`, and whose leader has
     * not been introduced. Nothing is claimed: leader_intro_at is written once delivery has the email
     * (markIntroduced), so a run that dies on the way leaves the introduction due. Two overlapping runs may
     * both send it; its idempotency key lets one email through.
     */
    async introsDue(limit: number, unchangedSince: number) {
      const due = await db
        .select()
        .from(mistakes)
        .where(
          and(
            isNotNull(mistakes.leaderId),
            isNull(mistakes.leaderIntroAt),
            isNotNull(mistakes.ownership),
            sql`not exists (select 1 from ${updates} u where u.mistake_id = ${mistakes.id} and u.kind = 'ownership' and u.at > ${unchangedSince})`,
          ),
        )
        .limit(limit);
      return withLeaders(due);
    },

    /**
     * The introduction went (or will never go): the plan leaves the introductions due. In the same
     * transaction, a leader with no digest pending and an open plan now followed is due at once (the next
     * digest run works out their period); a leader who already has a due time keeps it.
     */
    async markIntroduced(mistakeId: string, now: number): Promise<void> {
      await db.batch([
        db.update(mistakes).set({ leaderIntroAt: now }).where(and(eq(mistakes.id, mistakeId), isNull(mistakes.leaderIntroAt))),
        db
          .update(leaders)
          .set({ nextDigestAt: now })
          .where(
            and(
              isNull(leaders.nextDigestAt),
              sql`${leaders.id} = (select m.leader_id from ${mistakes} m where m.id = ${mistakeId} and m.status in ('active', 'paused'))`,
            ),
          ),
      ]);
    },

    // ---- closing report ------------------------------------------------------------------------------

    /** Resolved mistakes with a leader whose closing report has not gone (recorded after delivery, as intros). */
    async closingsDue(limit: number) {
      const due = await db
        .select()
        .from(mistakes)
        .where(and(eq(mistakes.status, 'resolved'), isNotNull(mistakes.leaderId), isNull(mistakes.closingReportAt)))
        .orderBy(asc(mistakes.endedAt))
        .limit(limit);
      return withLeaders(due);
    },

    /** The closing report went (or will never go). */
    async markClosingReported(mistakeId: string, now: number): Promise<void> {
      await db.update(mistakes).set({ closingReportAt: now }).where(and(eq(mistakes.id, mistakeId), isNull(mistakes.closingReportAt)));
    },

    /** Everything a closing report tells: the mistake, its check-ins and the owner's counted updates. */
    async story(mistakeId: string): Promise<{ mistake: MistakeRow; checkins: CheckinRow[]; updates: UpdateRow[] } | null> {
      const [mistakeRows, checkinRows, updateRows] = await db.batch([
        db.select().from(mistakes).where(eq(mistakes.id, mistakeId)),
        db.select().from(checkins).where(eq(checkins.mistakeId, mistakeId)).orderBy(asc(checkins.seq)),
        db
          .select()
          .from(updates)
          .where(and(eq(updates.mistakeId, mistakeId), eq(updates.author, 'owner'), eq(updates.state, 'counted')))
          .orderBy(asc(updates.at), asc(updates.id)),
      ]);
      const mistake = mistakeRows[0];
      return mistake ? { mistake, checkins: checkinRows, updates: updateRows } : null;
    },

    // ---- alerts and ack notices ----------------------------------------------------------------------

    /**
     * Counted `blocked` statuses since `since` whose alert has not gone, on introduced open plans whose
     * leader may be written to. Reads the small updates_blocked index, not the updates table.
     */
    async blockedToAlert(since: number, limit: number): Promise<AlertRow[]> {
      const rows = await db
        .select({ update: updates, mistake: mistakes, leader: leaders })
        .from(updates)
        .innerJoin(mistakes, eq(mistakes.id, updates.mistakeId))
        .innerJoin(leaders, eq(leaders.id, mistakes.leaderId))
        .where(
          and(
            eq(updates.kind, 'status'),
            eq(updates.status, 'blocked'),
            gt(updates.at, since),
            eq(updates.state, 'counted'),
            eq(updates.author, 'owner'),
            inArray(mistakes.status, ['active', 'paused']),
            isNotNull(mistakes.leaderIntroAt),
            mailable(),
            notDelivered(sql`'alert:' || ${updates.id}`),
          ),
        )
        .orderBy(asc(updates.at))
        .limit(limit);
      return rows;
    },

    /** Counted leader acknowledgements since `since` whose notice to the owner has not gone. */
    async acksToNotify(since: number, limit: number): Promise<AckRow[]> {
      return db
        .select({ update: updates, mistake: mistakes, leader: leaders })
        .from(updates)
        .innerJoin(mistakes, eq(mistakes.id, updates.mistakeId))
        .leftJoin(leaders, eq(leaders.id, mistakes.leaderId))
        .where(
          and(
            eq(updates.kind, 'ack'),
            gt(updates.at, since),
            eq(updates.state, 'counted'),
            eq(updates.author, 'leader'),
            notDelivered(sql`'ack:' || ${updates.id}`),
          ),
        )
        .orderBy(asc(updates.at))
        .limit(limit);
    },

    /**
     * The note written with a status: on the same check-in, from a minute before the status to `until` (a
     * person often clicks the status, then adds a note on the page that follows).
     */
    async noteWith(update: Pick<UpdateRow, 'mistakeId' | 'checkinId' | 'at'>, until: number): Promise<string | null> {
      if (!update.checkinId) return null;
      const row = await db
        .select({ text: updates.text })
        .from(updates)
        .where(
          and(
            eq(updates.mistakeId, update.mistakeId),
            gt(updates.at, update.at - 60_000),
            lte(updates.at, until),
            eq(updates.checkinId, update.checkinId),
            eq(updates.kind, 'note'),
            eq(updates.state, 'counted'),
          ),
        )
        .orderBy(desc(updates.at))
        .limit(1)
        .get();
      return row?.text ?? null;
    },

    // ---- leader acknowledgements (the settle rule, as for the owner's one-click statuses) ------------

    async acksFrom(source: string): Promise<UpdateRow[]> {
      return db
        .select()
        .from(updates)
        .where(and(eq(updates.clickSource, source), eq(updates.kind, 'ack')))
        .orderBy(asc(updates.at), asc(updates.id));
    },

    // ---- owner reminders -----------------------------------------------------------------------------

    /**
     * Own/learn/plan check-ins sent at or before `sentBefore`, still unanswered and not yet reminded, on
     * active plans, oldest first. Reads the checkins_unanswered partial index. `after` pages on: the
     * candidates that come after that one (by sentAt, then id).
     */
    async reminderCandidates(
      sentBefore: number,
      limit: number,
      after: { sentAt: number; id: string } | null = null,
    ): Promise<{ checkin: CheckinRow; mistake: MistakeRow; leader: LeaderRow | null }[]> {
      return db
        .select({ checkin: checkins, mistake: mistakes, leader: leaders })
        .from(checkins)
        .innerJoin(mistakes, eq(mistakes.id, checkins.mistakeId))
        .leftJoin(leaders, eq(leaders.id, mistakes.leaderId))
        .where(
          and(
            sql`${checkins.status} = 'sent' and ${checkins.step} <> 'progress' and ${checkins.reminderAt} is null`,
            lte(checkins.sentAt, sentBefore),
            eq(mistakes.status, 'active'),
            after ? sql`(${checkins.sentAt}, ${checkins.id}) > (${after.sentAt}, ${after.id})` : undefined,
          ),
        )
        .orderBy(asc(checkins.sentAt), asc(checkins.id))
        .limit(limit);
    },

    /**
     * The reminder went (or was refused for good): recorded after delivery, not claimed before it, so a run
     * that dies between the two leaves it due. The idempotency key keeps a second run from sending it again.
     */
    async markReminded(checkinId: string, now: number): Promise<void> {
      await db.update(checkins).set({ reminderAt: now }).where(and(eq(checkins.id, checkinId), isNull(checkins.reminderAt)));
    },

    // ---- digests -------------------------------------------------------------------------------------

    /**
     * Leaders whose digest is due (next_digest_at at or before `now`, not stopped), earliest first, with which
     * of `periods` they have already recorded. Reads the leaders_digest_due partial index: a run when no digest
     * is due reads next to nothing, however many leaders there are. The caller decides in each leader's zone.
     */
    async digestsDue(now: number, periods: string[], limit: number): Promise<DigestLeader[]> {
      const claimedIn = periods.length
        ? sql`(select group_concat(${digests.period}) from ${digests} where ${digests.leaderId} = ${leaderIdRef} and ${inArray(digests.period, periods)})`
        : sql`null`;
      const rows = await db
        .select({
          leader: leaders,
          ownerZone: sql<string | null>`(select m.owner_time_zone from ${mistakes} m where m.leader_id = ${leaderIdRef} order by m.rowid limit 1)`,
          claimed: sql<string | null>`${claimedIn}`,
          suppressed: sql<number>`exists (select 1 from ${suppressions} where ${suppressions.email} = ${leaderEmailRef})`,
        })
        .from(leaders)
        .where(and(lte(leaders.nextDigestAt, now), isNull(leaders.stoppedAt)))
        .orderBy(asc(leaders.nextDigestAt))
        .limit(limit);
      return rows.map((r) => ({ leader: r.leader, ownerZone: r.ownerZone, claimed: r.claimed ? r.claimed.split(',') : [], suppressed: Boolean(r.suppressed) }));
    },

    /**
     * The leader's current period is dealt with: their digest is next due at `next` (NULL when none can ever
     * go), or at no time at all once they follow no introduced open plan (checked in this statement, so a plan
     * introduced meanwhile is not missed). Written only if the leader is as the run read them: a frequency
     * changed meanwhile made them due at once, and that stands.
     */
    async scheduleNextDigest(seen: Pick<LeaderRow, 'id' | 'frequency' | 'nextDigestAt'>, next: number | null): Promise<void> {
      if (seen.nextDigestAt === null) return;
      const stillFollows = sql`exists (select 1 from ${mistakes} m where m.leader_id = ${leaderIdRef} and m.leader_intro_at is not null
        and m.closing_report_at is null and m.status in ('active', 'paused'))`;
      await db
        .update(leaders)
        .set({ nextDigestAt: next === null ? null : sql`case when ${stillFollows} then ${next} else null end` })
        .where(and(eq(leaders.id, seen.id), eq(leaders.frequency, seen.frequency), eq(leaders.nextDigestAt, seen.nextDigestAt)));
    },

    /**
     * A period with nothing new for the leader: recorded so later runs in it do not look again. Periods are
     * recorded after the fact, never claimed before sending, so a run that dies on the way leaves the digest due.
     */
    async recordQuietPeriod(leaderId: string, period: string, now: number): Promise<void> {
      await db.insert(digests).values({ leaderId, period, claimedAt: now, sentAt: null, mistakeCount: 0 }).onConflictDoNothing();
    },

    /** The digest went: the period records it, and "new" starts from now for this leader. */
    async finishDigest(leaderId: string, period: string, now: number, mistakeCount: number): Promise<void> {
      await db.batch([
        db
          .insert(digests)
          .values({ leaderId, period, claimedAt: now, sentAt: now, mistakeCount })
          .onConflictDoUpdate({ target: [digests.leaderId, digests.period], set: { sentAt: now, mistakeCount }, setWhere: isNull(digests.sentAt) }),
        // Only the run whose digest the period records moves the leader's "new since" (overlapping runs both send
        // one under the same key, and one email goes).
        db
          .update(leaders)
          .set({ lastDigestAt: now })
          .where(
            and(
              eq(leaders.id, leaderId),
              sql`exists (select 1 from ${digests} where ${digests.leaderId} = ${leaderId} and ${digests.period} = ${period} and ${digests.sentAt} = ${now})`,
            ),
          ),
      ]);
    },

    /**
     * What a digest needs about one leader's plans, in one statement whatever their number: each plan's row,
     * its check-ins folded into counts, and the owner's counted updates that are new, the last two as JSON
     * from correlated subqueries (each reads only that plan's rows through its index; no GROUP BY or ORDER BY
     * sorter, which D1 would count as rows read again).
     *
     * New means: counted (applied) after the leader's last digest and at or before `now`; for a plan first
     * introduced after that digest, everything since its start except the ownership statement the
     * introduction showed. `lookbackMs` lets the (mistake_id, at) index bound the read: a click counts a
     * little after it was made, never more than that before.
     */
    async digestData(
      leaderId: string,
      lastDigestAt: number | null,
      now: number,
      lookbackMs: number,
      onlyMistake?: string,
    ): Promise<{ plans: DigestPlanRow[]; news: NewsRow[] }> {
      const last = lastDigestAt ?? 0;
      const scope = onlyMistake ? and(followed(leaderId), eq(mistakes.id, onlyMistake))! : followed(leaderId);
      // Qualified by hand: inside the subqueries an unqualified "id" would be the subquery's own column.
      const planId = sql.raw('"mistakes"."id"');
      const introAt = sql.raw('"mistakes"."leader_intro_at"');
      const since = sql`(case when ${introAt} <= ${last} then ${last} else 0 end)`;
      // Spelled with OR: an IN list in a correlated subquery costs D1 a row read per check-in it tests.
      const toCome = sql.raw(`(c.status = 'scheduled' or c.status = 'held' or c.status = 'sending')`);
      const rows = await db
        .select({
          id: mistakes.id,
          title: mistakes.title,
          status: mistakes.status,
          startAt: mistakes.startAt,
          cadence: mistakes.cadence,
          ownerName: mistakes.ownerName,
          ownerEmail: mistakes.ownerEmail,
          lastStatus: mistakes.lastStatus,
          lastStatusAt: mistakes.lastStatusAt,
          leaderIntroAt: sql<number>`${introAt}`,
          pausedAt: mistakes.pausedAt,
          checkins: sql<string>`(select json_object(
              'unanswered', coalesce(sum(c.status = 'sent'), 0),
              'oldestUnansweredAt', min(case when c.status = 'sent' then c.sent_at end),
              'unansweredList', group_concat(case when c.status = 'sent' then c.step || ':' || c.day || ':' || c.sent_at end),
              'toCome', coalesce(sum(${toCome}), 0),
              'nextDueAt', min(case when ${toCome} then c.due_at end),
              'lastSentAt', max(c.sent_at))
            from ${checkins} c where c.mistake_id = ${planId})`,
          news: sql<string>`(select json_group_array(json_array(u.id, u.kind, u.status, u.text, u.at, u.applied_at))
            from ${updates} u where u.mistake_id = ${planId}
              and u.at > ${since} - ${lookbackMs}
              and u.applied_at > ${since} and u.applied_at <= ${now}
              and u.author = 'owner' and u.state = 'counted'
              -- The introduction showed the ownership statement as it stood then.
              and not (u.kind = 'ownership' and u.applied_at <= ${introAt}))`,
        })
        .from(mistakes)
        .where(scope);
      const plans: DigestPlanRow[] = [];
      const news: NewsRow[] = [];
      for (const { checkins: folded, news: fresh, ...plan } of rows) {
        plans.push({ ...plan, ...(JSON.parse(folded) as Pick<DigestPlanRow, 'unanswered' | 'oldestUnansweredAt' | 'unansweredList' | 'toCome' | 'nextDueAt' | 'lastSentAt'>) });
        for (const [id, kind, status, text, at, appliedAt] of JSON.parse(fresh) as [string, UpdateRow['kind'], string | null, string | null, number, number][]) {
          news.push({ id, mistakeId: plan.id, kind, status, text, at, appliedAt });
        }
      }
      news.sort((a, b) => a.at - b.at || a.id.localeCompare(b.id));
      return { plans, news };
    },

    /**
     * Inserts many leader tokens in one statement (D1 allows 100 bound parameters per query, so the rows
     * travel as one JSON parameter): a digest's links cost one query whatever the number of plans. With
     * `emailKey` (the digest's idempotency key), the email is also noted as speaking of each token's mistake
     * (email_mistakes), so erasing one of them finds the digest's copies: a second statement, same round trip.
     */
    async insertTokens(rows: TokenRow[], emailKey?: string): Promise<void> {
      if (rows.length === 0) return;
      const payload = JSON.stringify(
        rows.map((r) => ({ i: r.id, m: r.mistakeId, l: r.leaderId, c: r.createdAt, e: r.expiresAt, r: r.role })),
      );
      const insertTokens = db
        .insert(tokens)
        .select(
          sql`select json_extract(value, '$.i'), json_extract(value, '$.m'), json_extract(value, '$.r'), json_extract(value, '$.l'),
            null, null, json_extract(value, '$.c'), json_extract(value, '$.e'), null
          from json_each(${payload}) where true`,
        )
        .onConflictDoNothing();
      if (!emailKey) {
        await insertTokens;
        return;
      }
      await db.batch([
        insertTokens,
        db
          .insert(emailMistakes)
          .select(sql`select distinct ${emailKey}, json_extract(value, '$.m') from json_each(${payload}) where true`)
          .onConflictDoNothing(),
      ]);
    },

    // ---- the leader's own choices ------------------------------------------------------------------

    /** A leader with a digest pending is due at once (0): the next run works out the period in the new rhythm. */
    async setFrequency(leaderId: string, frequency: LeaderRow['frequency']): Promise<void> {
      await db
        .update(leaders)
        .set({ frequency, nextDigestAt: sql`case when ${leaders.nextDigestAt} is null then null else 0 end` })
        .where(eq(leaders.id, leaderId));
    },

    /**
     * Stops leader mail to this address at once and for good: the leader row says so, and the address goes
     * on the suppression list, which outlives the row (a later plan naming the address creates a new one).
     */
    async stop(leader: Pick<LeaderRow, 'id' | 'email'>, now: number): Promise<void> {
      await db.batch([
        db.update(leaders).set({ stoppedAt: now }).where(and(eq(leaders.id, leader.id), isNull(leaders.stoppedAt))),
        db.insert(suppressions).values({ email: leader.email, reason: 'unsubscribed', at: now }).onConflictDoNothing(),
      ]);
    },
  };
}

export type LeaderStore = ReturnType<typeof leaderStore>;
