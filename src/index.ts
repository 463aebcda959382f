// The Worker's entry points: adapters only. Each reads the clock and config, then hands over.
import { app } from './app';
import { scheduledNow } from './clock';
import type { Secrets } from './config';
import { runScheduledWork } from './jobs/scheduled-work';
import { log, runtime } from './runtime';

export default {
  fetch: app.fetch,

  async scheduled(controller, env) {
    const { config, deps } = runtime(env);
    const now = await scheduledNow(config, deps.store, controller.scheduledTime);
    log('scheduled.done', { ...(await runScheduledWork(deps, now)) });
  },
} satisfies ExportedHandler<Env & Secrets>;
