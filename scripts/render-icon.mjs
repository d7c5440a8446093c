// Renders images/icon.svg to images/icon.png (128×128, transparent corners) with Debian's Chromium
// through playwright-core, the same browser the end-to-end suite uses, so that the icon needs no
// image tool of its own. Run it after editing the SVG: `node scripts/render-icon.mjs`.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const svg = readFileSync(new URL('../images/icon.svg', import.meta.url), 'utf8');
const profile = mkdtempSync(join(tmpdir(), 'cfn-lens-icon-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  viewport: { width: 128, height: 128 },
  deviceScaleFactor: 1,
  env: { ...process.env, XDG_CONFIG_HOME: profile, XDG_CACHE_HOME: profile },
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const page = context.pages()[0] ?? (await context.newPage());
  await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
  await page.locator('svg').screenshot({ path: new URL('../images/icon.png', import.meta.url).pathname, omitBackground: true });
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
