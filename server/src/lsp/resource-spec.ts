/**
 * Loading the CloudFormation resource specification of `@aws-cdk/aws-service-spec` for documentation
 * hovers, lazily: nothing is read at start-up, the first hover on a resource type or property name
 * reads and parses `db.json.gz` (a few megabytes, about a second), and later hovers reuse it.
 * The package finds its database relative to its own file, which a bundle moves; so the build copies
 * `db.json.gz` next to the bundles in `dist/`, and this loader opens it there explicitly, falling back
 * to the package in `node_modules` when the server runs from source.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import type { ResourceSpec, SpecResource, SpecTypeDefinition } from '../ide/resource-docs';

const gunzipAsync = promisify(gunzip);

/** The file name the build copies next to the bundles. */
export const SPEC_FILE = 'db.json.gz';

/** Where the database is: next to the running bundle, else in the package. */
export function defaultSpecPath(): string | undefined {
  const bundled = join(__dirname, SPEC_FILE);
  if (existsSync(bundled)) return bundled;
  try {
    return join(require.resolve('@aws-cdk/aws-service-spec/package.json'), '..', SPEC_FILE);
  } catch {
    return undefined;
  }
}

/** Read and load the database at `path` into the lookups hovers need. */
export async function loadResourceSpec(path: string): Promise<ResourceSpec> {
  const json = (await gunzipAsync(await readFile(path))).toString('utf8');
  // The types package is imported here, on the first hover that needs it, not when the server starts.
  const { emptyDatabase } = await import('@aws-cdk/service-spec-types');
  const db = emptyDatabase();
  db.load(JSON.parse(json));
  return {
    resource(cloudFormationType: string): SpecResource | undefined {
      const found = db.lookup('resource', 'cloudFormationType', 'equals', cloudFormationType);
      return found.length > 0 ? (found[0] as unknown as SpecResource) : undefined;
    },
    typeDefinition(id: string): SpecTypeDefinition | undefined {
      try {
        return db.get('typeDefinition', id) as unknown as SpecTypeDefinition;
      } catch {
        return undefined;
      }
    },
  };
}

/**
 * A loader that reads the database once, on first use; a failed load is remembered too, so that a
 * missing file costs one log line and not one per hover.
 */
export function lazyResourceSpec(path: string | undefined, log: (message: string) => void): () => Promise<ResourceSpec | undefined> {
  let loading: Promise<ResourceSpec | undefined> | undefined;
  return () => {
    loading ??= (async () => {
      if (path === undefined) {
        log('The CloudFormation resource specification was not found: documentation hovers are off.');
        return undefined;
      }
      try {
        const started = Date.now();
        const spec = await loadResourceSpec(path);
        log(`Loaded the CloudFormation resource specification in ${Date.now() - started} ms.`);
        return spec;
      } catch (error) {
        log(`Could not load the CloudFormation resource specification from ${path}: ${error instanceof Error ? error.message : String(error)}`);
        return undefined;
      }
    })();
    return loading;
  };
}
