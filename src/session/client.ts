import type { Context } from 'hono';
import type { WebEnv } from './context';

/**
 * Who is asking, for the per-client limits: the address Cloudflare saw (CF-Connecting-IP, which a client cannot
 * set through Cloudflare). In local development the header is whatever the client sends, so every request there
 * counts as one client. A request without it shares one count with every other such request.
 */
export function clientOf(c: Context<WebEnv>): string {
  if (c.get('config').env === 'development') return 'local';
  return c.req.header('cf-connecting-ip') ?? 'unknown';
}
