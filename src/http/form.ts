// Reading a posted form: urlencoded or multipart, no larger than a limit, text fields only.
import type { Context } from 'hono';

export const FORM_LIMIT = 64 * 1024;

export type FormFields = Record<string, string>;
export type FormRead = { ok: true; fields: FormFields } | { ok: false; problem: 'too_large' | 'unreadable' };

export async function readForm(c: Context, limit = FORM_LIMIT): Promise<FormRead> {
  if (Number(c.req.header('content-length') ?? '0') > limit) return { ok: false, problem: 'too_large' };
  const type = (c.req.header('content-type') ?? '').toLowerCase();
  try {
    if (type.startsWith('multipart/form-data')) {
      const data = await c.req.raw.formData();
      const fields: FormFields = {};
      for (const [key, value] of data) if (typeof value === 'string' && !(key in fields)) fields[key] = value;
      return { ok: true, fields };
    }
    const raw = await c.req.arrayBuffer();
    if (raw.byteLength > limit) return { ok: false, problem: 'too_large' };
    const fields: FormFields = {};
    // The first value of a repeated name wins; the forms never repeat one.
    for (const [key, value] of new URLSearchParams(new TextDecoder().decode(raw))) if (!(key in fields)) fields[key] = value;
    return { ok: true, fields };
  } catch {
    return { ok: false, problem: 'unreadable' };
  }
}
