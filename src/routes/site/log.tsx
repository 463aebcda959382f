/** @jsxImportSource hono/jsx */
// Log a mistake from the browser (`/`), and the emailed link that confirms the owner's address (`/confirm/…`).
// Until that confirmation the mistake is 'pending' and every check-in 'held': nothing goes to anyone.
import { Hono } from 'hono';
import { confirmMistake, logMistake, PlanConflict } from '../../domain/plans';
import { checkLink, closeSession, openSession, sendConfirmation, useLink } from '../../domain/web-auth';
import { normalEmail } from '../../lib/email-address';
import { CheckInboxPage, LogPage, type LogField, type LogValues } from '../../pages/site/log-page';
import { ConfirmPlanPage, LinkProblemPage } from '../../pages/site/login-pages';
import { PRESETS, readCustomCadence, type PresetName } from '../../views/cadence-presets';
import type { WebEnv } from '../../session/context';
import { readCookie, writeCookie } from '../../session/cookies';
import { readForm, type FormFields } from '../../http/form';
import { formIsOurs } from '../../session/middleware';
import { fieldErrors, NewMistakeInput, type NewMistakeBody } from '../api-schema';
import { admitSignUp } from '../../domain/abuse-limits';
import { addressAskedForMail } from '../../domain/not-me';
import { clientOf } from '../../session/client';
import { navFor, postedForm, refused, type WebContext } from './shared';

export const logRoutes = new Hono<WebEnv>();

let zones: string[] | null = null;
/** Every IANA zone the runtime knows, UTC first. */
function timeZones(): string[] {
  zones ??= ['UTC', ...Intl.supportedValuesOf('timeZone').filter((z) => z !== 'UTC')];
  return zones;
}

const FIELDS: LogField[] = [
  'title',
  'description',
  'impact',
  'owner_email',
  'owner_name',
  'owner_tz',
  'leader_email',
  'leader_name',
  'leader_tz',
  'cadence',
  'own_day',
  'learn_day',
  'plan_day',
  'progress_days',
  'skip_weekends',
];

/** The API's field paths, as the form names them. */
const FORM_NAME: Record<string, LogField> = {
  title: 'title',
  description: 'description',
  impact: 'impact',
  'owner.email': 'owner_email',
  'owner.name': 'owner_name',
  'owner.timeZone': 'owner_tz',
  'leader.email': 'leader_email',
  'leader.name': 'leader_name',
  'leader.timeZone': 'leader_tz',
};

function valuesOf(fields: FormFields): LogValues {
  const values: LogValues = {};
  for (const name of FIELDS) if (fields[name] !== undefined) values[name] = fields[name];
  // An unticked checkbox sends nothing: the form said no.
  values.skip_weekends = fields.skip_weekends === 'on' ? 'on' : 'off';
  return values;
}

const blank = (s: string | undefined) => (s ?? '').trim() === '';

/** The form as the API's input, or the errors to show beside the fields. */
function readMistake(values: LogValues): { ok: true; body: NewMistakeBody } | { ok: false; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const choice = values.cadence ?? 'default';
  let cadence: NewMistakeBody['cadence'];
  if (choice === 'custom') {
    const custom = readCustomCadence(values);
    if (custom.ok) cadence = custom.cadence;
    else Object.assign(errors, custom.errors);
  } else if (choice in PRESETS) {
    cadence = [...PRESETS[choice as PresetName].cadence];
  } else {
    errors.cadence = 'Choose one of the options.';
  }
  const leaderGiven = !blank(values.leader_email) || !blank(values.leader_name);
  const input = {
    title: values.title ?? '',
    description: values.description ?? '',
    impact: blank(values.impact) ? null : values.impact,
    owner: { email: values.owner_email ?? '', name: blank(values.owner_name) ? null : values.owner_name, timeZone: blank(values.owner_tz) ? null : values.owner_tz },
    leader: leaderGiven
      ? { email: values.leader_email ?? '', name: blank(values.leader_name) ? null : values.leader_name, timeZone: blank(values.leader_tz) ? null : values.leader_tz }
      : null,
    skipWeekends: values.skip_weekends !== 'off',
    ...(cadence ? { cadence } : {}),
  };
  const parsed = NewMistakeInput.safeParse(input);
  if (!parsed.success) {
    for (const [path, message] of Object.entries(fieldErrors(parsed.error))) {
      const name = FORM_NAME[path] ?? (path.startsWith('cadence') ? 'cadence' : path.startsWith('leader') ? 'leader_email' : '_');
      errors[name] ??= message === 'Required.' ? 'This one is needed.' : message;
    }
  }
  if (Object.keys(errors).length || !parsed.success) return { ok: false, errors };
  return { ok: true, body: parsed.data };
}

function form(c: WebContext, values: LogValues, errors: Record<string, string>, fresh: boolean, notice?: string) {
  const session = c.get('session');
  return (
    <LogPage
      csrf={c.get('csrf')}
      nonce={c.get('nonce')}
      nav={navFor(c, 'log')}
      values={values}
      errors={errors}
      timeZones={timeZones()}
      fresh={fresh}
      signedInAs={session?.email ?? null}
      {...(notice ? { notice } : {})}
    />
  );
}

logRoutes.get('/', (c) => {
  const session = c.get('session');
  return c.html(form(c, session ? { owner_email: session.email } : {}, {}, true));
});

logRoutes.post('/', async (c) => {
  const read = await readForm(c);
  if (!read.ok) return c.html(form(c, {}, { _: 'We could not read that form. Nothing was changed; please send it again.' }, false), 400);
  const values = valuesOf(read.fields);
  // A form that fails the CSRF check comes back filled in, so nothing typed is lost; nothing is recorded.
  if (!(await formIsOurs(c, read.fields))) {
    return c.html(form(c, values, {}, false, 'For your safety we could not accept the form as it was sent (it was opened before you signed in or out, or in another browser). Check it and send it again.'), 403);
  }
  const parsed = readMistake(values);
  if (!parsed.ok) return c.html(form(c, values, parsed.errors, false), 400);
  const body = parsed.body;
  const deps = c.get('deps');
  const now = c.get('now');
  const session = c.get('session');
  const provenOwner = session !== null && session.email === normalEmail(body.owner.email);
  const leaderEmail = body.leader ? normalEmail(body.leader.email) : null;
  const refusal = await admitSignUp(deps, { client: clientOf(c), owner: normalEmail(body.owner.email), leader: leaderEmail, confirmation: !provenOwner }, now);
  // Refused: the form comes back as it was sent, so nothing typed is lost; nothing is stored or sent.
  if (refusal) return refused(c, refusal, 'Nothing was saved and no email went out.', (message) => form(c, values, {}, false, message));
  const id = await logMistake(
    deps,
    {
      title: body.title,
      description: body.description,
      impact: body.impact || null,
      owner: body.owner,
      leader: body.leader ?? null,
      ...(body.skipWeekends !== undefined ? { skipWeekends: body.skipWeekends } : {}),
      ...(body.cadence ? { cadence: body.cadence } : {}),
      // Signed in with the owner's address: that address is already proven, so the plan starts now.
      awaitConfirmation: !provenOwner,
    },
    now,
  );
  if (provenOwner) return c.redirect(`/mistakes/${id}?done=started`, 303);
  const mistake = (await deps.store.mistakes.row(id))!;
  const outcome = await sendConfirmation(deps, mistake, now);
  return c.html(<CheckInboxPage nonce={c.get('nonce')} nav={navFor(c)} email={mistake.ownerEmail} outcome={outcome} mailWaits={deps.transport === null} />, 202);
});

// ---- the confirmation link --------------------------------------------------------------------------

logRoutes.get('/confirm/:token', async (c) => {
  const deps = c.get('deps');
  const token = c.req.param('token');
  const checked = await checkLink(deps, token, 'confirm', c.get('now'));
  if (!checked.ok) return c.html(<LinkProblemPage nonce={c.get('nonce')} nav={navFor(c)} problem={checked.problem} purpose="confirm" />, checked.problem === 'expired' || checked.problem === 'used' ? 410 : 404);
  const mistake = checked.link.mistakeId ? await deps.store.mistakes.row(checked.link.mistakeId) : null;
  if (!mistake) return c.html(<LinkProblemPage nonce={c.get('nonce')} nav={navFor(c)} problem="unknown" purpose="confirm" />, 404);
  return c.html(
    <ConfirmPlanPage
      nonce={c.get('nonce')}
      csrf={c.get('csrf')}
      nav={navFor(c)}
      action={`/confirm/${token}`}
      title={mistake.title}
      hasLeader={mistake.leaderId !== null}
      alreadyActive={mistake.status !== 'pending'}
    />,
  );
});

logRoutes.post('/confirm/:token', async (c) => {
  const token = c.req.param('token');
  const posted = await postedForm(c, `/confirm/${token}`);
  if (!posted.ok) return posted.response;
  const deps = c.get('deps');
  const now = c.get('now');
  const used = await useLink(deps, token, 'confirm', now);
  if (!used.ok) return c.html(<LinkProblemPage nonce={c.get('nonce')} nav={navFor(c)} problem={used.problem} purpose="confirm" />, used.problem === 'expired' || used.problem === 'used' ? 410 : 404);
  const mistake = used.link.mistakeId ? await deps.store.mistakes.row(used.link.mistakeId) : null;
  if (!mistake || mistake.ownerEmail !== used.link.email) return c.html(<LinkProblemPage nonce={c.get('nonce')} nav={navFor(c)} problem="unknown" purpose="confirm" />, 404);
  let started = false;
  if (mistake.status === 'pending') {
    try {
      await confirmMistake(deps, mistake, now);
      started = true;
    } catch (error) {
      // Confirmed a moment ago from another tab: it has started either way.
      if (!(error instanceof PlanConflict)) throw error;
    }
  }
  // Using the emailed link proves the address: it signs the owner in, in a new session (whatever session this
  // browser had before, perhaps someone else's, ends here, as at sign-in), and asks for mail again after a "not me".
  await addressAskedForMail(deps, used.link.email);
  await closeSession(deps, readCookie(c, 'session'));
  const opened = await openSession(deps, used.link.email, now);
  writeCookie(c, 'session', opened.token);
  return c.redirect(`/mistakes/${mistake.id}${started ? '?done=started' : ''}`, 303);
});
