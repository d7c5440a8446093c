/**
 * The SARIF 2.1.0 format, as GitHub code scanning accepts it: one run with the rule catalogue
 * (descriptions, default levels, help links) and one result per finding with its location and
 * related locations. Paths are relative to the working directory, with forward slashes.
 */
import type * as Sarif from 'sarif';
import { relative, sep } from 'node:path';
import type { FindingsReport, ReportFinding } from '../../ide/report';
import type { RuleMeta, Severity } from '../../rules';
import { PROJECT_URL, ruleDocUrl } from '../../ide/docs';

export function formatSarif(report: FindingsReport, rules: readonly RuleMeta[], version: string, cwd: string): string {
  const index = new Map(rules.map((rule, i) => [rule.id, i]));
  const log: Sarif.Log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'cfn-network-lens',
            version,
            informationUri: PROJECT_URL,
            rules: rules.map((rule) => ({
              id: rule.id,
              name: pascalCase(rule.id),
              shortDescription: { text: rule.description },
              fullDescription: { text: rule.description },
              helpUri: ruleDocUrl(rule.id),
              help: { text: `${rule.description} See ${ruleDocUrl(rule.id)}`, markdown: `${rule.description} [Documentation](${ruleDocUrl(rule.id)})` },
              defaultConfiguration: { level: level(rule.defaultSeverity) },
              properties: { category: rule.category, fixable: rule.fixable, tags: ['cloudformation', 'network'] },
            })),
          },
        },
        columnKind: 'utf16CodeUnits',
        originalUriBaseIds: { '%SRCROOT%': { uri: toUri(cwd.endsWith(sep) ? cwd : cwd + sep) } },
        results: report.findings.map((finding) => result(finding, index, cwd)),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

function result(finding: ReportFinding, index: ReadonlyMap<string, number>, cwd: string): Sarif.Result {
  const ruleIndex = index.get(finding.rule);
  return {
    ruleId: finding.rule,
    ...(ruleIndex !== undefined ? { ruleIndex } : {}),
    level: level(finding.severity),
    message: { text: finding.message },
    locations: [location(finding.file, finding.range, cwd, finding.logicalId)],
    ...(finding.related.length > 0
      ? { relatedLocations: finding.related.map((related, id) => ({ id, ...location(related.file, related.range, cwd, related.logicalId), message: { text: related.message } })) }
      : {}),
    partialFingerprints: { 'cfnNetworkLens/v1': `${finding.rule}:${finding.logicalId ?? ''}:${finding.path.join('/')}` },
  };
}

function location(file: string, range: ReportFinding['range'], cwd: string, logicalId: string | undefined): Sarif.Location {
  return {
    physicalLocation: {
      artifactLocation: { uri: relativeUri(file, cwd), uriBaseId: '%SRCROOT%' },
      region: {
        startLine: range.start.line + 1,
        startColumn: range.start.character + 1,
        endLine: range.end.line + 1,
        endColumn: range.end.character + 1,
      },
    },
    ...(logicalId ? { logicalLocations: [{ name: logicalId, kind: 'resource' }] } : {}),
  };
}

function level(severity: Severity): Sarif.ReportingConfiguration.level {
  return severity === 'info' ? 'note' : severity;
}

function relativeUri(file: string, cwd: string): string {
  const path = relative(cwd, file) || file;
  return path.split(sep).map(encodeURIComponent).join('/');
}

function toUri(directory: string): string {
  return `file://${directory.split(sep).map(encodeURIComponent).join('/')}`;
}

function pascalCase(id: string): string {
  return id.split('-').map((part) => part.charAt(0).toUpperCase() + part.slice(1)).join('');
}
