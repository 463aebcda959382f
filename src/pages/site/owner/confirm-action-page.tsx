/** @jsxImportSource hono/jsx */
// GET /mistakes/:id/close and /erase: what closing or erasing does, before the owner confirms it.
import type { MistakeRow } from '../../../store';
import { Page } from '../../layout';
import { Csrf } from '../parts';
import type { OwnerPageBase } from './base';

export function ConfirmActionPage(props: OwnerPageBase & { mistake: MistakeRow; action: 'close' | 'erase' }) {
  const { mistake: m } = props;
  const erase = props.action === 'erase';
  return (
    <Page referrer="same-origin" title={erase ? 'Erase this mistake?' : 'Close this plan?'} nav={props.nav} nonce={props.nonce}>
      <p class="crumbs">
        <a href={`/mistakes/${m.id}`}>{m.title}</a>
      </p>
      <h1>{erase ? 'Erase this mistake?' : 'Close this plan?'}</h1>
      {erase ? (
        <>
          <p class="lead">{`“${m.title}”, every answer, every check-in and every email link that belongs to it will be deleted. This cannot be undone.`}</p>
          <p>Emails Mend has already sent stay in the inboxes they reached.</p>
        </>
      ) : (
        <>
          <p class="lead">{`No more check-ins will be sent for “${m.title}”, and its email links stop working.`}</p>
          <p>Everything you wrote stays on the timeline. If the plan is done rather than set aside, you can instead answer a progress check-in with “Done”.</p>
        </>
      )}
      <div class="actions">
        <form method="post" action={`/mistakes/${m.id}/${props.action}`}>
          <Csrf token={props.csrf} />
          <button type="submit" class={erase ? 'danger' : undefined}>
            {erase ? 'Yes, erase it for good' : 'Yes, close the plan'}
          </button>
        </form>
        <a class="button secondary" href={`/mistakes/${m.id}`}>
          No, keep it
        </a>
      </div>
    </Page>
  );
}
