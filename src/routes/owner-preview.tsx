/** @jsxImportSource hono/jsx */
// GET /l/:token/preview: the owner sees exactly what their leader sees about this plan now. Mounted at /l beside
// the owner's link routes (whose middleware already refuses bad and leader tokens); it resolves the token itself
// too, so it never depends on running after them. GET only; it mints, records and sends nothing.
import { Hono } from 'hono';
import { leaderPreview } from '../domain/leaders/preview';
import type { AppEnv } from '../http/context';
import { linkUrls } from '../links/urls';
import { resolveToken } from '../links/resolve';
import { LeaderPreviewPage } from '../pages/leader-pages';
import { BadLinkPage } from '../pages/link-pages';

export const ownerPreview = new Hono<AppEnv>();

ownerPreview.get('/:token/preview', async (c) => {
  const raw = c.req.param('token');
  const resolved = await resolveToken(c.get('deps'), raw, c.get('now'));
  c.header('Cache-Control', 'no-store');
  c.header('Referrer-Policy', 'no-referrer');
  c.header('X-Robots-Tag', 'noindex');
  if (!resolved.ok) {
    const status = resolved.problem === 'malformed' || resolved.problem === 'unknown' ? 404 : 410;
    return c.html(<BadLinkPage problem={resolved.problem} />, status);
  }
  if (resolved.token.role !== 'owner') return c.html(<BadLinkPage problem="unknown" />, 404);
  const previewUrl = linkUrls(c.get('config').appUrl, raw).preview;
  const preview = await leaderPreview(c.get('deps'), resolved.mistake, previewUrl, c.get('now'));
  return c.html(<LeaderPreviewPage preview={preview} title={resolved.mistake.title} />);
});
