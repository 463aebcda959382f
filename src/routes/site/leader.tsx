/** @jsxImportSource hono/jsx */
// The leader's page: every mistake that names the signed-in address, what needs attention first, and the
// two acknowledgements. A mistake that does not name them is "not found", like one that does not exist.
import { Hono } from 'hono';
import { ACK_CHOICES, acknowledgeOnPage, type AckChoice } from '../../domain/leaders/acks';
import { leaderMaySee } from '../../domain/web-auth';
import { LeaderPage } from '../../pages/site/leader-page';
import { WebMessagePage } from '../../pages/site/login-pages';
import type { MistakeRecord } from '../../store/mistakes';
import type { WebEnv } from '../../session/context';
import { leaderOrder } from '../../views/leader-view';
import { navFor, notFoundPage, postedForm, requireSession, type WebContext } from './shared';

export const leaderRoutes = new Hono<WebEnv>();

leaderRoutes.use('/leading', requireSession);
leaderRoutes.use('/leading/*', requireSession);

async function ledRecords(c: WebContext): Promise<MistakeRecord[]> {
  const records = await c.get('deps').store.mistakes.records({ leader: c.get('session')!.email }, true);
  return records.filter((record) => leaderMaySee(record.mistake));
}

const NOTICES: Record<string, string> = {
  thanks: 'Sent: “Thank you for telling me”. They see it on their timeline.',
  talk: 'Sent: “Let’s talk”. They see it on their timeline.',
};

leaderRoutes.get('/leading', async (c) => {
  const records = await ledRecords(c);
  const items = leaderOrder(records, c.get('now'));
  // The leader's own zone when they set one, else the owner's (the digest's rule).
  const leaderZone = records[0]?.leader?.timeZone ?? null;
  const notice = NOTICES[c.req.query('done') ?? ''];
  return c.html(
    <LeaderPage
      nonce={c.get('nonce')}
      csrf={c.get('csrf')}
      nav={navFor(c, 'lead')!}
      items={items}
      timeZone={(ownerZone) => leaderZone ?? ownerZone}
      now={c.get('now')}
      {...(notice ? { notice } : {})}
    />,
  );
});

leaderRoutes.post('/leading/:id/ack', async (c) => {
  const id = c.req.param('id');
  const record = (await ledRecords(c)).find((r) => r.mistake.id === id);
  if (!record) return notFoundPage(c);
  const posted = await postedForm(c, '/leading');
  if (!posted.ok) return posted.response;
  const status = posted.fields.status as AckChoice;
  if (!ACK_CHOICES.includes(status)) {
    return c.html(<WebMessagePage nonce={c.get('nonce')} nav={navFor(c)} title="That did not go through" message="Choose one of the two replies. Nothing was recorded." link={{ href: '/leading', label: 'Back' }} />, 400);
  }
  await acknowledgeOnPage(c.get('deps'), record.mistake, record.updates, status, c.get('now'));
  return c.redirect(`/leading?done=${status}#m-${record.mistake.id}`, 303);
});
