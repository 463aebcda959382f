// npm start: .dev.vars if missing, local D1 migrated, `wrangler dev`, and a once-a-minute scheduled tick,
// because wrangler dev does not fire cron triggers by itself and the check-ins are sent only by scheduled work.
import { spawn, spawnSync } from 'node:child_process';
import { devVar } from './dev-setup.mjs';

const PORT = process.env.PORT ?? '8787';
const origin = `http://localhost:${PORT}`;
// Every link and form in Mend's emails and pages is built on APP_URL: it must name the port we serve on.
const configuredUrl = devVar('APP_URL');
const appUrlArgs = configuredUrl ? [] : ['--var', `APP_URL:${origin}`];
if (configuredUrl && new URL(configuredUrl).origin !== origin) {
  console.warn(`\nWarning: .dev.vars sets APP_URL=${configuredUrl}, but Mend is served at ${origin}.`);
  console.warn(`Links and forms in emails and pages will point at ${configuredUrl}. Remove APP_URL from .dev.vars to follow PORT.\n`);
}
const wrangler = (args, options) => spawn('wrangler', args, { stdio: 'inherit', ...options });

const migrated = spawnSync('wrangler', ['d1', 'migrations', 'apply', 'DB', '--local'], { stdio: 'inherit', env: { ...process.env, CI: 'true' } });
if (migrated.status !== 0) process.exit(migrated.status ?? 1);

const dev = wrangler(['dev', '--port', PORT, ...appUrlArgs]);
const stop = () => dev.kill('SIGTERM');
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
dev.on('exit', (code) => process.exit(code ?? 0));

async function tick() {
  try {
    await fetch(`${origin}/cdn-cgi/handler/scheduled`);
  } catch {
    // Not up yet, or restarting after an edit: the next tick will do the work.
  }
}

async function waitUntilReady() {
  for (let i = 0; i < 120; i++) {
    try {
      if ((await fetch(`${origin}/api/health`)).ok) return true;
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return false;
}

if (await waitUntilReady()) {
  console.log(`\nMend is running at ${origin}\n  outbox: ${origin}/dev/outbox\n  API:    ${origin}/api/openapi.json (Authorization: Bearer <API_TOKEN from .dev.vars>)\n  scheduled work runs every minute; POST ${origin}/dev/travel moves the clock.\n`);
  await tick();
  setInterval(tick, 60_000);
}
