/**
 * Components: templates that cannot affect each other's findings are analysed apart and cached.
 * The findings of the component analysis must be exactly those of one analysis of everything at
 * once (the rule fixtures, the three-stack fixture and templates that share literal resource ids),
 * and a change to one template re-analyses only its component.
 */
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze, createComponentCache, type Analysis, type ComponentAnalysis, type FileAnalysis, type SourceFile } from '../../server/src/ide/analysis';
import { buildNetworkModel } from '../../server/src/model';
import { allRules, createRuleContext, runRules, type Finding } from '../../server/src/rules';
import { linkTemplates } from '../../server/src/workspace/link';
import { FIXTURES } from '../harness/paths';

/** The analysis as it was before components: one model of every template, every rule over it. */
function wholeWorkspaceFindings(sources: readonly SourceFile[]): Finding[] {
  const fileCache = new Map<string, FileAnalysis>();
  analyze(sources, { fileCache, rules: [] });
  const templates = [...fileCache.values()].filter((file) => file.isTemplate).map((file) => file.template);
  const model = buildNetworkModel(linkTemplates(templates));
  return runRules(createRuleContext(model, fileCache), allRules);
}

function key(finding: Finding): string {
  return JSON.stringify([finding.file, finding.range, finding.rule, finding.severity, finding.message, finding.related, finding.conditions ?? null]);
}

function filesUnder(directory: string, accept: (name: string) => boolean): SourceFile[] {
  const found: SourceFile[] = [];
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) found.push(...filesUnder(path, accept));
    else if (accept(entry.name)) found.push({ file: path, text: readFileSync(path, 'utf8') });
  }
  return found.sort((a, b) => (a.file < b.file ? -1 : 1));
}

const NETWORK = (vpcId: string): string => `
Resources:
  Endpoint:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      VpcId: ${vpcId}
      ServiceName: com.amazonaws.eu-west-1.ssm
      VpcEndpointType: Interface
      PrivateDnsEnabled: true
      SubnetIds: [subnet-0aaaaaaaaaaaaaaa1]
      SecurityGroupIds: [sg-0aaaaaaaaaaaaaaa1]
`;

describe('workspace components', function () {
  this.timeout(120_000);

  it('give the findings of one analysis of everything, for the rule fixtures and the three stacks together', () => {
    const sources = [
      ...filesUnder(join(FIXTURES, 'rules'), (name) => /\.(ya?ml|json)$/.test(name) && !name.includes('.fixed.')),
      ...filesUnder(join(FIXTURES, 'workspace', 'three-stacks', 'stacks'), (name) => name.endsWith('.yaml')),
    ];
    const analysis = analyze(sources);
    assert.ok(analysis.components.length > 1, 'the fixtures fall into several components');
    assert.deepEqual(analysis.findings.map(key).sort(), wholeWorkspaceFindings(sources).map(key).sort());
  });

  it('join templates that name the same literal resource id, and keep the others apart', () => {
    const sources = [
      { file: 'a.yaml', text: NETWORK('vpc-0123456789abcdef0') },
      { file: 'b.yaml', text: NETWORK('vpc-0123456789abcdef0') },
      { file: 'c.yaml', text: NETWORK('vpc-0fedcba9876543210').replace(/0aaaaaaaaaaaaaaa1/g, '0bbbbbbbbbbbbbbb2') },
    ];
    const analysis = analyze(sources);
    assert.deepEqual(analysis.components.map((component) => component.files), [['a.yaml', 'b.yaml'], ['c.yaml']]);
    // A literal in a branch of Fn::If counts; the condition's name and references to resources do not.
    const withCondition = (text: string): string => text.replace('Resources:', 'Conditions:\n  IsProd: !Equals [a, b]\nResources:');
    const conditional = withCondition(NETWORK('!If [IsProd, vpc-0fedcba9876543210, !Ref AWS::NoValue]').replace(/0aaaaaaaaaaaaaaa1/g, '0ddddddddddddddd4'));
    const named = withCondition(NETWORK('!Ref AWS::NoValue').replace('SecurityGroupIds: [sg-0aaaaaaaaaaaaaaa1]', 'SecurityGroupIds: [!If [IsProd, !Ref AWS::NoValue, !Ref AWS::NoValue]]').replace(/0aaaaaaaaaaaaaaa1/g, '0ccccccccccccccc3'));
    const grouped = analyze([...sources, { file: 'd.yaml', text: conditional }, { file: 'e.yaml', text: named }]);
    assert.deepEqual(grouped.components.map((component) => component.files), [['a.yaml', 'b.yaml'], ['c.yaml', 'd.yaml'], ['e.yaml']]);
    const conflicts = analysis.findings.filter((finding) => finding.rule === 'endpoint-private-dns-conflict');
    assert.equal(conflicts.length, 1, 'the two endpoints in one VPC, written in two templates, conflict');
    assert.deepEqual(analysis.findings.map(key).sort(), wholeWorkspaceFindings(sources).map(key).sort());
  });

  it('join importers and exporters, and templates that import the same unresolved name', () => {
    const exporter = 'Resources:\n  Vpc: { Type: AWS::EC2::VPC, Properties: { CidrBlock: 10.0.0.0/16 } }\nOutputs:\n  V: { Value: !Ref Vpc, Export: { Name: !Sub "${AWS::StackName}-vpc" } }\n';
    const importer = (name: string): string => `Resources:\n  G: { Type: AWS::EC2::SecurityGroup, Properties: { GroupDescription: g, VpcId: !ImportValue ${name} } }\n`;
    const analysis = analyze([
      { file: 'net.yaml', text: exporter },
      { file: 'app.yaml', text: importer('net-vpc') },
      { file: 'x.yaml', text: importer('elsewhere-subnets') },
      { file: 'y.yaml', text: importer('elsewhere-subnets') },
      { file: 'z.yaml', text: importer('other-subnets') },
    ]);
    assert.deepEqual(analysis.components.map((component) => component.files).sort(), [['app.yaml', 'net.yaml'], ['x.yaml', 'y.yaml'], ['z.yaml']]);
  });

  it('re-analyse only the component of a changed template', () => {
    const fileCache = new Map<string, FileAnalysis>();
    const componentCache = createComponentCache();
    const stacks = filesUnder(join(FIXTURES, 'workspace', 'three-stacks', 'stacks'), (name) => name.endsWith('.yaml'));
    const other = { file: 'other.yaml', text: NETWORK('vpc-0fedcba9876543210') };
    const entryOf = (analysis: Analysis, file: string): ComponentAnalysis | undefined => componentCache.entries.get(analysis.components.find((component) => component.files.includes(file))?.key ?? '');
    const first = analyze([...stacks, other], { fileCache, componentCache });
    const before = { other: entryOf(first, 'other.yaml'), stacks: entryOf(first, stacks[0]?.file ?? '') };
    const changed = stacks.map((source) => (source.file.endsWith('app.yaml') ? { ...source, text: `${source.text}\n# edited\n` } : source));
    const second = analyze([...changed, other], { fileCache, componentCache });
    assert.equal(entryOf(second, 'other.yaml'), before.other, 'the unrelated component is reused');
    assert.notEqual(entryOf(second, stacks[0]?.file ?? ''), before.stacks, 'the edited component is analysed again');
    assert.deepEqual(second.findings.map((finding) => finding.message), first.findings.map((finding) => finding.message));
    const severities = analyze([...changed, other], { fileCache, componentCache, severities: { 'endpoint-single-az': 'off' } });
    assert.notEqual(entryOf(severities, 'other.yaml'), before.other, 'changed severities analyse everything again');
    assert.ok(!severities.findings.some((finding) => finding.rule === 'endpoint-single-az'));
  });

  it('run the rules only of components whose findings are wanted, and later on the model already built', () => {
    const componentCache = createComponentCache();
    const stacks = filesUnder(join(FIXTURES, 'workspace', 'three-stacks', 'stacks'), (name) => name.endsWith('.yaml'));
    const other = { file: 'other.yaml', text: NETWORK('vpc-0fedcba9876543210') };
    const all = analyze([...stacks, other]);
    const onlyOther = analyze([...stacks, other], { componentCache, findingsFor: new Set(['other.yaml']) });
    assert.deepEqual(onlyOther.findings, all.findings.filter((finding) => finding.file === 'other.yaml'));
    assert.ok(onlyOther.model.vpcs.some((vpc) => vpc.logicalId === 'Vpc'), 'the other components are modelled');
    const key = onlyOther.components.find((component) => component.files.length === 3)?.key ?? '';
    const modelled = componentCache.entries.get(key);
    assert.equal(modelled?.checked, false);
    const opened = analyze([...stacks, other], { componentCache, findingsFor: new Set([stacks[0]?.file ?? '']) });
    assert.deepEqual(opened.findings.map((finding) => finding.message).sort(), all.findings.filter((finding) => finding.file !== 'other.yaml').map((finding) => finding.message).sort());
    assert.equal(componentCache.entries.get(key)?.model, modelled?.model, 'the model is reused for the rules');
  });
});
