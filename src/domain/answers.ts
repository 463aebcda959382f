// Recording what the owner answers: one-click statuses (through the settle rule, src/domain/settle.ts) and
// written answers, and what a counted answer changes.
import type { CheckinRow, MistakeRow, Statement, TokenRow, UpdateRow } from '../store';
import type { Deps } from './deps';
import { recordClickThroughRule, settleDueClicks, type RecordedClick } from './settle';
import { ANSWER_KIND, type ProgressStatus, type UpdateKind, type Via } from './types';

export const ANSWER_TEXT_LIMIT = 10_000;

export interface LinkContext {
  /** The link the answer came through; null for replies and the API. */
  token: TokenRow | null;
  /** One-click answers already recorded through that link, when the caller read them with it. */
  clicks?: UpdateRow[];
  mistake: MistakeRow;
  checkin: CheckinRow | null;
}

export type AnswerRefusal = 'not_progress' | 'plan_ended' | 'empty' | 'too_long' | 'no_checkin';

export class AnswerRefused extends Error {
  constructor(readonly reason: AnswerRefusal) {
    super(reason);
  }
}

const OPEN: ReadonlySet<MistakeRow['status']> = new Set(['active', 'paused']);

function newUpdate(ctx: LinkContext, now: number, fields: Partial<UpdateRow> & Pick<UpdateRow, 'kind' | 'via' | 'state'>): UpdateRow {
  return {
    id: crypto.randomUUID(),
    mistakeId: ctx.mistake.id,
    checkinId: ctx.checkin?.id ?? null,
    author: 'owner',
    status: null,
    text: null,
    at: now,
    clickSource: null,
    settlesAt: null,
    appliedAt: null,
    ...fields,
  };
}

function assertProgressOpen(ctx: LinkContext): void {
  if (!ctx.checkin) throw new AnswerRefused('no_checkin');
  if (ctx.checkin.step !== 'progress') throw new AnswerRefused('not_progress');
  if (!OPEN.has(ctx.mistake.status)) throw new AnswerRefused('plan_ended');
}

/** A one-click status from an email link, recorded through the settle rule (src/domain/settle.ts). */
export async function recordClick(
  deps: Pick<Deps, 'store' | 'settings'>,
  ctx: LinkContext,
  status: ProgressStatus,
  now: number,
  options: { changedOnPage: boolean },
): Promise<RecordedClick> {
  assertProgressOpen(ctx);
  const token = ctx.token;
  if (!token) throw new AnswerRefused('no_checkin');
  return recordClickThroughRule(deps, {
    source: token.id,
    choice: status,
    now,
    changedOnPage: options.changedOnPage,
    ...(ctx.clicks ? { clicks: ctx.clicks } : {}),
    row: (fields) => newUpdate(ctx, now, { kind: 'status', status, via: 'link', clickSource: token.id, ...fields }),
    onCounted: (update) => applyStatements(deps, ctx.mistake, ctx.checkin, update, now),
  });
}

/**
 * A written answer (form, reply or API): a person wrote it, so it counts at once. With `once` (a key of the
 * message it came in, e.g. a reply's Message-ID hash) the updates get ids derived from it, so the same message
 * delivered again records nothing new and gets back what the first delivery recorded.
 */
export async function recordText(
  deps: Pick<Deps, 'store'>,
  ctx: LinkContext,
  input: { text: string; status?: ProgressStatus; via: Via; once?: string },
  now: number,
): Promise<UpdateRow[]> {
  if (!ctx.checkin) throw new AnswerRefused('no_checkin');
  const ids = input.once ? { status: { id: `${input.once}.status` }, text: { id: `${input.once}.text` } } : null;
  const recorded = async () =>
    ids ? (await Promise.all([deps.store.updates.get(ids.status.id), deps.store.updates.get(ids.text.id)])).filter((u) => u !== null) : [];
  // Before any refusal: a repeat of a message that was recorded (and perhaps ended the plan) is not refused.
  const earlier = await recorded();
  if (earlier.length) return earlier;
  if (!OPEN.has(ctx.mistake.status) && ctx.checkin.step === 'progress') throw new AnswerRefused('plan_ended');
  const text = input.text.trim();
  if (text.length > ANSWER_TEXT_LIMIT) throw new AnswerRefused('too_long');
  if (!text && !input.status) throw new AnswerRefused('empty');
  if (input.status && ctx.checkin.step !== 'progress') throw new AnswerRefused('not_progress');

  const made: UpdateRow[] = [];
  if (input.status) made.push(newUpdate(ctx, now, { ...ids?.status, kind: 'status', status: input.status, via: input.via, state: 'counted', settlesAt: now }));
  if (text) made.push(newUpdate(ctx, now, { ...ids?.text, kind: ANSWER_KIND[ctx.checkin.step], text, via: input.via, state: 'counted', settlesAt: now }));
  let mistake = ctx.mistake;
  const statements: Statement[] = [];
  for (const update of made) {
    statements.push(deps.store.updates.insertStatement(update), ...applyStatements(deps, mistake, ctx.checkin, update, now));
    mistake = { ...mistake, status: update.status === 'done' ? 'resolved' : mistake.status };
  }
  try {
    await deps.store.atomically(statements);
  } catch (error) {
    // The same message arriving twice at once: the other delivery's batch won the ids, and this one wrote nothing.
    const won = await recorded();
    if (won.length) return won;
    throw error;
  }
  return made;
}

const LATEST_COLUMN: Partial<Record<UpdateKind, 'ownership' | 'learning' | 'planText'>> = {
  ownership: 'ownership',
  learning: 'learning',
  plan: 'planText',
};

/** What a counted answer changes: its check-in is answered, the mistake keeps the latest words, done ends it. */
function applyStatements(
  deps: Pick<Deps, 'store'>,
  mistake: MistakeRow,
  checkin: CheckinRow | null,
  update: UpdateRow,
  now: number,
): Statement[] {
  const { store } = deps;
  const statements: Statement[] = [store.updates.markAppliedStatement(update.id, now)];
  if (checkin) statements.push(store.checkins.markAnsweredStatement(checkin.id, now));
  const column = LATEST_COLUMN[update.kind];
  if (column) statements.push(store.mistakes.updateStatement(mistake.id, { [column]: update.text, updatedAt: now }));
  if (update.kind === 'status' && update.status) {
    statements.push(
      store.mistakes.updateStatement(mistake.id, { lastStatus: update.status as ProgressStatus, lastStatusAt: update.at, updatedAt: now }),
    );
    if (update.status === 'done' && OPEN.has(mistake.status)) statements.push(...store.mistakes.endStatements(mistake.id, 'resolved', now, false));
  }
  return statements;
}

/** Scheduled work: clicks that have stood their settle time count now, and take effect. */
export async function settleClicks(deps: Pick<Deps, 'store' | 'log'>, now: number): Promise<number> {
  const { store } = deps;
  await settleDueClicks(deps, now);
  let applied = 0;
  for (;;) {
    const due = await store.updates.unapplied(50);
    if (due.length === 0) break;
    const mistakes = new Map((await store.mistakes.rows([...new Set(due.map((u) => u.mistakeId))])).map((m) => [m.id, m]));
    for (const update of due) {
      const mistake = mistakes.get(update.mistakeId);
      const checkin = update.checkinId ? await store.checkins.get(update.checkinId) : null;
      if (!mistake) {
        await store.atomically([store.updates.markAppliedStatement(update.id, now)]);
        continue;
      }
      await store.atomically(applyStatements(deps, mistake, checkin, update, now));
      if (update.status === 'done') mistakes.set(mistake.id, { ...mistake, status: 'resolved' });
      applied++;
    }
  }
  if (applied) deps.log('answers.settled', { applied });
  return applied;
}
