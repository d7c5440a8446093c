/**
 * The JSON format: the findings report as is, pretty-printed.
 */
import type { FindingsReport } from '../../ide/report';

export function formatJson(report: FindingsReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
