// The headers of every HTML page, the web pages and the pages behind email links alike: hono's secureHeaders,
// with a fresh CSP nonce per response for the page's own inline style and script (nothing else may run or
// style it), no framing and no sniffing; and, as these pages are private (a link page's URL holds a token), no
// caching and no indexing. Over https (by APP_URL), browsers are told to keep to it.
import type { Context, MiddlewareHandler } from 'hono';
import { NONCE, secureHeaders } from 'hono/secure-headers';
import { servedOverHttps } from '../config';
import type { AppEnv } from './context';

/**
 * Pages behind email links send no referrer at all (their URLs hold tokens); the signed-in pages send it to
 * their own origin only, so their form posts carry the Origin the CSRF check reads.
 */
export type PageReferrer = 'no-referrer' | 'same-origin';

const privatePage: MiddlewareHandler = async (c, next) => {
  await next();
  c.header('Cache-Control', 'no-store');
  c.header('X-Robots-Tag', 'noindex');
};

/**
 * HSTS for a year when APP_URL is https. By APP_URL, not by the request: behind a proxy or a mistyped route
 * the request may say http, and local development over plain http must not pin localhost to https.
 */
const strictTransport: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  if (servedOverHttps(c.get('config'))) c.header('Strict-Transport-Security', 'max-age=31536000');
};

/**
 * `framesEmail`: the page shows one of Mend's emails in a sandboxed srcdoc frame, which lives under this page's
 * policy. The email's style attributes are allowed (no script is); its <style> elements carry the nonce.
 */
export function pageHeaders(referrer: PageReferrer, options: { framesEmail?: boolean } = {}): MiddlewareHandler[] {
  return [
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'none'"],
        styleSrc: [NONCE],
        scriptSrc: [NONCE],
        imgSrc: ["'self'", 'data:'],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
        ...(options.framesEmail ? { styleSrcAttr: ["'unsafe-inline'"] } : {}),
      },
      xFrameOptions: 'DENY',
      referrerPolicy: referrer,
      // HSTS follows APP_URL, which secureHeaders cannot read: strictTransport sets it.
      strictTransportSecurity: false,
    }),
    strictTransport as MiddlewareHandler,
    privatePage,
  ];
}

/** This response's CSP nonce, for the page's inline style and script; pageHeaders must run first. */
export function pageNonce(c: Context): string {
  const nonce = c.get('secureHeadersNonce');
  if (!nonce) throw new Error('pageHeaders is not mounted in front of this page');
  return nonce;
}
