// A browser stand-in for the web pages, driven through the Worker's own fetch: it keeps cookies, remembers
// the CSRF token of the last page it saw, and submits forms as a person's browser would.
import { APP, linksIn, outbox, worker, type OutboxEmail } from '../support/worker';

export interface Seen {
  status: number;
  html: string;
  location: string | null;
  response: Response;
}

export class Visitor {
  readonly cookies = new Map<string, string>();
  csrf: string | null = null;
  setCookies: string[] = [];

  constructor(readonly origin = APP) {}

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async request(method: string, path: string, init: { form?: Record<string, string>; headers?: Record<string, string> } = {}): Promise<Seen> {
    const url = path.startsWith('http') ? path : `${this.origin}${path}`;
    const headers: Record<string, string> = { ...(this.cookies.size ? { cookie: this.cookieHeader() } : {}), ...init.headers };
    let body: string | undefined;
    if (init.form) {
      body = new URLSearchParams(init.form).toString();
      headers['content-type'] = 'application/x-www-form-urlencoded';
    }
    const response = await worker.fetch(new Request(url, { method, headers, body, redirect: 'manual' }));
    this.setCookies = response.headers.getSetCookie();
    for (const line of this.setCookies) {
      const [pair, ...attrs] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      if (attrs.some((a) => /^\s*max-age=0\s*$/i.test(a)) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const html = method === 'HEAD' ? '' : await response.text();
    const token = /name="csrf" value="([^"]+)"/.exec(html)?.[1];
    if (token) this.csrf = token;
    return { status: response.status, html, location: response.headers.get('location'), response };
  }

  get(path: string) {
    return this.request('GET', path);
  }

  /** Posts a form with the CSRF token of the last page seen (unless the test gives its own). */
  post(path: string, form: Record<string, string> = {}, headers: Record<string, string> = {}) {
    return this.request('POST', path, { form: { ...(this.csrf ? { csrf: this.csrf } : {}), ...form }, headers });
  }

  /** Signs in by email link: the form, the email, the page behind the link, its button. */
  async signIn(email: string): Promise<void> {
    await this.get('/login');
    const asked = await this.post('/login', { email });
    if (asked.status !== 202) throw new Error(`sign-in request answered ${asked.status}`);
    const link = await latestLink(email, '/login/');
    await this.get(link);
    const done = await this.post(link);
    if (done.status !== 303) throw new Error(`sign-in answered ${done.status}: ${done.html.slice(0, 200)}`);
  }
}

/** The newest email to `to` that holds a link containing `part`, and that link. */
export async function latestEmailWith(to: string, part: string): Promise<{ email: OutboxEmail; link: string }> {
  for (const email of await outbox()) {
    if (email.to !== to) continue;
    const link = linksIn(email.text).find((l) => l.includes(part));
    if (link) return { email, link };
  }
  throw new Error(`no email to ${to} with a ${part} link`);
}

export async function latestLink(to: string, part: string): Promise<string> {
  return (await latestEmailWith(to, part)).link;
}

/** The form fields of the log-a-mistake page, filled in as a person would. */
export function logForm(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    title: 'Missed the hand-over of the on-call rota',
    description: 'I forgot to hand over the on-call rota before my leave; nobody was paged for six hours.',
    impact: 'Two customers waited a morning for a fix.',
    owner_email: 'web.owner@example.com',
    owner_name: 'Ada',
    owner_tz: 'Europe/Berlin',
    leader_email: 'web.lead@example.com',
    leader_name: 'Lin',
    leader_tz: '',
    cadence: 'default',
    skip_weekends: 'on',
    ...overrides,
  };
}
