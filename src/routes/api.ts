// The HTTP API of the contract: JSON in and out, bearer-token authorised. Each handler answers only what its
// route in api-routes.ts declares; /api/openapi.json is generated from those declarations.
import { Hono } from 'hono';
import { ANSWER_TEXT_LIMIT, AnswerRefused, recordText } from '../domain/answers';
import { closeMistake, eraseMistake, logMistake, pauseMistake, PlanConflict, resumeMistake } from '../domain/plans';
import { JSON_BODY_LIMIT, limitJsonBody } from '../http/body-limit';
import { constantTimeEqual } from '../http/compare';
import type { AppEnv } from '../http/context';
import { ApiError } from '../http/errors';
import { mount } from './api-route';
import { allRoutes, routes, transitionRoute, transitions, type ApiEnv, type Transition } from './api-routes';
import { DEAD_LETTER_LIST_LIMIT, deadLetterView } from './dead-letters';
import { mistakeView } from './mistake-view';
import { openApiDocument } from './openapi';

const BASE = '/api';
export const api = new Hono<ApiEnv>().basePath(BASE);

mount(api, routes.openapi, async (c) => ({ status: 200, body: openApiDocument(allRoutes, BASE, c.get('config').appUrl) }));

mount(api, routes.health, async (c) => {
  const { transport, transportProblem } = c.get('deps');
  const keyProblem = c.get('config').signingKeyProblem;
  const body = {
    ok: transport !== null && !keyProblem,
    env: c.get('config').env,
    mail: transport?.name ?? 'none',
    signingKey: keyProblem ?? ('ok' as const),
    ...(transportProblem ? { problem: transportProblem } : {}),
  };
  return { status: 200, body };
});

api.use('*', async (c, next) => {
  const expected = c.get('config').apiToken;
  const given = /^Bearer\s+(.+)$/i.exec(c.req.header('authorization') ?? '')?.[1]?.trim();
  if (!expected) throw new ApiError('unauthorized', 'The API is closed: API_TOKEN is not configured.');
  if (!given || !(await constantTimeEqual(given, expected))) {
    throw new ApiError('unauthorized', 'Send Authorization: Bearer <API_TOKEN>.');
  }
  await next();
});

// After the token: a stranger learns nothing, not even the size limit. Chunked bodies are capped as they are read.
api.use('*', limitJsonBody(JSON_BODY_LIMIT));

type Ctx = { get: <K extends keyof AppEnv['Variables']>(k: K) => AppEnv['Variables'][K] };

async function view(c: Ctx, id: string) {
  const { store } = c.get('deps');
  const record = await store.mistakes.get(id);
  if (!record) throw new ApiError('not_found', 'No mistake with that id.');
  // The delivery ledger, dead letters and suppressions (issue 5): what became of each email.
  const [deliveries, dead, suppressed] = await Promise.all([
    store.mail.deliveriesFor(id),
    store.mail.deadLettersFor(id),
    store.mail.suppressedAmong([record.mistake.ownerEmail, ...(record.leader ? [record.leader.email] : [])]),
  ]);
  return mistakeView(record, c.get('now'), { deliveries, deadLetters: dead, suppressed });
}

mount(api, routes.create, async (c, { body }) => {
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
    c.get('now'),
  );
  return { status: 201, body: await view(c, id) };
});

mount(api, routes.list, async (c, { query: { owner, leader } }) => {
  if ((owner === undefined) === (leader === undefined)) {
    throw new ApiError('invalid', 'Give exactly one of ?owner=EMAIL or ?leader=EMAIL.', { owner: 'Give owner or leader.' });
  }
  const email = (owner ?? leader ?? '').trim().toLowerCase();
  const store = c.get('deps').store;
  const ids = owner !== undefined ? await store.mistakes.idsByOwner(email) : await store.mistakes.idsByLeader(email);
  const mistakes = [];
  for (const id of ids) mistakes.push(await view(c, id));
  return { status: 200, body: { mistakes } };
});

mount(api, routes.get, async (c, { params }) => ({ status: 200, body: await view(c, params.id) }));

mount(api, routes.deadLetters, async (c) => {
  const rows = await c.get('deps').store.mail.listDeadLetters(DEAD_LETTER_LIST_LIMIT);
  return { status: 200, body: { deadLetters: rows.map(deadLetterView) } };
});

const TRANSITION_RUN: Record<Transition, typeof pauseMistake> = { pause: pauseMistake, resume: resumeMistake, close: closeMistake };

for (const action of transitions) {
  mount(api, transitionRoute(action), async (c) => {
    const mistake = c.get('mistake');
    try {
      await TRANSITION_RUN[action](c.get('deps'), mistake, c.get('now'));
    } catch (error) {
      if (error instanceof PlanConflict) throw new ApiError('conflict', error.message);
      throw error;
    }
    return { status: 200, body: await view(c, mistake.id) };
  });
}

/** An answer recorded by an API client on the owner's behalf (via "api"). */
mount(api, routes.answer, async (c, { body: input }) => {
  const mistake = c.get('mistake');
  const checkin = await c.get('deps').store.checkins.get(input.checkinId);
  if (!checkin || checkin.mistakeId !== mistake.id) throw new ApiError('not_found', 'No check-in with that id in this mistake.', { checkinId: 'Unknown check-in.' });
  try {
    await recordText(
      c.get('deps'),
      { token: null, mistake, checkin },
      { text: input.text ?? '', via: 'api', ...(input.status ? { status: input.status } : {}) },
      c.get('now'),
    );
  } catch (error) {
    if (error instanceof AnswerRefused) throw answerRefusalError(error);
    throw error;
  }
  return { status: 201, body: await view(c, mistake.id) };
});

mount(api, routes.erase, async (c) => {
  const mistake = c.get('mistake');
  await eraseMistake(c.get('deps'), mistake);
  return { status: 200, body: { id: mistake.id, deleted: true as const } };
});

function answerRefusalError(error: AnswerRefused): ApiError {
  switch (error.reason) {
    case 'empty':
      return new ApiError('invalid', 'Write something, or give a status.', { text: 'Must not be empty.' });
    case 'too_long':
      return new ApiError('invalid', 'The answer is too long.', { text: `At most ${ANSWER_TEXT_LIMIT} characters.` });
    case 'not_progress':
      return new ApiError('invalid', 'A status answers progress check-ins only.', { status: 'Only for progress check-ins.' });
    case 'plan_ended':
      return new ApiError('conflict', 'This plan has ended.');
    case 'no_checkin':
      return new ApiError('invalid', 'Name the check-in this answers.', { checkinId: 'Required.' });
  }
}
