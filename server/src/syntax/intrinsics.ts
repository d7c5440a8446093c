/**
 * The CloudFormation short-form YAML tags and the long-form keys they stand for.
 * This is the one place that knows the mapping; the parser uses it to normalise, and the
 * edit helpers use it to write references back in the file's own style.
 */

/** Short-form tag (without `!`) → long-form key. */
const SHORT_TO_LONG: ReadonlyMap<string, string> = new Map([
  ['Ref', 'Ref'],
  ['Condition', 'Condition'],
  ['GetAtt', 'Fn::GetAtt'],
  ['Sub', 'Fn::Sub'],
  ['Join', 'Fn::Join'],
  ['Select', 'Fn::Select'],
  ['Split', 'Fn::Split'],
  ['If', 'Fn::If'],
  ['Equals', 'Fn::Equals'],
  ['And', 'Fn::And'],
  ['Or', 'Fn::Or'],
  ['Not', 'Fn::Not'],
  ['FindInMap', 'Fn::FindInMap'],
  ['GetAZs', 'Fn::GetAZs'],
  ['ImportValue', 'Fn::ImportValue'],
  ['Base64', 'Fn::Base64'],
  ['Cidr', 'Fn::Cidr'],
  ['Transform', 'Fn::Transform'],
  ['Length', 'Fn::Length'],
  ['ToJsonString', 'Fn::ToJsonString'],
  ['ForEach', 'Fn::ForEach'],
  ['Contains', 'Fn::Contains'],
  ['EachMemberEquals', 'Fn::EachMemberEquals'],
  ['EachMemberIn', 'Fn::EachMemberIn'],
  ['RefAll', 'Fn::RefAll'],
  ['ValueOf', 'Fn::ValueOf'],
  ['ValueOfAll', 'Fn::ValueOfAll'],
  ['GetStackOutput', 'Fn::GetStackOutput'],
]);

/** The long-form key for a short-form tag such as `!GetAtt`, or undefined for other tags. */
export function longFormOf(tag: string): string | undefined {
  if (!tag.startsWith('!') || tag.startsWith('!!')) return undefined;
  return SHORT_TO_LONG.get(tag.slice(1));
}

/** The short-form tag (with `!`) for a long-form key such as `Fn::GetAtt`. */
export function shortFormOf(longKey: string): string | undefined {
  for (const [short, long] of SHORT_TO_LONG) if (long === longKey) return `!${short}`;
  return undefined;
}

/** Whether a map key is an intrinsic function or `Ref`. */
export function isIntrinsicKey(key: string): boolean {
  return key === 'Ref' || key === 'Condition' || key.startsWith('Fn::');
}
