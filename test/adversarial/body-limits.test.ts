// Body limits hold for chunked bodies too: a body sent without Content-Length (Transfer-Encoding: chunked) is
// read with a byte cap and refused with 413 once it passes the limit, at every door that takes a body, and
// nothing changes. Before, only a declared Content-Length was checked: a chunked click or ack was recorded.
import { describe, expect, it } from 'vitest';
import { answerWithForm } from '../leaders/support';
import { createMistake } from '../support/mistakes';
import { API_TOKEN, APP, dumpTables, linkTo, newEmailsTo, travel, worker } from '../support/worker';

const seen = new Set<string>();

/** A body that arrives in chunks, with no length known up front. */
function chunked(text: string, chunkSize = 4096): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      if (offset >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(offset, offset + chunkSize));
      offset += chunkSize;
    },
  });
}

function post(url: string, body: string, headers: Record<string, string>): Promise<Response> {
  return worker.fetch(new Request(url, { method: 'POST', body: chunked(body), headers }));
}

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

describe('a chunked body over the limit', () => {
  it('the API answers 413 in its error shape and creates nothing', async () => {
    await travel('2032-02-02T08:00:00Z');
    const before = await dumpTables();
    const body = JSON.stringify({
      title: 'Too long',
      description: 'x'.repeat(70 * 1024),
      owner: { email: 'chunked.api@example.com' },
    });
    const response = await post(`${APP}/api/mistakes`, body, { authorization: `Bearer ${API_TOKEN}`, 'content-type': 'application/json' });
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ error: { code: 'too_large', message: 'The body is larger than 65536 bytes.' } });
    expect(await dumpTables()).toEqual(before);
  });

  it('an email link answers 413 with a page and records no click, no answer', async () => {
    await travel('2032-03-01T08:00:00Z');
    const owner = 'chunked.link@example.com';
    await createMistake({ owner: { email: owner }, leader: null, startAt: '2032-03-01T08:00:00Z', cadence: [{ step: 'progress', day: 0 }] });
    await travel('2032-03-01T08:01:00Z');
    const [email] = await newEmailsTo(owner, seen);
    const before = await dumpTables();
    const pad = 'p'.repeat(70 * 1024);
    for (const [url, fields] of [
      [linkTo(email!, 'on_track'), { source: 'page', pad }],
      [linkTo(email!, 'answer'), { text: 'A few words.', pad }],
    ] as const) {
      const response = await post(url, form(fields), FORM);
      expect(response.status).toBe(413);
      expect(response.headers.get('content-type')).toMatch(/text\/html/);
      expect(await response.text()).toMatch(/too long to save/);
    }
    expect(await dumpTables()).toEqual(before);
  });

  it('a leader’s link answers 413 with a page and records no acknowledgement', async () => {
    await travel('2032-04-05T08:00:00Z');
    const owner = 'chunked.owner@example.com';
    const leader = 'chunked.leader@example.com';
    await createMistake({ owner: { email: owner, timeZone: 'UTC' }, leader: { email: leader, timeZone: 'UTC' }, startAt: '2032-04-05T08:00:00Z' });
    await travel('2032-04-05T08:01:00Z');
    const own = (await newEmailsTo(owner, seen)).find((e) => /what happened/.test(e.subject))!;
    await answerWithForm(own, 'I sent the wrong figures to the board; checking them was mine to do.');
    await travel('2032-04-05T08:12:30Z');
    const [intro] = await newEmailsTo(leader, seen);
    const before = await dumpTables();
    const response = await post(linkTo(intro!, 'thanks'), form({ source: 'page', pad: 'p'.repeat(20 * 1024) }), FORM);
    expect(response.status).toBe(413);
    expect(await response.text()).toMatch(/more than this page sends/);
    expect(await dumpTables()).toEqual(before);
  });

  it('a web form answers 413 with a page and changes nothing, multipart included', async () => {
    const before = await dumpTables();
    const boundary = 'mend-boundary';
    const multipart = `--${boundary}\r\nContent-Disposition: form-data; name="email"\r\n\r\n${'a'.repeat(70 * 1024)}@example.com\r\n--${boundary}--\r\n`;
    for (const [body, type] of [
      [multipart, `multipart/form-data; boundary=${boundary}`],
      [form({ email: `${'a'.repeat(70 * 1024)}@example.com` }), FORM['content-type']],
    ] as const) {
      const response = await post(`${APP}/login`, body, { 'content-type': type });
      expect(response.status).toBe(413);
      expect(await response.text()).toMatch(/more than Mend accepts in one form/);
    }
    expect(await dumpTables()).toEqual(before);
  });
});
