// /api/openapi.json: request bodies come from the same zod schemas that validate them.
import * as z from 'zod';
import { NewMistakeInput, NewUpdateInput } from './api-schema';

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: object) => ({ content: { 'application/json': { schema } } });
const errors = {
  400: { description: 'Invalid input; `fields` names each field and what is wrong with it.', ...json(ref('Error')) },
  401: { description: 'Missing or wrong bearer token.', ...json(ref('Error')) },
  404: { description: 'No such mistake.', ...json(ref('Error')) },
  409: { description: 'Not possible in the mistake\'s current status.', ...json(ref('Error')) },
  413: { description: 'Body larger than 64 KiB.', ...json(ref('Error')) },
};
const idParam = [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }];
const oneMistake = { description: 'The mistake.', ...json(ref('Mistake')) };

const iso = { type: 'string', format: 'date-time' };
const nullableIso = { type: ['string', 'null'], format: 'date-time' };

export function openApiDocument(appUrl: string) {
  const action = (summary: string) => ({
    post: { summary, security: [{ bearer: [] }], parameters: idParam, responses: { 200: oneMistake, ...errors } },
  });
  return {
    openapi: '3.1.0',
    info: { title: 'Mend API', version: '1.0.0', description: 'Log a mistake, follow its plan of check-ins, read every answer.' },
    servers: [{ url: appUrl }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: {
        NewMistake: z.toJSONSchema(NewMistakeInput, { io: 'input', unrepresentable: 'any' }),
        NewUpdate: z.toJSONSchema(NewUpdateInput, { io: 'input', unrepresentable: 'any' }),
        Error: {
          type: 'object',
          required: ['error'],
          properties: {
            error: {
              type: 'object',
              required: ['code', 'message'],
              properties: { code: { type: 'string' }, message: { type: 'string' }, fields: { type: 'object', additionalProperties: { type: 'string' } } },
            },
          },
        },
        Checkin: {
          type: 'object',
          required: ['id', 'step', 'day', 'dueAt', 'status'],
          properties: {
            id: { type: 'string' },
            step: { enum: ['own', 'learn', 'plan', 'progress'] },
            day: { type: 'integer' },
            dueAt: iso,
            status: { enum: ['scheduled', 'sent', 'answered', 'skipped', 'cancelled'] },
            sentAt: nullableIso,
            answeredAt: nullableIso,
            late: { type: 'boolean' },
          },
        },
        Update: {
          type: 'object',
          required: ['kind', 'at', 'via', 'settled'],
          properties: {
            id: { type: 'string' },
            kind: { enum: ['ownership', 'learning', 'plan', 'status', 'note', 'ack'] },
            status: { type: 'string', description: "on_track, blocked or done for kind status; thanks or talk for a leader's ack." },
            text: { type: 'string' },
            at: iso,
            via: { enum: ['link', 'form', 'email', 'api'] },
            author: { enum: ['owner', 'leader'] },
            checkinId: { type: ['string', 'null'] },
            settled: { type: 'boolean', description: 'False until a one-click answer has stood CLICK_SETTLE_SECONDS unopposed.' },
          },
        },
        Person: { type: 'object', properties: { email: { type: 'string' }, name: { type: ['string', 'null'] }, timeZone: { type: 'string' } } },
        Mistake: {
          type: 'object',
          required: ['id', 'status', 'checkins', 'updates'],
          properties: {
            id: { type: 'string' },
            status: { enum: ['pending', 'active', 'paused', 'resolved', 'closed'] },
            title: { type: 'string' },
            description: { type: 'string' },
            impact: { type: ['string', 'null'] },
            owner: ref('Person'),
            leader: { oneOf: [ref('Person'), { type: 'null' }] },
            startAt: iso,
            skipWeekends: { type: 'boolean' },
            cadence: { type: 'array', items: { type: 'object', properties: { step: { type: 'string' }, day: { type: 'integer' } } } },
            createdAt: iso,
            pausedAt: nullableIso,
            endedAt: nullableIso,
            checkins: { type: 'array', items: ref('Checkin') },
            updates: { type: 'array', items: ref('Update') },
          },
        },
      },
    },
    paths: {
      '/api/mistakes': {
        post: {
          summary: 'Log a mistake and schedule its plan',
          security: [{ bearer: [] }],
          requestBody: { required: true, ...json(ref('NewMistake')) },
          responses: { 201: { description: 'The mistake, with its check-ins.', ...json(ref('Mistake')) }, ...errors },
        },
        get: {
          summary: 'Mistakes of one owner or one leader',
          security: [{ bearer: [] }],
          parameters: [
            { name: 'owner', in: 'query', schema: { type: 'string', format: 'email' } },
            { name: 'leader', in: 'query', schema: { type: 'string', format: 'email' } },
          ],
          responses: { 200: { description: 'The list.', ...json({ type: 'object', properties: { mistakes: { type: 'array', items: ref('Mistake') } } }) }, ...errors },
        },
      },
      '/api/mistakes/{id}': {
        get: { summary: 'One mistake with its check-ins and updates', security: [{ bearer: [] }], parameters: idParam, responses: { 200: oneMistake, ...errors } },
        delete: {
          summary: 'Erase the mistake and every row that belongs to it',
          security: [{ bearer: [] }],
          parameters: idParam,
          responses: { 200: { description: 'Erased.', ...json({ type: 'object', properties: { id: { type: 'string' }, deleted: { const: true } } }) }, ...errors },
        },
      },
      '/api/mistakes/{id}/pause': action('Hold every unsent check-in'),
      '/api/mistakes/{id}/resume': action('Resume; unsent check-ins shift by the length of the pause'),
      '/api/mistakes/{id}/close': action('Close; remaining check-ins are cancelled and links revoked'),
      '/api/mistakes/{id}/updates': {
        post: {
          summary: 'Record an answer to a check-in on the owner\'s behalf (via "api")',
          security: [{ bearer: [] }],
          parameters: idParam,
          requestBody: { required: true, ...json(ref('NewUpdate')) },
          responses: { 201: oneMistake, ...errors },
        },
      },
      '/api/health': { get: { summary: 'Whether mail can go out, and why not', responses: { 200: { description: 'Health.' } } } },
    },
  };
}
