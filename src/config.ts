// Vars and secrets, read once per invocation, checked and typed. Everything else reads Config, never env.
export interface Config {
  env: 'development' | 'production';
  appUrl: string;
  mailFrom: string;
  mailDomain: string;
  clickSettleMs: number;
  apiToken: string | null;
  signingKey: string | null;
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

export function readConfig(env: Env & Secrets): Config {
  const settle = Number(env.CLICK_SETTLE_SECONDS ?? '120');
  return {
    env: env.MEND_ENV === 'development' ? 'development' : 'production',
    appUrl: (nonEmpty(env.APP_URL) ?? 'http://localhost:8787').replace(/\/+$/, ''),
    mailFrom: nonEmpty(env.MAIL_FROM) ?? 'Mend <mend@localhost>',
    mailDomain: nonEmpty(env.MAIL_DOMAIN) ?? 'localhost',
    clickSettleMs: (Number.isFinite(settle) && settle >= 0 ? settle : 120) * 1000,
    apiToken: nonEmpty(env.API_TOKEN),
    signingKey: nonEmpty(env.SIGNING_KEY),
    resendApiKey: nonEmpty(env.RESEND_API_KEY),
    resendApiUrl: (nonEmpty(env.RESEND_API_URL) ?? 'https://api.resend.com').replace(/\/+$/, ''),
    resendWebhookSecret: nonEmpty(env.RESEND_WEBHOOK_SECRET),
  };
}

export const isDevelopment = (config: Config) => config.env === 'development';
