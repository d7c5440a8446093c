/**
 * Hover goldens: every fixture in `test/fixtures/hover/*.yaml` is hovered at its `$0` marker and its
 * markdown compared with `<name>.hover.md`; the examples are hovered on the entities of the story
 * (goldens in `test/fixtures/hover/examples/`). `UPDATE_GOLDEN=1` rewrites the goldens; read them.
 * Plus checks that hold for every hover: nothing on a file that is not a template or on a key we do
 * not explain, and markdown without raw `<…>` that VS Code would swallow.
 */
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hoverAt, hoverTarget } from '../../server/src/ide/hover';
import { expectGolden } from '../harness/golden';
import { FIXTURES } from '../harness/paths';
import { analyzeFiles, example, offsetOf, resourceSpec, withoutCursor } from './ide-harness';

const HOVER_FIXTURES = join(FIXTURES, 'hover');

/** Hovers on the examples: the file, the text the cursor is in, how far into it, and the golden's name. */
const EXAMPLE_HOVERS: readonly { readonly example: string; readonly at: string; readonly skip: number; readonly golden: string }[] = [
  { example: 'session-manager.yaml', at: '  SsmEndpoint:', skip: 4, golden: 'session-manager.endpoint' },
  { example: 'session-manager.yaml', at: '      SecurityGroupIds:\n        - !Ref EndpointSecurityGroup\n\n  SsmMessagesEndpoint', skip: 8, golden: 'session-manager.endpoint-security-group-ids' },
  { example: 'session-manager.yaml', at: '  PublicSubnet:', skip: 4, golden: 'session-manager.public-subnet' },
  { example: 'session-manager.yaml', at: '  ClosedSubnet2:', skip: 4, golden: 'session-manager.closed-subnet2' },
  { example: 'session-manager.yaml', at: '  EndpointSecurityGroup:', skip: 4, golden: 'session-manager.endpoint-security-group' },
  { example: 'session-manager.yaml', at: '  InstanceSecurityGroup:', skip: 4, golden: 'session-manager.instance-security-group' },
  { example: 'session-manager.yaml', at: '  PublicInstance:', skip: 4, golden: 'session-manager.public-instance' },
  { example: 'session-manager.yaml', at: '  ClosedInstance:', skip: 4, golden: 'session-manager.closed-instance' },
  { example: 'session-manager.yaml', at: '  Vpc:', skip: 3, golden: 'session-manager.vpc' },
  { example: 'endpoint-mistakes.yaml', at: '  LogsEndpoint:', skip: 4, golden: 'endpoint-mistakes.logs-endpoint' },
  { example: 'endpoint-mistakes.yaml', at: '  SecretsEndpoint:', skip: 4, golden: 'endpoint-mistakes.secrets-endpoint' },
  { example: 'endpoint-mistakes.yaml', at: '  Vpc:', skip: 3, golden: 'endpoint-mistakes.vpc' },
];

describe('hovers', () => {
  describe('fixtures', () => {
    const fixtures = readdirSync(HOVER_FIXTURES).filter((name) => name.endsWith('.yaml') || name.endsWith('.json'));
    it('has fixtures', () => assert.ok(fixtures.length >= 10));
    for (const name of fixtures) {
      it(name, async () => {
        const file = join(HOVER_FIXTURES, name);
        const { text, offset } = withoutCursor(readFileSync(file, 'utf8'));
        const hover = hoverAt(analyzeFiles([{ file, text }]), file, offset, await resourceSpec());
        assert.ok(hover, `a hover at the $0 marker of ${name}`);
        assert.ok(hover.range[0] <= offset && offset <= hover.range[1], 'the hover range contains the cursor');
        expectGolden(file.replace(/\.(yaml|json)$/, '.hover.md'), `${hover.markdown}\n`);
      });
    }
  });

  describe('examples', () => {
    for (const entry of EXAMPLE_HOVERS) {
      it(`${entry.example} at ${entry.at.trim().split('\n')[0]}`, async () => {
        const source = example(entry.example);
        const hover = hoverAt(analyzeFiles([source]), source.file, offsetOf(source.text, entry.at, entry.skip), await resourceSpec());
        assert.ok(hover);
        expectGolden(join(HOVER_FIXTURES, 'examples', `${entry.golden}.hover.md`), `${hover.markdown}\n`);
      });
    }
  });

  describe('the story endpoint', () => {
    it('names the captured name, says private DNS is VPC-wide with the rule link, and blocks the public clients', () => {
      const source = example('session-manager.yaml');
      const hover = hoverAt(analyzeFiles([source]), source.file, offsetOf(source.text, '  SsmEndpoint:', 4));
      assert.ok(hover);
      assert.match(hover.markdown, /`ssm\.<region>\.amazonaws\.com`/);
      assert.match(hover.markdown, /Private DNS is VPC-wide/);
      assert.match(hover.markdown, /docs\/rules\/endpoint-sg-blocks-vpc-clients\.md/);
      const row = (subnet: string) => hover.markdown.split('\n').find((line) => line.startsWith(`| \`${subnet}\` |`)) ?? '';
      assert.match(row('PublicSubnet'), /\| — \| IGW \| ✗ `PublicInstance` \|$/);
      assert.match(row('ClosedSubnet'), /\| yes \| closed \| ✓ `ClosedInstance` \|$/);
      assert.match(row('PublicSubnet2'), /✗ \*any ENI\*/);
    });

    it('answers the same on its logical id and on its SubnetIds, and adds the property documentation on PrivateDnsEnabled', async () => {
      const source = example('session-manager.yaml');
      const analysis = analyzeFiles([source]);
      const onKey = hoverAt(analysis, source.file, offsetOf(source.text, '  SsmEndpoint:', 4));
      const onSubnets = hoverAt(analysis, source.file, offsetOf(source.text, '      SubnetIds:\n        - !Ref ClosedSubnet\n        - !Ref ClosedSubnet2\n      SecurityGroupIds:\n        - !Ref EndpointSecurityGroup\n\n  SsmMessages', 8));
      assert.equal(onSubnets?.markdown, onKey?.markdown);
      const onDns = hoverAt(analysis, source.file, offsetOf(source.text, 'PrivateDnsEnabled: true', 3), await resourceSpec());
      assert.ok(onDns && onKey && onDns.markdown.startsWith(onKey.markdown));
      assert.match(onDns.markdown, /\n\n---\n\n\*\*`PrivateDnsEnabled`\*\* · `AWS::EC2::VPCEndpoint`/);
      assert.match(onDns.markdown, /Default: `false`/);
    });
  });

  describe('across files', () => {
    const network = {
      file: '/work/templates/network.yaml',
      text: `Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties: { CidrBlock: 10.0.0.0/16, EnableDnsSupport: true, EnableDnsHostnames: true }
  AppSubnet:
    Type: AWS::EC2::Subnet
    Properties: { VpcId: !Ref Vpc, CidrBlock: 10.0.1.0/24, AvailabilityZone: eu-west-1a }
  EndpointSubnet:
    Type: AWS::EC2::Subnet
    Properties: { VpcId: !Ref Vpc, CidrBlock: 10.0.0.0/24, AvailabilityZone: eu-west-1a }
  EndpointGroup:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: endpoint
      VpcId: !Ref Vpc
      SecurityGroupIngress: [{ IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 10.0.0.0/24 }]
  LogsEndpoint:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      VpcId: !Ref Vpc
      ServiceName: com.amazonaws.eu-west-1.logs
      VpcEndpointType: Interface
      PrivateDnsEnabled: true
      SubnetIds: [!Ref EndpointSubnet]
      SecurityGroupIds: [!Ref EndpointGroup]
Outputs:
  AppSubnet:
    Value: !Ref AppSubnet
    Export: { Name: app-subnet }
`,
    };
    const app = { file: '/work/templates/app.yaml', text: 'Resources:\n  Worker:\n    Type: AWS::EC2::Instance\n    Properties:\n      ImageId: ami-0abcdef1234567890\n      SubnetId: !ImportValue app-subnet\n' };

    it('names a blocked workload of another template with its file in the endpoint table', () => {
      const hover = hoverAt(analyzeFiles([network, app]), network.file, offsetOf(network.text, 'LogsEndpoint:', 2));
      assert.match(hover?.markdown ?? '', /^\| `AppSubnet` \| eu-west-1a \| 10\.0\.1\.0\/24 \| — \| closed \| ✗ `Worker` in `app\.yaml` \|$/m);
    });

    it('shows the workload of the other template with the endpoint that blocks it', () => {
      const hover = hoverAt(analyzeFiles([network, app]), app.file, offsetOf(app.text, 'Worker:', 2));
      const markdown = hover?.markdown ?? '';
      assert.match(markdown, /^\*\*`Worker`\*\* · EC2 instance in `AppSubnet` in `network\.yaml` \(eu-west-1a, 10\.0\.1\.0\/24\)/);
      assert.match(markdown, /\| CloudWatch Logs \(`logs`\) \| `logs\.eu-west-1\.amazonaws\.com` \| endpoint `LogsEndpoint` in `network\.yaml` \| ✗ \|/);
    });
  });

  describe('where there is nothing to say', () => {
    it('answers nothing on a file that is not a template', () => {
      const file = '/work/not-a-template.yaml';
      const analysis = analyzeFiles([{ file, text: 'on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n' }]);
      assert.equal(hoverAt(analysis, file, 3), undefined);
    });

    it('answers nothing on a value that is not a reference, and no documentation without the specification', () => {
      const source = example('session-manager.yaml');
      const analysis = analyzeFiles([source]);
      assert.equal(hoverAt(analysis, source.file, offsetOf(source.text, 'InstanceType: t3.micro', 16)), undefined);
      assert.equal(hoverTarget(analysis, source.file, offsetOf(source.text, 'InstanceType: t3.micro', 2))?.kind, 'property');
      assert.equal(hoverAt(analysis, source.file, offsetOf(source.text, 'InstanceType: t3.micro', 2)), undefined);
    });

    it('never leaves raw angle brackets outside code spans', async () => {
      const spec = await resourceSpec();
      for (const name of readdirSync(HOVER_FIXTURES).filter((entry) => entry.endsWith('.yaml'))) {
        const file = join(HOVER_FIXTURES, name);
        const { text, offset } = withoutCursor(readFileSync(file, 'utf8'));
        const markdown = hoverAt(analyzeFiles([{ file, text }]), file, offset, spec)?.markdown ?? '';
        const outsideCode = markdown.replace(/`[^`]*`/g, '').replace(/\]\([^)]*\)/g, '');
        assert.doesNotMatch(outsideCode, /(?<!\\)<[a-z]/i, `${name} has a raw tag-like text outside code`);
      }
    });
  });
});
