/** @jsxImportSource hono/jsx */
// The one layout of every page Mend serves: calm, readable on a phone, no client framework.
import type { Child } from 'hono/jsx';

const CSS = `
:root{color-scheme:light;--ink:#1f2933;--muted:#52606d;--line:#d9e2ec;--accent:#2f5d8a;--accent-ink:#fff;--bg:#f7f9fb;--warn:#8a3b12}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--ink);font:17px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
main{max-width:40rem;margin:0 auto;padding:1.5rem 1rem 3rem}
header.site{max-width:40rem;margin:0 auto;padding:1rem 1rem 0;font-weight:600;letter-spacing:.02em;color:var(--accent)}
h1{font-size:1.45rem;line-height:1.3;margin:.5rem 0 1rem}
h2{font-size:1.1rem;margin:1.5rem 0 .5rem}
p{margin:.6rem 0}
.card{background:#fff;border:1px solid var(--line);border-radius:10px;padding:1rem 1.1rem;margin:1rem 0}
.muted{color:var(--muted);font-size:.92rem}
blockquote{margin:.75rem 0;padding:.5rem .9rem;border-left:3px solid var(--line);color:var(--muted);white-space:pre-wrap}
label{display:block;font-weight:600;margin:.9rem 0 .35rem}
textarea,input[type=text],input[type=email],select{width:100%;font:inherit;padding:.6rem .7rem;border:1px solid #9aa5b1;border-radius:8px;background:#fff;color:var(--ink)}
textarea{min-height:10rem;resize:vertical}
button,.button{display:inline-block;font:inherit;font-weight:600;padding:.65rem 1.1rem;border-radius:8px;border:1px solid var(--accent);background:var(--accent);color:var(--accent-ink);cursor:pointer;text-decoration:none;margin:.25rem .4rem .25rem 0}
button.secondary,.button.secondary{background:#fff;color:var(--accent)}
:focus-visible{outline:3px solid #f0b429;outline-offset:2px}
.error{color:var(--warn);font-weight:600}
.choices{display:flex;flex-wrap:wrap;gap:.25rem}
.choices form{margin:0}
footer{max-width:40rem;margin:0 auto;padding:0 1rem 2rem;color:var(--muted);font-size:.85rem}
`;

export function Page(props: { title: string; children: Child; head?: Child }) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex, nofollow" />
        <meta name="referrer" content="no-referrer" />
        <title>{`${props.title} · Mend`}</title>
        <style>{CSS}</style>
        {props.head}
      </head>
      <body>
        <header class="site">Mend</header>
        <main>{props.children}</main>
        <footer>Mend never writes to the people who were affected. What you write here goes to you, and to your leader if you named one.</footer>
      </body>
    </html>
  );
}
