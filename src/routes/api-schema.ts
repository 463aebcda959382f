// What the API accepts, as zod schemas: validation, the error fields and /api/openapi.json come from here.
import * as z from 'zod';
import { isTimeZone } from '../domain/cadence';
import { ANSWER_TEXT_LIMIT } from '../domain/answers';
import { LIMITS } from '../domain/limits';

const singleLine = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'Must not be empty.')
    .max(max, `At most ${max} characters.`)
    .refine((s) => !/[\r\n]/.test(s), 'Must be a single line (no line breaks).');

const email = z
  .string()
  .trim()
  .max(LIMITS.email, `At most ${LIMITS.email} characters.`)
  .pipe(z.email('Must be an email address.'));

const timeZone = z
  .string()
  .max(LIMITS.timeZone, `At most ${LIMITS.timeZone} characters.`)
  .refine(isTimeZone, 'Must be an IANA time zone such as Europe/Paris.');

export const PersonInput = z.object({
  email,
  name: singleLine(LIMITS.name).nullish(),
  timeZone: timeZone.nullish(),
});

export const CadenceEntryInput = z.object({
  step: z.enum(['own', 'learn', 'plan', 'progress']),
  day: z.int('Must be a whole number of days.').min(0, 'Must be 0 or more.').max(LIMITS.maxDay, `At most ${LIMITS.maxDay}.`),
});

export const NewMistakeInput = z
  .object({
    title: singleLine(LIMITS.title),
    description: z.string().trim().min(1, 'Must not be empty.').max(LIMITS.description, `At most ${LIMITS.description} characters.`),
    impact: z.string().trim().max(LIMITS.impact, `At most ${LIMITS.impact} characters.`).nullish(),
    owner: PersonInput,
    leader: PersonInput.nullish(),
    startAt: z.iso.datetime({ offset: true, message: 'Must be an ISO-8601 date-time with a time zone, e.g. 2026-11-23T09:00:00Z.' }).optional(),
    skipWeekends: z.boolean().optional(),
    cadence: z
      .array(CadenceEntryInput)
      .min(1, 'Needs at least one check-in.')
      .max(LIMITS.cadence, `At most ${LIMITS.cadence} check-ins.`)
      .refine((list) => new Set(list.map((c) => `${c.step}:${c.day}`)).size === list.length, 'Each step and day may appear once.')
      .optional(),
  })
  .refine((m) => !m.leader || m.leader.email.toLowerCase() !== m.owner.email.toLowerCase(), {
    path: ['leader', 'email'],
    message: 'The leader must be someone other than the owner.',
  });

export type NewMistakeBody = z.infer<typeof NewMistakeInput>;

export const NewUpdateInput = z.object({
  checkinId: z.string().max(64),
  text: z.string().max(ANSWER_TEXT_LIMIT, `At most ${ANSWER_TEXT_LIMIT} characters.`).optional(),
  status: z.enum(['on_track', 'blocked', 'done']).optional(),
});

/** Zod's issues as {"path.to.field": "message"}; the first message per field is enough to act on. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.join('.') : '_';
    fields[key] ??= issue.code === 'invalid_type' ? typeMessage(issue, key) : issue.message;
  }
  return fields;
}

/**
 * A missing field is "Required."; one of the wrong type says which type it wants. Zod leaves the input out of
 * its issues (we do not ask for it: it would copy what people wrote into errors), so "missing" is read from its
 * message, which names what it received.
 */
function typeMessage(issue: Extract<z.core.$ZodIssue, { code: 'invalid_type' }>, key: string): string {
  if (key === '_') return 'The body must be a JSON object.';
  if (/received undefined$/.test(issue.message)) return 'Required.';
  const expected = issue.expected === 'int' ? 'whole number' : issue.expected;
  return `Must be ${/^[aeiou]/.test(expected) ? 'an' : 'a'} ${expected}.`;
}
