// Vars and secrets, read once per invocation, checked and typed. Everything else reads Config, never env.
export interface Config {
  env: 'development' | 'production';
  appUrl: string;
  mailFrom: string;
  mailDomain: string;
  clickSettleMs: number;
  apiToken: string | null;
  signingKey: string | null;
  /** Why links cannot be signed or checked: no SIGNING_KEY, or one under 32 bytes; null when it is usable. */
  signingKeyProblem: 'missing' | 'too_short' | null;
  resendApiKey: string | null;
  resendApiUrl: string;
  /** Resend's webhook signing secret (whsec_…): POST /webhooks/resend is refused without it. */
  resendWebhookSecret: string | null;
}

export interface Secrets {
  API_TOKEN?: string;
  SIGNING_KEY?: string;
  RESEND_API_KEY?: string;
  RESEND_WEBHOOK_SECRET?: string;
}

const nonEmpty = (value: string | undefined) => (value && value.trim() !== '' ? value.trim() : null);

/** HMAC-SHA256 wants a key as long as its output: a shorter one makes every link easier to forge. */
export const MIN_SIGNING_KEY_BYTES = 32;

export function readConfig(env: Env & Secrets): Config {
  const settle = Number(env.CLICK_SETTLE_SECONDS ?? '120');
  const signingKey = nonEmpty(env.SIGNING_KEY);
  return {
    env: env.MEND_ENV === 'development' ? 'development' : 'production',
    appUrl: (nonEmpty(env.APP_URL) ?? 'http://localhost:8787').replace(/\/+$/, ''),
    mailFrom: nonEmpty(env.MAIL_FROM) ?? 'Mend <mend@localhost>',
    mailDomain: nonEmpty(env.MAIL_DOMAIN) ?? 'localhost',
    clickSettleMs: (Number.isFinite(settle) && settle >= 0 ? settle : 120) * 1000,
    apiToken: nonEmpty(env.API_TOKEN),
    signingKey,
    signingKeyProblem: !signingKey ? 'missing' : new TextEncoder().encode(signingKey).byteLength < MIN_SIGNING_KEY_BYTES ? 'too_short' : null,
    resendApiKey: nonEmpty(env.RESEND_API_KEY),
    resendApiUrl: (nonEmpty(env.RESEND_API_URL) ?? 'https://api.resend.com').replace(/\/+$/, ''),
    resendWebhookSecret: nonEmpty(env.RESEND_WEBHOOK_SECRET),
  };
}

export const isDevelopment = (config: Config) => config.env === 'development';

/**
 * Local development (the outbox, time travel, /dev/*) needs MEND_ENV=development and an APP_URL on this
 * machine: one mistyped var in production must not open the outbox or move the clock.
 */
export const isLocalDevelopment = (config: Config) => isDevelopment(config) && ['localhost', '127.0.0.1'].includes(new URL(config.appUrl).hostname);

/** Whether the pages are served over https, by APP_URL (behind a proxy the request's own scheme may differ). */
export const servedOverHttps = (config: Config) => new URL(config.appUrl).protocol === 'https:';
