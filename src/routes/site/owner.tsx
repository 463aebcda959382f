/** @jsxImportSource hono/jsx */
// The owner's pages. Every route here finds the mistake through the signed-in address: a mistake owned by
// anyone else is "not found", exactly like one that does not exist.
import { Hono } from 'hono';
import { AnswerRefused, recordText } from '../../domain/answers';
import { closeMistake, confirmMistake, eraseMistake, pauseMistake, PlanConflict, resumeMistake, snoozeCheckin } from '../../domain/plans';
import { leaderMaySee } from '../../domain/web-auth';
import { PROGRESS_STATUSES, type ProgressStatus } from '../../domain/types';
import { AnswerPage } from '../../pages/site/owner/answer-page';
import { ConfirmActionPage } from '../../pages/site/owner/confirm-action-page';
import { MistakesPage } from '../../pages/site/owner/mistakes-page';
import { TimelinePage } from '../../pages/site/owner/timeline-page';
import { WebMessagePage } from '../../pages/site/login-pages';
import { when } from '../../pages/site/parts';
import type { MistakeRecord } from '../../store/mistakes';
import type { WebEnv } from '../../session/context';
import { clearCookie } from '../../session/cookies';
import { buildTimeline, latestText } from '../../views/timeline';
import { navFor, notFoundPage, postedForm, requireSession, type WebContext } from './shared';

export const ownerRoutes = new Hono<WebEnv>();

// Erasing the last plan that named someone erases their sessions too (nothing of theirs is kept): the page the
// erase sends them to says so, instead of asking them to sign in.
ownerRoutes.get('/mistakes', async (c, next) => {
  if (c.get('session') || c.req.query('done') !== 'erased') return next();
  return c.html(
    <WebMessagePage
      nonce={c.get('nonce')}
      nav={null}
      title="Erased"
      message="Erased, with everything that belonged to it. Nothing of yours is left with Mend, so you are signed out too."
      link={{ href: '/', label: 'Log a mistake' }}
    />,
  );
});
ownerRoutes.use('/mistakes', requireSession);
ownerRoutes.use('/mistakes/*', requireSession);

const ID = /^[0-9a-f-]{36}$/;

/** The mistake, only when the signed-in person owns it. */
async function owned(c: WebContext): Promise<MistakeRecord | null> {
  const id = c.req.param('id') ?? '';
  if (!ID.test(id)) return null;
  const record = await c.get('deps').store.mistakes.get(id);
  return record && record.mistake.ownerEmail === c.get('session')!.email ? record : null;
}

const NOTICES: Record<string, string> = {
  started: 'Your plan has started. The first check-in is on its way to your inbox.',
  paused: 'Paused. No check-ins go out until you resume.',
  resumed: 'Resumed. Each remaining check-in moved on by the length of the pause.',
  closed: 'Closed. No more check-ins will be sent; everything you wrote stays here.',
  saved: 'Saved. Your earlier words stay on the timeline.',
  erased: 'Erased, with everything that belonged to it.',
};

const notice = (c: WebContext) => NOTICES[c.req.query('done') ?? ''];

ownerRoutes.get('/mistakes', async (c) => {
  const { store } = c.get('deps');
  const email = c.get('session')!.email;
  const records = (await store.mistakes.records({ owner: email }, false)).reverse();
  const led = (await store.mistakes.rowsByLeader(email)).filter(leaderMaySee);
  const n = notice(c);
  return c.html(
    <MistakesPage nonce={c.get('nonce')} csrf={c.get('csrf')} nav={navFor(c, 'mine')!} mistakes={records} now={c.get('now')} leadsCount={led.length} {...(n ? { notice: n } : {})} />,
  );
});

ownerRoutes.get('/mistakes/:id', async (c) => {
  const record = await owned(c);
  if (!record) return notFoundPage(c);
  const n = notice(c);
  return c.html(
    <TimelinePage
      nonce={c.get('nonce')}
      csrf={c.get('csrf')}
      nav={navFor(c, 'mine')!}
      mistake={record.mistake}
      leader={record.leader}
      entries={buildTimeline(record, c.get('now'))}
      now={c.get('now')}
      {...(n ? { notice: n } : {})}
    />,
  );
});

function conflictPage(c: WebContext, id: string, error: unknown) {
  if (!(error instanceof PlanConflict)) throw error;
  return c.html(
    <WebMessagePage nonce={c.get('nonce')} nav={navFor(c)} title="That has already changed" message={error.message} link={{ href: `/mistakes/${id}`, label: 'Back to the timeline' }} />,
    409,
  );
}

// ---- confirm, pause, resume, close, erase -------------------------------------------------------------

const transitions = {
  confirm: { run: confirmMistake, done: 'started' },
  pause: { run: pauseMistake, done: 'paused' },
  resume: { run: resumeMistake, done: 'resumed' },
  close: { run: closeMistake, done: 'closed' },
} as const;

for (const [action, { run, done }] of Object.entries(transitions)) {
  ownerRoutes.post(`/mistakes/:id/${action}`, async (c) => {
    const record = await owned(c);
    if (!record) return notFoundPage(c);
    const posted = await postedForm(c, `/mistakes/${record.mistake.id}`);
    if (!posted.ok) return posted.response;
    try {
      await run(c.get('deps'), record.mistake, c.get('now'));
    } catch (error) {
      return conflictPage(c, record.mistake.id, error);
    }
    return c.redirect(`/mistakes/${record.mistake.id}?done=${done}`, 303);
  });
}

for (const action of ['close', 'erase'] as const) {
  ownerRoutes.get(`/mistakes/:id/${action}`, async (c) => {
    const record = await owned(c);
    if (!record) return notFoundPage(c);
    return c.html(<ConfirmActionPage nonce={c.get('nonce')} csrf={c.get('csrf')} nav={navFor(c, 'mine')!} mistake={record.mistake} action={action} />);
  });
}

ownerRoutes.post('/mistakes/:id/erase', async (c) => {
  const record = await owned(c);
  if (!record) return notFoundPage(c);
  const posted = await postedForm(c, `/mistakes/${record.mistake.id}/erase`);
  if (!posted.ok) return posted.response;
  const { store } = c.get('deps');
  await eraseMistake(c.get('deps'), record.mistake);
  // Their last plan: the session went with everything else, and the browser forgets it.
  if (!(await store.webAuth.findSession(c.get('session')!.id))) clearCookie(c, 'session');
  return c.redirect('/mistakes?done=erased', 303);
});

// ---- one check-in: answer (or edit the answer), snooze -------------------------------------------------

async function ownedCheckin(c: WebContext) {
  const record = await owned(c);
  const checkin = record?.checkins.find((x) => x.id === c.req.param('checkinId'));
  return record && checkin ? { record, checkin } : null;
}

ownerRoutes.get('/mistakes/:id/checkins/:checkinId/answer', async (c) => {
  const found = await ownedCheckin(c);
  if (!found) return notFoundPage(c);
  const { record, checkin } = found;
  const text = latestText(record, checkin.id);
  return c.html(
    <AnswerPage nonce={c.get('nonce')} csrf={c.get('csrf')} nav={navFor(c, 'mine')!} mistake={record.mistake} checkin={checkin} text={text ?? ''} hasEarlier={text !== null} />,
  );
});

ownerRoutes.post('/mistakes/:id/checkins/:checkinId/answer', async (c) => {
  const found = await ownedCheckin(c);
  if (!found) return notFoundPage(c);
  const { record, checkin } = found;
  const back = `/mistakes/${record.mistake.id}/checkins/${checkin.id}/answer`;
  const posted = await postedForm(c, back);
  if (!posted.ok) return posted.response;
  const text = posted.fields.text ?? '';
  const rawStatus = posted.fields.status ?? '';
  const status = (PROGRESS_STATUSES as readonly string[]).includes(rawStatus) ? (rawStatus as ProgressStatus) : undefined;
  const again = (error: string, code: 400 | 409) =>
    c.html(
      <AnswerPage
        nonce={c.get('nonce')}
        csrf={c.get('csrf')}
        nav={navFor(c, 'mine')!}
        mistake={record.mistake}
        checkin={checkin}
        text={text}
        {...(status ? { status } : {})}
        error={error}
        hasEarlier={latestText(record, checkin.id) !== null}
      />,
      code,
    );
  if (rawStatus && !status) return again('Choose on track, blocked or done.', 400);
  if (checkin.status !== 'sent' && checkin.status !== 'answered') return again('This check-in has not been sent yet, so it cannot be answered here.', 409);
  try {
    await recordText(c.get('deps'), { token: null, mistake: record.mistake, checkin }, { text, via: 'form', ...(status ? { status } : {}) }, c.get('now'));
  } catch (error) {
    if (!(error instanceof AnswerRefused)) throw error;
    if (error.reason === 'empty') return again(checkin.step === 'progress' ? 'Choose where things stand, or write a note.' : 'Write a few words before saving.', 400);
    if (error.reason === 'too_long') return again('That is longer than 10,000 characters; please shorten it. Your text is still here.', 400);
    if (error.reason === 'plan_ended') return again('This plan has ended, so nothing more can be recorded for this check-in.', 409);
    return again('This check-in cannot record that.', 400);
  }
  return c.redirect(`/mistakes/${record.mistake.id}?done=saved#checkin-${checkin.id}`, 303);
});

ownerRoutes.post('/mistakes/:id/checkins/:checkinId/snooze', async (c) => {
  const found = await ownedCheckin(c);
  if (!found) return notFoundPage(c);
  const { record, checkin } = found;
  const posted = await postedForm(c, `/mistakes/${record.mistake.id}`);
  if (!posted.ok) return posted.response;
  const outcome = await snoozeCheckin(c.get('deps'), record.mistake, checkin, c.get('now'));
  if (!outcome.moved) {
    const message =
      outcome.reason === 'plan_ended' ? 'This plan has ended, so there is nothing to remind you of.' : 'This check-in is already answered or waiting to be sent, so it stays as it is.';
    return c.html(<WebMessagePage nonce={c.get('nonce')} nav={navFor(c)} title="Nothing to move" message={message} link={{ href: `/mistakes/${record.mistake.id}`, label: 'Back to the timeline' }} />, 409);
  }
  return c.html(
    <WebMessagePage
      nonce={c.get('nonce')}
      nav={navFor(c)}
      title="We will remind you"
      message={`This check-in comes again on ${when(outcome.dueAt, record.mistake.ownerTimeZone)}. Nothing else in your plan moves.`}
      link={{ href: `/mistakes/${record.mistake.id}`, label: 'Back to the timeline' }}
    />,
  );
});
