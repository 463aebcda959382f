// npm run check:bundle: bundles production as `wrangler deploy` would (--dry-run, offline), prints the size of
// what would be uploaded, raw and gzipped, and fails when the gzip size passes the cap.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const GZIP_LIMIT_KIB = 350;
const WRANGLER = fileURLToPath(new URL('../node_modules/wrangler/bin/wrangler.js', import.meta.url));

/** `wrangler deploy --dry-run` of the top-level (production) environment into `outdir`. */
function bundle(outdir) {
  const result = spawnSync(process.execPath, [WRANGLER, 'deploy', '--dry-run', '--env', '', '--outdir', outdir], { encoding: 'utf8' });
  if (result.status !== 0) {
    console.error(result.stdout, result.stderr);
    throw new Error('wrangler deploy --dry-run failed');
  }
}

/** Raw and gzip bytes (zlib default level, as wrangler reports) of every module in the bundle; source maps and
 * wrangler's README are not uploaded. */
function measure(outdir) {
  const modules = readdirSync(outdir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && !entry.name.endsWith('.map') && entry.name !== 'README.md')
    .map((entry) => readFileSync(join(entry.parentPath, entry.name)));
  return {
    raw: modules.reduce((sum, bytes) => sum + bytes.length, 0),
    gzip: modules.reduce((sum, bytes) => sum + gzipSync(bytes).length, 0),
  };
}

const kib = (bytes) => (bytes / 1024).toFixed(2);

const outdir = mkdtempSync(join(tmpdir(), 'mend-bundle-'));
try {
  bundle(outdir);
  const { raw, gzip } = measure(outdir);
  console.log(`Bundle: ${kib(raw)} KiB raw, ${kib(gzip)} KiB gzip (limit ${GZIP_LIMIT_KIB} KiB gzip).`);
  if (gzip > GZIP_LIMIT_KIB * 1024) {
    console.error(`The bundle is ${kib(gzip - GZIP_LIMIT_KIB * 1024)} KiB over the ${GZIP_LIMIT_KIB} KiB gzip limit.`);
    process.exitCode = 1;
  }
} finally {
  rmSync(outdir, { recursive: true, force: true });
}
