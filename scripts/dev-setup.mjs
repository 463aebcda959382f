// npm start, step one: a fresh clone gets a .dev.vars with local-development settings and fresh secrets.
// Imported by start.mjs; runs on import.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const file = new URL('../.dev.vars', import.meta.url);
if (existsSync(file)) {
  console.log('Using the existing .dev.vars.');
} else {
  const apiToken = randomBytes(24).toString('base64url');
  const lines = [
    '# Written by `npm start` because this file was missing. Local development only; never commit it.',
    'MEND_ENV=development',
    `API_TOKEN=${apiToken}`,
    `SIGNING_KEY=${randomBytes(32).toString('base64url')}`,
    '',
  ];
  writeFileSync(file, lines.join('\n'), { mode: 0o600 });
  console.log(`Wrote .dev.vars with MEND_ENV=development, a signing key and API_TOKEN=${apiToken}`);
  console.log('Use it as: Authorization: Bearer <API_TOKEN> (it stays in .dev.vars).');
}

/** A value .dev.vars sets (dotenv lines: NAME=value), or null. */
export function devVar(name) {
  const line = readFileSync(file, 'utf8')
    .split('\n')
    .find((l) => l.trim().startsWith(`${name}=`));
  return line ? line.slice(line.indexOf('=') + 1).trim().replace(/^(["'])(.*)\1$/, '$2') || null : null;
}
