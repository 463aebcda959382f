/** @jsxImportSource hono/jsx */
// The leader's page: every mistake that names them, what needs attention first. They read the owner's own
// words and can acknowledge them; nothing here asks them to judge or to feel anything.
import { isSettled } from '../../domain/settle';
import type { ProgressStatus } from '../../domain/types';
import type { UpdateRow } from '../../store';
import type { Attention, LeaderItem } from '../../views/leader-view';
import { Page, type NavInfo } from '../layout';
import { Csrf, dayOfPlan, Pill, PROGRESS_LABEL, when } from './parts';

const ATTENTION: Record<Attention, { pill: string; kind: string } | null> = {
  blocked: { pill: 'Blocked', kind: 'blocked' },
  silent: { pill: 'No answer for a while', kind: 'silent' },
  rest: null,
  ended: null,
};

const ACK_WORDS: Record<string, string> = { thanks: 'Thank you for telling me', talk: 'Let’s talk' };

function Words(props: { label: string; text: string | null }) {
  return props.text ? (
    <>
      <h3>{props.label}</h3>
      <blockquote>{props.text}</blockquote>
    </>
  ) : null;
}

function Progress(props: { updates: UpdateRow[]; tz: string; now: number }) {
  const progress = props.updates.filter((u) => u.author === 'owner' && isSettled(u, props.now, props.updates) && (u.kind === 'status' || u.kind === 'note'));
  if (!progress.length) return null;
  return (
    <>
      <h3>Progress</h3>
      <ul class="plain-list progress">
        {progress.map((u) => (
          <li>
            <span class="muted small">{when(u.at, props.tz, props.now)}</span>{' '}
            {u.kind === 'status' ? <Pill kind={u.status ?? ''}>{PROGRESS_LABEL[u.status as ProgressStatus] ?? u.status ?? ''}</Pill> : <blockquote>{u.text}</blockquote>}
          </li>
        ))}
      </ul>
    </>
  );
}

export function LeaderPage(props: { nonce: string; csrf: string; nav: NavInfo; items: LeaderItem[]; timeZone: (ownerZone: string) => string; now: number; notice?: string }) {
  const open = props.items.filter((i) => i.attention !== 'ended');
  const ended = props.items.filter((i) => i.attention === 'ended');
  const card = (item: LeaderItem) => {
    const { mistake: m, updates } = item.record;
    const tz = props.timeZone(m.ownerTimeZone);
    const owner = m.ownerName ?? m.ownerEmail;
    const flag = ATTENTION[item.attention];
    const acks = updates.filter((u) => u.kind === 'ack' && u.author === 'leader' && u.state !== 'void');
    return (
      <li class="card" id={`m-${m.id}`}>
        <h2 class="card-title">{m.title}</h2>
        <p class="meta">
          {flag ? <Pill kind={flag.kind}>{flag.pill}</Pill> : null}
          {m.lastStatus && item.attention !== 'blocked' ? <Pill kind={m.lastStatus}>{PROGRESS_LABEL[m.lastStatus]}</Pill> : null}
          {m.status === 'paused' ? <Pill kind="paused">Paused</Pill> : null}
          <span class="muted">
            {` ${owner} · day ${dayOfPlan(m.startAt, props.now)} of the plan`}
            {item.unanswered ? ` · ${item.unanswered === 1 ? 'one check-in' : `${item.unanswered} check-ins`} not answered yet` : ''}
          </span>
        </p>
        <Words label={`What happened, in ${owner}’s words`} text={m.ownership} />
        <Words label="What they learned" text={m.learning} />
        <Words label="What will change" text={m.planText} />
        <Progress updates={updates} tz={tz} now={props.now} />
        {acks.length ? (
          <p class="muted small">{`You replied: ${acks.map((a) => `“${ACK_WORDS[a.status ?? ''] ?? 'acknowledged'}” (${when(a.at, tz, props.now)})`).join(', ')}.`}</p>
        ) : null}
        <div class="actions" role="group" aria-label={`Reply to ${owner} about “${m.title}”`}>
          {(['thanks', 'talk'] as const).map((status) => (
            <form method="post" action={`/leading/${m.id}/ack`}>
              <Csrf token={props.csrf} />
              <input type="hidden" name="status" value={status} />
              <button type="submit" class="secondary">
                {ACK_WORDS[status]}
              </button>
            </form>
          ))}
        </div>
      </li>
    );
  };
  return (
    <Page referrer="same-origin" title="As a leader" nav={props.nav} nonce={props.nonce}>
      <h1>Mistakes that name you as leader</h1>
      <p class="lead">What your colleagues have written as they follow their mistakes through, with what needs attention first.</p>
      {props.notice ? (
        <p class="notice ok" role="status">
          {props.notice}
        </p>
      ) : null}
      {props.items.length === 0 ? (
        <div class="card">
          <p>Nothing names you as leader yet. A colleague’s plan appears here once they have written what happened and the part that was theirs.</p>
        </div>
      ) : null}
      {open.length ? (
        <ul class="plain-list" role="list">
          {open.map(card)}
        </ul>
      ) : null}
      {ended.length ? (
        <>
          <h2>Plans that have ended</h2>
          <ul class="plain-list" role="list">
            {ended.map(card)}
          </ul>
        </>
      ) : null}
    </Page>
  );
}
