/**
 * The template diff of a change, from `@aws-cdk/cloudformation-diff`: resources added, removed and
 * changed (with whether CloudFormation replaces them), its security-group and IAM change tables, and
 * its own text rendering. The front ends load the library (lazily: it reads the AWS resource
 * specification, `db.json.gz`, on the first diff that needs it) and pass it in, so that this file
 * only knows its types and start-up never pays for it.
 */
import type * as CloudFormationDiff from '@aws-cdk/cloudformation-diff';
import type { Analysis, FileAnalysis } from './analysis';
import { plainValueOf } from '../syntax';
import type { FileChange } from './impact';

/** What this file uses of `@aws-cdk/cloudformation-diff`; `await import('@aws-cdk/cloudformation-diff')` is one. */
export type CloudFormationDiffLibrary = Pick<typeof CloudFormationDiff, 'fullDiff' | 'formatDifferences'>;

export interface ResourceDiff {
  readonly logicalId: string;
  readonly type: string | undefined;
  readonly change: 'added' | 'removed' | 'modified';
  /** CloudFormation's view of the change: `WILL_CREATE`, `WILL_UPDATE`, `WILL_REPLACE`, `MAY_REPLACE`, `WILL_DESTROY`, … */
  readonly impact: string;
  /** The properties whose value changes, for a modified resource. */
  readonly properties: readonly string[];
}

/** One row of a change table, as `cdk diff` prints it: `+` for an addition, `-` for a removal. */
export interface SecurityGroupRuleChange {
  readonly change: '+' | '-';
  readonly group: string;
  readonly direction: string;
  readonly protocol: string;
  readonly peer: string;
}

export interface IamStatementChange {
  readonly change: '+' | '-';
  readonly resource: string;
  readonly effect: string;
  readonly action: string;
  readonly principal: string;
  readonly condition: string;
}

export interface ManagedPolicyChange {
  readonly change: '+' | '-';
  readonly resource: string;
  readonly managedPolicyArn: string;
}

/** A change outside `Resources`: a parameter, output, condition, mapping, metadata or template attribute. */
export interface OtherChange {
  readonly section: string;
  readonly id: string;
  readonly change: 'added' | 'removed' | 'modified';
}

export interface TemplateDiffFile {
  readonly file: string;
  readonly status: 'added' | 'removed' | 'modified';
  readonly resources: readonly ResourceDiff[];
  readonly securityGroupChanges: readonly SecurityGroupRuleChange[];
  readonly iamStatementChanges: readonly IamStatementChange[];
  readonly managedPolicyChanges: readonly ManagedPolicyChange[];
  readonly otherChanges: readonly OtherChange[];
  /** `cdk diff`'s text of the change, without colours; empty when CloudFormation sees no difference. */
  readonly text: string;
}

export interface TemplateDiffs {
  readonly files: readonly TemplateDiffFile[];
  /** The same texts with the library's ANSI colours, by file, for a terminal. */
  readonly coloured: ReadonlyMap<string, string>;
}

/** The template diff of every template file that changed between the two analyses. */
export function diffTemplates(library: CloudFormationDiffLibrary, before: Analysis, after: Analysis, files: readonly FileChange[]): TemplateDiffs {
  const diffs: TemplateDiffFile[] = [];
  const coloured = new Map<string, string>();
  for (const change of files) {
    if (!change.template || change.status === 'unchanged') continue;
    const old = templateObject(before.files.get(change.file));
    const now = templateObject(after.files.get(change.file));
    const status = old === undefined ? 'added' : now === undefined ? 'removed' : 'modified';
    const diff = library.fullDiff(old ?? {}, now ?? {});
    let text = '';
    if (!diff.isEmpty) {
      // The library writes to a stream; collecting the chunks keeps this layer free of I/O.
      const sink = { write: (chunk: string | Uint8Array) => ((text += typeof chunk === 'string' ? chunk : new TextDecoder().decode(chunk)), true) };
      library.formatDifferences(sink as unknown as NodeJS.WritableStream, diff);
    }
    text = text.trimEnd();
    coloured.set(change.file, text);
    diffs.push({
      file: change.file,
      status,
      resources: resourceDiffs(diff),
      securityGroupChanges: rows(diff.securityGroupChanges.hasChanges ? diff.securityGroupChanges.summarize() : []).map((cell) => ({
        change: sign(cell(0)),
        group: cell(1),
        direction: cell(2),
        protocol: cell(3),
        peer: cell(4),
      })),
      iamStatementChanges: rows(diff.iamChanges.hasChanges ? diff.iamChanges.summarizeStatements() : []).map((cell) => ({
        change: sign(cell(0)),
        resource: cell(1),
        effect: cell(2),
        action: cell(3),
        principal: cell(4),
        condition: cell(5),
      })),
      managedPolicyChanges: rows(diff.iamChanges.hasChanges ? diff.iamChanges.summarizeManagedPolicies() : []).map((cell) => ({ change: sign(cell(0)), resource: cell(1), managedPolicyArn: cell(2) })),
      otherChanges: otherChanges(diff),
      text: stripAnsi(text),
    });
  }
  return { files: diffs, coloured };
}

/** The template of a file as the plain object CloudFormation reads; undefined when the file is not a template. */
function templateObject(file: FileAnalysis | undefined): Record<string, unknown> | undefined {
  if (!file?.isTemplate || !file.parse.root) return undefined;
  const value = plainValueOf(file.parse.root);
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function resourceDiffs(diff: CloudFormationDiff.TemplateDiff): ResourceDiff[] {
  const resources: ResourceDiff[] = [];
  diff.resources.forEachDifference((logicalId, change) => {
    if (!change.isDifferent) return;
    const type = change.newResourceType ?? change.oldResourceType;
    resources.push({
      logicalId,
      type,
      change: change.isAddition ? 'added' : change.isRemoval ? 'removed' : 'modified',
      impact: String(change.changeImpact),
      properties: change.isAddition || change.isRemoval ? [] : Object.keys(change.propertyUpdates).sort(),
    });
  });
  return resources;
}

function otherChanges(diff: CloudFormationDiff.TemplateDiff): OtherChange[] {
  const changes: OtherChange[] = [];
  const kind = (change: { isAddition: boolean; isRemoval: boolean }): OtherChange['change'] => (change.isAddition ? 'added' : change.isRemoval ? 'removed' : 'modified');
  for (const [id, change] of [
    ['AWSTemplateFormatVersion', diff.awsTemplateFormatVersion],
    ['Description', diff.description],
    ['Transform', diff.transform],
  ] as const) {
    if (change?.isDifferent) changes.push({ section: 'Template', id, change: kind(change) });
  }
  const sections = [
    ['Parameters', diff.parameters],
    ['Metadata', diff.metadata],
    ['Mappings', diff.mappings],
    ['Conditions', diff.conditions],
    ['Outputs', diff.outputs],
    ['Other', diff.unknown],
  ] as const;
  for (const [section, collection] of sections) {
    (collection as { forEachDifference(callback: (id: string, change: { isDifferent: boolean; isAddition: boolean; isRemoval: boolean }) => void): void }).forEachDifference((id, change) => {
      if (change.isDifferent) changes.push({ section, id, change: kind(change) });
    });
  }
  return changes;
}

/** The rows of a change table without its header, as a reader of cells by column, without colours. */
function rows(table: readonly (readonly string[])[]): ((column: number) => string)[] {
  return table.slice(1).map((row) => (column: number) => stripAnsi(String(row[column] ?? '')).trim());
}

function sign(cell: string): '+' | '-' {
  return cell === '-' ? '-' : '+';
}

/** Text without ANSI colour sequences. */
export function stripAnsi(text: string): string {
  return text.replace(/\u001b\[[0-9;]*m/g, '');
}
