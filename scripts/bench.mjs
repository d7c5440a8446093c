// `npm run bench`: builds the bundles, then runs scripts/bench.ts with tsx (arguments are passed on:
// --quick, --skip-single, --skip-workspace, --skip-cli). See docs/performance.md.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const build = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
const bench = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/bench.ts', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
process.exit(bench.status ?? 1);
