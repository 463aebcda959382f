/** @jsxImportSource hono/jsx */
// The pages behind the links in a leader's email, under /lead/:token/…: acknowledgements, digest frequency, and
// stopping mail (the RFC 8058 one-click endpoint). A GET or HEAD never changes anything; every change is a POST.
import { Hono, type Context } from 'hono';
import { AckRefused, ACK_CHOICES, recordAck, setDigestFrequency, stopLeaderMail } from '../domain/leaders/acks';
import { ownerNameOf } from '../domain/leaders/leader-mail';
import { limitFormBody } from '../http/body-limit';
import type { AppEnv } from '../http/context';
import { pageHeaders, pageNonce } from '../http/page-headers';
import { LEADER_PREFIX } from '../links/leader-urls';
import { resolveToken } from '../links/resolve';
import type { LeaderRow, MistakeRow, TokenRow } from '../store';
import { BadLinkPage, MessagePage } from '../pages/link-pages';
import { AckRecordedPage, ConfirmAckPage, FrequencyPage, StopPage } from '../pages/leader-pages';

interface LeaderLink {
  token: TokenRow;
  mistake: MistakeRow;
  leader: LeaderRow;
}
type LeaderEnv = AppEnv & { Variables: AppEnv['Variables'] & { lead: LeaderLink } };

export const leaderLinks = new Hono<LeaderEnv>();

/** A leader's pages post a field or two. */
const LEADER_FORM_LIMIT = 16 * 1024;

// Tokens are in the path: no caching, no referrer, no indexing; and the pages' own CSP (src/http/page-headers).
leaderLinks.use('*', ...pageHeaders('no-referrer'));
leaderLinks.use(
  '*',
  limitFormBody<LeaderEnv>(LEADER_FORM_LIMIT, (c) =>
    c.html(<MessagePage nonce={pageNonce(c)} title="That did not go through" message="That was more than this page sends. Nothing was changed." />, 413),
  ),
);

const base = (c: Context<LeaderEnv>) => `${c.get('config').appUrl}${LEADER_PREFIX}/${c.req.param('token')}`;

/**
 * Resolves a leader's token for every route below. Stopping mail is honoured even through an expired or revoked
 * link (a plan closed since): it still names the leader, and stopping mail can never harm anyone.
 */
leaderLinks.use('/:token/*', async (c, next) => {
  const deps = c.get('deps');
  const resolved = await resolveToken(deps, c.req.param('token') ?? '', c.get('now'));
  const stopping = c.req.path.endsWith('/unsubscribe');
  const token = resolved.ok ? resolved.token : resolved.problem === 'expired' || resolved.problem === 'revoked' ? resolved.token : null;
  const usable = resolved.ok || (stopping && token !== null);
  if (!usable || !token || token.role !== 'leader' || !token.leaderId) {
    const problem = resolved.ok || (token && token.role !== 'leader') ? 'unknown' : resolved.problem;
    return c.html(<BadLinkPage nonce={pageNonce(c)} problem={problem} />, problem === 'malformed' || problem === 'unknown' ? 404 : 410);
  }
  const [mistake, leader] = await Promise.all([deps.store.mistakes.row(token.mistakeId), deps.store.leaders.get(token.leaderId)]);
  // The plan must still name this leader: a leader never acts on, or sees, another leader's plan.
  if (!mistake || !leader || mistake.leaderId !== leader.id) return c.html(<BadLinkPage nonce={pageNonce(c)} problem="unknown" />, 404);
  c.set('lead', { token, mistake, leader });
  await next();
});

async function formField(c: Context<LeaderEnv>, name: string): Promise<string | undefined> {
  const body = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
  const value = (body as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : undefined;
}

// ---- "thank you for telling me" and "let's talk" -------------------------------------------------------

for (const choice of ACK_CHOICES) {
  leaderLinks.get(`/:token/${choice}`, (c) => {
    const { mistake } = c.get('lead');
    return c.html(<ConfirmAckPage nonce={pageNonce(c)} choice={choice} action={`${base(c)}/${choice}`} title={mistake.title} />);
  });

  leaderLinks.post(`/:token/${choice}`, async (c) => {
    const { token, mistake } = c.get('lead');
    const changedOnPage = (await formField(c, 'source')) === 'page';
    try {
      await recordAck(c.get('deps'), token, mistake, choice, c.get('now'), { changedOnPage });
    } catch (error) {
      if (!(error instanceof AckRefused)) throw error;
      if (error.reason === 'plan_closed') {
        return c.html(<MessagePage nonce={pageNonce(c)} title="This plan is closed" message="Its owner closed it, so there is nothing more to send about it." />, 409);
      }
      return c.html(<BadLinkPage nonce={pageNonce(c)} problem="unknown" />, 404);
    }
    return c.html(
      <AckRecordedPage nonce={pageNonce(c)} choice={choice} title={mistake.title} ownerName={ownerNameOf(mistake)} linkBase={base(c)} changed={changedOnPage} />,
    );
  });
}

// ---- digest frequency ------------------------------------------------------------------------------------

for (const frequency of ['weekly', 'daily'] as const) {
  leaderLinks.get(`/:token/digest/${frequency}`, (c) => {
    const { leader } = c.get('lead');
    return c.html(<FrequencyPage nonce={pageNonce(c)} frequency={frequency} current={leader.frequency} action={`${base(c)}/digest/${frequency}`} />);
  });

  leaderLinks.post(`/:token/digest/${frequency}`, async (c) => {
    const { leader } = c.get('lead');
    await setDigestFrequency(c.get('deps'), leader, frequency);
    return c.html(<FrequencyPage nonce={pageNonce(c)} frequency={frequency} current={frequency} action={`${base(c)}/digest/${frequency}`} done />);
  });
}

// ---- stopping: RFC 8058 one-click unsubscribe -------------------------------------------------------------

leaderLinks.get('/:token/unsubscribe', (c) => {
  const { leader } = c.get('lead');
  return c.html(<StopPage nonce={pageNonce(c)} action={`${base(c)}/unsubscribe`} stopped={leader.stoppedAt !== null} />);
});

/** A mail client POSTs `List-Unsubscribe=One-Click`; the page's button sends the same. Either stops mail. */
leaderLinks.post('/:token/unsubscribe', async (c) => {
  const { leader } = c.get('lead');
  await stopLeaderMail(c.get('deps'), leader, c.get('now'));
  return c.html(<StopPage nonce={pageNonce(c)} action={`${base(c)}/unsubscribe`} stopped />);
});
