/**
 * Regression tests for the crashes and hangs the fuzzer and the hostile-input review found, one per
 * bug, each named after the layer that was fixed. Limits with their messages (size, aliases, nesting,
 * binary text, duplicate keys, error floods) are in `limits.test.ts`; wrong intrinsic shapes are in
 * `intrinsic-shapes.test.ts`.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../../server/src/ide/analysis';
import { parse, valueOf } from '../../server/src/syntax';
import { buildTemplate, describeValue, evaluate } from '../../server/src/template';
import { CORPUS } from '../harness/paths';
import { checkInput } from './check-input';

const HEADER = 'AWSTemplateFormatVersion: "2010-09-09"\n';

function evaluateIn(text: string, expression: string): string {
  const template = buildTemplate('t.yaml', parse(text));
  return describeValue(evaluate(valueOf(parse(`X: ${expression}\n`).root, 'X'), { template }));
}

describe('regressions', function () {
  this.timeout(60_000);

  describe('syntax: nesting the depth estimate missed crashed V8 beyond what an exception catches', () => {
    // The old pre-scan counted `-` as indentation and took a quote inside a plain scalar for a string,
    // so the yaml composer recursed thousands of levels and V8 died compiling a regular expression.
    const cases: readonly [string, string][] = [
      ['compact block sequences', `${HEADER}Resources:\n  ${'- '.repeat(5000)}x\n`],
      ['explicit keys', `${HEADER}Resources:\n  ${'? '.repeat(5000)}x\n`],
      ['flow brackets after an apostrophe', `${HEADER}Description: it's\nResources: ${'['.repeat(5000)}\n`],
      ['flow brackets after a double quote inside a plain scalar', `${HEADER}Description: a"b\nResources: ${'['.repeat(5000)}\n`],
    ];
    for (const [name, text] of cases) {
      it(`refuses 5,000 levels of ${name}, parsed twice in a row`, () => {
        for (let i = 0; i < 2; i++) {
          const result = parse(text);
          assert.equal(result.root, undefined);
          assert.deepEqual(result.errors.map((error) => error.kind), ['too-deep']);
        }
        assert.deepEqual(checkInput('t.yaml', text).problems, []);
      });
    }
  });

  describe('syntax: indentation inside quoted scalars and flow collections, which CloudFormation ignores, gave false syntax errors', () => {
    // YAML 1.2 wants these lines deeper than their key; CloudFormation, like PyYAML, does not, and
    // real templates (aws-samples, AWS Solutions) rely on it. The strict reading stays for broken files.
    it('reads a !Sub policy whose closing quote sits under its key, as a real MSK sample writes it', () => {
      const text = `${HEADER}Resources:\n  Role:\n    Type: AWS::IAM::Role\n    Properties:\n      Policies:\n        - PolicyName: Access\n          PolicyDocument: !Sub '{\n              "Version": "2012-10-17"\n          }'\n`;
      const result = parse(text);
      assert.deepEqual(result.errors, []);
      assert.equal(evaluateIn(text, '!Select [0, [x]]'), 'x');
    });

    it('reads a flow map whose entries are indented no deeper than its key, as an AWS Solutions template writes it', () => {
      const text = `${HEADER}Resources:\n  App:\n    Type: AWS::ServiceCatalogAppRegistry::Application\n    Properties:\n      Tags: {\n      'a': b,\n      'c': d,\n      }\n  Next:\n    Type: AWS::SNS::Topic\n`;
      const result = parse(text);
      assert.deepEqual(result.errors, []);
      const resources = valueOf(result.root, 'Resources');
      assert.deepEqual(resources?.kind === 'map' ? resources.pairs.map((pair) => pair.key.value) : [], ['App', 'Next']);
      const tags = valueOf(valueOf(valueOf(resources, 'App'), 'Properties'), 'Tags');
      assert.deepEqual(tags?.kind === 'map' ? tags.pairs.map((pair) => pair.key.value) : [], ['a', 'c']);
    });

    it('does not read a file with an error on every line a second time (the fuzzer found 102 KB taking 2.1 s)', () => {
      // Found by `npm run fuzz -- --seed 20240610`: generated hostile text, shrunk.
      const text = `${HEADER}${'- x\nb: 1\n'.repeat(11_000)}`;
      assert.deepEqual(checkInput('t.yaml', text).problems, []);
    });

    it('keeps the strict reading of a quote or bracket still being typed, so that the rest of the file stays readable', () => {
      const text = `${HEADER}Resources:\n  Vpc:\n    Type: AWS::EC2::VPC\n    Properties:\n      CidrBlock: [10.0.0.0/16\n  Subnet:\n    Type: AWS::EC2::Subnet\n`;
      const result = parse(text);
      assert.ok(result.errors.length > 0);
      const resources = valueOf(result.root, 'Resources');
      assert.ok(resources?.kind === 'map' && resources.pairs.some((pair) => pair.key.value === 'Subnet'), 'the resource after the open bracket is read');
    });
  });

  describe('syntax and template: regular expressions that backtracked on long runs of white space', () => {
    it('moves an error at the end past 100,000 spaces in linear time (the fuzzer found 30,000 taking 2 s)', () => {
      // Found by `npm run fuzz -- --seed 20240608`: a generated template with CR line endings, shrunk.
      const text = `AWSTemplateFormatVersion: :\rDescription: ${' '.repeat(100_000)}\rResources: {}\r`;
      assert.deepEqual(checkInput('t.yaml', text).problems, []);
    });

    it('tells a refused file that starts with 4,000 blank lines whether it is a template in linear time', () => {
      const text = `${'\n'.repeat(4000)}AWSTemplateFormatVersion: x\nResources: ${'['.repeat(5000)}\n`;
      assert.deepEqual(checkInput('t.yaml', text).problems, []);
    });
  });

  describe('template: the evaluator took exponential time on expressions that name each other several times', () => {
    it('evaluates a VPC CIDR block that refers to itself on both branches of Fn::If (2^32 steps before)', () => {
      const text = `${HEADER}Conditions:\n  C: !Equals [a, b]\nResources:\n  Vpc:\n    Type: AWS::EC2::VPC\n    Properties:\n      CidrBlock: !If [C, !GetAtt Vpc.CidrBlock, !GetAtt [Vpc, CidrBlock]]\n  Subnet:\n    Type: AWS::EC2::Subnet\n    Properties:\n      VpcId: !Ref Vpc\n      CidrBlock: !GetAtt Vpc.CidrBlock\n`;
      assert.match(evaluateIn(text, '!GetAtt Vpc.CidrBlock'), /^unknown \(/);
      assert.deepEqual(checkInput('t.yaml', text).problems, []);
    });

    it('evaluates a chain of thirty mapping entries that each join the next one three times (3^30 steps before)', () => {
      let text = `${HEADER}Mappings:\n  M:\n    K:\n`;
      for (let i = 0; i < 30; i++) text += `      V${i}: !Join ["", [${Array(3).fill(`!FindInMap [M, K, V${i + 1}]`).join(', ')}]]\n`;
      text += '      V30: x\nResources:\n  Vpc:\n    Type: AWS::EC2::VPC\n    Properties:\n      CidrBlock: !FindInMap [M, K, V0]\n';
      assert.equal(evaluateIn(text, '!FindInMap [M, K, V28]'), 'xxxxxxxxx');
      assert.deepEqual(checkInput('t.yaml', text).problems, []);
    });

    it('evaluates a chain of thirty parameter defaults that each name the next one three times', () => {
      let text = `${HEADER}Parameters:\n`;
      for (let i = 0; i < 30; i++) text += `  P${i}:\n    Type: String\n    Default: !Join ["", [${Array(3).fill(`!Ref P${i + 1}`).join(', ')}]]\n`;
      text += '  P30:\n    Type: String\n    Default: y\nResources:\n  Vpc:\n    Type: AWS::EC2::VPC\n    Properties:\n      CidrBlock: !Ref P0\n';
      assert.equal(evaluateIn(text, '!Ref P28'), 'yyyyyyyyy');
      assert.deepEqual(checkInput('t.yaml', text).problems, []);
    });

    it('evaluates two subnets whose VPCs are each other’s as unknown', () => {
      const text = `${HEADER}Resources:\n  A:\n    Type: AWS::EC2::Subnet\n    Properties:\n      VpcId: !GetAtt B.VpcId\n  B:\n    Type: AWS::EC2::Subnet\n    Properties:\n      VpcId: !GetAtt A.VpcId\n`;
      assert.equal(evaluateIn(text, '!GetAtt A.VpcId'), 'unknown (the expression refers to itself)');
    });
  });

  describe('workspace: an export name with many ${AWS::StackName} made matching an import backtrack exponentially', () => {
    it('links an import against an export name that repeats the stack name twenty times, in linear time', () => {
      const exporter = `${HEADER}Resources:\n  Vpc:\n    Type: AWS::EC2::VPC\n    Properties:\n      CidrBlock: 10.0.0.0/16\nOutputs:\n  Vpc:\n    Value: !Ref Vpc\n    Export:\n      Name: !Sub "${'${AWS::StackName}'.repeat(20)}"\n`;
      const importer = (name: string) => `${HEADER}Resources:\n  Subnet:\n    Type: AWS::EC2::Subnet\n    Properties:\n      VpcId: !ImportValue "${name}"\n      CidrBlock: 10.0.1.0/24\n`;
      const started = process.cpuUsage();
      analyze([{ file: 'exporter.yaml', text: exporter }, { file: 'importer.yaml', text: importer(`${'a'.repeat(60)}!`) }]);
      const cpu = process.cpuUsage(started);
      assert.ok((cpu.user + cpu.system) / 1000 < 2000, 'within 2 s of CPU time');
      // The same stack name twenty times still matches, and a name that is not one stack name twenty times does not.
      const vpcOfSubnet = (name: string): string => {
        const analysis = analyze([{ file: 'exporter.yaml', text: exporter }, { file: 'importer.yaml', text: importer(name) }]);
        const subnet = analysis.model.subnets[0];
        return subnet?.vpcId ? describeValue(evaluate(subnet.vpcId.node, subnet.vpcId.env)) : 'no subnet';
      };
      assert.equal(vpcOfSubnet('net'.repeat(20)), 'Vpc');
      assert.match(vpcOfSubnet(`${'net'.repeat(19)}nex`), /^unknown \(/);
    });
  });

  describe('template: satisfiability of condition combinations was decided again for every endpoint and rule', () => {
    it('reads the real template with the most conditions within the bound (6 s of CPU before)', () => {
      const name = 'aws-samples__amazon-sagemaker-secure-mlops__cfn_templates__env-vpc.yaml';
      const text = readFileSync(join(CORPUS, 'realworld', name), 'utf8');
      assert.deepEqual(checkInput(name, text).problems, []);
    });
  });
});
