// Every route of the API with what it takes and every answer it gives: @hono/zod-openapi validates requests
// with these schemas, types each handler's responses by them and writes /api/openapi.json from them.
import { createRoute, type RouteConfig } from '@hono/zod-openapi';
import { createMiddleware } from 'hono/factory';
import * as z from 'zod';
import { readJson } from '../http/body';
import type { AppEnv } from '../http/context';
import { ApiError, errorResponseFor, type ErrorStatus } from '../http/errors';
import type { MistakeRow } from '../store';
import { NewMistakeInput, NewUpdateInput } from './api-schema';
import { DeadLetterList, Deleted, Health, Mistake, MistakeList } from './api-responses';

const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });
const ERRORS = new Map(([400, 401, 404, 409, 413, 500] as const).map((status) => [status, errorResponseFor(status)]));
const error = <S extends ErrorStatus>(status: S, description: string) =>
  ({ [status]: json(ERRORS.get(status)!, description) }) as Record<S, ReturnType<typeof json>>;

const unauthorized = error(401, 'Missing or wrong bearer token.');
const internal = error(500, 'Something failed on our side; nothing sent was lost.');
const invalid = error(400, 'Invalid input; `fields` names each field and what is wrong with it.');
const tooLarge = error(413, 'Body larger than 64 KiB.');
const notFound = error(404, 'No mistake with that id.');
const conflict = error(409, "Not possible in the mistake's current status.");

const bearer = [{ bearer: [] }];
const IdParam = z.object({ id: z.string().meta({ description: 'The mistake id.' }) });

/** The mistake named in the path, loaded before anything else is read: an unknown id is a 404 first. */
const knownMistake = createMiddleware<AppEnv & { Variables: { mistake: MistakeRow } }>(async (c, next) => {
  const id = c.req.param('id') ?? '';
  const row = id.length <= 64 ? await c.get('deps').store.mistakes.row(id) : null;
  if (!row) throw new ApiError('not_found', 'No mistake with that id.');
  c.set('mistake', row);
  await next();
});

/** Size, content type and JSON syntax, in Mend's words, before the schema looks at the fields. */
const jsonBody = createMiddleware<AppEnv>(async (c, next) => {
  await readJson(c);
  await next();
});

const body = <T extends z.ZodType>(schema: T) => ({ required: true, content: { 'application/json': { schema } } });

export const routes = {
  openapi: createRoute({
    method: 'get',
    path: '/openapi.json',
    summary: 'This document (OpenAPI 3.1); public',
    responses: { 200: { description: 'The OpenAPI document.', content: { 'application/json': { schema: z.record(z.string(), z.unknown()) } } } },
  }),
  health: createRoute({
    method: 'get',
    path: '/health',
    summary: 'Whether mail can go out, and why not; public',
    responses: { 200: json(Health, 'Health.'), ...internal },
  }),
  create: createRoute({
    method: 'post',
    path: '/mistakes',
    summary: 'Log a mistake and schedule its plan',
    security: bearer,
    middleware: [jsonBody] as const,
    request: { body: body(NewMistakeInput.meta({ id: 'NewMistake' })) },
    responses: { 201: json(Mistake, 'The mistake, with its check-ins.'), ...invalid, ...unauthorized, ...tooLarge, ...internal },
  }),
  list: createRoute({
    method: 'get',
    path: '/mistakes',
    summary: 'Mistakes of one owner or one leader (give exactly one)',
    security: bearer,
    request: {
      query: z.object({
        owner: z.string().optional().meta({ description: "The owner's email." }),
        leader: z.string().optional().meta({ description: "The leader's email." }),
      }),
    },
    responses: { 200: json(MistakeList, 'The list.'), ...invalid, ...unauthorized, ...internal },
  }),
  get: createRoute({
    method: 'get',
    path: '/mistakes/{id}',
    summary: 'One mistake with its check-ins, updates and emails',
    security: bearer,
    request: { params: IdParam },
    responses: { 200: json(Mistake, 'The mistake.'), ...unauthorized, ...notFound, ...internal },
  }),
  erase: createRoute({
    method: 'delete',
    path: '/mistakes/{id}',
    summary: 'Erase the mistake and every row that belongs to it, tokens included',
    security: bearer,
    middleware: [knownMistake] as const,
    request: { params: IdParam },
    responses: { 200: json(Deleted, 'Erased.'), ...unauthorized, ...notFound, ...internal },
  }),
  answer: createRoute({
    method: 'post',
    path: '/mistakes/{id}/updates',
    summary: 'Record an answer to a check-in on the owner\'s behalf (via "api")',
    security: bearer,
    middleware: [knownMistake, jsonBody] as const,
    request: { params: IdParam, body: body(NewUpdateInput.meta({ id: 'NewUpdate' })) },
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
  deadLetters: createRoute({
    method: 'get',
    path: '/dead-letters',
    summary: 'The emails the send queue gave up on, newest first',
    security: bearer,
    responses: { 200: json(DeadLetterList, 'The dead letters.'), ...unauthorized, ...internal },
  }),
} satisfies Record<string, RouteConfig>;

const TRANSITIONS = {
  pause: 'Hold every unsent check-in',
  resume: 'Resume; unsent check-ins shift by the length of the pause',
  close: 'Close; remaining check-ins are cancelled and links revoked',
} as const;

export type Transition = keyof typeof TRANSITIONS;

export const transitionRoute = (action: Transition) =>
  createRoute({
    method: 'post',
    path: `/mistakes/{id}/${action}`,
    summary: TRANSITIONS[action],
    security: bearer,
    middleware: [knownMistake] as const,
    request: { params: IdParam },
    responses: { 200: json(Mistake, 'The mistake in its new status.'), ...unauthorized, ...notFound, ...conflict, ...internal },
  });

export const transitions = Object.keys(TRANSITIONS) as Transition[];
