/**
 * The project file `.cfn-network-lens.yaml`: validation with messages at the right place (unknown
 * keys with a suggestion, wrong types, paths that leave the workspace, unknown rules), and its
 * resolution with parameter, deployment and samconfig files into pinned values per template, which
 * pin conditions in the analysis.
 */
import { strict as assert } from 'node:assert';
import { analyze } from '../../server/src/ide/analysis';
import { describeValue } from '../../server/src/template';
import { parseProjectFile } from '../../server/src/workspace/project-file';
import { resolveWorkspaceSetup, type SetupInput } from '../../server/src/workspace/project-setup';

const ROOT = '/ws';
const FILE = '/ws/.cfn-network-lens.yaml';
const RULES = ['endpoint-single-az', 'private-dns-needs-vpc-dns'];

function problems(text: string): string[] {
  const config = parseProjectFile(FILE, text, ROOT, { ruleIds: RULES });
  return config.problems.map((problem) => `${text.slice(problem.range[0], problem.range[1])} → ${problem.message}`);
}

function setup(project: string, files: Readonly<Record<string, string>>, extra: Partial<SetupInput> = {}) {
  const config = parseProjectFile(FILE, project, ROOT, { ruleIds: RULES });
  const texts = new Map(Object.entries(files));
  return resolveWorkspaceSetup({ root: ROOT, project: config, texts, exists: (file) => texts.has(file), ...extra });
}

function pinned(values: ReadonlyMap<string, ReadonlyMap<string, import('../../server/src/template').Value>>, file: string): Record<string, string> {
  return Object.fromEntries([...(values.get(file) ?? [])].map(([name, value]) => [name, describeValue(value)]));
}

describe('the project file', () => {
  it('reads stacks, region, rules and ignore', () => {
    const config = parseProjectFile(FILE, `
version: 1
region: eu-west-1
stacks:
  - name: network
    template: stacks/network.yaml
    parameters: params/network.json
  - template: stacks/app.yaml
    parameters: { Env: prod, Subnets: [a, b] }
rules:
  endpoint-single-az: off
ignore:
  - legacy/**
`, ROOT, { ruleIds: RULES });
    assert.deepEqual(config.problems, []);
    assert.equal(config.region?.value, 'eu-west-1');
    assert.deepEqual(config.stacks.map((stack) => [stack.name?.value, stack.template?.file, stack.parameterFile?.file]), [
      ['network', '/ws/stacks/network.yaml', '/ws/params/network.json'],
      [undefined, '/ws/stacks/app.yaml', undefined],
    ]);
    assert.deepEqual([...(config.stacks[1]?.parameters ?? [])].map(([name, setting]) => [name, setting.value]), [['Env', 'prod'], ['Subnets', 'a,b']]);
    assert.deepEqual(config.rules, { 'endpoint-single-az': 'off' });
    assert.deepEqual(config.ignore, ['legacy/**']);
  });

  it('accepts an empty file', () => {
    assert.deepEqual(problems(''), []);
    assert.deepEqual(problems('# nothing yet\n'), []);
  });

  it('names unknown keys where they are, with the key it probably means', () => {
    assert.deepEqual(problems('stack:\n  - template: a.yaml\n'), ['stack → The project file has no key "stack"; did you mean "stacks"?']);
    assert.deepEqual(problems('owner: me\n'), ['owner → The project file has no key "owner"; its keys are "version", "region", "stacks", "rules" and "ignore".']);
    assert.deepEqual(problems('stacks:\n  - template: a.yaml\n    parameter: p.json\n'), ['parameter → A stack has no key "parameter"; did you mean "parameters"?']);
    assert.deepEqual(problems('stacks:\n  - template: a.yaml\n    tags: {}\n'), ['tags → A stack has no key "tags"; its keys are "name", "template", "parameters", "deployment", "samconfig", "environment" and "region".']);
  });

  it('says which type a key has', () => {
    assert.deepEqual(problems('stacks: network.yaml\n'), ['network.yaml → "stacks" is a list of stacks, each with a "template" or a "deployment" or "samconfig" file.']);
    assert.deepEqual(problems('stacks:\n  - template: [a, b]\n'), ['[a, b] → "template" is a path relative to the project file\'s folder, a string.']);
    assert.deepEqual(problems('region: Ireland\n'), ['Ireland → "Ireland" is not a region; write one such as eu-west-1.']);
    assert.deepEqual(problems('version: 2\n'), ['2 → The only project file version is 1.']);
    assert.deepEqual(problems('stacks:\n  - name: net\n'), ['name: net\n → This stack names no template: give "template", or a "deployment" or "samconfig" file that names one.']);
    assert.deepEqual(problems('stacks:\n  - template: a.yaml\n    name: 1st\n'), ['1st → "1st" is not a stack name: it starts with a letter and has only letters, digits and hyphens.']);
  });

  it('refuses paths that leave the workspace folder', () => {
    assert.deepEqual(problems('stacks:\n  - template: ../other/network.yaml\n'), ['../other/network.yaml → "../other/network.yaml" points outside the workspace folder; the project file may only name files inside its own folder.']);
    assert.deepEqual(problems('stacks:\n  - template: stacks/../../etc/passwd\n'), ['stacks/../../etc/passwd → "stacks/../../etc/passwd" points outside the workspace folder; the project file may only name files inside its own folder.']);
    assert.deepEqual(problems('stacks:\n  - template: /etc/passwd\n'), ['/etc/passwd → "/etc/passwd" points outside the workspace folder; the project file may only name files inside its own folder.']);
    assert.deepEqual(problems('stacks:\n  - template: https://example.com/t.yaml\n'), ['https://example.com/t.yaml → "https://example.com/t.yaml" is not a local path; the project file may only name files inside its own folder.']);
    assert.deepEqual(problems('stacks:\n  - template: /ws/stacks/inside.yaml\n  - template: stacks/./a/../b.yaml\n'), []);
  });

  it('checks rule ids and severities', () => {
    assert.deepEqual(problems('rules:\n  endpoint-singel-az: off\n  private-dns-needs-vpc-dns: fatal\n'), [
      'endpoint-singel-az → There is no rule "endpoint-singel-az"; did you mean "endpoint-single-az"?',
      'fatal → The severity of "private-dns-needs-vpc-dns" is error, warning, info or off.',
    ]);
  });

  it('refuses a stack name used twice in one region', () => {
    assert.deepEqual(problems('stacks:\n  - { name: net, template: a.yaml }\n  - { name: net, template: b.yaml }\n  - { name: net, template: c.yaml, region: us-east-1 }\n'), ['net → Stack name "net" is used twice; stack names are unique in a region.']);
  });

  it('reports a project file that is not YAML without failing', () => {
    const found = problems('stacks: [\n');
    assert.ok(found.length > 0);
    assert.match(found[0] ?? '', /The project file cannot be read/);
  });

  it('also works with file URIs as the editor names files', () => {
    const config = parseProjectFile('file:///ws/.cfn-network-lens.yaml', 'stacks:\n  - template: my stacks/net.yaml\n  - template: ../x.yaml\n', 'file:///ws');
    assert.equal(config.stacks[0]?.template?.file, 'file:///ws/my%20stacks/net.yaml');
    assert.equal(config.problems.length, 1);
  });
});

describe('the workspace setup', () => {
  it('pins parameters from parameter files and the project file, the later winning', () => {
    const result = setup('region: eu-west-1\nstacks:\n  - name: net\n    template: net.yaml\n    parameters: params.json\n  - template: app.yaml\n    parameters: { Env: prod }\n', {
      '/ws/net.yaml': '',
      '/ws/app.yaml': '',
      '/ws/params.json': '[{"ParameterKey": "Cidr", "ParameterValue": "10.1.0.0/16"}]',
    });
    assert.deepEqual(result.problems, []);
    assert.deepEqual(pinned(result.parameters, '/ws/net.yaml'), { Cidr: '10.1.0.0/16' });
    assert.deepEqual(pinned(result.parameters, '/ws/app.yaml'), { Env: 'prod' });
    assert.deepEqual([...result.stackNames], [['/ws/net.yaml', 'net']]);
    assert.deepEqual([...result.regions], [['/ws/net.yaml', 'eu-west-1'], ['/ws/app.yaml', 'eu-west-1']]);
  });

  it('reports missing files at the path that names them', () => {
    const project = 'stacks:\n  - template: net.yaml\n    parameters: missing.json\n  - template: gone.yaml\n';
    const result = setup(project, { '/ws/net.yaml': '' });
    assert.deepEqual(result.problems.map((problem) => [project.slice(problem.range[0], problem.range[1]), problem.message]), [
      ['missing.json', 'File "/ws/missing.json" does not exist.'],
      ['gone.yaml', 'Template "/ws/gone.yaml" does not exist.'],
    ]);
  });

  it('pins only what every stack of one template agrees on', () => {
    const result = setup('stacks:\n  - { name: a, template: t.yaml, parameters: { Env: prod, Cidr: 10.0.0.0/16 } }\n  - { name: b, template: t.yaml, parameters: { Env: dev, Cidr: 10.0.0.0/16 } }\n', { '/ws/t.yaml': '' });
    assert.deepEqual(pinned(result.parameters, '/ws/t.yaml'), { Cidr: '10.0.0.0/16', Env: 'unknown (parameter "Env" has different values in the 2 stacks that deploy this template)' });
    assert.deepEqual([...result.stackNames], []);
  });

  it('takes the template and parameters of deployment and samconfig files, refusing templates outside', () => {
    const files = {
      '/ws/deploy/net.yaml': 'template-file-path: stacks/net.yaml\nparameters:\n  Env: prod\n',
      '/ws/stacks/net.yaml': '',
      '/ws/sam/samconfig.toml': '[default.deploy.parameters]\nstack_name = "app"\nparameter_overrides = "Env=dev"\n',
      '/ws/sam/template.yml': '',
      '/ws/deploy/bad.yaml': 'template-file-path: ../../outside.yaml\n',
    };
    const result = setup('', files, { discovered: ['/ws/deploy/net.yaml', '/ws/sam/samconfig.toml', '/ws/deploy/bad.yaml'] });
    assert.deepEqual(pinned(result.parameters, '/ws/stacks/net.yaml'), { Env: 'prod' });
    assert.deepEqual(pinned(result.parameters, '/ws/sam/template.yml'), { Env: 'dev' });
    assert.deepEqual([...result.stackNames], [['/ws/sam/template.yml', 'app']]);
    assert.deepEqual(result.problems.map((problem) => [problem.file, problem.message]), [['/ws/deploy/bad.yaml', 'The template "../../outside.yaml" points outside the workspace folder; only templates inside the workspace folder are read.']]);
  });

  it('lets the project file win over a deployment file for the templates it names', () => {
    const files = { '/ws/deploy/net.yaml': 'template-file-path: net.yaml\nparameters:\n  Env: prod\n', '/ws/net.yaml': '' };
    const result = setup('stacks:\n  - template: net.yaml\n    parameters: { Env: test }\n', files, { discovered: ['/ws/deploy/net.yaml'] });
    assert.deepEqual(pinned(result.parameters, '/ws/net.yaml'), { Env: 'test' });
  });

  it('pins conditions through pinned parameter values', () => {
    const template = `
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
      ServiceName: com.amazonaws.eu-west-1.ssm
      VpcEndpointType: Interface
      PrivateDnsEnabled: true
      SubnetIds: [subnet-0123456789abcdef0]
      SecurityGroupIds: [sg-0123456789abcdef0]
`;
    const rule = (parameters?: Map<string, Map<string, import('../../server/src/template').Value>>) =>
      analyze([{ file: 't.yaml', text: template }], parameters ? { parameters } : {}).findings.filter((finding) => finding.rule === 'private-dns-needs-vpc-dns').map((finding) => finding.message);
    const result = setup('stacks:\n  - template: t.yaml\n    parameters: { Env: prod }\n', { '/ws/t.yaml': template });
    const prod = new Map([['t.yaml', new Map(result.parameters.get('/ws/t.yaml'))]]);
    const dev = new Map([['t.yaml', new Map([['Env', { kind: 'string' as const, value: 'dev' }]])]]);
    assert.match(rule()[0] ?? '', /\(when "IsProd" is true\)\.$/);
    assert.equal(rule(prod).length, 1);
    assert.doesNotMatch(rule(prod)[0] ?? '', /when/);
    assert.deepEqual(rule(dev), []);
  });
});
