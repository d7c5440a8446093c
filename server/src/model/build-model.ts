/**
 * `buildNetworkModel(templates)`: the network entities of one template or of many, extracted from
 * their resources. Cross-file links need no special case here: the environments resolve
 * `Fn::ImportValue` to values that name resources of other files.
 */
import { buildConditions, type Resource, type TemplateConditions } from '../template';
import { extractNetworkEntity } from './extract-network';
import { extractSecurityGroup, extractStandaloneRule } from './extract-security-groups';
import { extractWorkloads, resourceFinder } from './extract-workloads';
import type { Entity, EntityBase, ModelTemplate, NetworkModel, SecurityGroupRule } from './network-model';

/** Build the model of the given templates. Never throws on template content. */
export function buildNetworkModel(templates: readonly ModelTemplate[]): NetworkModel {
  const byFile = new Map<string, ModelTemplate>();
  const conditions = new Map<string, TemplateConditions>();
  const entities: Entity[] = [];
  const rules: SecurityGroupRule[] = [];
  for (const input of templates) {
    byFile.set(input.template.file, input);
    conditions.set(input.template.file, buildConditions(input.env));
    for (const resource of input.template.resources.values()) {
      const base = entityBase(input, resource);
      switch (resource.type) {
        case 'AWS::EC2::SecurityGroup': {
          const { group, rules: inline } = extractSecurityGroup(base);
          entities.push(group);
          rules.push(...inline);
          break;
        }
        case 'AWS::EC2::SecurityGroupIngress':
        case 'AWS::EC2::SecurityGroupEgress': {
          const rule = extractStandaloneRule(base, resource.type === 'AWS::EC2::SecurityGroupIngress' ? 'ingress' : 'egress');
          if (rule) rules.push(rule);
          break;
        }
        default: {
          const entity = extractNetworkEntity(base);
          if (entity) entities.push(entity);
        }
      }
    }
  }
  // Workloads come second: they follow references to launch templates and task definitions in any file.
  const find = resourceFinder(byFile, entityBase);
  for (const input of templates) entities.push(...extractWorkloads(input, (resource) => entityBase(input, resource), find));
  return assemble(byFile, conditions, entities, rules);
}

function entityBase(input: ModelTemplate, resource: Resource): EntityBase {
  return {
    id: `${input.template.file}#${resource.logicalId}`,
    file: input.template.file,
    logicalId: resource.logicalId,
    resource,
    env: input.env,
    condition: resource.condition,
  };
}

function assemble(
  templates: ReadonlyMap<string, ModelTemplate>,
  conditions: ReadonlyMap<string, TemplateConditions>,
  entities: readonly Entity[],
  securityGroupRules: readonly SecurityGroupRule[],
): NetworkModel {
  const of = <K extends Entity['kind']>(kind: K): Extract<Entity, { kind: K }>[] =>
    entities.filter((entity): entity is Extract<Entity, { kind: K }> => entity.kind === kind);
  const byId = new Map<string, Entity>();
  for (const entity of entities) if (!byId.has(entity.id)) byId.set(entity.id, entity);
  return {
    templates,
    conditions,
    vpcs: of('vpc'),
    vpcCidrBlocks: of('vpcCidrBlock'),
    subnets: of('subnet'),
    securityGroups: of('securityGroup'),
    securityGroupRules,
    vpcEndpoints: of('vpcEndpoint'),
    routeTables: of('routeTable'),
    routes: of('route'),
    routeTableAssociations: of('subnetRouteTableAssociation'),
    networkAcls: of('networkAcl'),
    networkAclEntries: of('networkAclEntry'),
    networkAclAssociations: of('subnetNetworkAclAssociation'),
    internetGateways: of('internetGateway'),
    gatewayAttachments: of('gatewayAttachment'),
    natGateways: of('natGateway'),
    workloads: of('workload'),
    hostedZones: of('hostedZone'),
    vpcPeerings: of('vpcPeering'),
    transitGatewayAttachments: of('transitGatewayAttachment'),
    resolverEndpoints: of('resolverEndpoint'),
    dhcpOptionsAssociations: of('dhcpOptionsAssociation'),
    byId,
  };
}
