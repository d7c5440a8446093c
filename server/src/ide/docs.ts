/**
 * Where each rule's documentation lives, for diagnostics' `codeDescription`, SARIF `helpUri` and hovers.
 */

export const PROJECT_URL = 'https://github.com/cfn-network-lens/cfn-network-lens';

/** The URL of a rule's documentation page. */
export function ruleDocUrl(ruleId: string): string {
  return `${PROJECT_URL}/blob/main/docs/rules/${ruleId}.md`;
}
