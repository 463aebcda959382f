/** @jsxImportSource hono/jsx */
// Small pieces the web pages share: the CSRF field, field errors, dates in a person's zone, status words.
import type { MistakeStatus, ProgressStatus, Step } from '../../domain/types';

export function Csrf(props: { token: string }) {
  return <input type="hidden" name="csrf" value={props.token} />;
}

/** A field's error, tied to the field by id so a screen reader reads it with the field. */
export function FieldError(props: { id: string; message?: string | undefined }) {
  return props.message ? (
    <p class="field-error" id={props.id}>
      {props.message}
    </p>
  ) : null;
}

/** aria-invalid and aria-describedby for a field with an optional hint and error. */
export function describe(name: string, errors: Record<string, string>, hint = false): Record<string, string> {
  const ids = [hint ? `${name}-hint` : '', errors[name] ? `${name}-error` : ''].filter(Boolean).join(' ');
  return { ...(ids ? { 'aria-describedby': ids } : {}), ...(errors[name] ? { 'aria-invalid': 'true' } : {}) };
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    formatters.set(timeZone, f);
  }
  return f;
}

/** "Mon 7 Dec, 09:00", with the year when it is not this year's: "Wed 20 Jan 2027, 09:00". In the person's zone. */
export function when(ms: number, timeZone: string, now?: number): string {
  const parts = Object.fromEntries(formatter(timeZone).formatToParts(ms).map((p) => [p.type, p.value]));
  const sameYear = now === undefined || formatter(timeZone).formatToParts(now).find((p) => p.type === 'year')?.value === parts.year;
  return `${parts.weekday} ${parts.day} ${parts.month}${sameYear ? '' : ` ${parts.year}`}, ${parts.hour}:${parts.minute}`;
}

export function day(ms: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(ms);
}

export const STEP_QUESTION: Record<Step, string> = {
  own: 'What happened, and what part was yours?',
  learn: 'What did you learn?',
  plan: 'What will change, and by when?',
  progress: 'How is it going?',
};

export const STEP_NAME: Record<Step, string> = { own: 'Owning it', learn: 'Learning', plan: 'Path forward', progress: 'Progress' };

export const MISTAKE_STATUS: Record<MistakeStatus, string> = {
  pending: 'Waiting for you to confirm',
  active: 'Active',
  paused: 'Paused',
  resolved: 'Done',
  closed: 'Closed',
};

/** The domain's words for statuses (src/domain/types.ts), under the name these pages use. */
export { STATUS_LABEL as PROGRESS_LABEL } from '../../domain/types';

export function Pill(props: { kind: string; children: string }) {
  return <span class={`pill ${props.kind}`}>{props.children}</span>;
}

/** Days since the plan started, counted in whole days. */
export const dayOfPlan = (startAt: number, now: number) => Math.max(0, Math.floor((now - startAt) / 86_400_000));
