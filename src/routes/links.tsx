/** @jsxImportSource hono/jsx */
// The pages behind email links. A GET or HEAD never changes anything; every change is a POST.
import { Hono, type Context } from 'hono';
import { AnswerRefused, recordClick, recordText } from '../domain/answers';
import { sendFreshLink } from '../domain/fresh-link';
import { snoozeCheckin } from '../domain/plans';
import { reflect } from '../domain/reflection';
import { ANSWER_KIND, PROGRESS_STATUSES, type ProgressStatus } from '../domain/types';
import { FORM_LIMIT, limitFormBody } from '../http/body-limit';
import type { AppEnv } from '../http/context';
import { pageHeaders, pageNonce } from '../http/page-headers';
import { linkContext, resolveToken, type Resolved } from '../links/resolve';
import {
  AnswerFormPage,
  AnswerRecordedPage,
  BadLinkPage,
  ClickRecordedPage,
  ConfirmClickPage,
  MessagePage,
  SnoozePage,
} from '../pages/link-pages';

type Ok = Extract<Resolved, { ok: true }>;
type LinkEnv = AppEnv & { Variables: AppEnv['Variables'] & { link: Ok } };

export const links = new Hono<LinkEnv>();

// Tokens are in the path: no caching, no referrer, no indexing; and the pages' own CSP (src/http/page-headers).
links.use('*', ...pageHeaders('no-referrer'));
links.use(
  '*',
  limitFormBody<LinkEnv>(FORM_LIMIT, (c) =>
    c.html(<MessagePage nonce={pageNonce(c)} title="That is too long to save" message="Answers can be up to 10,000 characters. Nothing was saved." />, 413),
  ),
);

const base = (c: Context<LinkEnv>) => `${c.get('config').appUrl}/l/${c.req.param('token')}`;

/** Resolves the token for every route below; a bad one gets its page with a 4xx, never a 500. */
links.use('/:token/*', async (c, next) => {
  const resolved = await resolveToken(c.get('deps'), c.req.param('token') ?? '', c.get('now'));
  if (!resolved.ok) {
    const canRefresh = resolved.problem === 'expired' && resolved.token?.role === 'owner';
    if (c.req.method === 'POST' && canRefresh && c.req.path.endsWith('/fresh')) {
      const outcome = await sendFreshLink(c.get('deps'), resolved.token!, c.get('now'));
      if (outcome === 'sent') return c.html(<MessagePage nonce={pageNonce(c)} title="A fresh link is on its way" message="Check your inbox for a new email from Mend." />, 202);
    }
    const status = resolved.problem === 'malformed' || resolved.problem === 'unknown' ? 404 : 410;
    return c.html(<BadLinkPage nonce={pageNonce(c)} problem={resolved.problem} {...(canRefresh ? { freshAction: `${base(c)}/fresh` } : {})} />, status);
  }
  if (resolved.token.role !== 'owner') {
    // Leader links have their own routes; an owner page through a leader's token is refused.
    return c.html(<BadLinkPage nonce={pageNonce(c)} problem="unknown" />, 404);
  }
  c.set('link', resolved);
  await next();
});

async function formField(c: Context<LinkEnv>, name: string): Promise<string | undefined> {
  const body = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
  const value = (body as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : undefined;
}

function refusalPage(c: Context<LinkEnv>, error: unknown) {
  if (!(error instanceof AnswerRefused)) throw error;
  if (error.reason === 'plan_ended') {
    return c.html(<MessagePage nonce={pageNonce(c)} title="This plan has ended" message="It was closed or marked done, so there is nothing more to record here." />, 409);
  }
  return c.html(<MessagePage nonce={pageNonce(c)} title="That link cannot record a status" message="Open the answer form from the email instead." />, 400);
}

// ---- the answer form -------------------------------------------------------------------------------

links.get('/:token/answer', (c) => {
  const { mistake, checkin } = c.get('link');
  if (!checkin) return c.html(<BadLinkPage nonce={pageNonce(c)} problem="unknown" />, 404);
  const kind = ANSWER_KIND[checkin.step];
  const current = kind === 'ownership' ? mistake.ownership : kind === 'learning' ? mistake.learning : kind === 'plan' ? mistake.planText : null;
  return c.html(<AnswerFormPage nonce={pageNonce(c)} step={checkin.step} title={mistake.title} action={`${base(c)}/answer`} text={current ?? ''} />);
});

links.post('/:token/answer', async (c) => {
  const link = c.get('link');
  const { mistake, checkin } = link;
  if (!checkin) return c.html(<BadLinkPage nonce={pageNonce(c)} problem="unknown" />, 404);
  const body = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
  const text = typeof body.text === 'string' ? body.text : '';
  const rawStatus = typeof body.status === 'string' ? body.status : '';
  const status = (PROGRESS_STATUSES as readonly string[]).includes(rawStatus) ? (rawStatus as ProgressStatus) : undefined;
  const form = (error: string, code: 400 | 409) =>
    c.html(<AnswerFormPage nonce={pageNonce(c)} step={checkin.step} title={mistake.title} action={`${base(c)}/answer`} text={text} error={error} />, code);
  if (rawStatus && !status) return form('Choose on track, blocked or done.', 400);
  try {
    await recordText(c.get('deps'), linkContext(link), { text, via: 'form', ...(status ? { status } : {}) }, c.get('now'));
  } catch (error) {
    if (!(error instanceof AnswerRefused)) throw error;
    if (error.reason === 'empty') return form('Write a few words before saving.', 400);
    if (error.reason === 'too_long') return form('That is longer than 10,000 characters; please shorten it. Your text is still here.', 400);
    if (error.reason === 'plan_ended') return form('This plan has ended, so nothing more can be recorded here.', 409);
    return form('This link cannot record that.', 400);
  }
  const reflected = ANSWER_KIND[checkin.step];
  const reflection =
    reflected === 'ownership' || reflected === 'learning'
      ? { notes: reflect(text), introWaits: reflected === 'ownership' && mistake.leaderId !== null && mistake.leaderIntroAt === null }
      : undefined;
  return c.html(
    <AnswerRecordedPage nonce={pageNonce(c)} title={mistake.title} text={text.trim()} {...(status ? { status } : {})} editUrl={`${base(c)}/answer`} {...(reflection ? { reflection } : {})} />,
  );
});

// ---- snooze ----------------------------------------------------------------------------------------

const dateIn = (ms: number, timeZone: string) =>
  new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'long', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit' }).format(ms);

links.get('/:token/snooze', (c) => {
  const { mistake } = c.get('link');
  return c.html(<SnoozePage nonce={pageNonce(c)} action={`${base(c)}/snooze`} title={mistake.title} />);
});

links.post('/:token/snooze', async (c) => {
  const { mistake, checkin } = c.get('link');
  if (!checkin) return c.html(<BadLinkPage nonce={pageNonce(c)} problem="unknown" />, 404);
  const outcome = await snoozeCheckin(c.get('deps'), mistake, checkin, c.get('now'));
  if (!outcome.moved) {
    const message =
      outcome.reason === 'plan_ended'
        ? 'This plan has ended, so there is nothing to remind you of.'
        : 'This check-in is already answered or already waiting to be sent, so it stays as it is.';
    return c.html(<MessagePage nonce={pageNonce(c)} title="Nothing to move" message={message} />, 409);
  }
  return c.html(<SnoozePage nonce={pageNonce(c)} action={`${base(c)}/snooze`} title={mistake.title} done={{ dueAt: dateIn(outcome.dueAt, mistake.ownerTimeZone) }} />);
});

links.post('/:token/fresh', (c) => c.html(<MessagePage nonce={pageNonce(c)} title="This link still works" message="Use it as it is: it has not expired." />));

// ---- one-click statuses ------------------------------------------------------------------------------

for (const status of PROGRESS_STATUSES) {
  links.get(`/:token/${status}`, (c) => {
    const { mistake } = c.get('link');
    return c.html(<ConfirmClickPage nonce={pageNonce(c)} status={status} action={`${base(c)}/${status}`} title={mistake.title} />);
  });

  links.post(`/:token/${status}`, async (c) => {
    const link = c.get('link');
    const changedOnPage = (await formField(c, 'source')) === 'page';
    try {
      await recordClick(c.get('deps'), linkContext(link), status, c.get('now'), { changedOnPage });
    } catch (error) {
      return refusalPage(c, error);
    }
    return c.html(
      <ClickRecordedPage nonce={pageNonce(c)} status={status} title={link.mistake.title} linkBase={base(c)} hasLeader={link.mistake.leaderId !== null} changed={changedOnPage} />,
    );
  });
}
