/**
 * The impact of a change, from the engine's side (`ide/impact.ts`, pure): which DNS names start or
 * stop resolving privately and where, which clients lose or gain a service and at which hop, and
 * which findings appear or go, matched across versions regardless of where they moved; and how the
 * summary, text and markdown say it.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze, type Analysis } from '../../server/src/ide/analysis';
import { computeImpact, findingKey, type NetworkImpact } from '../../server/src/ide/impact';
import { plainValueOf } from '../../server/src/syntax';
import { buildDiffReport } from '../../server/src/ide/impact-report';
import { impactTitle, renderDiffMarkdown, renderDiffText } from '../../server/src/ide/impact-render';
import { diffTemplates } from '../../server/src/ide/template-diff';
import { parse } from '../../server/src/syntax';
import { FIXTURES } from '../harness/paths';

const CASES = join(FIXTURES, 'impact');
const read = (path: string) => readFileSync(join(CASES, path), 'utf8');
/** The VPC before the Session Manager endpoints, with them (the story), and with them fixed. */
const WITHOUT_ENDPOINTS = read('add-session-manager-endpoints/before.yaml');
const WITH_ENDPOINTS = read('add-session-manager-endpoints/after.yaml');
const FIXED = read('fix-endpoint-security-group/after.yaml');

const FILE = 'file:///work/network.yaml';

function analysisOf(text: string): Analysis {
  return analyze([{ file: FILE, text }]);
}

function impactOf(before: string, after: string): NetworkImpact {
  return computeImpact(analysisOf(before), analysisOf(after));
}

/** Replace exactly one occurrence, so that a fixture that changes under the test makes it fail loudly. */
function edit(text: string, from: string, to: string): string {
  assert.equal(text.split(from).length, 2, `exactly one ${JSON.stringify(from)} in the template`);
  return text.replace(from, to);
}

const messages = (impact: NetworkImpact, kind?: string) => impact.clients.filter((change) => kind === undefined || change.kind === kind).map((change) => change.message);

describe('network impact of a change', () => {
  it('says that the endpoints capture the name in every subnet, and who loses Session Manager', () => {
    const impact = impactOf(WITHOUT_ENDPOINTS, WITH_ENDPOINTS);
    assert.deepEqual(
      impact.dns.map((change) => [change.kind, change.message]),
      [
        ['now-private', 'ec2messages.<region>.amazonaws.com now resolves to "Ec2MessagesEndpoint" in all 4 subnets of "Vpc" (it resolved publicly before).'],
        ['now-private', 'ssm.<region>.amazonaws.com now resolves to "SsmEndpoint" in all 4 subnets of "Vpc" (it resolved publicly before).'],
        ['now-private', 'ssmmessages.<region>.amazonaws.com now resolves to "SsmMessagesEndpoint" in all 4 subnets of "Vpc" (it resolved publicly before).'],
      ],
    );
    const ssm = impact.dns[1];
    assert.deepEqual(ssm?.subnetsAfter.map((subnet) => subnet.logicalId), ['PublicSubnet', 'PublicSubnet2', 'ClosedSubnet', 'ClosedSubnet2']);
    const blocked = impact.clients.filter((change) => change.kind === 'blocked' && change.endpoint.logicalId === 'SsmEndpoint');
    assert.deepEqual(
      blocked.map((change) => change.message),
      ['"PublicInstance" (subnet "PublicSubnet") loses ssm.<region>.amazonaws.com: "EndpointSecurityGroup" does not admit TCP 443 from it.', 'Subnet "PublicSubnet2" loses ssm.<region>.amazonaws.com: "EndpointSecurityGroup" does not admit TCP 443 from it.'],
    );
    assert.deepEqual(blocked[0]?.before, { path: 'public', verdict: 'reaches' });
    assert.deepEqual(blocked[0]?.after.blocked?.by, [{ file: FILE, logicalId: 'EndpointSecurityGroup' }]);
    assert.ok(messages(impact, 'admitted').includes('"ClosedInstance" (subnet "ClosedSubnet") now reaches ssm.<region>.amazonaws.com through "SsmEndpoint" (before, subnet "ClosedSubnet" had no route to the internet).'));
    // Other rules have their say too (a Session Manager set without kms, a closed instance that can now reach ssm); this one is the story's.
    assert.deepEqual(
      impact.findings.filter((finding) => finding.rule === 'endpoint-sg-blocks-vpc-clients').map((finding) => [finding.change, finding.logicalId]),
      [
        ['appeared', 'SsmEndpoint'],
        ['appeared', 'SsmMessagesEndpoint'],
        ['appeared', 'Ec2MessagesEndpoint'],
      ],
    );
    assert.match(impactTitle(impact.summary), /^\+3 endpoints · private DNS now in 4 subnets · 1 workload and 1 subnet blocked · 1 workload and 1 subnet admitted · \+\d+ findings( · -\d+ findings?)?$/);
  });

  it('says who gets the service back when the fix admits the whole VPC, and that the findings go', () => {
    const impact = impactOf(WITH_ENDPOINTS, FIXED);
    assert.deepEqual(impact.dns, [], 'the names resolve as before');
    assert.deepEqual(messages(impact, 'blocked'), []);
    assert.ok(messages(impact, 'admitted').includes('"PublicInstance" (subnet "PublicSubnet") now reaches ssm.<region>.amazonaws.com through "SsmEndpoint" (before, "EndpointSecurityGroup" did not admit TCP 443 from it).'));
    assert.equal(impact.summary.clientsAdmitted, 2);
    assert.ok(impact.findings.length > 0 && impact.findings.every((finding) => finding.change === 'resolved'));
  });

  it('says that names resolve publicly again when the endpoints go, and who loses them then', () => {
    const impact = impactOf(WITH_ENDPOINTS, WITHOUT_ENDPOINTS);
    assert.equal(impact.dns[1]?.message, 'ssm.<region>.amazonaws.com no longer resolves to "SsmEndpoint": it resolves publicly again in all 4 subnets of "Vpc".');
    assert.ok(
      messages(impact, 'blocked').includes('"ClosedInstance" (subnet "ClosedSubnet") loses ssm.<region>.amazonaws.com: it resolves publicly again, and subnet "ClosedSubnet" has no route to the internet.'),
      messages(impact).join('\n'),
    );
    assert.ok(messages(impact, 'admitted').includes('"PublicInstance" (subnet "PublicSubnet") now reaches ssm.<region>.amazonaws.com over the internet (before, "EndpointSecurityGroup" did not admit TCP 443 from it).'));
    assert.match(impactTitle(impact.summary), /^-3 endpoints · private DNS gone from 4 subnets · 1 workload and 1 subnet blocked · 1 workload and 1 subnet admitted · (\+\d+ findings? · )?-\d+ findings$/);
  });

  it('names the network ACL entry that blocks a client', () => {
    const acl = `
  ClosedAcl:
    Type: AWS::EC2::NetworkAcl
    Properties:
      VpcId: !Ref Vpc

  ClosedAclDenyPublicHttps:
    Type: AWS::EC2::NetworkAclEntry
    Properties:
      NetworkAclId: !Ref ClosedAcl
      RuleNumber: 90
      Protocol: 6
      RuleAction: deny
      Egress: false
      CidrBlock: 172.30.0.0/24
      PortRange: { From: 443, To: 443 }

  ClosedAclIn:
    Type: AWS::EC2::NetworkAclEntry
    Properties:
      NetworkAclId: !Ref ClosedAcl
      RuleNumber: 100
      Protocol: -1
      RuleAction: allow
      Egress: false
      CidrBlock: 0.0.0.0/0

  ClosedAclOut:
    Type: AWS::EC2::NetworkAclEntry
    Properties:
      NetworkAclId: !Ref ClosedAcl
      RuleNumber: 100
      Protocol: -1
      RuleAction: allow
      Egress: true
      CidrBlock: 0.0.0.0/0

  ClosedSubnetAcl:
    Type: AWS::EC2::SubnetNetworkAclAssociation
    Properties:
      SubnetId: !Ref ClosedSubnet
      NetworkAclId: !Ref ClosedAcl

  ClosedSubnet2Acl:
    Type: AWS::EC2::SubnetNetworkAclAssociation
    Properties:
      SubnetId: !Ref ClosedSubnet2
      NetworkAclId: !Ref ClosedAcl
`;
    const impact = impactOf(FIXED, `${FIXED.trimEnd()}\n${acl}`);
    assert.deepEqual(impact.dns, []);
    const blocked = impact.clients.filter((change) => change.kind === 'blocked' && change.endpoint.logicalId === 'SsmEndpoint');
    assert.deepEqual(
      blocked.map((change) => change.message),
      ['"PublicInstance" (subnet "PublicSubnet") loses ssm.<region>.amazonaws.com: network ACL "ClosedAcl" of the endpoint\'s subnet "ClosedSubnet" denies inbound TCP 443 from subnet "PublicSubnet" (rule 90).'],
    );
    assert.equal(blocked[0]?.after.blocked?.hop, 'endpoint-subnet-acl');
    assert.deepEqual(blocked[0]?.after.blocked?.by.map((ref) => ref.logicalId), ['ClosedAcl', 'ClosedAclDenyPublicHttps']);
  });

  it('follows clients of an endpoint without private DNS through its endpoint-specific names', () => {
    const privateDnsOff = edit(FIXED, `      ServiceName: !Sub com.amazonaws.\${AWS::Region}.ssm
      VpcEndpointType: Interface
      PrivateDnsEnabled: true`, `      ServiceName: !Sub com.amazonaws.\${AWS::Region}.ssm
      VpcEndpointType: Interface
      PrivateDnsEnabled: false`);
    const narrowed = edit(privateDnsOff, 'CidrIp: !GetAtt Vpc.CidrBlock', 'CidrIp: 172.30.4.0/22');
    const impact = impactOf(privateDnsOff, narrowed);
    const specific = impact.clients.filter((change) => change.via === 'endpoint-dns');
    assert.deepEqual(
      specific.map((change) => change.message),
      [
        '"PublicInstance" (subnet "PublicSubnet") can no longer reach "SsmEndpoint" through its endpoint-specific DNS names: "EndpointSecurityGroup" does not admit TCP 443 from it.',
        'Subnet "PublicSubnet2" can no longer reach "SsmEndpoint" through its endpoint-specific DNS names: "EndpointSecurityGroup" does not admit TCP 443 from it.',
      ],
    );
    assert.ok(!impact.dns.some((change) => change.name.startsWith('ssm.')), 'ssm resolves publicly in both versions');
  });

  it('matches findings across versions by rule, logical id and message, wherever they moved', () => {
    const moved = edit(WITH_ENDPOINTS, 'Resources:\n', 'Resources:\n  # A comment block that moves every resource down.\n  #\n  #\n  #\n');
    const before = analysisOf(WITH_ENDPOINTS);
    const after = analysisOf(moved);
    assert.ok(after.findings.length > 0);
    assert.notDeepEqual(
      after.findings.map((finding) => finding.range),
      before.findings.map((finding) => finding.range),
      'the findings did move',
    );
    const impact = computeImpact(before, after);
    assert.deepEqual([impact.findings, impact.dns, impact.clients, impact.resources], [[], [], [], []]);
    assert.deepEqual(impact.files.map((file) => file.status), ['modified']);
    assert.equal(impactTitle(impact.summary), 'no network impact');
    assert.equal(
      findingKey({ rule: 'r', file: 'f', logicalId: 'A', message: 'Blocked at line 12, see f.yaml:12:3.' }),
      findingKey({ rule: 'r', file: 'f', logicalId: 'A', message: 'Blocked at line 40, see f.yaml:40:7.' }),
    );
    assert.notEqual(findingKey({ rule: 'r', file: 'f', logicalId: 'A', message: 'm' }), findingKey({ rule: 'r', file: 'f', logicalId: 'B', message: 'm' }));
  });

  it('treats a file missing on one side as added or removed', () => {
    const impact = computeImpact(analyze([]), analysisOf(WITH_ENDPOINTS));
    assert.deepEqual(impact.files, [{ file: FILE, status: 'added', template: true }]);
    assert.equal(impact.summary.endpointsAdded, 3);
    assert.equal(impact.dns.length, 3);
    // Everything is new: a client that is new is reported only when it cannot reach the name.
    assert.ok(messages(impact, 'blocked').includes('"PublicInstance" (subnet "PublicSubnet") cannot reach ssm.<region>.amazonaws.com: "EndpointSecurityGroup" does not admit TCP 443 from it.'));
    assert.deepEqual(messages(impact, 'admitted'), []);
    const gone = computeImpact(analysisOf(WITH_ENDPOINTS), analyze([]));
    assert.deepEqual(gone.files.map((file) => file.status), ['removed']);
    assert.equal(gone.summary.resourcesRemoved, analysisOf(WITH_ENDPOINTS).files.get(FILE)?.template.resources.size);
  });

  it('reads templates as CloudFormation does, and never as prototypes', () => {
    const parsed = parse('Resources:\n  __proto__:\n    Type: AWS::SQS::Queue\n  Topic:\n    Type: !Ref TopicType\n');
    assert.ok(parsed.root);
    const value = plainValueOf(parsed.root!) as { Resources: Record<string, unknown> };
    assert.deepEqual(Object.keys(value.Resources), ['__proto__', 'Topic']);
    assert.equal(Object.getPrototypeOf(value.Resources), Object.prototype);
    assert.deepEqual(value.Resources.Topic, { Type: { Ref: 'TopicType' } });
  });
});

describe('rendering the impact', () => {
  it('writes markdown that keeps <region> and quotes visible, with the template diff as a code block', async () => {
    const before = analysisOf(WITHOUT_ENDPOINTS);
    const after = analysisOf(WITH_ENDPOINTS);
    const impact = computeImpact(before, after);
    const library = await import('@aws-cdk/cloudformation-diff');
    const report = buildDiffReport({ toolVersion: 'test', base: 'git HEAD', head: 'the editor', impact, templateDiffs: diffTemplates(library, before, after, impact.files), names: () => ({ before: 'network.yaml', after: 'network.yaml' }) });
    const markdown = renderDiffMarkdown(report, 'Network impact of changes to network.yaml');
    assert.ok(markdown.startsWith(`# Network impact of changes to network.yaml\n\nCompared with git HEAD.\n\n**${impactTitle(impact.summary)}**\n`), markdown);
    assert.ok(impactTitle(impact.summary).startsWith('+3 endpoints · private DNS now in 4 subnets · 1 workload and 1 subnet blocked'));
    assert.ok(markdown.includes('- ssm.\\<region\\>.amazonaws.com now resolves to "SsmEndpoint" in all 4 subnets of "Vpc" (it resolved publicly before).'), markdown);
    assert.ok(markdown.includes('  - "PublicInstance" (subnet "PublicSubnet") loses ssm.\\<region\\>.amazonaws.com: "EndpointSecurityGroup" does not admit TCP 443 from it.'), markdown);
    assert.ok(markdown.includes('### network.yaml (modified)\n\n```text\nSecurity Group Changes\n'), markdown);
    assert.ok(!markdown.includes('\u001b['), 'no terminal colours in markdown');
    const text = renderDiffText(report);
    assert.ok(text.startsWith('Network impact of git HEAD → the editor\n\nDNS names\n'), text);
    assert.ok(text.endsWith(`Summary: ${impactTitle(impact.summary)}\n`), text);
  });

  it('writes no control or bidirectional character from a template, in text or markdown', () => {
    const evil = 'Ssm\u001b]0;retitled\u0007\u202eEndpoint';
    const after = edit(WITH_ENDPOINTS, '  SsmEndpoint:\n', `  ${JSON.stringify(evil)}:\n`);
    const impact = impactOf(WITHOUT_ENDPOINTS, after);
    assert.ok(impact.dns.some((change) => change.message.includes(evil)), 'the logical id is in a message');
    const report = buildDiffReport({ toolVersion: 'test', base: 'a', head: 'b\u001b[2J', impact, templateDiffs: { files: [], coloured: new Map() } });
    const forbidden = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
    const text = renderDiffText(report);
    assert.doesNotMatch(text, forbidden);
    assert.ok(text.includes('"Ssm\\u{1b}]0;retitled\\u{7}\\u{202e}Endpoint"'), text);
    assert.doesNotMatch(renderDiffMarkdown(report, 'T'), forbidden);
  });

  it('says when a change has no network impact, and when the template diff could not be computed', () => {
    const impact = impactOf(FIXED, edit(FIXED, 'GroupDescription: Instances', 'GroupDescription: Application instances'));
    assert.equal(impact.summary.networkImpact, false);
    assert.equal(impactTitle(impact.summary), '1 resource changed · no network impact');
    const report = buildDiffReport({ toolVersion: 'test', base: 'a', head: 'b', impact, templateDiffs: { error: 'db.json.gz is missing' } });
    const text = renderDiffText(report);
    assert.ok(text.includes('\nNo network impact: no DNS name, client path or finding changes.\n'), text);
    assert.ok(text.includes('  The template diff could not be computed: db.json.gz is missing\n'), text);
    assert.ok(renderDiffMarkdown(report, 'T').includes('The template diff could not be computed: db.json.gz is missing'));
  });
});
