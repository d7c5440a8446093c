// Bundles the three entry points with esbuild: the VS Code extension (dist/extension.js), the
// language server (dist/server.js) and the CLI (dist/cli.js, executable). `--production` minifies;
// `--watch` rebuilds on change. Type-checking is `tsc -b`, not this script.
import * as esbuild from 'esbuild';
import { chmodSync, copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

/**
 * `@aws-cdk/aws-service-spec` opens `join(__dirname, '..', 'db.json.gz')`, which in a bundle is the
 * folder above dist/. The template diff of `cfn-network-lens diff` and of the editor's change report
 * loads it that way (through @aws-cdk/cloudformation-diff), so this points the package at the one copy
 * in dist/ below, the one documentation hovers read. The build fails if the package changes that line.
 * @type {esbuild.Plugin}
 */
const serviceSpecInDist = {
  name: 'aws-service-spec-db-in-dist',
  setup(build) {
    build.onLoad({ filter: /[\\/]@aws-cdk[\\/]aws-service-spec[\\/]lib[\\/]index\.js$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      const opened = "path.join(__dirname, '..', DB_COMPRESSED)";
      if (!source.includes(opened)) throw new Error(`${args.path} no longer opens ${opened}; update scripts/build.mjs`);
      return { contents: source.replace(opened, 'path.join(__dirname, DB_COMPRESSED)'), loader: 'js' };
    });
  },
};

/** @type {esbuild.BuildOptions} */
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  define: { CFN_NETWORK_LENS_VERSION: JSON.stringify(version) },
  plugins: [serviceSpecInDist],
};

const builds = [
  { ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  { ...common, entryPoints: ['server/src/lsp/main.ts'], outfile: 'dist/server.js' },
  { ...common, entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
];

// Documentation hovers read the CloudFormation resource specification of @aws-cdk/aws-service-spec.
// The package opens db.json.gz relative to its own file, which bundling moves, so the database ships
// next to the bundles and the server opens dist/db.json.gz explicitly (server/src/lsp/resource-spec.ts).
const specDatabase = join(dirname(createRequire(import.meta.url).resolve('@aws-cdk/aws-service-spec/package.json')), 'db.json.gz');
mkdirSync('dist', { recursive: true });
copyFileSync(specDatabase, 'dist/db.json.gz');

if (watch) {
  for (const options of builds) await (await esbuild.context(options)).watch();
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
  chmodSync('dist/cli.js', 0o755);
}
