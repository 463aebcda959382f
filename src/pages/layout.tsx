/** @jsxImportSource hono/jsx */
// The one layout of every page Mend serves: calm, readable on a phone and a desktop, usable by keyboard and
// screen reader, no client framework. Colours match the emails; every pair of text and background reaches
// WCAG AA contrast (body text 13:1, muted text 5.6:1, buttons 7.3:1), and focus is always visible.
import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';

const CSS = `
:root{color-scheme:light;--ink:#1f2a2e;--muted:#56656a;--line:#d5dedb;--field:#6b7a7f;--accent:#2f5d62;--accent-dark:#24494d;--accent-soft:#eef3f2;--bg:#f4f6f5;--card:#fff;--danger:#9b2c2c;--danger-soft:#fbeaea;--warn-ink:#7a4d00;--warn-soft:#fdf3e1;--ok-ink:#1f5e3a;--ok-soft:#e8f3ec;--focus:#b45309}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--ink);font:17px/1.6 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;overflow-wrap:anywhere}
a{color:var(--accent);text-underline-offset:.15em}
a:hover{color:var(--accent-dark)}
.skip{position:absolute;left:-999px;top:.5rem;background:var(--card);padding:.5rem .8rem;border-radius:6px;z-index:2}
.skip:focus{left:.5rem}
.bar{background:var(--card);border-bottom:1px solid var(--line)}
.bar-inner{max-width:46rem;margin:0 auto;padding:.7rem 1rem;display:flex;flex-wrap:wrap;align-items:center;gap:.4rem 1.2rem}
.brand{font-weight:700;font-size:1.15rem;letter-spacing:.02em;color:var(--accent);text-decoration:none;margin-right:auto}
.bar nav ul{list-style:none;display:flex;flex-wrap:wrap;gap:.2rem 1.1rem;margin:0;padding:0;align-items:center}
.bar nav li{margin:0}
.signin{text-decoration:none;font-weight:500}
.bar nav a{text-decoration:none;font-weight:500;padding:.35rem 0;display:inline-block}
.bar nav a[aria-current=page]{text-decoration:underline;text-decoration-thickness:2px;text-underline-offset:.35em}
.bar form{margin:0}
.linkish{background:none;border:0;padding:.35rem 0;margin:0;font:inherit;font-weight:500;color:var(--accent);cursor:pointer;min-height:0}
.linkish:hover{color:var(--accent-dark);text-decoration:underline}
main{max-width:46rem;margin:0 auto;padding:1.5rem 1rem 3rem}
h1{font-size:1.6rem;line-height:1.25;margin:.4rem 0 1rem;letter-spacing:-.01em}
h2{font-size:1.2rem;line-height:1.3;margin:2rem 0 .6rem}
h3{font-size:1.02rem;line-height:1.35;margin:0 0 .3rem}
p{margin:.6rem 0}
ul,ol{padding-left:1.3rem}
li{margin:.25rem 0}
.lead{font-size:1.08rem}
.card{background:var(--card);border:1px solid var(--line);border-radius:12px;padding:1.1rem 1.2rem;margin:1rem 0}
.card h3{margin-top:1.1rem}
.card>:first-child{margin-top:0}.card>:last-child{margin-bottom:0}
.muted{color:var(--muted)}
.small{font-size:.9rem}
blockquote{margin:.6rem 0;padding:.6rem .9rem;border-left:3px solid var(--accent);background:var(--accent-soft);border-radius:0 8px 8px 0;white-space:pre-wrap}
label,.label{display:block;font-weight:600;margin:1.1rem 0 .3rem}
.hint{display:block;color:var(--muted);font-size:.92rem;font-weight:400;margin:-.1rem 0 .4rem}
textarea,input[type=text],input[type=email],input[type=number],select{width:100%;font:inherit;padding:.6rem .7rem;border:1px solid var(--field);border-radius:8px;background:#fff;color:var(--ink);min-height:2.9rem}
input[type=number]{max-width:8rem}
textarea{min-height:9rem;resize:vertical}
textarea.short{min-height:5rem}
[aria-invalid=true]{border-color:var(--danger);border-width:2px}
.field-error{color:var(--danger);font-weight:600;font-size:.95rem;margin:.3rem 0 0}
fieldset{border:1px solid var(--line);border-radius:12px;padding:.4rem 1.2rem 1.1rem;margin:1.4rem 0;background:var(--card);min-width:0}
legend{font-weight:700;font-size:1.1rem;padding:0 .4rem;margin-left:-.4rem}
.choice{display:flex;gap:.65rem;align-items:flex-start;font-weight:400;margin:.7rem 0}
.choice input{margin:.35rem 0 0;width:1.15rem;height:1.15rem;flex:none;accent-color:var(--accent)}
.choice strong{font-weight:600}
button,.button{display:inline-flex;align-items:center;justify-content:center;min-height:2.9rem;font:inherit;font-weight:600;line-height:1.2;padding:.6rem 1.15rem;border-radius:8px;border:1px solid var(--accent);background:var(--accent);color:#fff;cursor:pointer;text-decoration:none;margin:.25rem .5rem .25rem 0}
button:hover,.button:hover{background:var(--accent-dark);border-color:var(--accent-dark);color:#fff}
button.secondary,.button.secondary{background:var(--card);color:var(--accent)}
button.secondary:hover,.button.secondary:hover{background:var(--accent-soft);color:var(--accent-dark)}
button.danger,.button.danger{background:var(--danger);border-color:var(--danger);color:#fff}
button.danger:hover{background:#7d2222}
.actions{display:flex;flex-wrap:wrap;align-items:center;gap:.2rem 0;margin:1rem 0 0}
.actions form{margin:0;display:inline}
:focus-visible{outline:3px solid var(--focus);outline-offset:2px;border-radius:4px}
input:focus-visible,textarea:focus-visible,select:focus-visible{outline-offset:0}
.error{color:var(--danger);font-weight:600}
.notice{border-radius:10px;padding:.8rem 1rem;margin:1rem 0;border:1px solid}
.notice.ok{background:var(--ok-soft);color:var(--ok-ink);border-color:#b9d8c5}
.notice.warn{background:var(--warn-soft);color:var(--warn-ink);border-color:#ecd3a5}
.notice.bad{background:var(--danger-soft);color:var(--danger);border-color:#e8bcbc}
.choices{display:flex;flex-wrap:wrap;gap:.25rem}
.choices form{margin:0}
.pill{display:inline-block;font-size:.82rem;font-weight:600;line-height:1.2;padding:.22rem .6rem;border-radius:999px;border:1px solid var(--line);background:var(--accent-soft);color:var(--accent-dark);white-space:nowrap;vertical-align:.1em}
.pill.blocked,.pill.erased{background:var(--danger-soft);color:var(--danger);border-color:#e8bcbc}
.pill.pending,.pill.paused,.pill.silent{background:var(--warn-soft);color:var(--warn-ink);border-color:#ecd3a5}
.pill.done,.pill.on_track,.pill.active,.pill.resolved{background:var(--ok-soft);color:var(--ok-ink);border-color:#b9d8c5}
.pill.closed{background:#eceff0;color:#3d4a4e}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;margin:.6rem 0}
dl.facts dt{color:var(--muted)}dl.facts dd{margin:0}
.plain-list{list-style:none;padding:0;margin:1rem 0}
.plain-list>li{margin:0 0 1rem}
.card-title{margin:0 0 .3rem;font-size:1.15rem}
.card-title a{text-decoration:none}.card-title a:hover{text-decoration:underline}
.meta{margin:.2rem 0 .6rem;color:var(--muted);font-size:.95rem}
.meta .pill{margin-right:.35rem}
.crumbs{margin:0 0 .2rem;font-size:.95rem}
.crumbs a::before{content:"← "}
.timeline{list-style:none;margin:1rem 0 2rem;padding:0 0 0 1.4rem;border-left:2px solid var(--line)}
.event{position:relative;background:var(--card);border:1px solid var(--line);border-radius:12px;padding:.9rem 1.1rem;margin:0 0 1rem}
.event::before{content:"";position:absolute;left:calc(-1.4rem - 8px);top:1.15rem;width:14px;height:14px;border-radius:50%;background:var(--card);border:2px solid var(--field)}
.event.past::before{background:var(--accent);border-color:var(--accent)}
.event.sent::before{background:var(--warn-soft);border-color:var(--warn-ink)}
.event.future{background:transparent;border-style:dashed}
.event.skipped,.event.cancelled{background:transparent;border-style:dashed}
.event.ack{background:var(--accent-soft)}
.event h3 .step{display:block;font-size:.85rem;font-weight:600;color:var(--muted);text-transform:uppercase;letter-spacing:.04em}
.event h3 .question{display:block}
.event .meta{margin-bottom:.3rem}
.answer{margin:.5rem 0}
.answer p{margin:.2rem 0}
details{margin:.5rem 0}
summary{cursor:pointer;color:var(--accent);font-weight:500}
.manage>li{display:flex;flex-wrap:wrap;align-items:center;gap:.2rem .6rem;margin:0 0 .6rem}
.manage form{margin:0}
.manage .small{flex:1 1 16rem}
.danger-text,.button.secondary.danger-text{color:var(--danger);border-color:var(--danger)}
.button.secondary.danger-text:hover{background:var(--danger-soft);color:var(--danger)}
.custom{margin:.2rem 0 .6rem 1.8rem;padding-left:.9rem;border-left:2px solid var(--line)}
.custom label{font-weight:500;margin-top:.7rem}
footer{max-width:46rem;margin:0 auto;padding:0 1rem 2.5rem;color:var(--muted);font-size:.88rem}
[tabindex="-1"]:focus{outline:none}
.cadence:has(input[name=cadence][value=custom]:not(:checked)) .custom{display:none}
@media (max-width:600px){
body{font-size:16.5px}
h1{font-size:1.4rem}
.card,fieldset,.event{padding-left:.95rem;padding-right:.95rem}
main{padding-top:1.1rem}
.bar-inner{gap:.1rem 1rem}
.bar nav{order:3;flex-basis:100%}
.bar nav ul{gap:0 1.1rem}
.actions>.button,.actions>button,.actions>form{flex:1 1 auto}
.actions>form{display:flex}.actions>form>button{flex:1}
dl.facts{grid-template-columns:1fr;gap:0}
dl.facts dd{margin-bottom:.5rem}
}
@media (prefers-reduced-motion:no-preference){a,button,.button{transition:background-color .15s,color .15s}}
`;

const FAVICON = `data:image/svg+xml,${encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="#2f5d62"/><path d="M8 22V10l8 7 8-7v12" fill="none" stroke="#fff" stroke-width="3" stroke-linecap="round" stroke-linejoin="round"/></svg>')}`;

/** Who is signed in, for the bar at the top: the pages they can reach and a way to sign out. */
export interface NavInfo {
  email: string;
  /** The CSRF token for the sign-out form. */
  csrf: string;
  /** Which item is the page being shown. */
  current?: 'log' | 'mine' | 'lead';
}

export function Page(props: {
  title: string;
  children: Child;
  head?: Child;
  nav?: NavInfo | null;
  nonce?: string;
  signedOut?: boolean;
  /**
   * Pages behind email links send no referrer at all (their URLs hold tokens). The signed-in pages use
   * same-origin: still nothing to other sites, but their own form posts carry an Origin the CSRF check reads
   * (under no-referrer a browser sends "Origin: null").
   */
  referrer?: 'no-referrer' | 'same-origin';
}) {
  const nav = props.nav;
  const current = (item: NavInfo['current']) => (nav?.current === item ? { 'aria-current': 'page' as const } : {});
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex, nofollow" />
        <meta name="referrer" content={props.referrer ?? 'no-referrer'} />
        <meta name="color-scheme" content="light" />
        <title>{`${props.title} · Mend`}</title>
        {/* Our own constant CSS, never user text: raw, because JSX would escape its quotes. */}
        <style nonce={props.nonce}>{raw(CSS)}</style>
        <link rel="icon" href={FAVICON} />
        {props.head}
      </head>
      <body>
        <a class="skip" href="#main">Skip to content</a>
        <header class="bar">
          <div class="bar-inner">
            <a class="brand" href="/">Mend</a>
            {nav ? (
              <>
                <nav aria-label="Your pages">
                  <ul>
                    <li>
                      <a href="/" {...current('log')}>Log a mistake</a>
                    </li>
                    <li>
                      <a href="/mistakes" {...current('mine')}>Your mistakes</a>
                    </li>
                    <li>
                      <a href="/leading" {...current('lead')}>As a leader</a>
                    </li>
                  </ul>
                </nav>
                <form method="post" action="/logout" class="signout">
                  <input type="hidden" name="csrf" value={nav.csrf} />
                  <button type="submit" class="linkish">Sign out</button>
                </form>
                <form method="post" action="/logout/everywhere" class="signout">
                  <input type="hidden" name="csrf" value={nav.csrf} />
                  <button type="submit" class="linkish">Sign out everywhere</button>
                </form>
              </>
            ) : props.signedOut ? (
              <a class="signin" href="/login">
                Sign in
              </a>
            ) : null}
          </div>
        </header>
        <main id="main" tabindex={-1}>
          {props.children}
        </main>
        <footer>
          {nav ? <p>{`Signed in as ${nav.email}.`}</p> : null}
          <p>Mend never writes to the people affected by a mistake: only to the person who made it and, if they named one, their leader.</p>
        </footer>
      </body>
    </html>
  );
}
