// The one error shape of the API: {"error": {"code", "message", "fields"}}. Each code has one status, so a
// client can branch on the code alone, and /api/openapi.json lists them from here.
import type { Context } from 'hono';
import * as z from 'zod';

export const ERROR_STATUS = {
  invalid: 400,
  invalid_content_type: 400,
  invalid_json: 400,
  unauthorized: 401,
  invalid_signature: 401,
  not_found: 404,
  conflict: 409,
  replayed: 409,
  too_large: 413,
  internal: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;
export type ErrorStatus = (typeof ERROR_STATUS)[ErrorCode];

export const ErrorCodeSchema = z
  .enum(Object.keys(ERROR_STATUS) as [ErrorCode, ...ErrorCode[]])
  .meta({
    id: 'ErrorCode',
    description: `Each code comes with one status: ${Object.entries(ERROR_STATUS).map(([code, status]) => `${code} ${status}`).join(', ')}.`,
    'x-status': ERROR_STATUS,
  });

const errorShape = <C extends z.ZodType>(code: C) =>
  z.strictObject({
    error: z.strictObject({
      code,
      message: z.string(),
      fields: z
        .record(z.string(), z.string())
        .optional()
        .meta({ description: 'Each field that needs another look ("owner.email", "cadence.0.day"), and why.' }),
    }),
  });

export const ErrorResponse = errorShape(ErrorCodeSchema);

const codesOf = (status: ErrorStatus) => (Object.keys(ERROR_STATUS) as ErrorCode[]).filter((code) => ERROR_STATUS[code] === status);

/** The error answer of one status, naming only the codes that come with it ("Error404": not_found). */
export const errorResponseFor = (status: ErrorStatus) => {
  const codes = codesOf(status) as [ErrorCode, ...ErrorCode[]];
  return errorShape(z.enum(codes)).meta({ id: `Error${status}`, description: `Codes: ${codes.join(', ')}.` });
};

export type ErrorBody = z.infer<typeof ErrorResponse>;

export class ApiError extends Error {
  readonly status: ErrorStatus;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
    this.status = ERROR_STATUS[code];
  }
}

export function errorBody(code: ErrorCode, message: string, fields?: Record<string, string>): ErrorBody {
  return { error: { code, message, ...(fields && Object.keys(fields).length ? { fields } : {}) } };
}

export function apiErrorResponse(c: Context, error: ApiError) {
  return c.json(errorBody(error.code, error.message, error.fields), error.status);
}
