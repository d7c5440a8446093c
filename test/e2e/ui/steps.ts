/**
 * The UI checks in a real VS Code workbench (code-server in headless Chromium), as a list of named
 * steps that a person would do one after the other. The runner (`test/e2e/run.ts`) runs them in
 * order with a deadline each, saves a screenshot after every step (and one when a step fails) to
 * `test-artifacts/e2e/ui/`, and stops at the first failure, since later steps build on earlier ones.
 *
 * To add a step, append an object to `UI_STEPS` (see "Where the next steps go" at the end of the
 * list and docs/e2e.md). Selectors are VS Code 1.99's; prefer `aria-label`s and visible text to
 * layout, and wait for what a person would see instead of sleeping.
 */
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';

export interface UiContext {
  readonly page: Page;
  /** code-server's address, for example http://127.0.0.1:40321. */
  readonly baseUrl: string;
  /** The folder the workbench opens: a scratch copy of examples/ (steps may edit files in it). */
  readonly workspace: string;
  /** Prints a line into the test output, prefixed with the step. */
  log(message: string): void;
}

export interface UiStep {
  /** Kebab-case; names the screenshot (`NN-name.png`). */
  readonly name: string;
  /** One sentence: what a person does and what they must see. */
  readonly description: string;
  /** Deadline for the whole step; the runner's default is 60 s. */
  readonly timeoutMs?: number;
  run(context: UiContext): Promise<void>;
}

/** The page's document, for functions that run in the browser (this project compiles without the DOM library). */
declare const document: { querySelectorAll(selector: string): Iterable<{ getAttribute(name: string): string | null }> };

const TEMPLATE = 'endpoint-mistakes.yaml';
/** The story example, for the network diagram step, and its lines to find a resource's line number. */
const DIAGRAM_TEMPLATE = 'session-manager.yaml';
const DIAGRAM_TEMPLATE_LINES = readFileSync(join(__dirname, '..', '..', '..', 'examples', DIAGRAM_TEMPLATE), 'utf8').split(/\r?\n/);
const DIAGRAM_COMMAND_TITLE = 'CloudFormation Network Lens: Show Network Diagram';
const IMPACT_COMMAND_TITLE = 'CloudFormation Network Lens: Show Network Impact of Changes';
const RULE = 'endpoint-private-dns-without-subnets';
/** A fragment of the rule's message that stays stable while the wording around it is polished. */
const MESSAGE = 'has private DNS on but no subnets';

/** The Problems panel's marker rows, with their accessible label and visible text. */
async function problemRows(page: Page): Promise<{ label: string; text: string }[]> {
  return page.$$eval('.markers-panel .monaco-list-row', (rows) =>
    rows.map((row) => ({ label: row.getAttribute('aria-label') ?? '', text: (row as unknown as { innerText: string }).innerText.replace(/\s+/g, ' ').trim() })),
  );
}

/** Opens a file of the workspace the way a person does: Quick Open (Ctrl+P), type the name, Enter. */
async function quickOpen(page: Page, fileName: string): Promise<void> {
  await page.keyboard.press('Control+P');
  // `.quick-input-widget input` would first match a hidden checkbox; the box's own input is the one to type in.
  await page.waitForSelector('.quick-input-widget .quick-input-box input', { state: 'visible' });
  await page.keyboard.type(fileName);
  await page.waitForSelector(`.quick-input-list .monaco-list-row[aria-label*="${fileName}"]`);
  await page.keyboard.press('Enter');
  await page.waitForSelector(`.tabs-container .tab[aria-label*="${fileName}"]`);
}

export const UI_STEPS: readonly UiStep[] = [
  {
    name: 'open-workbench',
    description: 'Open VS Code on the copy of examples/ and wait until the explorer lists the template, which means the connection to the server is up.',
    timeoutMs: 90_000,
    async run({ page, baseUrl, workspace }) {
      await page.goto(`${baseUrl}/?folder=${encodeURIComponent(workspace)}`);
      await page.waitForSelector('.monaco-workbench');
      await page.waitForSelector(`.explorer-folders-view .monaco-list-row[aria-label^="${TEMPLATE}"]`);
    },
  },
  {
    name: 'open-template',
    description: `Open ${TEMPLATE} with Quick Open; the extension activates and its server analyses the file.`,
    async run({ page }) {
      await quickOpen(page, TEMPLATE);
    },
  },
  {
    name: 'see-squiggle',
    description: 'An error squiggle appears in the editor.',
    async run({ page }) {
      await page.waitForSelector('.monaco-editor .squiggly-error', { state: 'visible' });
    },
  },
  {
    name: 'see-problem',
    description: `The Problems panel (Ctrl+Shift+M) lists the ${RULE} error with its message, source and rule id.`,
    async run({ page, log }) {
      await page.keyboard.press('Control+Shift+M');
      await page.waitForFunction(
        (message) => [...document.querySelectorAll('.markers-panel .monaco-list-row')].some((row) => (row.getAttribute('aria-label') ?? '').includes(message)),
        MESSAGE,
      );
      const rows = await problemRows(page);
      for (const row of rows) log(`problem: ${row.text}`);
      const row = rows.find((candidate) => candidate.label.includes(MESSAGE));
      assert.ok(row);
      assert.match(row.label, /^Error: /, 'the problem is an error');
      assert.ok(row.text.includes(`cfn-network-lens(${RULE})`) || (row.text.includes('cfn-network-lens') && row.text.includes(RULE)), `the row names the source and the rule: ${row.text}`);
    },
  },
  {
    name: 'hover-squiggle',
    description: `Clicking the problem reveals it; hovering its squiggle shows the diagnostic with the rule id.`,
    async run({ page, log }) {
      const row = page.locator('.markers-panel .monaco-list-row').filter({ hasText: MESSAGE }).first();
      const position = /\[Ln (\d+), Col (\d+)\]/.exec(await row.innerText());
      assert.ok(position?.[1], 'the problem row shows its line');
      await row.click();
      // The squiggle to hover is the one on the problem's line: find the line by its line number in the margin.
      const lineNumber = page.locator('.margin-view-overlays .line-numbers').filter({ hasText: new RegExp(`^${position[1]}$`) }).first();
      await lineNumber.waitFor({ state: 'visible' });
      const lineBox = await lineNumber.boundingBox();
      assert.ok(lineBox);
      const squiggles = await page.locator('.monaco-editor .view-overlays .squiggly-error').evaluateAll((elements) =>
        elements.map((element) => {
          const box = element.getBoundingClientRect();
          return { x: box.x, y: box.y, width: box.width, height: box.height };
        }),
      );
      const lineMiddle = lineBox.y + lineBox.height / 2;
      const squiggle = squiggles.find((box) => box.width > 0 && lineMiddle >= box.y && lineMiddle <= box.y + box.height);
      assert.ok(squiggle, `a squiggle on line ${position[1]} (of ${squiggles.length})`);
      await page.mouse.move(squiggle.x + Math.min(squiggle.width / 2, 40), squiggle.y + squiggle.height / 2);
      const hover = page.locator('.monaco-hover:not(.hidden) .monaco-hover-content').filter({ hasText: MESSAGE }).first();
      await hover.waitFor({ state: 'visible' });
      const text = (await hover.innerText()).replace(/\s+/g, ' ').trim();
      log(`hover: ${text}`);
      assert.ok(text.includes(RULE), `the hover names the rule: ${text}`);
    },
  },

  {
    name: 'network-diagram',
    description: 'On session-manager.yaml, run "Show Network Diagram" from the Command Palette; the webview shows the VPC with the public instance blocked at the endpoint security group, and clicking the PublicInstance box selects it in the editor.',
    timeoutMs: 90_000,
    async run({ page, log }) {
      await quickOpen(page, DIAGRAM_TEMPLATE);
      await page.keyboard.press('Control+Shift+P');
      await page.waitForSelector('.quick-input-widget .quick-input-box input', { state: 'visible' });
      await page.keyboard.type(DIAGRAM_COMMAND_TITLE);
      await page.locator('.quick-input-list .monaco-list-row').filter({ hasText: DIAGRAM_COMMAND_TITLE }).first().waitFor();
      await page.keyboard.press('Enter');
      await page.waitForSelector('.tabs-container .tab[aria-label*="Network Diagram"]');
      // A webview is an iframe (the host) with the page in an inner iframe.
      const view = page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
      const blocked = view.locator('svg path.edge-blocked[data-from="PublicInstance"][data-to="SsmEndpoint"]');
      await blocked.waitFor({ state: 'attached' });
      const band = view.locator('svg g.dns').filter({ hasText: 'SsmEndpoint in every subnet' }).first();
      await band.waitFor();
      const labels = await view.locator('svg .edge-label-blocked text').allTextContents();
      log(`blocked labels: ${labels.join(', ')}`);
      assert.ok(labels.includes('blocked at endpoint SG'), `a label names the blocking hop: ${labels.join(', ')}`);
      await view.locator('svg g.workload[data-logical-id="PublicInstance"]').first().click();
      // The editor selects the resource's logical id: the status bar shows its line.
      const line = DIAGRAM_TEMPLATE_LINES.findIndex((text) => text.startsWith('  PublicInstance:')) + 1;
      await page.locator('.statusbar-item', { hasText: new RegExp(`Ln ${line}, Col \\d+`) }).first().waitFor();
      log(`the click revealed PublicInstance on line ${line}`);
    },
  },

  {
    name: 'hover-subnet-table',
    description: 'On session-manager.yaml, hovering the SsmEndpoint logical id shows the names it answers, that private DNS is VPC-wide, and the table of every subnet with the public instance blocked.',
    async run({ page, log }) {
      await quickOpen(page, DIAGRAM_TEMPLATE);
      await goToLine(page, lineNumberOf('  SsmEndpoint:'));
      const key = page.locator('.monaco-editor .view-lines .view-line span', { hasText: /^SsmEndpoint$/ }).first();
      await key.waitFor({ state: 'visible' });
      const box = await key.boundingBox();
      assert.ok(box);
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      const hover = page.locator('.monaco-hover:not(.hidden) .monaco-hover-content').filter({ hasText: 'Private DNS is VPC-wide' }).first();
      await hover.waitFor({ state: 'visible' });
      const rows = await hover.locator('table tr').allInnerTexts();
      for (const row of rows) log(`row: ${row.replace(/\s+/g, ' ').trim()}`);
      assert.ok(rows.some((row) => /PublicSubnet\s+1st AZ\s+172\.30\.0\.0\/24\s+—\s+IGW\s+✗ PublicInstance/.test(row)), 'the PublicSubnet row shows the blocked instance');
      assert.ok(rows.some((row) => /ClosedSubnet\s+1st AZ\s+172\.30\.4\.0\/24\s+yes\s+closed\s+✓ ClosedInstance/.test(row)), 'the ClosedSubnet row shows the admitted instance');
      assert.match(await hover.innerText(), /ssm\.<region>\.amazonaws\.com/);
    },
  },
  {
    name: 'code-lens',
    description: 'The lens above SsmEndpoint says how far private DNS reaches and who is blocked; clicking it opens a peek view with the blocked PublicInstance and PublicSubnet2.',
    async run({ page, log }) {
      await page.keyboard.press('Escape');
      const lens = page.locator('.monaco-editor .codelens-decoration a', { hasText: 'Private DNS: all 4 subnets of Vpc' }).first();
      await lens.waitFor({ state: 'visible' });
      const title = (await lens.innerText()).trim();
      log(`lens: ${title}`);
      assert.equal(title, 'Private DNS: all 4 subnets of Vpc · 2 workloads · 1 workload and 1 subnet blocked');
      await lens.click();
      const peek = page.locator('.peekview-widget').first();
      await peek.waitFor({ state: 'visible' });
      await peek.locator('.monaco-list-row', { hasText: 'PublicInstance' }).first().waitFor();
      await peek.locator('.monaco-list-row', { hasText: 'PublicSubnet2' }).first().waitFor();
      log(`peek: ${(await peek.locator('.ref-tree .monaco-list-row').allInnerTexts()).map((row) => row.replace(/\s+/g, ' ').trim()).join(' | ')}`);
    },
  },

  {
    name: 'impact-report',
    description: 'With session-manager.yaml committed to git without its endpoints and the endpoints in the editor, "Show Network Impact of Changes" opens the report (ssm.<region>.amazonaws.com now resolves to SsmEndpoint in all 4 subnets; PublicInstance loses it), and the lens on the first line of the template sums it up and opens it again.',
    timeoutMs: 120_000,
    async run({ page, workspace, log }) {
      commitStoryBase(workspace);
      await page.keyboard.press('Escape');
      await runCommand(page, IMPACT_COMMAND_TITLE);
      // The markdown preview's webview, not the diagram's, which an earlier step left open.
      const report = page.frameLocator('iframe.webview.ready[src*="markdown-language-features"]').frameLocator('iframe#active-frame');
      const checkReport = async () => {
        await report.locator('li', { hasText: 'ssm.<region>.amazonaws.com now resolves to "SsmEndpoint" in all 4 subnets of "Vpc" (it resolved publicly before).' }).first().waitFor();
        await report.locator('li', { hasText: '"PublicInstance" (subnet "PublicSubnet") loses ssm.<region>.amazonaws.com: "EndpointSecurityGroup" does not admit TCP 443 from it.' }).first().waitFor();
        await report.locator('pre', { hasText: 'Security Group Changes' }).first().waitFor();
        assert.match(await report.locator('p').first().innerText(), /Compared with git HEAD\./);
      };
      await checkReport();
      log(`report: ${(await report.locator('h1').first().innerText()).trim()}`);
      // Back to the template: the request gave the server the base, so the lens sums the change up on the first line.
      // Its tab, not Quick Open, whose first match may be the report; then the mouse off the tab, whose tooltip would cover the lens.
      const tab = page.locator(`.tabs-container .tab[aria-label^="${DIAGRAM_TEMPLATE}"]`).first();
      await tab.click();
      await page.waitForSelector(`.tabs-container .tab.active[aria-label^="${DIAGRAM_TEMPLATE}"]`);
      const tabBox = await tab.boundingBox();
      assert.ok(tabBox);
      await page.mouse.move(tabBox.x + tabBox.width / 2, tabBox.y + 300);
      await page.waitForSelector('.monaco-hover, .context-view .hover-contents', { state: 'hidden' });
      await goToLine(page, 1);
      const lens = page.locator('.monaco-editor .codelens-decoration a', { hasText: 'private DNS now in 4 subnets' }).first();
      await lens.waitFor({ state: 'visible' });
      const title = (await lens.innerText()).trim();
      log(`lens: ${title}`);
      // The findings part counts every rule's findings, the whole workspace's; the network part is the story's.
      assert.match(title, /^\+3 endpoints · private DNS now in 4 subnets · 1 workload and 1 subnet blocked · 1 workload and 1 subnet admitted · \+\d+ findings/);
      await lens.click();
      await page.waitForSelector('.tabs-container .tab.active[aria-label*="network impact"]');
      await checkReport();
      // For the screenshot: the Problems panel out of the way (Control+J) and the blocked clients in view.
      await page.keyboard.press('Control+J');
      await page.waitForSelector('.markers-panel', { state: 'hidden' });
      await report.locator('h2', { hasText: 'Clients blocked' }).first().scrollIntoViewIfNeeded();
    },
  },

  {
    name: 'quick-fix-menu',
    description: 'On session-manager.yaml, Control+. on the endpoint security group finding offers the quick fixes, the preferred one first.',
    async run({ page, log }) {
      const tab = page.locator(`.tabs-container .tab[aria-label^="${DIAGRAM_TEMPLATE}"]`).first();
      await tab.click();
      await page.waitForSelector(`.tabs-container .tab.active[aria-label^="${DIAGRAM_TEMPLATE}"]`);
      await page.keyboard.press('Control+Shift+M');
      await storyRows(page).first().waitFor();
      log(`Private DNS findings before: ${await storyRows(page).count()}`);
      // The caret on the finding: `- !Ref EndpointSecurityGroup` of SsmEndpoint, where the squiggle is.
      const line = lineNumberOf('        - !Ref EndpointSecurityGroup');
      await page.keyboard.press('Control+G');
      await page.waitForSelector('.quick-input-widget .quick-input-box input', { state: 'visible' });
      await page.keyboard.type(`${line}:12`);
      await page.keyboard.press('Enter');
      await page.locator('.statusbar-item', { hasText: `Ln ${line}, Col 12` }).first().waitFor();
      await page.keyboard.press('Control+.');
      const actions = page.locator('.action-widget .monaco-list-row.action');
      await actions.first().waitFor({ state: 'visible' });
      const titles = (await actions.allInnerTexts()).map((title) => title.replace(/\s+/g, ' ').trim());
      for (const title of titles) log(`action: ${title}`);
      assert.match(titles[0] ?? '', /Admit HTTPS from the whole VPC "Vpc" in "EndpointSecurityGroup"/, 'the preferred fix comes first');
      assert.ok(titles.some((title) => title.includes('Ignore endpoint-sg-blocks-vpc-clients for "SsmEndpoint"')), 'the ignore action is offered');
    },
  },
  {
    name: 'quick-fix-apply',
    description: 'Enter applies the preferred fix: the rule appears in the security group, the three Session Manager findings leave the Problems panel, the lens says every client is admitted, and the diagram turns the edge green.',
    async run({ page, log }) {
      await page.keyboard.press('Enter');
      await page.locator('.monaco-editor .view-lines', { hasText: 'where private DNS answers with the endpoints' }).first().waitFor();
      await storyRows(page).first().waitFor({ state: 'detached' });
      log(`Private DNS findings after: ${await storyRows(page).count()}`);
      const lens = page.locator('.monaco-editor .codelens-decoration a', { hasText: 'all admitted' }).first();
      await lens.waitFor({ state: 'visible' });
      log(`lens: ${(await lens.innerText()).trim()}`);
      // The diagram beside the editor redraws: the public instance now reaches the endpoint.
      const diagram = page.frameLocator('iframe.webview.ready[src*="cfn-network-lens"]').frameLocator('iframe#active-frame');
      await diagram.locator('svg path.edge-allowed[data-from="PublicInstance"][data-to="SsmEndpoint"]').first().waitFor({ state: 'attached' });
      log('the diagram shows PublicInstance allowed to SsmEndpoint');
    },
  },

  // ── Where the next steps go ──────────────────────────────────────────────────────────────────
  // Append steps here as their features land; keep them real (no step that passes without checking).
];

/** The Problems panel rows of the story's Private DNS findings. */
function storyRows(page: Page) {
  return page.locator('.markers-panel .monaco-list-row').filter({ hasText: 'Private DNS makes' });
}

/** Runs a command from the Command Palette (Control+Shift+P) by its title. */
async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('Control+Shift+P');
  await page.waitForSelector('.quick-input-widget .quick-input-box input', { state: 'visible' });
  await page.keyboard.type(title);
  await page.locator('.quick-input-list .monaco-list-row').filter({ hasText: title }).first().waitFor();
  await page.keyboard.press('Enter');
}

/**
 * Makes the workspace copy a git repository whose HEAD has the story's template as it was before the
 * Session Manager endpoints (test/fixtures/impact), while the working tree keeps them, as an engineer
 * has it just before committing. Git runs without the machine's configuration.
 */
function commitStoryBase(workspace: string): void {
  const before = readFileSync(join(__dirname, '..', '..', 'fixtures', 'impact', 'add-session-manager-endpoints', 'before.yaml'), 'utf8');
  const env = {
    ...process.env,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_AUTHOR_NAME: 'e2e',
    GIT_AUTHOR_EMAIL: 'e2e@example.com',
    GIT_COMMITTER_NAME: 'e2e',
    GIT_COMMITTER_EMAIL: 'e2e@example.com',
  };
  const git = (args: readonly string[], input?: string) =>
    execFileSync('git', ['-c', 'commit.gpgsign=false', '-c', 'init.defaultBranch=main', ...args], { cwd: workspace, env, encoding: 'utf8', ...(input !== undefined ? { input } : {}) }).trim();
  git(['init', '--quiet']);
  // Straight into the repository and the index: the file in the working tree, open in the editor, is never touched.
  const blob = git(['hash-object', '-w', '--stdin'], before);
  git(['update-index', '--add', '--cacheinfo', `100644,${blob},${DIAGRAM_TEMPLATE}`]);
  git(['commit', '--quiet', '-m', 'the VPC before the Session Manager endpoints']);
}

/** The 1-based line of the first line of the story template that starts with `prefix`. */
function lineNumberOf(prefix: string): number {
  const index = DIAGRAM_TEMPLATE_LINES.findIndex((text) => text.startsWith(prefix));
  assert.ok(index >= 0, `${prefix} is in ${DIAGRAM_TEMPLATE}`);
  return index + 1;
}

/** Go to Line (Control+G), which scrolls the line into the middle of the editor. */
async function goToLine(page: Page, line: number): Promise<void> {
  await page.keyboard.press('Control+G');
  await page.waitForSelector('.quick-input-widget .quick-input-box input', { state: 'visible' });
  await page.keyboard.type(String(line));
  await page.keyboard.press('Enter');
  await page.locator('.statusbar-item', { hasText: new RegExp(`Ln ${line}, Col \\d+`) }).first().waitFor();
}
