/**
 * Debian's Chromium driven by playwright-core, with a fresh profile per run. The flags keep it
 * from phoning home: on a machine that reaches only the npm registry and apt, background
 * networking means many refused connections and lookups at every start.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

export function chromiumPath(): string {
  return process.env.CHROMIUM ?? '/usr/bin/chromium';
}

export interface Browser {
  readonly context: BrowserContext;
  close(): Promise<void>;
}

/** A headless Chromium with an empty profile (launchPersistentContext is how Playwright takes a user-data dir). */
export async function launchChromium(viewport = { width: 1440, height: 900 }): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'cfn-lens-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    headless: true,
    viewport,
    timeout: 60_000,
    // Chromium writes crash reports and its dconf cache under XDG folders: keep them in the profile.
    env: { ...process.env, XDG_CONFIG_HOME: profile, XDG_CACHE_HOME: profile },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  return {
    context,
    async close() {
      await context.close().catch(() => undefined);
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
