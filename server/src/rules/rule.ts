/**
 * The rule contract: metadata, `check(ctx)` returning reports with structured data, and an optional
 * `fix(ctx, finding)` returning edit intents (what to change in the template, not how to write it:
 * `ide/edit` renders intents in the file's own style). Rules are pure functions of the model.
 */
import type { Node, NodePath, TextRange } from '../syntax';
import type { Scenario, Template } from '../template';
import type { NetworkModel } from '../model';

export type Severity = 'error' | 'warning' | 'info';

export type RuleCategory = 'endpoint' | 'dns' | 'path' | 'workload' | 'beyond-vpc' | 'template';

export interface RuleMeta {
  /** Permanent kebab-case id, equal to the rule's file name. */
  readonly id: string;
  /** One sentence saying what the rule reports; also the doc's description. */
  readonly description: string;
  readonly category: RuleCategory;
  readonly defaultSeverity: Severity;
  /** Whether the rule offers quick fixes. */
  readonly fixable: boolean;
}

/** Another place that explains a finding: the blocked client, the conflicting endpoint… */
export interface RelatedLocation {
  readonly file: string;
  readonly range: TextRange;
  readonly logicalId?: string;
  readonly message: string;
}

/** What a rule's `check` returns. */
export interface Report {
  readonly file: string;
  /** The smallest range that explains the problem: the offending value or key. */
  readonly range: TextRange;
  readonly logicalId?: string;
  /** One sentence in the user's terms: what will go wrong, for whom, and why. */
  readonly message: string;
  /** When the rule's severity depends on the case (for example a declared workload is blocked). */
  readonly severity?: Severity;
  readonly related?: readonly RelatedLocation[];
  /** Structured data that `fix` reads; plain JSON. */
  readonly data?: Readonly<Record<string, unknown>>;
  /** Set by `explore`: the conditions under which the report holds, when not in every combination. */
  readonly conditions?: Readonly<Record<string, boolean>>;
}

/** A report after the runner: with its rule, final severity, path and condition qualifier. */
export interface Finding {
  readonly rule: string;
  readonly severity: Severity;
  readonly message: string;
  readonly file: string;
  readonly logicalId?: string;
  readonly path: NodePath;
  readonly range: TextRange;
  readonly related: readonly RelatedLocation[];
  readonly data?: Readonly<Record<string, unknown>>;
  /** The conditions under which the finding holds, when not in every combination (`file#name` → value). */
  readonly conditions?: Readonly<Record<string, boolean>>;
}

/** A value to write into a template, in long form; `ide/edit` writes short-form tags where the file uses them. */
export type TemplateValue = string | number | boolean | null | readonly TemplateValue[] | { readonly [key: string]: TemplateValue };

/** One change a fix makes, in terms of the template's structure. */
export type EditIntent =
  /** Replace a node's value. */
  | { readonly kind: 'replaceNode'; readonly file: string; readonly node: Node; readonly value: TemplateValue }
  /** Set `path` below a resource (creating `Properties` and intermediate maps as needed). */
  | { readonly kind: 'setResourceValue'; readonly file: string; readonly logicalId: string; readonly path: readonly string[]; readonly value: TemplateValue }
  /** Append an item to a list node; a single value node becomes a list first. */
  | { readonly kind: 'appendToList'; readonly file: string; readonly list: Node; readonly value: TemplateValue }
  /** Remove the item at `index` of a list node. */
  | { readonly kind: 'removeListItem'; readonly file: string; readonly list: Node; readonly index: number }
  /** Remove a key (and its value) from a resource. */
  | { readonly kind: 'removeResourceKey'; readonly file: string; readonly logicalId: string; readonly path: readonly string[] }
  /** Add a resource after `after` (or at the end of `Resources`). */
  | { readonly kind: 'addResource'; readonly file: string; readonly logicalId: string; readonly after?: string; readonly value: TemplateValue }
  /** Add `ruleId` to `Metadata.cfn-network-lens.ignore` of a resource, or of the template when `logicalId` is absent. */
  | { readonly kind: 'addIgnore'; readonly file: string; readonly logicalId?: string; readonly ruleId: string };

export interface Fix {
  readonly title: string;
  /** The fix a careful person would pick; "fix all" applies only preferred fixes. */
  readonly preferred: boolean;
  readonly intents: readonly EditIntent[];
}

export interface RuleTemplateFile {
  readonly template: Template;
  readonly isTemplate: boolean;
}

/** What a rule sees. */
export interface RuleContext {
  readonly model: NetworkModel;
  /** Every analysed file, template or not, by file. */
  readonly files: ReadonlyMap<string, RuleTemplateFile>;
  /**
   * Run `check` under every satisfiable combination of the conditions it consults, and merge the
   * reports: one that holds in every combination is unconditional, one that holds in some names them.
   */
  explore(check: (scenario: Scenario) => readonly Report[]): Report[];
}

export interface Rule {
  readonly meta: RuleMeta;
  check(ctx: RuleContext): readonly Report[];
  fix?(ctx: RuleContext, finding: Finding): readonly Fix[];
}
