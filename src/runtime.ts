// Builds what the domain needs from the Worker's env: one place, used by every entry point.
import { readConfig, type Config, type Secrets } from './config';
import type { Deps, Log } from './domain/deps';
import { TokenMinter } from './links/tokens';
import { chooseTransport } from './mail/choose-transport';
import { parseEmail } from './mail/registry';
import { renderEmail } from './mail/render';
import { openStore } from './store';

/**
 * Logs carry ids and counts, never names, addresses or what anyone wrote. Free text that reaches a log (a
 * provider's error message, say) may quote an address: every address in a string field is masked here.
 */
export const log: Log = (event, fields = {}) => {
  const masked = Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, typeof v === 'string' ? maskAddresses(v) : v]));
  console.log(JSON.stringify({ event, ...masked }));
};

const maskAddresses = (text: string) => text.replace(/[^\s@<>"'(),;:]+@[^\s@<>"'(),;:]+/g, '<address>');

const minters = new Map<string, TokenMinter>();

export function runtime(env: Env & Secrets): { config: Config; deps: Deps } {
  const config = readConfig(env);
  const store = openStore(env.DB);
  const chosen = chooseTransport(config, store.mail, env.SEND_QUEUE);
  // Without a usable key no email could carry a working link: nothing is sent, and due work waits for the key.
  const keyProblem = config.signingKeyProblem ? `SIGNING_KEY is ${config.signingKeyProblem === 'missing' ? 'not set' : 'shorter than 32 bytes'}: links cannot be signed` : null;
  const { transport, reason, sendQueue } = keyProblem ? { transport: null, reason: keyProblem, sendQueue: null } : chosen;
  // An empty key cannot even be imported; a placeholder keeps the minter constructible, and nothing it signs is sent.
  const key = config.signingKeyProblem ? `unusable:${config.signingKey ?? ''}` : config.signingKey!;
  if (keyProblem) log('config.unusable', { name: 'SIGNING_KEY', problem: config.signingKeyProblem, effect: 'link pages answer 503; no mail is sent' });
  let tokens = minters.get(key);
  if (!tokens) minters.set(key, (tokens = new TokenMinter(key)));
  return {
    config,
    deps: {
      store,
      transport,
      transportProblem: reason,
      sendQueue,
      tokens,
      parseEmail,
      render: renderEmail,
      settings: { appUrl: config.appUrl, mailFrom: config.mailFrom, mailDomain: config.mailDomain, clickSettleMs: config.clickSettleMs },
      log,
    },
  };
}
