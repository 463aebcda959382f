// The HTTP API of the contract: JSON in and out, bearer-token authorised. Each handler answers only what its
// route in api-routes.ts declares; /api/openapi.json is generated from those declarations.
import { OpenAPIHono } from '@hono/zod-openapi';
import * as z from 'zod';
import { ANSWER_TEXT_LIMIT, AnswerRefused, recordText } from '../domain/answers';
import { closeMistake, eraseMistake, logMistake, pauseMistake, PlanConflict, resumeMistake } from '../domain/plans';
import { JSON_BODY_LIMIT, limitJsonBody } from '../http/body-limit';
import { constantTimeEqual } from '../http/compare';
import type { AppEnv } from '../http/context';
import { ApiError, ErrorCodeSchema } from '../http/errors';
import { fieldErrors } from './api-schema';
import { routes, transitionRoute, transitions, type Transition } from './api-routes';
import { DEAD_LETTER_LIST_LIMIT, deadLetterView } from './dead-letters';
import { mistakeView } from './mistake-view';
import { openApiDocument } from './openapi';

export const api = new OpenAPIHono<AppEnv>({
  // A request the schemas refuse gets Mend's error shape, with the same field messages as the web forms.
  defaultHook: (result) => {
    if (!result.success) throw new ApiError('invalid', 'Some fields need another look.', fieldErrors(result.error));
  },
}).basePath('/api');

api.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
  type: 'http',
  scheme: 'bearer',
  description: 'Authorization: Bearer <API_TOKEN>',
});
// Every code with its status in one place (each error response names the codes of its own status). Through
// zod's own JSON Schema: the schema was made before the library extended zod, so it has no .openapi().
const errorCodes = z.toJSONSchema(ErrorCodeSchema) as { $defs: Record<string, object> };
api.openAPIRegistry.registerComponent('schemas', 'ErrorCode', errorCodes.$defs.ErrorCode!);

api.openapi(routes.openapi, (c) => c.json(openApiDocument(api, c.get('config').appUrl), 200));

api.openapi(routes.health, (c) => {
  const { transport, transportProblem } = c.get('deps');
  const keyProblem = c.get('config').signingKeyProblem;
  return c.json(
    {
      ok: transport !== null && !keyProblem,
      env: c.get('config').env,
      mail: transport?.name ?? 'none',
      signingKey: keyProblem ?? ('ok' as const),
      ...(transportProblem ? { problem: transportProblem } : {}),
    },
    200,
  );
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

api.openapi(routes.create, async (c) => {
  const body = c.req.valid('json');
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
  return c.json(await view(c, id), 201);
});

api.openapi(routes.list, async (c) => {
  const { owner, leader } = c.req.valid('query');
  if ((owner === undefined) === (leader === undefined)) {
    throw new ApiError('invalid', 'Give exactly one of ?owner=EMAIL or ?leader=EMAIL.', { owner: 'Give owner or leader.' });
  }
  const email = (owner ?? leader ?? '').trim().toLowerCase();
  const store = c.get('deps').store;
  const ids = owner !== undefined ? await store.mistakes.idsByOwner(email) : await store.mistakes.idsByLeader(email);
  const mistakes = [];
  for (const id of ids) mistakes.push(await view(c, id));
  return c.json({ mistakes }, 200);
});

api.openapi(routes.get, async (c) => c.json(await view(c, c.req.valid('param').id), 200));

api.openapi(routes.deadLetters, async (c) => {
  const rows = await c.get('deps').store.mail.listDeadLetters(DEAD_LETTER_LIST_LIMIT);
  return c.json({ deadLetters: rows.map(deadLetterView) }, 200);
});

const TRANSITION_RUN: Record<Transition, typeof pauseMistake> = { pause: pauseMistake, resume: resumeMistake, close: closeMistake };

for (const action of transitions) {
  api.openapi(transitionRoute(action), async (c) => {
    const mistake = c.get('mistake');
    try {
      await TRANSITION_RUN[action](c.get('deps'), mistake, c.get('now'));
    } catch (error) {
      if (error instanceof PlanConflict) throw new ApiError('conflict', error.message);
      throw error;
    }
    return c.json(await view(c, mistake.id), 200);
  });
}

/** An answer recorded by an API client on the owner's behalf (via "api"). */
api.openapi(routes.answer, async (c) => {
  const mistake = c.get('mistake');
  const input = c.req.valid('json');
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
  return c.json(await view(c, mistake.id), 201);
});

api.openapi(routes.erase, async (c) => {
  const mistake = c.get('mistake');
  await eraseMistake(c.get('deps'), mistake);
  return c.json({ id: mistake.id, deleted: true as const }, 200);
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
