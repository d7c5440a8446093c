/**
 * `template-syntax-error`: the YAML or JSON of a template does not parse (or repeats a key, uses an
 * unknown tag, holds several documents, is too large or deep to read, or uses YAML aliases, which
 * CloudFormation refuses unless a packaging step writes them out). One finding per problem, at
 * its position; the rest of the file is analysed as far as the parser recovered.
 */
import type { SyntaxError } from '../syntax';
import type { Report, Rule } from './rule';

export const rule: Rule = {
  meta: {
    id: 'template-syntax-error',
    description: 'The template is not valid YAML or JSON, so CloudFormation rejects it and the analysis stops where the parser did.',
    category: 'template',
    defaultSeverity: 'error',
    fixable: false,
  },
  check(ctx) {
    const reports: Report[] = [];
    for (const [file, entry] of ctx.files) {
      if (!entry.isTemplate) continue;
      for (const error of entry.template.parse.errors) {
        reports.push({ file, range: error.range, message: messageOf(error, entry.template.parse.format), ...(error.kind === 'too-large' ? { severity: 'info' as const } : {}), data: { kind: error.kind } });
      }
      const aliases = entry.template.parse.aliases;
      // Past the alias budget, that error says what matters.
      if (aliases && !entry.template.parse.errors.some((error) => error.kind === 'alias-limit')) {
        // CloudFormation refuses aliases ("YAML aliases are not allowed in CloudFormation templates"),
        // but `aws cloudformation package` and `sam package` write them out, so a source template may use them.
        const more = aliases.count > 1 ? ` (and ${aliases.count - 1} more)` : '';
        reports.push({
          file,
          range: aliases.first,
          severity: 'warning',
          message: `YAML alias *${aliases.name}${more}: CloudFormation rejects a template that uses aliases unless a packaging step such as "aws cloudformation package" or "sam package" writes them out first.`,
          data: { kind: 'alias', count: aliases.count },
        });
      }
    }
    return reports;
  },
};

function messageOf(error: SyntaxError, format: 'yaml' | 'json'): string {
  const language = format === 'json' ? 'JSON' : 'YAML';
  const reason = error.message.replace(/\.$/, '');
  switch (error.kind) {
    case 'duplicate-key':
      return `${reason}: CloudFormation rejects templates that repeat a key, and only the first one is analysed.`;
    case 'unknown-tag':
      return `${reason}: it is not a CloudFormation function, so CloudFormation will reject the template.`;
    case 'multiple-documents':
      return `${reason}: CloudFormation reads one document, so it will reject the template.`;
    case 'too-large':
      return `${reason}, so it was not analysed.`;
    case 'too-deep':
    case 'alias-limit':
      return `${reason}, so it was not analysed past this point.`;
    case 'syntax':
      return `${language} syntax error: ${lowerFirst(reason)}, so CloudFormation will reject the template.`;
  }
}

function lowerFirst(text: string): string {
  return text.length > 1 && /^[A-Z][a-z]/.test(text) ? text[0]?.toLowerCase() + text.slice(1) : text;
}
