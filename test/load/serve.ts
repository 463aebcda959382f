// A `wrangler dev` of its own for the load test (its own state: the load leaves thousands of rows), with the
// production settle time (120 s): the test moves the clock past it with POST /dev/travel.
import type { TestProject } from 'vitest/node';
import { startWorker } from '../browser/serve';

export default async function serve(project: TestProject) {
  const worker = await startWorker({ settleSeconds: 120, prefix: 'mend-load-' });
  project.provide('baseUrl', worker.baseUrl);
  project.provide('apiToken', worker.apiToken);
  project.provide('serverLog', worker.log);
  return () => worker.stop();
}
