/**
 * The golden cases of the edit tests: a fixture, the intents a fix would produce for it, and how
 * many of the fixture's lines the edit may change (every other line must survive byte for byte).
 * The edited text is compared with `test/fixtures/edit/<name>.expected.<ext>`.
 */
import type { EditIntent, TemplateValue } from '../../../server/src/rules/rule';
import type { EditableFile } from '../../../server/src/ide/edit';
import { nodeAt } from './edit-harness';

export interface EditCase {
  readonly name: string;
  readonly fixture: string;
  readonly intents: (file: EditableFile) => EditIntent[];
  /** How many original lines the edit rewrites or deletes; the rest must be kept byte for byte. */
  readonly changedLines: number;
}

const HTTPS_FROM_VPC: TemplateValue = { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: { 'Fn::GetAtt': ['Vpc', 'CidrBlock'] }, Description: 'HTTPS from the VPC' };

function ingressResource(groupId: string): TemplateValue {
  return {
    Type: 'AWS::EC2::SecurityGroupIngress',
    Properties: { GroupId: { 'Fn::GetAtt': [groupId, 'GroupId'] }, IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: { 'Fn::GetAtt': ['Vpc', 'CidrBlock'] } },
  };
}

const set = (file: EditableFile, logicalId: string, path: string[], value: TemplateValue): EditIntent => ({ kind: 'setResourceValue', file: file.file, logicalId, path, value });
const dnsHostnames = (file: EditableFile): EditIntent => set(file, 'Vpc', ['Properties', 'EnableDnsHostnames'], true);

export const CASES: readonly EditCase[] = [
  // Comments everywhere (2 spaces, dashes indented under their key, short tags).
  { name: 'comments.set-dns-hostnames', fixture: 'comments.yaml', changedLines: 0, intents: (f) => [dnsHostnames(f)] },
  {
    name: 'comments.append-ingress',
    fixture: 'comments.yaml',
    changedLines: 0,
    intents: (f) => [{ kind: 'appendToList', file: f.file, list: nodeAt(f, 'Resources', 'EndpointSecurityGroup', 'Properties', 'SecurityGroupIngress'), value: HTTPS_FROM_VPC }],
  },
  {
    name: 'comments.remove-second-subnet',
    fixture: 'comments.yaml',
    changedLines: 1,
    intents: (f) => [{ kind: 'removeListItem', file: f.file, list: nodeAt(f, 'Resources', 'SsmEndpoint', 'Properties', 'SubnetIds'), index: 1 }],
  },
  {
    name: 'comments.replace-scalar',
    fixture: 'comments.yaml',
    changedLines: 2,
    intents: (f) => [
      { kind: 'replaceNode', file: f.file, node: nodeAt(f, 'Resources', 'SsmEndpoint', 'Properties', 'PrivateDnsEnabled'), value: false },
      { kind: 'replaceNode', file: f.file, node: nodeAt(f, 'Resources', 'EndpointSecurityGroup', 'Properties', 'SecurityGroupIngress', 0, 'CidrIp'), value: { 'Fn::GetAtt': ['Vpc', 'CidrBlock'] } },
    ],
  },
  {
    name: 'comments.add-resource',
    fixture: 'comments.yaml',
    changedLines: 0,
    intents: (f) => [{ kind: 'addResource', file: f.file, logicalId: 'EndpointHttpsIngress', after: 'EndpointSecurityGroup', value: ingressResource('EndpointSecurityGroup') }],
  },
  { name: 'comments.add-ignore', fixture: 'comments.yaml', changedLines: 0, intents: (f) => [{ kind: 'addIgnore', file: f.file, logicalId: 'SsmEndpoint', ruleId: 'private-dns-needs-vpc-dns' }] },
  {
    name: 'comments.remove-key',
    fixture: 'comments.yaml',
    changedLines: 1,
    intents: (f) => [{ kind: 'removeResourceKey', file: f.file, logicalId: 'SsmEndpoint', path: ['Properties', 'PrivateDnsEnabled'] }],
  },

  // Four-space indentation.
  {
    name: 'four-space.create-ingress',
    fixture: 'four-space.yaml',
    changedLines: 0,
    intents: (f) => [set(f, 'EndpointSecurityGroup', ['Properties', 'SecurityGroupIngress'], [HTTPS_FROM_VPC])],
  },
  {
    name: 'four-space.remove-second-subnet',
    fixture: 'four-space.yaml',
    changedLines: 1,
    intents: (f) => [{ kind: 'removeListItem', file: f.file, list: nodeAt(f, 'Resources', 'EcrEndpoint', 'Properties', 'SubnetIds'), index: 1 }],
  },
  {
    name: 'four-space.add-resource',
    fixture: 'four-space.yaml',
    changedLines: 0,
    intents: (f) => [{ kind: 'addResource', file: f.file, logicalId: 'EndpointHttpsIngress', after: 'EndpointSecurityGroup', value: ingressResource('EndpointSecurityGroup') }],
  },
  {
    name: 'four-space.replace-quoted-scalar',
    fixture: 'four-space.yaml',
    changedLines: 1,
    intents: (f) => [{ kind: 'replaceNode', file: f.file, node: nodeAt(f, 'Resources', 'Vpc', 'Properties', 'CidrBlock'), value: '10.1.0.0/17' }],
  },
  {
    name: 'four-space.whole-fix',
    fixture: 'four-space.yaml',
    changedLines: 0,
    intents: (f) => [
      dnsHostnames(f),
      set(f, 'EndpointSecurityGroup', ['Properties', 'SecurityGroupIngress'], [HTTPS_FROM_VPC]),
      { kind: 'addIgnore', file: f.file, logicalId: 'EcrEndpoint', ruleId: 'endpoint-subnets-share-az' },
      { kind: 'addIgnore', file: f.file, logicalId: 'EcrEndpoint', ruleId: 'endpoint-uses-default-sg' },
    ],
  },

  // Dashes at the key's column.
  {
    name: 'dash-at-key-column.append-subnet',
    fixture: 'dash-at-key-column.yaml',
    changedLines: 0,
    intents: (f) => [{ kind: 'appendToList', file: f.file, list: nodeAt(f, 'Resources', 'StsEndpoint', 'Properties', 'SubnetIds'), value: { Ref: 'SubnetTwo' } }],
  },
  {
    name: 'dash-at-key-column.create-ingress',
    fixture: 'dash-at-key-column.yaml',
    changedLines: 0,
    intents: (f) => [set(f, 'EndpointSecurityGroup', ['Properties', 'SecurityGroupIngress'], [HTTPS_FROM_VPC])],
  },
  { name: 'dash-at-key-column.add-ignore', fixture: 'dash-at-key-column.yaml', changedLines: 0, intents: (f) => [{ kind: 'addIgnore', file: f.file, logicalId: 'StsEndpoint', ruleId: 'endpoint-subnets-share-az' }] },

  // Flow lists and flow maps.
  {
    name: 'flow-lists.append-security-group',
    fixture: 'flow-lists.yaml',
    changedLines: 1,
    intents: (f) => [{ kind: 'appendToList', file: f.file, list: nodeAt(f, 'Resources', 'KmsEndpoint', 'Properties', 'SecurityGroupIds'), value: { Ref: 'ClientSecurityGroup' } }],
  },
  {
    name: 'flow-lists.remove-second-subnet',
    fixture: 'flow-lists.yaml',
    changedLines: 1,
    intents: (f) => [{ kind: 'removeListItem', file: f.file, list: nodeAt(f, 'Resources', 'KmsEndpoint', 'Properties', 'SubnetIds'), index: 1 }],
  },
  {
    name: 'flow-lists.remove-only-item',
    fixture: 'flow-lists.yaml',
    changedLines: 1,
    intents: (f) => [{ kind: 'removeListItem', file: f.file, list: nodeAt(f, 'Resources', 'KmsEndpoint', 'Properties', 'SecurityGroupIds'), index: 0 }],
  },
  {
    name: 'flow-lists.remove-two-subnets',
    fixture: 'flow-lists.yaml',
    changedLines: 1,
    intents: (f) => {
      const list = nodeAt(f, 'Resources', 'KmsEndpoint', 'Properties', 'SubnetIds');
      return [
        { kind: 'removeListItem', file: f.file, list, index: 0 },
        { kind: 'removeListItem', file: f.file, list, index: 2 },
      ];
    },
  },
  {
    name: 'flow-lists.set-in-flow-map',
    fixture: 'flow-lists.yaml',
    changedLines: 1,
    intents: (f) => [set(f, 'SubnetOne', ['Properties', 'MapPublicIpOnLaunch'], false)],
  },
  { name: 'flow-lists.add-ignore', fixture: 'flow-lists.yaml', changedLines: 0, intents: (f) => [{ kind: 'addIgnore', file: f.file, logicalId: 'KmsEndpoint', ruleId: 'endpoint-subnets-share-az' }] },

  // Windows line endings.
  {
    name: 'crlf.whole-fix',
    fixture: 'crlf.yaml',
    changedLines: 0,
    intents: (f) => [
      dnsHostnames(f),
      { kind: 'appendToList', file: f.file, list: nodeAt(f, 'Resources', 'EndpointSecurityGroup', 'Properties', 'SecurityGroupIngress'), value: { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '10.44.0.0/16' } },
      { kind: 'addResource', file: f.file, logicalId: 'EndpointHttpsIngress', after: 'EndpointSecurityGroup', value: ingressResource('EndpointSecurityGroup') },
      { kind: 'addIgnore', file: f.file, ruleId: 'endpoint-subnets-share-az' },
    ],
  },

  // Long-form intrinsics only.
  {
    name: 'long-form.append-ingress',
    fixture: 'long-form.yaml',
    changedLines: 0,
    intents: (f) => [{ kind: 'appendToList', file: f.file, list: nodeAt(f, 'Resources', 'EndpointSecurityGroup', 'Properties', 'SecurityGroupIngress'), value: { ...(HTTPS_FROM_VPC as object), FromPort: 8443, ToPort: 8443 } }],
  },
  {
    name: 'long-form.add-resource',
    fixture: 'long-form.yaml',
    changedLines: 0,
    intents: (f) => [{ kind: 'addResource', file: f.file, logicalId: 'EndpointHttpsIngress', after: 'EndpointSecurityGroup', value: ingressResource('EndpointSecurityGroup') }],
  },
  {
    name: 'long-form.wrap-subnet',
    fixture: 'long-form.yaml',
    changedLines: 1,
    intents: (f) => [{ kind: 'appendToList', file: f.file, list: nodeAt(f, 'Resources', 'SecretsEndpoint', 'Properties', 'SubnetIds'), value: { Ref: 'SubnetTwo' } }],
  },
  { name: 'long-form.set-dns-hostnames', fixture: 'long-form.yaml', changedLines: 0, intents: (f) => [dnsHostnames(f)] },

  // A VPC without Properties.
  { name: 'vpc-no-properties.set-dns-hostnames', fixture: 'vpc-no-properties.yaml', changedLines: 0, intents: (f) => [dnsHostnames(f)] },
  {
    name: 'vpc-no-properties.two-values',
    fixture: 'vpc-no-properties.yaml',
    changedLines: 0,
    intents: (f) => [set(f, 'Vpc', ['Properties', 'CidrBlock'], '10.6.0.0/16'), set(f, 'Vpc', ['Properties', 'EnableDnsSupport'], true), dnsHostnames(f)],
  },

  // A single subnet reference that becomes a list.
  {
    name: 'single-subnet.wrap',
    fixture: 'single-subnet.yaml',
    changedLines: 1,
    intents: (f) => [{ kind: 'appendToList', file: f.file, list: nodeAt(f, 'Resources', 'Endpoint', 'Properties', 'SubnetIds'), value: { Ref: 'Two' } }],
  },
  {
    name: 'single-subnet-json.wrap',
    fixture: 'single-subnet.json',
    changedLines: 3,
    intents: (f) => [{ kind: 'appendToList', file: f.file, list: nodeAt(f, 'Resources', 'Endpoint', 'Properties', 'SubnetIds'), value: { Ref: 'Two' } }],
  },
  {
    name: 'single-subnet-json.remove-key',
    fixture: 'single-subnet.json',
    changedLines: 1,
    intents: (f) => [{ kind: 'removeResourceKey', file: f.file, logicalId: 'Endpoint', path: ['Properties', 'PrivateDnsEnabled'] }],
  },

  // Ignore lists.
  { name: 'ignore.resource-with-metadata', fixture: 'ignore.yaml', changedLines: 0, intents: (f) => [{ kind: 'addIgnore', file: f.file, logicalId: 'Vpc', ruleId: 'private-dns-needs-vpc-dns' }] },
  { name: 'ignore.resource-without-metadata', fixture: 'ignore.yaml', changedLines: 0, intents: (f) => [{ kind: 'addIgnore', file: f.file, logicalId: 'Subnet', ruleId: 'endpoint-subnets-share-az' }] },
  {
    name: 'ignore.existing-list',
    fixture: 'ignore.yaml',
    changedLines: 0,
    intents: (f) => [
      { kind: 'addIgnore', file: f.file, logicalId: 'EndpointSecurityGroup', ruleId: 'endpoint-sg-blocks-https' },
      { kind: 'addIgnore', file: f.file, logicalId: 'EndpointSecurityGroup', ruleId: 'endpoint-uses-default-sg' },
    ],
  },
  { name: 'ignore.template', fixture: 'ignore.yaml', changedLines: 0, intents: (f) => [{ kind: 'addIgnore', file: f.file, ruleId: 'endpoint-subnets-share-az' }] },
  {
    name: 'ignore.remove-emptied-maps',
    fixture: 'ignore.yaml',
    changedLines: 5,
    intents: (f) => [{ kind: 'removeResourceKey', file: f.file, logicalId: 'Vpc', path: ['Metadata', 'cfn-lint', 'config', 'ignore_checks'] }],
  },

  // Tab-indented JSON.
  { name: 'tabs.set-dns-hostnames', fixture: 'tabs.json', changedLines: 1, intents: (f) => [dnsHostnames(f)] },
  {
    name: 'tabs.append-ingress',
    fixture: 'tabs.json',
    changedLines: 0,
    intents: (f) => [{ kind: 'appendToList', file: f.file, list: nodeAt(f, 'Resources', 'EndpointSecurityGroup', 'Properties', 'SecurityGroupIngress'), value: { ...(HTTPS_FROM_VPC as object), FromPort: 8443, ToPort: 8443 } }],
  },
  {
    name: 'tabs.remove-second-subnet',
    fixture: 'tabs.json',
    changedLines: 2,
    intents: (f) => [{ kind: 'removeListItem', file: f.file, list: nodeAt(f, 'Resources', 'SsmEndpoint', 'Properties', 'SubnetIds'), index: 1 }],
  },
  {
    name: 'tabs.add-resource',
    fixture: 'tabs.json',
    changedLines: 0,
    intents: (f) => [{ kind: 'addResource', file: f.file, logicalId: 'EndpointHttpsIngress', after: 'EndpointSecurityGroup', value: ingressResource('EndpointSecurityGroup') }],
  },
  { name: 'tabs.add-ignore', fixture: 'tabs.json', changedLines: 0, intents: (f) => [{ kind: 'addIgnore', file: f.file, logicalId: 'SsmEndpoint', ruleId: 'endpoint-subnets-share-az' }] },

  // JSON in the classic AWS style: spaced colons, blank lines between resources.
  { name: 'spaces.set-dns-hostnames', fixture: 'spaces.json', changedLines: 1, intents: (f) => [set(f, 'VPC', ['Properties', 'EnableDnsHostnames'], true)] },
  {
    name: 'spaces.add-resource',
    fixture: 'spaces.json',
    changedLines: 0,
    intents: (f) => [{ kind: 'addResource', file: f.file, logicalId: 'EndpointHttpsIngress', after: 'EndpointSecurityGroup', value: { ...(ingressResource('EndpointSecurityGroup') as object), Properties: { GroupId: { Ref: 'EndpointSecurityGroup' }, IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '10.10.0.0/16' } } }],
  },
  {
    name: 'spaces.append-subnet',
    fixture: 'spaces.json',
    changedLines: 1,
    intents: (f) => [{ kind: 'appendToList', file: f.file, list: nodeAt(f, 'Resources', 'StsEndpoint', 'Properties', 'SubnetIds'), value: { Ref: 'PrivateSubnetTwo' } }],
  },
  {
    name: 'spaces.remove-only-subnet',
    fixture: 'spaces.json',
    changedLines: 1,
    intents: (f) => [{ kind: 'removeListItem', file: f.file, list: nodeAt(f, 'Resources', 'StsEndpoint', 'Properties', 'SubnetIds'), index: 0 }],
  },
];
