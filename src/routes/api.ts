// The HTTP API of the contract: JSON in and out, bearer-token authorised.
import { Hono } from 'hono';
import { ANSWER_TEXT_LIMIT, AnswerRefused, recordText } from '../domain/answers';
import { closeMistake, eraseMistake, logMistake, pauseMistake, PlanConflict, resumeMistake } from '../domain/plans';
import { readJson } from '../http/body';
import type { AppEnv } from '../http/context';
import { ApiError } from '../http/errors';
import { constantTimeEqual } from '../http/compare';
import { fieldErrors, NewMistakeInput, NewUpdateInput } from './api-schema';
import { deadLetters } from './dead-letters';
import { mistakeView } from './mistake-view';
import { openApiDocument } from './openapi';
import type { MistakeRow } from '../store';

export const api = new Hono<AppEnv>();

api.get('/openapi.json', (c) => c.json(openApiDocument(c.get('config').appUrl)));

api.get('/health', (c) => {
  const { transport, transportProblem } = c.get('deps');
  const keyProblem = c.get('config').signingKeyProblem;
  return c.json({
    ok: transport !== null && !keyProblem,
    env: c.get('config').env,
    mail: transport?.name ?? 'none',
    signingKey: keyProblem ?? 'ok',
    ...(transportProblem ? { problem: transportProblem } : {}),
  });
});

api.use('*', async (c, next) => {
  const expected = c.get('config').apiToken;
  const given = /^Bearer\s+(.+)$/i.exec(c.req.header('authorization') ?? '')?.[1]?.trim();
  if (!expected) throw new ApiError(401, 'unauthorized', 'The API is closed: API_TOKEN is not configured.');
  if (!given || !(await constantTimeEqual(given, expected))) {
    throw new ApiError(401, 'unauthorized', 'Send Authorization: Bearer <API_TOKEN>.');
  }
  await next();
});

async function loadMistake(c: { get: (k: 'deps') => AppEnv['Variables']['deps'] }, id: string): Promise<MistakeRow> {
  const row = id.length <= 64 ? await c.get('deps').store.mistakes.row(id) : null;
  if (!row) throw new ApiError(404, 'not_found', 'No mistake with that id.');
  return row;
}

async function view(c: { get: <K extends keyof AppEnv['Variables']>(k: K) => AppEnv['Variables'][K] }, id: string) {
  const { store } = c.get('deps');
  const record = await store.mistakes.get(id);
  if (!record) throw new ApiError(404, 'not_found', 'No mistake with that id.');
  // The delivery ledger, dead letters and suppressions (issue 5): what became of each email.
  const [deliveries, dead, suppressed] = await Promise.all([
    store.mail.deliveriesFor(id),
    store.mail.deadLettersFor(id),
    store.mail.suppressedAmong([record.mistake.ownerEmail, ...(record.leader ? [record.leader.email] : [])]),
  ]);
  return mistakeView(record, c.get('now'), { deliveries, deadLetters: dead, suppressed });
}

api.post('/mistakes', async (c) => {
  const parsed = NewMistakeInput.safeParse(await readJson(c));
  if (!parsed.success) throw new ApiError(400, 'invalid', 'Some fields need another look.', fieldErrors(parsed.error));
  const body = parsed.data;
  const now = c.get('now');
  const startAt = body.startAt ? Date.parse(body.startAt) : undefined;
  const id = await logMistake(
    c.get('deps'),
    {
      title: body.title,
      description: body.description,
      impact: body.impact || null,
      owner: body.owner,
      leader: body.leader ?? null,
      ...(startAt !== undefined ? { startAt } : {}),
      ...(body.skipWeekends !== undefined ? { skipWeekends: body.skipWeekends } : {}),
      ...(body.cadence ? { cadence: body.cadence } : {}),
    },
    now,
  );
  return c.json(await view(c, id), 201);
});

api.get('/mistakes', async (c) => {
  const owner = c.req.query('owner');
  const leader = c.req.query('leader');
  if ((owner === undefined) === (leader === undefined)) {
    throw new ApiError(400, 'invalid', 'Give exactly one of ?owner=EMAIL or ?leader=EMAIL.', { owner: 'Give owner or leader.' });
  }
  const email = (owner ?? leader ?? '').trim().toLowerCase();
  const store = c.get('deps').store;
  const ids = owner !== undefined ? await store.mistakes.idsByOwner(email) : await store.mistakes.idsByLeader(email);
  const mistakes = [];
  for (const id of ids) mistakes.push(await view(c, id));
  return c.json({ mistakes });
});

api.get('/mistakes/:id', async (c) => c.json(await view(c, c.req.param('id'))));

api.route('/dead-letters', deadLetters);

const transitions = {
  pause: pauseMistake,
  resume: resumeMistake,
  close: closeMistake,
} as const;

for (const [action, run] of Object.entries(transitions)) {
  api.post(`/mistakes/:id/${action}`, async (c) => {
    const mistake = await loadMistake(c, c.req.param('id'));
    try {
      await run(c.get('deps'), mistake, c.get('now'));
    } catch (error) {
      if (error instanceof PlanConflict) throw new ApiError(409, 'conflict', error.message);
      throw error;
    }
    return c.json(await view(c, mistake.id));
  });
}

/** An answer recorded by an API client on the owner's behalf (via "api"). */
api.post('/mistakes/:id/updates', async (c) => {
  const mistake = await loadMistake(c, c.req.param('id'));
  const parsed = NewUpdateInput.safeParse(await readJson(c));
  if (!parsed.success) throw new ApiError(400, 'invalid', 'Some fields need another look.', fieldErrors(parsed.error));
  const checkin = await c.get('deps').store.checkins.get(parsed.data.checkinId);
  if (!checkin || checkin.mistakeId !== mistake.id) throw new ApiError(404, 'not_found', 'No check-in with that id in this mistake.', { checkinId: 'Unknown check-in.' });
  try {
    await recordText(
      c.get('deps'),
      { token: null, mistake, checkin },
      { text: parsed.data.text ?? '', via: 'api', ...(parsed.data.status ? { status: parsed.data.status } : {}) },
      c.get('now'),
    );
  } catch (error) {
    if (error instanceof AnswerRefused) throw answerRefusalError(error);
    throw error;
  }
  return c.json(await view(c, mistake.id), 201);
});

api.delete('/mistakes/:id', async (c) => {
  const mistake = await loadMistake(c, c.req.param('id'));
  await eraseMistake(c.get('deps'), mistake);
  return c.json({ id: mistake.id, deleted: true });
});

function answerRefusalError(error: AnswerRefused): ApiError {
  switch (error.reason) {
    case 'empty':
      return new ApiError(400, 'invalid', 'Write something, or give a status.', { text: 'Must not be empty.' });
    case 'too_long':
      return new ApiError(400, 'invalid', 'The answer is too long.', { text: `At most ${ANSWER_TEXT_LIMIT} characters.` });
    case 'not_progress':
      return new ApiError(400, 'invalid', 'A status answers progress check-ins only.', { status: 'Only for progress check-ins.' });
    case 'plan_ended':
      return new ApiError(409, 'conflict', 'This plan has ended.');
    case 'no_checkin':
      return new ApiError(400, 'invalid', 'Name the check-in this answers.', { checkinId: 'Required.' });
  }
}
