/**
 * The CLI's workspace, through the bundled CLI in temporary folders: the project file (found in the
 * current folder or the one folder checked) pins parameters, stack names and severities and ignores
 * paths; a bad project file is a usage error with file, line and column; templates the project file
 * or a nested stack names are read for linking but not reported; samconfig.toml next to a template
 * applies to it.
 */
import { strict as assert } from 'node:assert';
import { readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import type { FindingsReport } from '../../server/src/ide/report';
import { FIXTURES } from '../harness/paths';
import { runCli } from '../harness/run-cli';
import { temporaryWorkspace } from './lsp-workspace-client';

const STACKS = join(FIXTURES, 'workspace', 'three-stacks', 'stacks');
const NETWORK = readFileSync(join(STACKS, 'network.yaml'), 'utf8');
const ENDPOINTS = readFileSync(join(STACKS, 'endpoints.yaml'), 'utf8');

/** A VPC whose DNS hostnames depend on a parameter, and a private-DNS endpoint in it. */
const CONDITIONAL = `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Env: { Type: String, Default: dev, AllowedValues: [dev, prod] }
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.0.0.0/16
      EnableDnsHostnames: !If [IsProd, false, true]
  Endpoint:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      VpcId: !Ref Vpc
      ServiceName: !Sub com.amazonaws.\${AWS::Region}.ssm
      VpcEndpointType: Interface
      PrivateDnsEnabled: true
      SubnetIds: [subnet-0123456789abcdef0]
      SecurityGroupIds: [sg-0123456789abcdef0]
`;

function check(cwd: string, ...args: string[]): { status: number | null; report: FindingsReport | undefined; stderr: string } {
  const result = runCli(['check', ...args, '--format', 'json', '--exit-zero'], { cwd });
  return { status: result.status, report: result.status === 0 ? (JSON.parse(result.stdout) as FindingsReport) : undefined, stderr: result.stderr };
}

const rules = (report: FindingsReport | undefined): string[] => {
  // A run that failed has no report: an empty list of findings would pass for it.
  assert.ok(report, 'the CLI exited with an error');
  return report.findings.map((finding) => `${finding.file} ${finding.rule}${/\(when/.test(finding.message) ? ' (conditional)' : ''}`).sort();
};

describe('the CLI workspace', function () {
  this.timeout(60_000);

  it('pins parameters, and so conditions, from the project file and a parameter file', () => {
    const folder = temporaryWorkspace({
      't.yaml': CONDITIONAL,
      'params/prod.json': '[{"ParameterKey": "Env", "ParameterValue": "prod"}]',
    });
    assert.deepEqual(rules(check(folder, '.').report).filter((line) => line.includes('private-dns-needs-vpc-dns')), ['t.yaml private-dns-needs-vpc-dns (conditional)']);
    const withProject = temporaryWorkspace({
      't.yaml': CONDITIONAL,
      'params/prod.json': '[{"ParameterKey": "Env", "ParameterValue": "prod"}]',
      '.cfn-network-lens.yaml': 'stacks:\n  - template: t.yaml\n    parameters: params/prod.json\n',
    });
    assert.deepEqual(rules(check(withProject, '.').report).filter((line) => line.includes('private-dns-needs-vpc-dns')), ['t.yaml private-dns-needs-vpc-dns']);
    const dev = temporaryWorkspace({ 't.yaml': CONDITIONAL, '.cfn-network-lens.yaml': 'stacks:\n  - template: t.yaml\n    parameters: { Env: dev }\n' });
    assert.deepEqual(rules(check(dev, '.').report).filter((line) => line.includes('private-dns-needs-vpc-dns')), []);
  });

  it('warns about parameter values for parameters the template does not declare', () => {
    const folder = temporaryWorkspace({ 't.yaml': CONDITIONAL, '.cfn-network-lens.yaml': 'stacks:\n  - template: t.yaml\n    parameters: { Env: prod, Enviroment: prod }\n' });
    const result = runCli(['check', '.', '--exit-zero'], { cwd: folder });
    assert.equal(result.status, 0);
    assert.match(result.stderr, /^cfn-network-lens: warning: \.cfn-network-lens\.yaml:3:30: Template "t\.yaml" declares no parameter "Enviroment", so CloudFormation will refuse to deploy the stack with it\.$/m);
    assert.doesNotMatch(result.stderr, /"Env",/);
  });

  it('finds the project file in the one folder checked, and applies its severities unless --severity says otherwise', () => {
    const folder = temporaryWorkspace({ 'net/t.yaml': CONDITIONAL, 'net/.cfn-network-lens.yaml': 'rules:\n  private-dns-needs-vpc-dns: info\n' });
    const fromParent = check(join(folder), 'net');
    const finding = fromParent.report?.findings.find((entry) => entry.rule === 'private-dns-needs-vpc-dns');
    assert.equal(finding?.severity, 'info');
    const overridden = check(folder, 'net', '--severity', 'private-dns-needs-vpc-dns=warning');
    assert.equal(overridden.report?.findings.find((entry) => entry.rule === 'private-dns-needs-vpc-dns')?.severity, 'warning');
  });

  it('stops with file, line and column when the project file is wrong', () => {
    const folder = temporaryWorkspace({ 't.yaml': CONDITIONAL, '.cfn-network-lens.yaml': 'region: eu-west-1\nstack:\n  - template: t.yaml\n' });
    const result = runCli(['check', '.'], { cwd: folder });
    assert.equal(result.status, 2);
    assert.equal(result.stdout, '');
    assert.match(result.stderr, /^cfn-network-lens: \.cfn-network-lens\.yaml:2:1: The project file has no key "stack"; did you mean "stacks"\?/);
    assert.doesNotMatch(result.stderr, /\n\s+at /, 'no stack trace');
  });

  it('refuses a project file that points outside the workspace, and names missing files', () => {
    const folder = temporaryWorkspace({ 'ws/t.yaml': CONDITIONAL, 'secret.yaml': CONDITIONAL, 'ws/.cfn-network-lens.yaml': 'stacks:\n  - template: ../secret.yaml\n  - template: t.yaml\n    parameters: nope.json\n' });
    const result = runCli(['check', '.'], { cwd: join(folder, 'ws') });
    assert.equal(result.status, 2);
    assert.match(result.stderr, /the project setup has 2 problems:/);
    assert.match(result.stderr, /\.cfn-network-lens\.yaml:2:15: "\.\.\/secret\.yaml" points outside the workspace folder/);
    assert.match(result.stderr, /\.cfn-network-lens\.yaml:4:17: File ".*nope\.json" does not exist\./);
  });

  it('does not follow a symbolic link out of the workspace', () => {
    const folder = temporaryWorkspace({ 'ws/t.yaml': CONDITIONAL, 'outside.json': '[{"ParameterKey": "Env", "ParameterValue": "prod"}]', 'ws/.cfn-network-lens.yaml': 'stacks:\n  - template: t.yaml\n    parameters: params.json\n' });
    symlinkSync(join(folder, 'outside.json'), join(folder, 'ws', 'params.json'));
    const result = runCli(['check', '.'], { cwd: join(folder, 'ws') });
    assert.equal(result.status, 2);
    assert.match(result.stderr, /\.cfn-network-lens\.yaml:3:17: File ".*params\.json" leads outside the workspace through a symbolic link, so it is not read\./);
  });

  it('reads the templates the project file deploys for linking, and reports only the checked files', () => {
    const folder = temporaryWorkspace({
      'stacks/network.yaml': NETWORK,
      'stacks/endpoints.yaml': ENDPOINTS,
      '.cfn-network-lens.yaml': 'stacks:\n  - name: network\n    template: stacks/network.yaml\n  - name: endpoints\n    template: stacks/endpoints.yaml\n',
    });
    const { report } = check(folder, 'stacks/endpoints.yaml');
    assert.deepEqual(report?.files, [{ file: 'stacks/endpoints.yaml', template: true }]);
    const blocked = report?.findings.filter((finding) => finding.rule === 'endpoint-sg-blocks-vpc-clients') ?? [];
    assert.equal(blocked.length, 3);
    assert.ok(blocked.every((finding) => finding.related.some((related) => related.file === 'stacks/network.yaml' && related.range.start.line > 0)), 'related locations in the context file have their lines');
    assert.ok(report?.findings.every((finding) => finding.file === 'stacks/endpoints.yaml'));
  });

  it('reads the local template of a nested stack that was not checked', () => {
    const parent = `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties: { CidrBlock: 10.0.0.0/16 }
  Endpoints:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: ../nested/endpoint.yaml
      Parameters: { VpcId: !Ref Vpc }
`;
    const child = `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  VpcId: { Type: "AWS::EC2::VPC::Id" }
Resources:
  Endpoint:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      VpcId: !Ref VpcId
      ServiceName: !Sub com.amazonaws.\${AWS::Region}.ssm
      VpcEndpointType: Interface
      PrivateDnsEnabled: true
      SubnetIds: [subnet-0123456789abcdef0]
      SecurityGroupIds: [sg-0123456789abcdef0]
`;
    const folder = temporaryWorkspace({ 'main/parent.yaml': parent, 'nested/endpoint.yaml': child });
    const { report } = check(folder, 'main');
    assert.deepEqual(report?.files.map((file) => file.file), ['main/parent.yaml']);
    const finding = report?.findings.find((entry) => entry.rule === 'private-dns-needs-vpc-dns');
    assert.equal(finding?.file, 'main/parent.yaml');
    assert.equal(finding?.related[0]?.file, 'nested/endpoint.yaml');
  });

  it('applies samconfig.toml next to a template, and leaves ignored paths out', () => {
    const folder = temporaryWorkspace({
      'app/template.yaml': CONDITIONAL,
      'app/samconfig.toml': 'version = 0.1\n[default.deploy.parameters]\nstack_name = "app"\nparameter_overrides = "Env=prod"\n',
      'legacy/old.yaml': CONDITIONAL,
      '.cfn-network-lens.yaml': 'ignore:\n  - legacy/**\n',
    });
    const { report } = check(folder, '.');
    assert.deepEqual(report?.files.map((file) => file.file), ['app/template.yaml']);
    assert.deepEqual(rules(report).filter((line) => line.includes('private-dns-needs-vpc-dns')), ['app/template.yaml private-dns-needs-vpc-dns']);
  });
});
