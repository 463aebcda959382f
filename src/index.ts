// The Worker's entry points: adapters only. Each reads the clock and config, then hands over.
import { app } from './app';
import { requestNow, scheduledNow } from './clock';
import type { Secrets } from './config';
import { receiveEmail } from './jobs/inbound';
import { runScheduledWork } from './jobs/scheduled-work';
import { log, runtime } from './runtime';

export default {
  fetch: app.fetch,

  async scheduled(controller, env) {
    const { config, deps } = runtime(env);
    const now = await scheduledNow(config, deps.store, controller.scheduledTime);
    log('scheduled.done', { ...(await runScheduledWork(deps, now)) });
  },

  /** Replies to check-in emails (Cloudflare Email Routing to this Worker). */
  async email(message, env) {
    const { config, deps } = runtime(env);
    await receiveEmail(deps, message, await requestNow(config, deps.store));
  },
} satisfies ExportedHandler<Env & Secrets>;
