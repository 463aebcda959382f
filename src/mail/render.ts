// Turns what the domain wants to say (src/mail/messages.ts) into a subject, an HTML part and a plain-text part.
//
// HTML: the react-email templates in emails/, rendered with React's `prerender` from `react-dom/static.edge`. We do
// not call react-email's own `render`: its module statically bundles html-to-text and (behind a dynamic import that
// esbuild still inlines) prettier, which costs ~190 KiB gzip in the Worker even when `pretty` is never used, and
// `react-dom/server.edge` adds the legacy renderer as well. `prerender` waits for the whole tree, like `render`.
// Text: derived from that HTML by ./plain-text.ts, so it holds every word and every link the HTML holds.
//
// New kinds of email (leader intro, digest, alert, closing report, reminders, receipts) are a new `kind` in
// EmailMessage, a template in emails/, and a case in `compose` below.
import { createElement, type ReactElement } from 'react';
import { prerender } from 'react-dom/static.edge';
import CheckinLearn, { subject as learnSubject } from '../../emails/checkin-learn';
import CheckinOwn, { subject as ownSubject } from '../../emails/checkin-own';
import CheckinPlan, { subject as planSubject } from '../../emails/checkin-plan';
import CheckinProgress, { subject as progressSubject } from '../../emails/checkin-progress';
import { composeLeaderEmail } from './leader-render';
import ReplyReceipt, { subject as replyReceiptSubject } from '../../emails/reply-receipt';
import WebConfirm, { subject as webConfirmSubject } from '../../emails/web-confirm';
import WebSignIn, { subject as webSignInSubject } from '../../emails/web-sign-in';
import type { CheckinEmail, EmailMessage, RenderedEmail, Step } from './messages';
import { htmlToText } from './plain-text';

interface Template<M> {
  subject: (message: M) => string;
  component: (message: M) => ReactElement;
}

const checkinTemplates: Record<Step, Template<CheckinEmail>> = {
  own: { subject: ownSubject, component: CheckinOwn },
  learn: { subject: learnSubject, component: CheckinLearn },
  plan: { subject: planSubject, component: CheckinPlan },
  progress: { subject: progressSubject, component: CheckinProgress },
};

function compose(message: EmailMessage): { subject: string; element: ReactElement } {
  switch (message.kind) {
    case 'checkin': {
      const template = checkinTemplates[message.step];
      return { subject: template.subject(message), element: createElement(template.component, message) };
    }
    case 'web_confirm':
      return { subject: webConfirmSubject(message), element: createElement(WebConfirm, message) };
    case 'web_sign_in':
      return { subject: webSignInSubject(message), element: createElement(WebSignIn, message) };
    case 'reply_receipt':
      return { subject: replyReceiptSubject(message), element: createElement(ReplyReceipt, message) };
    case 'leader_intro':
    case 'leader_digest':
    case 'leader_alert':
    case 'leader_closing':
    case 'owner_reminder':
    case 'owner_ack_notice':
      return composeLeaderEmail(message);
    default: {
      const unknown: never = message;
      throw new Error(`No email template for kind ${String((unknown as EmailMessage).kind)}`);
    }
  }
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

export async function renderEmail(message: EmailMessage): Promise<RenderedEmail> {
  const { subject, element } = compose(message);
  const html = await renderHtml(element);
  return { subject, html, text: htmlToText(html) };
}
