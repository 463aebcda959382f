/** @jsxImportSource hono/jsx */
// GET /mistakes/:id/checkins/:checkin/answer: writing (or editing) the answer to one check-in.
import { ANSWER_TEXT_LIMIT } from '../../../domain/answers';
import type { Step } from '../../../domain/types';
import type { CheckinRow, MistakeRow } from '../../../store';
import { Page } from '../../layout';
import { Csrf, describe, FieldError, PROGRESS_LABEL, STEP_QUESTION } from '../parts';
import type { OwnerPageBase } from './base';

const QUESTION_HINT: Record<Step, string> = {
  own: 'In your own words: what happened, what it cost the people affected, and the part that was yours to own.',
  learn: 'What you, and your team, learned from it.',
  plan: 'Concrete changes and the dates you are aiming for.',
  progress: 'A short note on the progress: what changed, what is next.',
};

export function AnswerPage(
  props: OwnerPageBase & { mistake: MistakeRow; checkin: CheckinRow; text: string; status?: string; error?: string; hasEarlier: boolean },
) {
  const { mistake: m, checkin: c } = props;
  const errors: Record<string, string> = props.error ? { text: props.error } : {};
  return (
    <Page referrer="same-origin" title={STEP_QUESTION[c.step]} nav={props.nav} nonce={props.nonce}>
      <p class="crumbs">
        <a href={`/mistakes/${m.id}`}>{m.title}</a>
      </p>
      <h1>{STEP_QUESTION[c.step]}</h1>
      <p class="muted">{`Day ${c.day} check-in.${props.hasEarlier ? ' Saving keeps what you wrote before: the timeline shows every version.' : ''}`}</p>
      <form method="post" action={`/mistakes/${m.id}/checkins/${c.id}/answer`} novalidate>
        <Csrf token={props.csrf} />
        {c.step === 'progress' ? (
          <fieldset>
            <legend>Where things stand (optional)</legend>
            {(['on_track', 'blocked', 'done'] as const).map((s) => (
              <label class="choice">
                <input type="radio" name="status" value={s} checked={props.status === s} />
                <span>
                  <strong>{PROGRESS_LABEL[s]}</strong>
                  {s === 'done' ? <span class="hint">Ends the plan: no more check-ins.</span> : null}
                  {s === 'blocked' ? <span class="hint">Your leader, if you named one, hears at once so you can work it out together.</span> : null}
                </span>
              </label>
            ))}
          </fieldset>
        ) : null}
        <label for="text">{c.step === 'progress' ? 'A note (optional)' : 'Your answer'}</label>
        <span class="hint" id="text-hint">
          {QUESTION_HINT[c.step]}
        </span>
        <textarea id="text" name="text" maxlength={ANSWER_TEXT_LIMIT} {...describe('text', errors, true)}>
          {props.text}
        </textarea>
        <FieldError id="text-error" message={errors.text} />
        <div class="actions">
          <button type="submit">Save</button>
          <a class="button secondary" href={`/mistakes/${m.id}`}>
            Cancel
          </a>
        </div>
      </form>
    </Page>
  );
}
