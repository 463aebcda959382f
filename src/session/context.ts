import type { AppEnv } from '../http/context';
import type { SessionRow } from '../store';

/** What every web page request carries besides the app's own: who is signed in, and the form token for them. */
export interface WebEnv {
  Bindings: AppEnv['Bindings'];
  Variables: AppEnv['Variables'] & {
    session: SessionRow | null;
    /** The CSRF token every form on the page carries (hidden field `csrf`). */
    csrf: string;
    /** The CSRF cookie as the request brought it (a fresh one may have been set for the response). */
    csrfCookie: string | undefined;
    /** This response's CSP nonce for its inline style and script. */
    nonce: string;
  };
}
