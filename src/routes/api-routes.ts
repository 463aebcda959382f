// Every route of the API with what it takes and every answer it gives: mount (api-route.ts) validates requests
// with these schemas, each handler's answers are typed by them and openapi.ts writes /api/openapi.json from them.
import { createMiddleware } from 'hono/factory';
import * as z from 'zod';
import type { AppEnv } from '../http/context';
import { ApiError, errorResponseFor, type ErrorStatus } from '../http/errors';
import type { MistakeRow } from '../store';
import { NewMistakeInput, NewUpdateInput } from './api-schema';
import { DeadLetterList, Deleted, Health, Mistake, MistakeList } from './api-responses';
import { route } from './api-route';

const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, schema });
const ERRORS = new Map(([400, 401, 404, 409, 413, 500] as const).map((status) => [status, errorResponseFor(status)]));
const error = <S extends ErrorStatus>(status: S, description: string) =>
  ({ [status]: json(ERRORS.get(status)!, description) }) as Record<S, ReturnType<typeof json>>;

const unauthorized = error(401, 'Missing or wrong bearer token.');
const internal = error(500, 'Something failed on our side; nothing sent was lost.');
const invalid = error(400, 'Invalid input; `fields` names each field and what is wrong with it.');
const tooLarge = error(413, 'Body larger than 64 KiB.');
const notFound = error(404, 'No mistake with that id.');
const conflict = error(409, "Not possible in the mistake's current status.");

const IdParam = z.object({ id: z.string().meta({ description: 'The mistake id.' }) });

/** What the API's handlers see: the mistake of the path, on the routes that load it (knownMistake). */
export type ApiEnv = AppEnv & { Variables: { mistake: MistakeRow } };

/** The mistake named in the path, loaded before anything else is read: an unknown id is a 404 first. */
const knownMistake = createMiddleware<ApiEnv>(async (c, next) => {
  const id = c.req.param('id') ?? '';
  const row = id.length <= 64 ? await c.get('deps').store.mistakes.row(id) : null;
  if (!row) throw new ApiError('not_found', 'No mistake with that id.');
  c.set('mistake', row);
  await next();
});

export const routes = {
  openapi: route({
    method: 'get',
    path: '/openapi.json',
    summary: 'This document (OpenAPI 3.1); public',
    responses: { 200: json(z.record(z.string(), z.unknown()), 'The OpenAPI document.') },
  }),
  health: route({
    method: 'get',
    path: '/health',
    summary: 'Whether mail can go out, and why not; public',
    responses: { 200: json(Health, 'Health.'), ...internal },
  }),
  create: route({
    method: 'post',
    path: '/mistakes',
    summary: 'Log a mistake and schedule its plan',
    bearer: true,
    body: NewMistakeInput.meta({ id: 'NewMistake' }),
    responses: { 201: json(Mistake, 'The mistake, with its check-ins.'), ...invalid, ...unauthorized, ...tooLarge, ...internal },
  }),
  list: route({
    method: 'get',
    path: '/mistakes',
    summary: 'Mistakes of one owner or one leader (give exactly one)',
    bearer: true,
    query: z.object({
      owner: z.string().optional().meta({ description: "The owner's email." }),
      leader: z.string().optional().meta({ description: "The leader's email." }),
    }),
    responses: { 200: json(MistakeList, 'The list.'), ...invalid, ...unauthorized, ...internal },
  }),
  get: route({
    method: 'get',
    path: '/mistakes/{id}',
    summary: 'One mistake with its check-ins, updates and emails',
    bearer: true,
    params: IdParam,
    responses: { 200: json(Mistake, 'The mistake.'), ...unauthorized, ...notFound, ...internal },
  }),
  erase: route({
    method: 'delete',
    path: '/mistakes/{id}',
    summary: 'Erase the mistake and every row that belongs to it, tokens included',
    bearer: true,
    middleware: [knownMistake],
    params: IdParam,
    responses: { 200: json(Deleted, 'Erased.'), ...unauthorized, ...notFound, ...internal },
  }),
  answer: route({
    method: 'post',
    path: '/mistakes/{id}/updates',
    summary: 'Record an answer to a check-in on the owner\'s behalf (via "api")',
    bearer: true,
    middleware: [knownMistake],
    params: IdParam,
    body: NewUpdateInput.meta({ id: 'NewUpdate' }),
    responses: {
      201: json(Mistake, 'The mistake with the answer recorded.'),
      ...invalid,
      ...unauthorized,
      ...error(404, 'No mistake with that id, or no such check-in in it.'),
      ...error(409, 'The plan has ended.'),
      ...tooLarge,
      ...internal,
    },
  }),
  deadLetters: route({
    method: 'get',
    path: '/dead-letters',
    summary: 'The emails the send queue gave up on, newest first',
    bearer: true,
    responses: { 200: json(DeadLetterList, 'The dead letters.'), ...unauthorized, ...internal },
  }),
};

const TRANSITIONS = {
  pause: 'Hold every unsent check-in',
  resume: 'Resume; unsent check-ins shift by the length of the pause',
  close: 'Close; remaining check-ins are cancelled and links revoked',
} as const;

export type Transition = keyof typeof TRANSITIONS;

export const transitionRoute = (action: Transition) =>
  route({
    method: 'post',
    path: `/mistakes/{id}/${action}`,
    summary: TRANSITIONS[action],
    bearer: true,
    middleware: [knownMistake],
    params: IdParam,
    responses: { 200: json(Mistake, 'The mistake in its new status.'), ...unauthorized, ...notFound, ...conflict, ...internal },
  });

export const transitions = Object.keys(TRANSITIONS) as Transition[];

/** Every route, in the order the document lists them. */
export const allRoutes = [...Object.values(routes), ...transitions.map(transitionRoute)];
