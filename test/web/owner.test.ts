// The owner's pages: the timeline shows every check-in, when it went out and every answer; editing keeps
// every version; pause, resume, snooze, close and erase (the last two behind a confirmation page).
import { beforeAll, describe, expect, it } from 'vitest';
import { createMistake } from '../support/mistakes';
import { dumpTables, json, travel } from '../support/worker';
import { Visitor } from './visitor';

let clock = Date.parse('2033-02-07T08:00:00Z'); // a Monday
const at = (ms: number) => {
  clock += ms;
  return travel(new Date(clock).toISOString());
};
const api = async (id: string) => (await json('GET', `/api/mistakes/${id}`)).body;

beforeAll(async () => {
  await travel(new Date(clock).toISOString());
});

async function startedPlan(owner: string) {
  const m = await createMistake({ owner: { email: owner, timeZone: 'UTC' }, leader: null, startAt: new Date(clock).toISOString() });
  await at(60_000); // the own check-in goes out
  const v = new Visitor();
  await v.signIn(owner);
  return { v, m };
}

describe('the timeline', () => {
  it('answers a check-in on the page, edits it without losing the first version', async () => {
    const { v, m } = await startedPlan('timeline.answer@example.com');
    const own = m.checkins[0].id;
    let page = await v.get(`/mistakes/${m.id}`);
    expect(page.html).toContain('waiting for your answer');
    expect(page.html).toMatch(/Day 2 · Learning/);
    expect(page.html).toMatch(/Coming /);

    const form = await v.get(`/mistakes/${m.id}/checkins/${own}/answer`);
    expect(form.html).toContain('<textarea');
    expect((await v.post(`/mistakes/${m.id}/checkins/${own}/answer`, { text: '   ' })).status).toBe(400);
    const saved = await v.post(`/mistakes/${m.id}/checkins/${own}/answer`, { text: 'First words' });
    expect(saved.status).toBe(303);
    await v.get(`/mistakes/${m.id}/checkins/${own}/answer`);
    await v.post(`/mistakes/${m.id}/checkins/${own}/answer`, { text: 'Better words <script>x</script>' });

    page = await v.get(`/mistakes/${m.id}`);
    expect(page.html).toContain('Better words &lt;script&gt;');
    expect(page.html).toContain('First words');
    expect(page.html).toContain('The earlier version');
    const view = await api(m.id);
    expect(view.updates.filter((u: any) => u.kind === 'ownership').map((u: any) => u.text)).toEqual(['First words', 'Better words <script>x</script>']);
    expect(view.updates.every((u: any) => u.via === 'form')).toBe(true);
    expect(view.checkins[0].status).toBe('answered');
  });

  it('a check-in not sent yet cannot be answered from the page', async () => {
    const { v, m } = await startedPlan('timeline.early@example.com');
    const learn = m.checkins.find((c: any) => c.step === 'learn').id;
    await v.get(`/mistakes/${m.id}`);
    expect((await v.post(`/mistakes/${m.id}/checkins/${learn}/answer`, { text: 'too soon' })).status).toBe(409);
    expect((await api(m.id)).updates).toHaveLength(0);
  });

  it('snooze moves a sent check-in two days on', async () => {
    const { v, m } = await startedPlan('timeline.snooze@example.com');
    await v.get(`/mistakes/${m.id}`);
    const r = await v.post(`/mistakes/${m.id}/checkins/${m.checkins[0].id}/snooze`);
    expect(r.status).toBe(200);
    expect(r.html).toContain('We will remind you');
    const own = (await api(m.id)).checkins[0];
    expect(own.status).toBe('scheduled');
    expect(Date.parse(own.dueAt)).toBeGreaterThan(clock + 2 * 86_400_000 - 60_000);
  });

  it('pause and resume', async () => {
    const { v, m } = await startedPlan('timeline.pause@example.com');
    await v.get(`/mistakes/${m.id}`);
    expect((await v.post(`/mistakes/${m.id}/pause`)).location).toBe(`/mistakes/${m.id}?done=paused`);
    expect((await api(m.id)).status).toBe('paused');
    const paused = await v.get(`/mistakes/${m.id}?done=paused`);
    expect(paused.html).toContain('On hold while the plan is paused');
    expect((await v.post(`/mistakes/${m.id}/pause`)).status).toBe(409);
    await v.get(`/mistakes/${m.id}`);
    await v.post(`/mistakes/${m.id}/resume`);
    expect((await api(m.id)).status).toBe('active');
  });

  it('close asks first, then ends the plan', async () => {
    const { v, m } = await startedPlan('timeline.close@example.com');
    const before = await dumpTables();
    const ask = await v.get(`/mistakes/${m.id}/close`);
    expect(ask.html).toContain('Close this plan?');
    expect(await dumpTables()).toEqual(before);
    await v.post(`/mistakes/${m.id}/close`);
    const view = await api(m.id);
    expect(view.status).toBe('closed');
    expect(view.checkins.filter((c: any) => c.status === 'cancelled').length).toBeGreaterThan(0);
  });

  it('erase asks first, then removes the mistake and everything that names it', async () => {
    const { v, m } = await startedPlan('timeline.erase@example.com');
    const ask = await v.get(`/mistakes/${m.id}/erase`);
    expect(ask.html).toContain('cannot be undone');
    const done = await v.post(`/mistakes/${m.id}/erase`);
    expect(done.location).toBe('/mistakes?done=erased');
    expect((await json('GET', `/api/mistakes/${m.id}`)).status).toBe(404);
    const dump = JSON.stringify(await dumpTables());
    expect(dump).not.toContain(m.id);
    // It was their only plan: nothing of theirs is kept, their session neither. The page says so.
    expect(dump).not.toContain('timeline.erase@example.com');
    const landing = await v.get('/mistakes?done=erased');
    expect(landing.status).toBe(200);
    expect(landing.html).toContain('signed out');
    expect((await v.get(`/mistakes/${m.id}`)).location).toBe('/login?from=page');
  });

  it('a progress check-in records a status and a note at once', async () => {
    const owner = 'timeline.progress@example.com';
    const m = await createMistake({ owner: { email: owner, timeZone: 'UTC' }, leader: null, startAt: new Date(clock).toISOString(), cadence: [{ step: 'progress', day: 0 }, { step: 'progress', day: 7 }] });
    await at(60_000);
    const v = new Visitor();
    await v.signIn(owner);
    await v.get(`/mistakes/${m.id}/checkins/${m.checkins[0].id}/answer`);
    expect((await v.post(`/mistakes/${m.id}/checkins/${m.checkins[0].id}/answer`, { status: 'maybe', text: '' })).status).toBe(400);
    await v.post(`/mistakes/${m.id}/checkins/${m.checkins[0].id}/answer`, { status: 'on_track', text: 'New checklist in use' });
    const page = await v.get(`/mistakes/${m.id}`);
    expect(page.html).toContain('On track');
    expect(page.html).toContain('New checklist in use');
  });
});
