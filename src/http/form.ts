// Reading a posted form: urlencoded or multipart, text fields only. Its size is capped before it gets here, by
// the door's bodyLimit (src/http/body-limit.ts).
import type { Context } from 'hono';

export type FormFields = Record<string, string>;
export type FormRead = { ok: true; fields: FormFields } | { ok: false };

export async function readForm(c: Context): Promise<FormRead> {
  const type = (c.req.header('content-type') ?? '').toLowerCase();
  try {
    if (type.startsWith('multipart/form-data')) {
      const data = await c.req.raw.formData();
      const fields: FormFields = {};
      for (const [key, value] of data) if (typeof value === 'string' && !(key in fields)) fields[key] = value;
      return { ok: true, fields };
    }
    const fields: FormFields = {};
    // The first value of a repeated name wins; the forms never repeat one.
    for (const [key, value] of new URLSearchParams(new TextDecoder().decode(await c.req.arrayBuffer()))) if (!(key in fields)) fields[key] = value;
    return { ok: true, fields };
  } catch {
    return { ok: false };
  }
}
