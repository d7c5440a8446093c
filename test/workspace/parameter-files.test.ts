/**
 * Parameter files, text in and values out: the AWS CLI's list of `ParameterKey`/`ParameterValue`,
 * CodePipeline's `{"Parameters": {…}}`, git-sync deployment files and `samconfig.toml`, with problems
 * at the position they concern.
 */
import { strict as assert } from 'node:assert';
import { isDeploymentFile, readParameterFile, readSamConfig, splitOverrides, type StackSettings } from '../../server/src/workspace/parameter-files';

function values(settings: StackSettings): Record<string, string | undefined> {
  return Object.fromEntries([...settings.parameters].map(([name, setting]) => [name, setting.value]));
}

function messages(settings: StackSettings): string[] {
  return settings.problems.map((problem) => `${problem.severity} ${problem.message}`);
}

describe('parameter files', () => {
  it('reads the AWS CLI list, numbers and lists as CloudFormation passes them', () => {
    const text = JSON.stringify([
      { ParameterKey: 'VpcCidr', ParameterValue: '10.0.0.0/16' },
      { ParameterKey: 'Port', ParameterValue: 443 },
      { ParameterKey: 'Subnets', ParameterValue: ['subnet-1', 'subnet-2'] },
      { ParameterKey: 'Kept', UsePreviousValue: true },
    ]);
    const settings = readParameterFile('params.json', text);
    assert.equal(settings.kind, 'cloudformation');
    assert.deepEqual(values(settings), { VpcCidr: '10.0.0.0/16', Port: '443', Subnets: 'subnet-1,subnet-2', Kept: undefined });
    assert.equal(settings.parameters.get('Kept')?.reason, 'parameter "Kept" keeps the value of the previous deployment');
    assert.deepEqual(messages(settings), []);
  });

  it('reports bad entries of the AWS CLI list where they are', () => {
    const text = '[\n  {"ParameterKey": "A"},\n  "B",\n  {"ParameterValue": "x", "Extra": 1}\n]';
    const settings = readParameterFile('params.json', text);
    assert.deepEqual(messages(settings), [
      'error Parameter "A" has neither "ParameterValue" nor "UsePreviousValue: true".',
      'error Each entry of a parameter file is a map with "ParameterKey" and "ParameterValue".',
      'warning An entry of a parameter file has no key "Extra"; its keys are "ParameterKey", "ParameterValue", "UsePreviousValue" and "ResolvedValue".',
      'error This entry has no "ParameterKey".',
    ]);
    assert.equal(text.slice(settings.problems[1]?.range[0], settings.problems[1]?.range[1]), '"B"');
  });

  it('reads a CodePipeline template configuration', () => {
    const settings = readParameterFile('config.json', '{"Parameters": {"Env": "prod", "Count": 2}, "Tags": {"a": "b"}}');
    assert.equal(settings.kind, 'codepipeline');
    assert.deepEqual(values(settings), { Env: 'prod', Count: '2' });
  });

  it('reads a git-sync deployment file with its template path', () => {
    const text = 'template-file-path: ./stacks/network.yaml\nparameters:\n  Env: prod\ntags:\n  team: net\n';
    assert.ok(isDeploymentFile(text));
    const settings = readParameterFile('deploy/network.yaml', text);
    assert.equal(settings.kind, 'deployment');
    assert.deepEqual(values(settings), { Env: 'prod' });
    assert.equal(settings.templatePath?.value, './stacks/network.yaml');
    assert.ok(!isDeploymentFile('AWSTemplateFormatVersion: "2010-09-09"\nResources: {}\n'));
  });

  it('says what a file that is no parameter file should look like, and where a syntax error is', () => {
    assert.match(messages(readParameterFile('x.json', '{"Resources": {}}'))[0] ?? '', /This is not a parameter file/);
    const broken = readParameterFile('x.json', '[{"ParameterKey": "A", "ParameterValue": }]');
    assert.match(messages(broken)[0] ?? '', /^error The parameter file cannot be read/);
  });

  it('reads samconfig.toml: stack name, region, template and overrides in both forms', () => {
    const text = [
      'version = 0.1',
      '[default.global.parameters]',
      'stack_name = "app"',
      '[default.deploy.parameters]',
      'region = "eu-west-1"',
      'parameter_overrides = "Env=prod Name=\\"two words\\" ParameterKey=Size,ParameterValue=3"',
      '[prod.deploy.parameters]',
      'stack_name = "app-prod"',
      'parameter_overrides = ["Env=prod", "Size=5"]',
      'template_file = "infra/template.yaml"',
    ].join('\n');
    const settings = readSamConfig('samconfig.toml', text);
    assert.deepEqual(values(settings), { Env: 'prod', Name: 'two words', Size: '3' });
    assert.equal(settings.stackName, 'app');
    assert.equal(settings.region, 'eu-west-1');
    assert.equal(settings.templatePath, undefined);
    const prod = readSamConfig('samconfig.toml', text, 'prod');
    assert.deepEqual(values(prod), { Env: 'prod', Size: '5' });
    assert.equal(prod.stackName, 'app-prod');
    assert.equal(prod.templatePath?.value, 'infra/template.yaml');
    assert.deepEqual(messages(readSamConfig('samconfig.toml', text, 'staging')), ['warning samconfig.toml has no "staging" environment.']);
  });

  it('reports a samconfig.toml that does not parse, at the line of the mistake', () => {
    const text = 'version = 0.1\n[default.deploy.parameters]\nstack_name = \n';
    const settings = readSamConfig('samconfig.toml', text);
    assert.equal(settings.problems.length, 1);
    assert.match(settings.problems[0]?.message ?? '', /^samconfig\.toml cannot be read/);
    assert.equal(text.slice(0, settings.problems[0]?.range[0]).split('\n').length, 3);
    assert.match(messages(readSamConfig('samconfig.toml', '[default.deploy.parameters]\nparameter_overrides = "Novalue"\n'))[0] ?? '', /"Novalue", which is not Key=Value/);
  });

  it('splits overrides like a shell: quotes keep spaces', () => {
    assert.deepEqual(splitOverrides(` A=1  B="x y" C='z' `), ['A=1', 'B=x y', 'C=z']);
  });
});
