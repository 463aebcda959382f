/** @jsxImportSource hono/jsx */
// The local outbox: every email as its recipient would see it, newest first.
import { raw } from 'hono/html';
import type { OutboxRow } from '../store';
import { Page } from './layout';

const OUTBOX_CSS = `
iframe{width:100%;height:560px;border:1px solid var(--line);border-radius:8px;background:#fff}
.mail{margin:1.5rem 0 2.5rem}
.mail h2{margin-bottom:.2rem}
pre{white-space:pre-wrap;background:#fff;border:1px solid var(--line);border-radius:8px;padding:.8rem;font-size:.85rem}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.1rem .8rem;font-size:.9rem;margin:.3rem 0 .8rem}
dt{color:var(--muted)}dd{margin:0;word-break:break-all}
`;

/** Links inside an email open in the whole tab, as they would from a mail client. */
const framed = (html: string) => html.replace(/<head([^>]*)>/i, '<head$1><base target="_top">');

export function OutboxPage(props: { emails: OutboxRow[]; now: number }) {
  return (
    <Page title="Outbox" head={<style>{raw(OUTBOX_CSS)}</style>}>
      <h1>{`Outbox (${props.emails.length})`}</h1>
      <p class="muted">
        {`Local development: emails land here instead of being sent. Clock: ${new Date(props.now).toISOString()}. `}
        <a href="/dev/outbox.json">JSON</a>
      </p>
      {props.emails.length === 0 ? <p>No emails yet. Log a mistake, then run the scheduled work or travel in time.</p> : null}
      {props.emails.map((m) => (
        <section class="mail" id={m.id}>
          <h2>{m.subject}</h2>
          <dl>
            <dt>To</dt>
            <dd>{m.toEmail}</dd>
            <dt>From</dt>
            <dd>{m.fromEmail}</dd>
            <dt>At</dt>
            <dd>{new Date(m.createdAt).toISOString()}</dd>
            {Object.entries(m.headers).map(([k, v]) => (
              <>
                <dt>{k}</dt>
                <dd>{v}</dd>
              </>
            ))}
          </dl>
          <iframe title={m.subject} sandbox="allow-popups allow-popups-to-escape-sandbox allow-top-navigation-by-user-activation" srcdoc={framed(m.html)} />
          <details>
            <summary>Plain text</summary>
            <pre>{m.text}</pre>
          </details>
        </section>
      ))}
    </Page>
  );
}
