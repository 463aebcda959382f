// The one error shape of the API: {"error": {"code", "message", "fields"}}.
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

export class ApiError extends Error {
  constructor(
    readonly status: 400 | 401 | 404 | 409 | 413,
    readonly code: string,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
  }
}

export function errorBody(code: string, message: string, fields?: Record<string, string>) {
  return { error: { code, message, ...(fields && Object.keys(fields).length ? { fields } : {}) } };
}

export function apiErrorResponse(c: Context, error: ApiError) {
  return c.json(errorBody(error.code, error.message, error.fields), error.status as ContentfulStatusCode);
}
