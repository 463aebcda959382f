/** @jsxImportSource hono/jsx */
// Log a mistake: the API's fields as a form, with plain words on what will happen next.
import { raw } from 'hono/html';
import { LIMITS } from '../../domain/limits';
import { describeCadence, PRESETS, type PresetName } from '../../views/cadence-presets';
import { Page, type NavInfo } from '../layout';
import { Csrf, describe, FieldError } from './parts';

export type LogValues = Partial<Record<LogField, string>>;
export type LogField =
  | 'title'
  | 'description'
  | 'impact'
  | 'owner_email'
  | 'owner_name'
  | 'owner_tz'
  | 'leader_email'
  | 'leader_name'
  | 'leader_tz'
  | 'cadence'
  | 'own_day'
  | 'learn_day'
  | 'plan_day'
  | 'progress_days'
  | 'skip_weekends';

export interface LogPageProps {
  csrf: string;
  nonce: string;
  nav: NavInfo | null;
  values: LogValues;
  errors: Record<string, string>;
  timeZones: string[];
  /** A fresh form: the browser's time zone may be filled in. A form sent back with errors keeps what was chosen. */
  fresh: boolean;
  /** The signed-in address: logging under it needs no confirmation email. */
  signedInAs: string | null;
  notice?: string;
}

/** How the error summary names each field (its link goes to the field). */
const LABEL: Partial<Record<LogField, string>> = {
  title: 'Title',
  description: 'What happened',
  impact: 'Who or what it affected',
  owner_email: 'Your email address',
  owner_name: 'Your first name',
  owner_tz: 'Your time zone',
  leader_email: 'Your leader’s email address',
  leader_name: 'Your leader’s name',
  leader_tz: 'Your leader’s time zone',
  cadence: 'Check-in days',
  own_day: 'Owning it, on day',
  learn_day: 'Learning, on day',
  plan_day: 'Path forward, on day',
  progress_days: 'Progress, on days',
};
const ANCHOR: Partial<Record<LogField, string>> = { cadence: 'progress_days' };

/** Fills the time zone from the browser, only on a fresh form and only when the person has not chosen one. */
const DETECT_ZONE = `(function(){var s=document.getElementById('owner_tz');if(!s||s.getAttribute('data-detect')!=='1')return;var z;try{z=Intl.DateTimeFormat().resolvedOptions().timeZone}catch(e){}if(!z)return;var found=false;for(var i=0;i<s.options.length;i++){if(s.options[i].value===z){found=true;break}}if(!found){var o=document.createElement('option');o.value=z;o.textContent=z;s.appendChild(o)}s.value=z;var n=document.getElementById('owner_tz-hint');if(n)n.textContent='Filled in from your browser: '+z+'. Change it if it is wrong. Check-ins arrive at 09:00 in this zone.'})();`;

function ZoneSelect(props: { id: string; value: string; zones: string[]; sameAsOwner?: boolean; detect?: boolean; attrs: Record<string, string> }) {
  const zones = props.value && !props.zones.includes(props.value) ? [props.value, ...props.zones] : props.zones;
  return (
    <select id={props.id} name={props.id} {...(props.detect ? { 'data-detect': '1' } : {})} {...props.attrs}>
      {props.sameAsOwner ? <option value="">Same as yours</option> : null}
      {zones.map((z) => (
        <option value={z} selected={z === props.value}>
          {z.replace(/_/g, ' ')}
        </option>
      ))}
    </select>
  );
}

function TextField(props: {
  name: LogField;
  label: string;
  hint?: string;
  type?: 'text' | 'email';
  values: LogValues;
  errors: Record<string, string>;
  max: number;
  required?: boolean;
  autocomplete?: string;
}) {
  return (
    <>
      <label for={props.name}>{props.label}</label>
      {props.hint ? (
        <span class="hint" id={`${props.name}-hint`}>
          {props.hint}
        </span>
      ) : null}
      <input
        id={props.name}
        name={props.name}
        type={props.type ?? 'text'}
        value={props.values[props.name] ?? ''}
        maxlength={props.max}
        required={props.required}
        autocomplete={props.autocomplete ?? 'off'}
        {...describe(props.name, props.errors, Boolean(props.hint))}
      />
      <FieldError id={`${props.name}-error`} message={props.errors[props.name]} />
    </>
  );
}

function Area(props: { name: LogField; label: string; hint: string; values: LogValues; errors: Record<string, string>; max: number; required?: boolean; short?: boolean }) {
  return (
    <>
      <label for={props.name}>{props.label}</label>
      <span class="hint" id={`${props.name}-hint`}>
        {props.hint}
      </span>
      <textarea
        id={props.name}
        name={props.name}
        maxlength={props.max}
        required={props.required}
        class={props.short ? 'short' : undefined}
        {...describe(props.name, props.errors, true)}
      >
        {props.values[props.name] ?? ''}
      </textarea>
      <FieldError id={`${props.name}-error`} message={props.errors[props.name]} />
    </>
  );
}

export function LogPage(props: LogPageProps) {
  const { values, errors } = props;
  const chosen = (values.cadence ?? 'default') as PresetName | 'custom';
  const errorCount = Object.keys(errors).length;
  const confirmFirst = props.signedInAs === null || (values.owner_email ?? '').trim().toLowerCase() !== props.signedInAs;
  return (
    <Page referrer="same-origin" title="Log a mistake" nav={props.nav} nonce={props.nonce} signedOut={!props.nav}>
      <h1>Log a mistake, and follow it through</h1>
      <p class="lead">
        Mend checks in with you over the coming weeks: owning what happened, what you learned, what will change, and how it is going. If you
        name your leader, they see your answers as you write them.
      </p>
      {props.notice ? (
        <p class="notice warn" role="status">
          {props.notice}
        </p>
      ) : null}
      {errorCount ? (
        <div class="notice bad" role="alert" id="form-errors" tabindex={-1}>
          <p>
            <strong>{errorCount === 1 ? 'One thing needs another look.' : `${errorCount} things need another look.`}</strong> Everything you wrote is still here.
          </p>
          <ul>
            {Object.entries(errors).map(([field, message]) => (
              <li>{field === '_' ? message : <a href={`#${ANCHOR[field as LogField] ?? field}`}>{`${LABEL[field as LogField] ?? 'This field'}: ${message}`}</a>}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <form method="post" action="/" novalidate>
        <Csrf token={props.csrf} />
        <fieldset>
          <legend>What happened</legend>
          <TextField name="title" label="A short title" hint="A few words you will recognise in your inbox." values={values} errors={errors} max={LIMITS.title} required />
          <Area
            name="description"
            label="What happened"
            hint="The facts, in your own words. Only you and your leader will read them."
            values={values}
            errors={errors}
            max={LIMITS.description}
            required
          />
          <Area
            name="impact"
            label="Who or what it affected (optional)"
            hint="Describe it in your words. Mend never contacts the people affected."
            values={values}
            errors={errors}
            max={LIMITS.impact}
            short
          />
        </fieldset>

        <fieldset>
          <legend>You</legend>
          <TextField
            name="owner_email"
            type="email"
            label="Your email address"
            hint={confirmFirst ? 'We send a link to confirm it is yours before anything starts.' : 'You are signed in with this address, so the plan starts at once.'}
            values={values}
            errors={errors}
            max={LIMITS.email}
            required
            autocomplete="email"
          />
          <TextField name="owner_name" label="Your first name (optional)" hint="Used to greet you in emails." values={values} errors={errors} max={LIMITS.name} autocomplete="given-name" />
          <label for="owner_tz">Your time zone</label>
          <span class="hint" id="owner_tz-hint">
            Check-ins arrive at 09:00 in this zone.
          </span>
          <ZoneSelect id="owner_tz" value={values.owner_tz ?? 'UTC'} zones={props.timeZones} detect={props.fresh} attrs={describe('owner_tz', errors, true)} />
          <FieldError id="owner_tz-error" message={errors.owner_tz} />
        </fieldset>

        <fieldset>
          <legend>Your leader (optional)</legend>
          <p class="muted small">The person whose trust you want to rebuild. Leave this empty to keep your answers to yourself.</p>
          <TextField name="leader_email" type="email" label="Their email address" values={values} errors={errors} max={LIMITS.email} />
          <TextField name="leader_name" label="Their name" values={values} errors={errors} max={LIMITS.name} />
          <label for="leader_tz">Their time zone</label>
          <ZoneSelect id="leader_tz" value={values.leader_tz ?? ''} zones={props.timeZones} sameAsOwner attrs={describe('leader_tz', errors)} />
          <FieldError id="leader_tz-error" message={errors.leader_tz} />
        </fieldset>

        <fieldset class="cadence">
          <legend>How often Mend checks in</legend>
          {(Object.keys(PRESETS) as PresetName[]).map((name) => (
            <label class="choice">
              <input type="radio" name="cadence" value={name} checked={chosen === name} />
              <span>
                <strong>{PRESETS[name].label}</strong>
                <span class="hint">{`${describeCadence(PRESETS[name].cadence)}.`}</span>
              </span>
            </label>
          ))}
          <label class="choice">
            <input type="radio" name="cadence" value="custom" checked={chosen === 'custom'} aria-describedby="custom-hint" />
            <span>
              <strong>Custom days</strong>
              <span class="hint" id="custom-hint">
                Choose the day of each step. Day 0 is the day the plan starts; leave a step empty to skip it.
              </span>
            </span>
          </label>
          <div class="custom">
            <label for="own_day">Owning it, on day</label>
            <input id="own_day" name="own_day" type="number" inputmode="numeric" min={0} max={LIMITS.maxDay} value={values.own_day ?? '0'} {...describe('own_day', errors)} />
            <FieldError id="own_day-error" message={errors.own_day} />
            <label for="learn_day">Learning, on day</label>
            <input id="learn_day" name="learn_day" type="number" inputmode="numeric" min={0} max={LIMITS.maxDay} value={values.learn_day ?? '2'} {...describe('learn_day', errors)} />
            <FieldError id="learn_day-error" message={errors.learn_day} />
            <label for="plan_day">Path forward, on day</label>
            <input id="plan_day" name="plan_day" type="number" inputmode="numeric" min={0} max={LIMITS.maxDay} value={values.plan_day ?? '4'} {...describe('plan_day', errors)} />
            <FieldError id="plan_day-error" message={errors.plan_day} />
            <label for="progress_days">Progress, on days</label>
            <span class="hint" id="progress_days-hint">
              Separated by commas.
            </span>
            <input id="progress_days" name="progress_days" type="text" inputmode="numeric" value={values.progress_days ?? '7, 14, 30, 60, 90'} {...describe('progress_days', errors, true)} />
            <FieldError id="progress_days-error" message={errors.progress_days} />
            <FieldError id="cadence-error" message={errors.cadence} />
          </div>
          <label class="choice">
            <input type="checkbox" name="skip_weekends" value="on" checked={(values.skip_weekends ?? 'on') === 'on'} />
            <span>
              <strong>Not on weekends</strong>
              <span class="hint">A check-in that falls on a Saturday or Sunday comes on the Monday.</span>
            </span>
          </label>
        </fieldset>

        <section class="card" aria-labelledby="next-heading">
          <h2 id="next-heading">What happens next</h2>
          <ol>
            {confirmFirst ? <li>We email you a link to confirm your address. Nothing is scheduled, and nobody hears anything, until you use it.</li> : null}
            <li>
              Your first check-in comes {confirmFirst ? 'as soon as you confirm' : 'within a minute'}; the others at 09:00 your time on the days you chose. Each asks
              one question; you answer on a page, or by replying.
            </li>
            <li>
              If you name a leader, they hear nothing until you have written what happened and the part that was yours. Then they get your words, what your
              plan is, and a digest of your answers each Monday at 09:00 their time, with a note at once if you say you are blocked. They can say “thank you
              for telling me” or “let’s talk”; they are never asked to judge.
            </li>
            <li>
              <strong>The people who were affected are never emailed.</strong> Mend writes only to you, and to your leader if you named one.
            </li>
            <li>You can pause, close or erase the plan whenever you want.</li>
          </ol>
        </section>
        <p>
          <button type="submit">{confirmFirst ? 'Log it and email me the confirmation link' : 'Log it and start the plan'}</button>
        </p>
      </form>
      <script nonce={props.nonce}>{raw(DETECT_ZONE)}</script>
      {errorCount ? <script nonce={props.nonce}>{raw(`document.getElementById('form-errors').focus();`)}</script> : null}
    </Page>
  );
}

export function CheckInboxPage(props: { nonce: string; nav: NavInfo | null; email: string; outcome: 'sent' | 'not_sent'; mailWaits: boolean }) {
  return (
    <Page referrer="same-origin" title="Check your inbox" nav={props.nav} nonce={props.nonce} signedOut={!props.nav}>
      <h1>{props.outcome === 'sent' ? 'Check your inbox' : 'Your mistake is saved'}</h1>
      {props.outcome === 'sent' ? (
        <>
          <p class="lead">{`We sent a link to ${props.email}. Open it to confirm the address is yours, and your plan starts.`}</p>
          <p>The link works once, for 24 hours. Until you use it nothing is scheduled, and nobody else hears anything.</p>
        </>
      ) : (
        <p class="lead">
          {props.mailWaits
            ? 'Mend cannot send email right now, so the confirmation link has not gone out. Your mistake is saved, waiting for you.'
            : 'The confirmation email could not be sent just now. Your mistake is saved, waiting for you.'}
        </p>
      )}
      <div class="card">
        <h2>No email?</h2>
        <p>
          Look in your spam folder. Or <a href="/login">sign in with a link</a>: once you are in, you can confirm the plan from your list of mistakes.
        </p>
      </div>
    </Page>
  );
}
