/**
 * `npm run diagram:screenshot`: draws the network diagram of the story example
 * (examples/session-manager.yaml) and of the other examples with the same code the CLI uses, and
 * screenshots each SVG in headless Chromium (Debian's, driven by playwright-core with the flags of the
 * end-to-end suite) into test-artifacts/diagram/, for a person to look at. It is not part of
 * `npm test`, because Chromium may be missing; CI runs it next to the end-to-end suite.
 * `--check` also fails when the page shows no SVG or the story's blocked edge is missing.
 *
 *   npm run diagram:screenshot [-- --out <dir>] [--check] [file.yaml …]
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { launchChromium } from '../test/e2e/lib/chromium';
import { analyze } from '../server/src/ide/analysis';
import { renderDiagram } from '../server/src/ide/graph';

const ROOT = resolve(__dirname, '..');

async function main(args: readonly string[]): Promise<number> {
  let out = join(ROOT, 'test-artifacts', 'diagram');
  let check = false;
  const files: string[] = [];
  for (let index = 0; index < args.length; index++) {
    const arg = args[index] ?? '';
    if (arg === '--out') out = resolve(args[++index] ?? out);
    else if (arg === '--check') check = true;
    else files.push(arg);
  }
  if (files.length === 0) files.push('examples/session-manager.yaml', 'examples/endpoint-mistakes.yaml');
  mkdirSync(out, { recursive: true });
  const browser = await launchChromium({ width: 1400, height: 900 });
  let failures = 0;
  try {
    for (const file of files) {
      const analysis = analyze([{ file, text: readFileSync(resolve(ROOT, file), 'utf8') }]);
      const svg = renderDiagram(analysis, { format: 'svg' }).text;
      const name = basename(file).replace(/\.[^.]+$/, '');
      const svgPath = join(out, `${name}.svg`);
      writeFileSync(svgPath, svg);
      const page = await browser.context.newPage();
      // The SVG goes in as an <img>-free inline element of an empty page, as a Markdown viewer would show it.
      await page.setContent(`<!doctype html><html><head><meta charset="utf-8"><title>${name}</title></head><body style="margin:0">${svg}</body></html>`);
      const box = await page.locator('svg').boundingBox();
      if (!box) throw new Error(`${file}: the page shows no SVG`);
      await page.setViewportSize({ width: Math.ceil(box.width), height: Math.ceil(box.height) });
      const pngPath = join(out, `${name}.png`);
      await page.locator('svg').screenshot({ path: pngPath });
      if (check && name === 'session-manager') {
        const blocked = await page.locator('path.edge-blocked[data-from="PublicInstance"]').count();
        if (blocked === 0) {
          console.error(`${file}: no blocked edge from PublicInstance`);
          failures++;
        }
      }
      await page.close();
      console.log(`${pngPath} (${Math.ceil(box.width)}×${Math.ceil(box.height)})`);
    }
  } finally {
    await browser.close();
  }
  return failures > 0 ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  },
);
