/**
 * Expected findings written in YAML fixtures as caret comments under the line they point at:
 *
 *     SubnetIds: []
 * #             ^^ error endpoint-private-dns-without-subnets (fix): Interface endpoint "E" has…
 *
 * A comment made of `#`, spaces and `^` marks columns of the nearest line above it that is not an
 * annotation. After the carets: severity, rule id, an optional `(fix)`, a colon and the exact message.
 * For a range spanning lines, the carets mark its extent on the first line.
 */

export interface Annotation {
  /** Zero-based line and column of the range start. */
  readonly line: number;
  readonly column: number;
  /** Number of carets: the range's length on its first line. */
  readonly length: number;
  readonly severity: string;
  readonly rule: string;
  readonly fix: boolean;
  readonly message: string;
  /** Line of the annotation itself, for error messages. */
  readonly annotationLine: number;
}

const ANNOTATION = /^#(\s*)(\^+)\s+(error|warning|info)\s+([a-z0-9-]+)(\s+\(fix\))?:\s(.*)$/;

/** Whether a line is an annotation comment. */
export function isAnnotationLine(line: string): boolean {
  return ANNOTATION.test(line.replace(/\r$/, ''));
}

/** The annotations of a fixture text. */
export function parseAnnotations(text: string): Annotation[] {
  const lines = text.split('\n');
  const annotations: Annotation[] = [];
  let target = -1;
  lines.forEach((raw, index) => {
    const line = raw.replace(/\r$/, '');
    const match = ANNOTATION.exec(line);
    if (!match) {
      target = index;
      return;
    }
    if (target < 0) throw new Error(`annotation on line ${index + 1} has no line above it`);
    annotations.push({
      line: target,
      column: 1 + (match[1] ?? '').length,
      length: (match[2] ?? '').length,
      severity: match[3] ?? '',
      rule: match[4] ?? '',
      fix: match[5] !== undefined,
      message: match[6] ?? '',
      annotationLine: index,
    });
  });
  return annotations;
}

/** The text without its annotation lines, as a tool other than ours would see it. */
export function stripAnnotations(text: string): string {
  return text
    .split('\n')
    .filter((line) => !isAnnotationLine(line))
    .join('\n');
}
