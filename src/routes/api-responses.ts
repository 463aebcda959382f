// What the API answers, as zod schemas: the views are typed by them (z.infer) and /api/openapi.json is
// generated from them, so the document names every field a response carries. Strict objects: the document
// says additionalProperties false, and a field added to a view without its schema fails the type check.
import * as z from 'zod';

const instant = z.iso.datetime().meta({ description: 'An ISO-8601 instant in UTC.' });
const step = z.enum(['own', 'learn', 'plan', 'progress']);
const mailStopped = z
  .enum(['bounced', 'complained', 'unsubscribed', 'declined'])
  .optional()
  .meta({ description: 'Present when Mend sends nothing more to this address, and why (declined: it pressed "this was not me").' });

export const Owner = z
  .strictObject({
    email: z.string(),
    name: z.string().nullable(),
    timeZone: z.string(),
    bounced: z.boolean().meta({ description: 'The address bounced hard; Mend sends nothing more to it.' }),
    mailStopped,
  })
  .meta({ id: 'Owner' });

export const Leader = z
  .strictObject({
    email: z.string(),
    name: z.string().nullable(),
    timeZone: z.string().meta({ description: "The leader's own zone, or the owner's when none was given." }),
    digest: z.enum(['weekly', 'daily']).meta({ description: 'How often the leader hears about their plans.' }),
    stopped: z.boolean().meta({ description: 'The leader asked to hear nothing more.' }),
    bounced: z.boolean(),
    mailStopped,
  })
  .meta({ id: 'Leader' });

export const Checkin = z
  .strictObject({
    id: z.string(),
    step,
    day: z.int(),
    dueAt: instant,
    status: z.enum(['scheduled', 'sent', 'answered', 'skipped', 'cancelled']),
    sentAt: instant.nullable(),
    answeredAt: instant.nullable(),
    late: z.boolean(),
  })
  .meta({ id: 'Checkin' });

export const Update = z
  .strictObject({
    id: z.string(),
    kind: z.enum(['ownership', 'learning', 'plan', 'status', 'note', 'ack']),
    status: z.string().optional().meta({ description: "on_track, blocked or done for kind status; thanks or talk for a leader's ack." }),
    text: z.string().optional(),
    at: instant,
    via: z.enum(['link', 'form', 'email', 'api']),
    author: z.enum(['owner', 'leader']),
    checkinId: z.string().nullable(),
    settled: z.boolean().meta({ description: 'False until a one-click answer has stood CLICK_SETTLE_SECONDS unopposed.' }),
  })
  .meta({ id: 'Update' });

export const Delivery = z
  .strictObject({
    id: z.string(),
    kind: z.string().meta({ description: 'Which email this was (a check-in, a digest, an alert, ...).' }),
    to: z.string(),
    status: z.enum(['queued', 'sent', 'delivered', 'bounced', 'complained', 'failed']),
    providerId: z.string().nullable().meta({ description: "The mail provider's id, once it has one." }),
    at: instant,
    sentAt: instant.nullable(),
    error: z.string().optional().meta({ description: 'Why it did not go out, for an email that has not gone.' }),
  })
  .meta({ id: 'Delivery' });

export const DeadLetter = z
  .strictObject({
    id: z.string(),
    queue: z.string(),
    kind: z.string(),
    mistakeId: z.string().nullable(),
    deliveryId: z.string().nullable(),
    to: z.string().nullable(),
    subject: z.string().nullable(),
    error: z.string().nullable(),
    attempts: z.int(),
    at: instant,
  })
  .meta({ id: 'DeadLetter', description: 'An email the send queue gave up on; its content stays in the database.' });

export const Reflection = z
  .strictObject({
    kind: z.enum(['blame', 'feelings', 'minimising', 'unowned']),
    quote: z.string().meta({ description: 'The words that raised the note.' }),
    on: z.enum(['ownership', 'learning']),
  })
  .meta({ id: 'Reflection' });

export const Mistake = z
  .strictObject({
    id: z.string(),
    status: z.enum(['pending', 'active', 'paused', 'resolved', 'closed']),
    title: z.string(),
    description: z.string(),
    impact: z.string().nullable(),
    owner: Owner,
    leader: Leader.nullable(),
    startAt: instant,
    skipWeekends: z.boolean(),
    cadence: z.array(z.strictObject({ step, day: z.int() })),
    createdAt: instant,
    pausedAt: instant.nullable(),
    endedAt: instant.nullable(),
    checkins: z.array(Checkin),
    updates: z.array(Update),
    deliveries: z.array(Delivery).meta({ description: 'Every email of this mistake and what became of it.' }),
    deadLetters: z.array(DeadLetter),
    reflection: z
      .array(Reflection)
      .meta({ description: "Notes on the latest ownership and learning texts, for the owner only; the leader never sees them." }),
  })
  .meta({ id: 'Mistake' });

export const MistakeList = z.strictObject({ mistakes: z.array(Mistake) }).meta({ id: 'MistakeList' });

export const Deleted = z.strictObject({ id: z.string(), deleted: z.literal(true) }).meta({ id: 'Deleted' });

export const DeadLetterList = z.strictObject({ deadLetters: z.array(DeadLetter) }).meta({ id: 'DeadLetterList' });

export const Health = z
  .strictObject({
    ok: z.boolean().meta({ description: 'Whether mail can go out and links can be signed.' }),
    env: z.string(),
    mail: z.string().meta({ description: 'The transport in use (outbox, resend), or none.' }),
    signingKey: z
      .enum(['ok', 'missing', 'too_short'])
      .meta({ description: 'Whether SIGNING_KEY is usable: without one of at least 32 bytes, link pages answer 503 and no mail is sent.' }),
    problem: z.string().optional().meta({ description: 'Why mail cannot go out.' }),
  })
  .meta({ id: 'Health' });

export type MistakeView = z.infer<typeof Mistake>;
export type DeadLetterView = z.infer<typeof DeadLetter>;
export type HealthView = z.infer<typeof Health>;
