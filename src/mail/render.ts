// Turns what the domain wants to say (an email's props, see ./registry.ts) into a subject, an HTML part and a
// plain-text part.
//
// HTML: the react-email templates in emails/, rendered with React's `prerender` from `react-dom/static.edge`. We do
// not call react-email's own `render`: its module statically bundles html-to-text and (behind a dynamic import that
// esbuild still inlines) prettier, which costs ~190 KiB gzip in the Worker even when `pretty` is never used, and
// `react-dom/server.edge` adds the legacy renderer as well. `prerender` waits for the whole tree, like `render`.
// Text: derived from that HTML by ./plain-text.ts, so it holds every word and every link the HTML holds.
import type { ReactElement } from 'react';
import { prerender } from 'react-dom/static.edge';
import { compose, parseEmail } from './registry';
import { htmlToText } from './plain-text';

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

const DOCTYPE =
  '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">';

/** Renders a react-email element to a complete HTML document (what react-email's `render` returns, minus prettier). */
export async function renderHtml(element: ReactElement): Promise<string> {
  let failure: unknown;
  const { prelude } = await prerender(element, {
    onError(error) {
      failure ??= error;
    },
  });
  const html = await new Response(prelude).text();
  if (failure !== undefined) throw failure;
  // React hints <link rel="preload" as="image"> for every <img>: noise in an email.
  const body = html.replace(/^<!DOCTYPE[^>]*>/i, '').replace(/<link\b[^>]*\brel="preload"[^>]*\bas="image"[^>]*\/?>/gi, '');
  return DOCTYPE + body;
}

/** Any email, checked against its kind's schema first (src/mail/registry.ts). */
export async function renderEmail(message: unknown): Promise<RenderedEmail> {
  const { subject, element } = compose(parseEmail(message));
  const html = await renderHtml(element);
  return { subject, html, text: htmlToText(html) };
}
