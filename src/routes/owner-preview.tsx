/** @jsxImportSource hono/jsx */
// GET /l/:token/preview: the owner sees exactly what their leader sees about this plan now. Mounted at /l before
// the owner's link routes, so it resolves (and refuses) the token itself, and sets its own page headers. GET
// only; it mints, records and sends nothing.
import { Hono } from 'hono';
import { leaderPreview } from '../domain/leaders/preview';
import type { AppEnv } from '../http/context';
import { pageHeaders, pageNonce } from '../http/page-headers';
import { linkUrls } from '../links/urls';
import { resolveToken } from '../links/resolve';
import { LeaderPreviewPage } from '../pages/leader-pages';
import { BadLinkPage } from '../pages/link-pages';

export const ownerPreview = new Hono<AppEnv>();

ownerPreview.use('/:token/preview', ...pageHeaders('no-referrer', { framesEmail: true }));

ownerPreview.get('/:token/preview', async (c) => {
  const raw = c.req.param('token');
  const resolved = await resolveToken(c.get('deps'), raw, c.get('now'));
  if (!resolved.ok) {
    const status = resolved.problem === 'malformed' || resolved.problem === 'unknown' ? 404 : 410;
    return c.html(<BadLinkPage nonce={pageNonce(c)} problem={resolved.problem} />, status);
  }
  if (resolved.token.role !== 'owner') return c.html(<BadLinkPage nonce={pageNonce(c)} problem="unknown" />, 404);
  const previewUrl = linkUrls(c.get('config').appUrl, raw).preview;
  const preview = await leaderPreview(c.get('deps'), resolved.mistake, previewUrl, c.get('now'));
  return c.html(<LeaderPreviewPage nonce={pageNonce(c)} preview={preview} title={resolved.mistake.title} />);
});
