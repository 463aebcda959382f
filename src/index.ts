// The Worker's entry points: adapters only. Each reads the clock and config, then hands over.
import { app } from './app';
import { requestNow, scheduledNow } from './clock';
import type { Secrets } from './config';
import { recordDeadLetters } from './jobs/dead-letters';
import { receiveEmail } from './jobs/inbound';
import { consumeSendQueue, isDeadLetterQueue } from './jobs/send-queue';
import type { SendQueueMessage } from './mail/send-queue-message';
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

  /** The send queue (Resend batches, retries) and its dead-letter queue. */
  async queue(batch, env) {
    const { config, deps } = runtime(env);
    const now = await requestNow(config, deps.store);
    const messages = batch as MessageBatch<SendQueueMessage>;
    if (isDeadLetterQueue(batch.queue)) await recordDeadLetters(deps, messages, now);
    else await consumeSendQueue(deps, env.SEND_QUEUE, messages, now);
  },
} satisfies ExportedHandler<Env & Secrets>;
