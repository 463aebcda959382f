// npm run deploy [-- --env staging] [-- --dry-run]: everything a deploy needs, created when missing, so it is
// safe to run again. Checks the Cloudflare login, creates the D1 database and the queues that wrangler.toml
// names, writes the database's id into wrangler.toml over the placeholder, applies the remote migrations,
// deploys, then says which secrets are still to set. --dry-run calls no Cloudflare API: it prints the steps
// and bundles the Worker offline (`wrangler deploy --dry-run`).
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { unstable_readConfig } from 'wrangler';

const CONFIG = fileURLToPath(new URL('../wrangler.toml', import.meta.url));
const WRANGLER = fileURLToPath(new URL('../node_modules/wrangler/bin/wrangler.js', import.meta.url));
const PLACEHOLDER_ID = '00000000-0000-0000-0000-000000000000';

// What each secret is for; `generate` is piped into `wrangler secret put` when a random value will do.
const SECRETS = {
  API_TOKEN: { about: 'bearer token of the API. Make one with `openssl rand -base64 32`, keep it for your API clients, paste it at the prompt.' },
  SIGNING_KEY: { about: 'HMAC key of every link and session token, at least 32 bytes. Changing it voids every link and session already issued.', generate: 'openssl rand -base64 32' },
  RESEND_API_KEY: { about: 'a Resend API key with sending access (resend.com, API Keys). Without it nothing is sent and due work waits.' },
  RESEND_WEBHOOK_SECRET: { about: 'signing secret (whsec_...) of the Resend webhook to <APP_URL>/webhooks/resend. Without it the webhook is refused.' },
};

/** Refused by main() with its message alone: no stack trace. */
class DeployError extends Error {}

function parseArgs(argv) {
  const options = { env: '', dryRun: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--dry-run') options.dryRun = true;
    else if (arg === '--env' || arg === '-e') options.env = argv[++i] ?? '';
    else if (arg.startsWith('--env=')) options.env = arg.slice('--env='.length);
    else throw new DeployError(`Unknown argument ${arg}. Usage: npm run deploy [-- --env staging] [-- --dry-run]`);
  }
  if (options.env === 'production') options.env = ''; // production is wrangler.toml's top level
  return options;
}

/** What wrangler.toml names for this environment: the Worker, its D1 database and its queues. */
function readTarget(env) {
  let config;
  try {
    config = unstable_readConfig({ config: CONFIG, env: env || undefined }, { hideWarnings: true });
  } catch (error) {
    throw new DeployError(error.message.trim());
  }
  const database = config.d1_databases.find((db) => db.binding === 'DB');
  if (!database) throw new DeployError(`wrangler.toml binds no D1 database as DB for ${label(env)}.`);
  const { producers = [], consumers = [] } = config.queues ?? {};
  const queues = [...new Set([...producers.map((p) => p.queue), ...consumers.flatMap((c) => [c.queue, c.dead_letter_queue])].filter(Boolean))];
  return { env, worker: config.name, vars: config.vars ?? {}, database: { name: database.database_name, id: database.database_id }, queues };
}

const label = (env) => (env ? `the ${env} environment` : 'production');
const envArgs = (env) => ['--env', env];
const shown = (args) => ['npx wrangler', ...args.map((a) => (a === '' ? '""' : a))].join(' ');

/** Runs wrangler. `capture` returns its stdout (and never prompts); otherwise the person sees it all. */
function wrangler(args, { capture = false } = {}) {
  const result = spawnSync(process.execPath, [WRANGLER, ...args], {
    encoding: 'utf8',
    stdio: capture ? ['ignore', 'pipe', 'pipe'] : 'inherit',
  });
  if (result.error) throw new DeployError(`Could not start wrangler: ${result.error.message}`);
  return { ok: result.status === 0, stdout: result.stdout ?? '', stderr: result.stderr ?? '' };
}

function mustRun(args, options) {
  const result = wrangler(args, options);
  if (!result.ok) throw new DeployError(`${shown(args)} failed.${options?.capture ? `\n${result.stderr.trim() || result.stdout.trim()}` : ''}`);
  return result.stdout;
}

/** The JSON a `--json` command printed, ignoring anything before it. */
function parseJson(text, what) {
  const start = text.search(/[[{]/);
  try {
    return JSON.parse(text.slice(start));
  } catch {
    throw new DeployError(`Could not read the answer of ${what}:\n${text.trim()}`);
  }
}

function requireLogin() {
  const result = wrangler(['whoami', '--json'], { capture: true });
  if (result.ok) {
    const who = parseJson(result.stdout, 'wrangler whoami');
    console.log(`Logged in to Cloudflare${who.email ? ` as ${who.email}` : ''} (${who.authType}).`);
    return;
  }
  if (/"loggedIn"\s*:\s*false/.test(result.stdout)) {
    throw new DeployError('Not logged in to Cloudflare. Run `npx wrangler login` (or set CLOUDFLARE_API_TOKEN), then run this again.');
  }
  throw new DeployError(`Could not check the Cloudflare login (wrangler whoami):\n${result.stderr.trim()}`);
}

function findDatabase(name) {
  const databases = parseJson(mustRun(['d1', 'list', '--json'], { capture: true }), 'wrangler d1 list');
  return databases.find((db) => db.name === name) ?? null;
}

/** The id of the environment's D1 database, created if the account has none of that name. */
function ensureDatabase({ name }) {
  const existing = findDatabase(name);
  if (existing) {
    console.log(`D1 database ${name} exists (${existing.uuid}).`);
    return existing.uuid;
  }
  console.log(`Creating D1 database ${name}...`);
  mustRun(['d1', 'create', name], { capture: true });
  const created = findDatabase(name);
  if (!created) throw new DeployError(`wrangler d1 create ${name} succeeded, but wrangler d1 list does not show it.`);
  console.log(`Created D1 database ${name} (${created.uuid}).`);
  return created.uuid;
}

/** Every queue name in the account (wrangler queues list prints a table, a page at a time). */
function listQueues() {
  const names = new Set();
  for (let page = 1; page <= 20; page++) {
    const table = mustRun(['queues', 'list', '--page', String(page)], { capture: true });
    const found = table.split('\n').flatMap((line) => line.split(/[│|]/).slice(2, 3).map((cell) => cell.trim())).filter((n) => n && n !== 'name');
    const fresh = found.filter((n) => !names.has(n));
    if (fresh.length === 0) break;
    fresh.forEach((n) => names.add(n));
  }
  return names;
}

function ensureQueues(queues) {
  const existing = listQueues();
  for (const queue of queues) {
    if (existing.has(queue)) {
      console.log(`Queue ${queue} exists.`);
      continue;
    }
    console.log(`Creating queue ${queue}...`);
    mustRun(['queues', 'create', queue], { capture: true });
  }
}

/** Writes the real database_id over the placeholder in this environment's [[d1_databases]] table. */
function recordDatabaseId({ env, database }, id) {
  if (database.id === id) return;
  if (database.id && database.id !== PLACEHOLDER_ID) {
    throw new DeployError(`wrangler.toml gives ${label(env)} database_id ${database.id}, but this account's D1 database ${database.name} is ${id}. Fix wrangler.toml (or log in to the right account) and run this again.`);
  }
  const header = env ? `[[env.${env}.d1_databases]]` : '[[d1_databases]]';
  const lines = readFileSync(CONFIG, 'utf8').split('\n');
  let table = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line.startsWith('[')) table = line;
    else if (table === header && /^database_id\s*=/.test(line) && line.includes(PLACEHOLDER_ID)) {
      lines[i] = lines[i].replace(PLACEHOLDER_ID, id);
      writeFileSync(CONFIG, lines.join('\n'));
      console.log(`Wrote database_id ${id} into wrangler.toml (${header}). Commit it.`);
      return;
    }
  }
  throw new DeployError(`Could not find the placeholder database_id under ${header} in wrangler.toml; set database_id = "${id}" there by hand.`);
}

function migrate(env) {
  console.log('Applying migrations to the remote database...');
  mustRun(['d1', 'migrations', 'apply', 'DB', '--remote', ...envArgs(env)]);
}

function deploy(env) {
  console.log(`Deploying ${label(env)}...`);
  mustRun(['deploy', ...envArgs(env)]);
}

/** Names of the Worker's secrets, or null when wrangler cannot tell. */
function secretNames(env) {
  const result = wrangler(['secret', 'list', ...envArgs(env)], { capture: true });
  if (!result.ok) return null;
  try {
    return new Set(parseJson(result.stdout, 'wrangler secret list').map((s) => s.name));
  } catch {
    return null;
  }
}

function reportSecrets({ env, worker, vars }, known) {
  const missing = Object.keys(SECRETS).filter((name) => !known?.has(name));
  if (missing.length === 0) {
    console.log(`\nAll four secrets are set on ${worker}.`);
    return;
  }
  console.log(known ? `\nSecrets still to set on ${worker}:` : `\nSecrets to set on ${worker} (not checked):`);
  for (const name of missing) {
    const { about, generate } = SECRETS[name];
    const command = shown(['secret', 'put', name, ...(env ? ['--env', env] : [])]);
    console.log(`  ${generate ? `${generate} | ${command}` : command}\n      ${name}: ${about.replace('<APP_URL>', vars.APP_URL)}`);
  }
}

/** The vars of wrangler.toml that still hold the local-development or example values. */
function reportVars({ env, vars }) {
  const placeholder = /localhost|example\./;
  const left = ['APP_URL', 'MAIL_FROM', 'MAIL_DOMAIN'].filter((name) => placeholder.test(vars[name] ?? 'localhost'));
  if (left.length === 0) return;
  console.log(`\nVars still to set in wrangler.toml (${env ? `[env.${env}.vars]` : '[vars]'}), then deploy again:`);
  for (const name of left) console.log(`  ${name} = ${JSON.stringify(vars[name] ?? '')}`);
}

function printPlan(target) {
  const { env, database, queues } = target;
  const steps = [
    'wrangler whoami: stop unless logged in',
    `wrangler d1 list --json; wrangler d1 create ${database.name} if it is missing`,
    `wrangler queues list; wrangler queues create for each missing one of ${queues.join(', ')}`,
    database.id === PLACEHOLDER_ID ? 'write the database id into wrangler.toml over the placeholder' : `check database_id ${database.id} against the account`,
    shown(['d1', 'migrations', 'apply', 'DB', '--remote', ...envArgs(env)]),
    shown(['deploy', ...envArgs(env)]),
    shown(['secret', 'list', ...envArgs(env)]) + ': say which secrets are missing',
  ];
  console.log(`Dry run for ${label(env)} (worker ${target.worker}): nothing is sent to Cloudflare. The steps:`);
  steps.forEach((step, i) => console.log(`  ${i + 1}. ${step}`));
  console.log('\nBundling offline to check the Worker builds:');
}

function main() {
  const { env, dryRun } = parseArgs(process.argv.slice(2));
  const target = readTarget(env);
  if (dryRun) {
    printPlan(target);
    mustRun(['deploy', '--dry-run', ...envArgs(env)]);
    reportSecrets(target, null);
    reportVars(target);
    return;
  }
  requireLogin();
  recordDatabaseId(target, ensureDatabase(target.database));
  ensureQueues(target.queues);
  migrate(env);
  deploy(env);
  reportSecrets(target, secretNames(env));
  reportVars(target);
  console.log(`\nThen check it: curl ${target.vars.APP_URL}/api/health`);
}

try {
  main();
} catch (error) {
  if (!(error instanceof DeployError)) throw error;
  console.error(`\n${error.message}`);
  process.exit(1);
}
