/**
 * The rule runner: builds each rule's context, walks condition scenarios for rules that ask for it,
 * isolates a rule that throws (one `internal-error` finding naming it; the others still report),
 * honours `Metadata.cfn-network-lens.ignore` suppressions and applies severity settings.
 */
import { pathOfRange, valueOf, scalarText, type Node } from '../syntax';
import { exploreScenarios, type Scenario } from '../template';
import { qualify } from './helpers';
import type { NetworkModel } from '../model';
import type { Finding, Report, Rule, RuleContext, RuleTemplateFile, Severity } from './rule';

/** A severity setting: a severity, or `off` to disable the rule. */
export type SeveritySetting = Severity | 'off';

export interface RunOptions {
  /** Per-rule severity overrides by rule id. */
  readonly severities?: Readonly<Record<string, SeveritySetting>>;
  /** Called with the error of a rule that throws, for logging. */
  readonly onRuleError?: (ruleId: string, error: unknown) => void;
}

/** The id of the finding a throwing rule turns into. */
export const INTERNAL_ERROR_RULE = 'internal-error';

/** The metadata key that holds suppressions, in a resource's or the template's `Metadata`. */
export const METADATA_KEY = 'cfn-network-lens';

/** Build the context rules run in. */
export function createRuleContext(model: NetworkModel, files: ReadonlyMap<string, RuleTemplateFile>): RuleContext {
  return {
    model,
    files,
    explore: (check) => mergeScenarios(model, check),
  };
}

/** Run `rules` and return their findings, sorted by file and position. */
export function runRules(ctx: RuleContext, rules: readonly Rule[], options: RunOptions = {}): Finding[] {
  const findings: Finding[] = [];
  for (const rule of rules) {
    const setting = options.severities?.[rule.meta.id];
    if (setting === 'off') continue;
    let reports: readonly Report[];
    try {
      reports = rule.check(ctx);
    } catch (error) {
      options.onRuleError?.(rule.meta.id, error);
      findings.push(...internalError(ctx, rule.meta.id, error));
      continue;
    }
    for (const report of reports) {
      const file = ctx.files.get(report.file);
      if (!file || isSuppressed(file, rule.meta.id, report.logicalId)) continue;
      findings.push(toFinding(rule, report, setting, file));
    }
  }
  return findings.sort(compareFindings);
}

function toFinding(rule: Rule, report: Report, setting: Severity | undefined, file: RuleTemplateFile): Finding {
  const root = file.template.root;
  const path = root.pairs.length > 0 ? pathOfRange(root, report.range) : [];
  return {
    rule: rule.meta.id,
    severity: setting ?? report.severity ?? rule.meta.defaultSeverity,
    message: report.message,
    file: report.file,
    ...(report.logicalId !== undefined ? { logicalId: report.logicalId } : {}),
    path,
    range: report.range,
    related: report.related ?? [],
    ...(report.data !== undefined ? { data: report.data } : {}),
    ...(report.conditions !== undefined ? { conditions: report.conditions } : {}),
  };
}

function internalError(ctx: RuleContext, ruleId: string, error: unknown): Finding[] {
  const reason = error instanceof Error ? error.message : String(error);
  const findings: Finding[] = [];
  for (const [file, entry] of ctx.files) {
    if (!entry.isTemplate) continue;
    findings.push({
      rule: INTERNAL_ERROR_RULE,
      severity: 'warning',
      message: `Rule "${ruleId}" failed on this template (${reason.split('\n')[0]}), so its findings are missing; please report this.`,
      file,
      path: [],
      range: [0, 0],
      related: [],
      data: { failedRule: ruleId },
    });
  }
  return findings;
}

export function compareFindings(a: Finding, b: Finding): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  if (a.range[0] !== b.range[0]) return a.range[0] - b.range[0];
  if (a.rule !== b.rule) return a.rule < b.rule ? -1 : 1;
  return a.message < b.message ? -1 : a.message > b.message ? 1 : 0;
}

/** Rule ids listed in `Metadata.cfn-network-lens.ignore` of a node. */
export function ignoredRules(metadata: Node | undefined): string[] {
  const list = valueOf(valueOf(metadata, METADATA_KEY), 'ignore');
  if (list?.kind === 'seq') return list.items.map((item) => scalarText(item) ?? '').filter(Boolean);
  const single = scalarText(list);
  return single ? [single] : [];
}

function isSuppressed(file: RuleTemplateFile, ruleId: string, logicalId: string | undefined): boolean {
  const template = file.template;
  if (ignoredRules(template.metadata).includes(ruleId)) return true;
  if (logicalId === undefined) return false;
  return ignoredRules(template.resources.get(logicalId)?.metadata).includes(ruleId);
}

/** Run `check` under every scenario and merge the reports, qualifying those that hold only in some. */
function mergeScenarios(model: NetworkModel, check: (scenario: Scenario) => readonly Report[]): Report[] {
  const exploration = exploreScenarios(model.conditions, check);
  const leaves = exploration.leaves;
  if (leaves.length === 1) return [...(leaves[0]?.result ?? [])];
  const groups = new Map<string, { report: Report; leaves: number[] }>();
  leaves.forEach((leaf, index) => {
    for (const report of leaf.result) {
      const key = `${report.file}\u0000${report.range[0]}\u0000${report.range[1]}`;
      const group = groups.get(key);
      if (!group) groups.set(key, { report, leaves: [index] });
      else if (group.leaves[group.leaves.length - 1] !== index) group.leaves.push(index);
    }
  });
  const merged: Report[] = [];
  for (const { report, leaves: holding } of groups.values()) {
    if (holding.length === leaves.length) {
      merged.push(report);
      continue;
    }
    const first = leaves[holding[0] ?? 0];
    if (!first) continue;
    const holdingSet = new Set(holding);
    const assignment = new Map(first.assignment);
    // Keep only the conditions that matter: drop one whenever every leaf consistent with the rest still has the report.
    for (const key of [...assignment.keys()]) {
      const value = assignment.get(key);
      assignment.delete(key);
      const consistent = leaves.every((leaf, index) => holdingSet.has(index) || ![...assignment].every(([k, v]) => leaf.assignment.get(k) === undefined || leaf.assignment.get(k) === v));
      if (!consistent && value !== undefined) assignment.set(key, value);
    }
    const conditions = Object.fromEntries(assignment);
    merged.push({ ...report, message: qualify(report.message, conditions), conditions });
  }
  return merged;
}
