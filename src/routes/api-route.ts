// One route of the API as plain data: what it takes and every answer it gives, each as a zod schema. The same
// declaration validates the request (mount) and writes its part of /api/openapi.json (openapi.ts), so the
// document cannot drift from what the handlers check.
import type { Context, Env, Hono, MiddlewareHandler } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import * as z from 'zod';
import { readJson } from '../http/body';
import { ApiError } from '../http/errors';
import { fieldErrors } from './api-schema';

export interface Answer {
  description: string;
  schema: z.ZodType;
}

export interface ApiRoute {
  method: 'get' | 'post' | 'delete';
  /** The OpenAPI template under /api; `{id}` names a path parameter. */
  path: `/${string}`;
  summary: string;
  /** Needs Authorization: Bearer <API_TOKEN>. */
  bearer?: true;
  /** Runs before the request is read, e.g. loading the mistake in the path, so an unknown id is a 404 first. */
  middleware?: readonly MiddlewareHandler[];
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  responses: Record<number, Answer>;
}

type Parsed<S> = S extends z.ZodType ? z.output<S> : undefined;

/** What a handler gets: the path, query and body as its route's schemas parsed them. */
export interface Input<R extends ApiRoute> {
  params: Parsed<R['params']>;
  query: Parsed<R['query']>;
  body: Parsed<R['body']>;
}

type Success = 200 | 201;

/** A handler's answer: a success its route declares, with a body its schema describes; errors are thrown. */
export type Reply<R extends ApiRoute> = {
  [S in keyof R['responses'] & Success]: { status: S; body: z.input<R['responses'][S]['schema']> };
}[keyof R['responses'] & Success];

export const route = <const R extends ApiRoute>(r: R): R => r;

/** `value` through `schema`; what it refuses is a 400 with the web forms' field messages. */
async function parse<S extends z.ZodType | undefined>(schema: S, value: unknown): Promise<Parsed<S>> {
  if (!schema) return undefined as Parsed<S>;
  const result = await schema.safeParseAsync(value);
  if (!result.success) throw new ApiError('invalid', 'Some fields need another look.', fieldErrors(result.error));
  return result.data as Parsed<S>;
}

/** Each query parameter once is a string; one given twice is a list, which a string schema refuses. */
const queryOf = (c: Context) => Object.fromEntries(Object.entries(c.req.queries()).map(([k, v]) => [k, v.length === 1 ? v[0] : v]));

/**
 * Registers `r` on `app`: its middleware, then the body read in Mend's words (content type, JSON syntax), then
 * the schemas, then the handler, whose answer is sent as JSON with its status.
 */
export function mount<E extends Env, R extends ApiRoute>(
  app: Hono<E, {}, string>,
  r: R,
  handler: (c: Context<E>, input: Input<R>) => Promise<Reply<R>>,
) {
  const path = r.path.replace(/\{(\w+)\}/g, ':$1');
  const handle: MiddlewareHandler<E> = async (c) => {
    const json = r.body ? await readJson(c) : undefined;
    const params = await parse(r.params, c.req.param());
    const query = await parse(r.query, queryOf(c));
    const body = await parse(r.body, json);
    const reply = await handler(c, { params, query, body } as Input<R>);
    return c.json(reply.body as object, reply.status as ContentfulStatusCode);
  };
  app.on(r.method.toUpperCase(), [path], ...((r.middleware ?? []) as MiddlewareHandler<E>[]), handle);
}
