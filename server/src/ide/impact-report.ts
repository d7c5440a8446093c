/**
 * The report of `cfn-network-lens diff --format json` and of the editor's "Show network impact of
 * changes": what was compared, the network impact (`impact.ts`) and the template diff
 * (`template-diff.ts`), with each file named as the user knows it in each version.
 * Invariant: the shape is a contract (`version: 1`); add fields, never rename or remove them.
 */
import type { ClientChange, DnsChange, FileStatus, ImpactSummary, NetworkImpact, ResourceChange } from './impact';
import type { FindingChange } from './impact';
import type { TemplateDiffFile, TemplateDiffs } from './template-diff';

export const DIFF_REPORT_VERSION = 1;

/** How the user names a file in each version; a file keeps one identity (`file`) across both. */
export interface FileNames {
  /** The name in the old version, when the file is in it. */
  readonly before?: string;
  /** The name in the new version, when the file is in it. */
  readonly after?: string;
}

export interface DiffReportFile {
  /** The file's identity in both versions, which the entities of the impact refer to. */
  readonly file: string;
  readonly status: FileStatus;
  readonly template: boolean;
  readonly before?: string;
  readonly after?: string;
}

export interface DiffReport {
  readonly version: typeof DIFF_REPORT_VERSION;
  readonly tool: { readonly name: 'cfn-network-lens'; readonly version: string };
  /** What the old version is: two files, two folders, a git revision, the saved file. */
  readonly base: { readonly label: string };
  readonly head: { readonly label: string };
  readonly files: readonly DiffReportFile[];
  readonly impact: {
    readonly summary: ImpactSummary;
    readonly dns: readonly DnsChange[];
    readonly clients: readonly ClientChange[];
    /** Each finding with the name of its file in its own version (new for `appeared`, old for `resolved`). */
    readonly findings: readonly FindingChange[];
    readonly resources: readonly ResourceChange[];
  };
  /** `cdk diff`'s view of each changed template, or why it could not be computed. */
  readonly templateDiff: { readonly files: readonly TemplateDiffFile[] } | { readonly error: string };
}

export interface DiffReportInput {
  readonly toolVersion: string;
  readonly base: string;
  readonly head: string;
  readonly impact: NetworkImpact;
  readonly templateDiffs: TemplateDiffs | { readonly error: string };
  /** How the user names each file in each version; by default, by its identity. */
  readonly names?: (file: string) => FileNames;
}

export function buildDiffReport(input: DiffReportInput): DiffReport {
  const names = input.names ?? ((file: string): FileNames => ({ before: file, after: file }));
  const { impact } = input;
  return {
    version: DIFF_REPORT_VERSION,
    tool: { name: 'cfn-network-lens', version: input.toolVersion },
    base: { label: input.base },
    head: { label: input.head },
    files: impact.files.map((file) => {
      const name = names(file.file);
      return {
        ...file,
        ...(file.status !== 'added' && name.before !== undefined ? { before: name.before } : {}),
        ...(file.status !== 'removed' && name.after !== undefined ? { after: name.after } : {}),
      };
    }),
    impact: {
      summary: impact.summary,
      dns: impact.dns,
      clients: impact.clients,
      findings: impact.findings.map((finding) => ({ ...finding, file: (finding.change === 'appeared' ? names(finding.file).after : names(finding.file).before) ?? finding.file })),
      resources: impact.resources,
    },
    templateDiff: 'error' in input.templateDiffs ? { error: input.templateDiffs.error } : { files: input.templateDiffs.files },
  };
}
