/**
 * `s3-interface-private-dns-needs-gateway`: an S3 interface endpoint with private DNS and
 * `DnsOptions.PrivateDnsOnlyForInboundResolverEndpoint: OnlyInboundResolver` (EC2's choice for S3 when
 * the option is left out) sends traffic from inside the VPC to an S3 gateway endpoint, so EC2 refuses
 * it unless the VPC has one; when the gateway endpoint is in the same template, the interface endpoint
 * must depend on it, or CloudFormation may create it first. Reported only for VPCs the workspace
 * declares, where every gateway endpoint of the VPC is visible.
 */
import { evaluateRef, exists, vpcOf, type VpcEndpoint } from '../model';
import { endpointView, hasPrivateDns, vpcLabel } from '../analysis';
import { nodeAtPath, valueOf } from '../syntax';
import { collectReferences, literalString, type Template } from '../template';
import { endpointReport, forEachEndpoint, quoted, relatedResource } from './helpers';
import { entityFromData } from './fix-helpers';
import type { EditIntent, Rule } from './rule';

export const rule: Rule = {
  meta: {
    id: 's3-interface-private-dns-needs-gateway',
    description: 'An S3 interface endpoint with private DNS only for inbound resolver endpoints needs an S3 gateway endpoint in the same VPC.',
    category: 'beyond-vpc',
    defaultSeverity: 'error',
    fixable: true,
  },
  check(ctx) {
    return forEachEndpoint(ctx, (view, scenario) => {
      if (!hasPrivateDns(view) || !view.serviceName.known || view.serviceName.value.service !== 's3') return undefined;
      const vpc = view.vpc.vpc;
      if (view.vpc.key === undefined) return undefined;
      const endpoint = view.endpoint;
      const options = endpoint.dnsOptions ? evaluateRef(endpoint.dnsOptions, scenario) : undefined;
      if (options !== undefined && options.kind !== 'map') return undefined;
      const setting = options?.entries.get('PrivateDnsOnlyForInboundResolverEndpoint');
      const text = setting ? literalString(setting)?.toLowerCase() : 'notspecified';
      // Left out, EC2 turns the option on for S3 ("To set PrivateDnsOnlyForInboundResolverEndpoint to true,
      // the VPC must have a Gateway endpoint for the service"), as users of the API keep finding out.
      if (text !== 'onlyinboundresolver' && text !== 'notspecified') return undefined;
      const defaulted = text === 'notspecified';
      const gateways: VpcEndpoint[] = [];
      for (const other of ctx.model.vpcEndpoints) {
        if (other === endpoint) continue;
        // An endpoint whose VPC is unknown might be the gateway endpoint of this one.
        const otherVpc = vpcOf(ctx.model, other, scenario).key;
        if (otherVpc === undefined) return undefined;
        if (otherVpc !== view.vpc.key || !exists(other, scenario)) continue;
        const otherView = endpointView(ctx.model, other, scenario);
        if (!otherView.type.known || !otherView.serviceName.known) return undefined;
        if (otherView.type.value === 'Gateway' && otherView.serviceName.value.service === 's3') gateways.push(other);
      }
      const node = endpoint.dnsOptions ? (nodeAtPath(endpoint.dnsOptions.node, ['PrivateDnsOnlyForInboundResolverEndpoint']) ?? endpoint.dnsOptions.node) : undefined;
      const range = node ? node.range : endpoint.resource.keyNode.range;
      const mode = defaulted ? 'answers private DNS only for inbound resolver endpoints (what EC2 chooses for S3 when DnsOptions leaves it out)' : 'answers private DNS only for inbound resolver endpoints';
      if (gateways.length === 0) {
        // Only a VPC the workspace declares shows every gateway endpoint it has.
        if (!vpc) return undefined;
        return endpointReport(
          endpoint,
          range,
          `S3 interface endpoint ${quoted(endpoint)} ${mode}, which sends traffic from inside VPC ${vpcLabel(view.vpc)} to an S3 gateway endpoint, but the VPC has none, so the stack will fail.`,
          { data: { endpoint: endpoint.id, vpc: vpc.id } },
        );
      }
      // A gateway endpoint of another template exists before this stack is deployed; one of this template
      // is created in parallel unless the interface endpoint depends on it.
      const template = ctx.files.get(endpoint.file)?.template;
      const sameFile = gateways.filter((gateway) => gateway.file === endpoint.file);
      if (!template || sameFile.length < gateways.length) return undefined;
      const dependencies = dependenciesOf(template, endpoint.logicalId);
      if (sameFile.some((gateway) => dependencies.has(gateway.logicalId))) return undefined;
      const gateway = sameFile[0] as VpcEndpoint;
      return endpointReport(
        endpoint,
        endpoint.resource.keyNode.range,
        `S3 interface endpoint ${quoted(endpoint)} ${mode}, which needs the S3 gateway endpoint ${quoted(gateway)} to exist first, but nothing makes CloudFormation create that one before it, so the stack can fail.`,
        { severity: 'warning', related: [relatedResource(gateway, `Gateway endpoint ${quoted(gateway)} may be created after ${quoted(endpoint)}.`)], data: { endpoint: endpoint.id, gateway: gateway.id } },
      );
    });
  },
  fix(ctx, finding) {
    const endpoint = entityFromData(ctx, finding.data, 'endpoint', 'vpcEndpoint');
    const gateway = entityFromData(ctx, finding.data, 'gateway', 'vpcEndpoint');
    if (!endpoint || !gateway || gateway.file !== endpoint.file) return [];
    const dependsOn = valueOf(endpoint.resource.node, 'DependsOn');
    const intent: EditIntent =
      dependsOn === undefined
        ? { kind: 'setResourceValue', file: endpoint.file, logicalId: endpoint.logicalId, path: ['DependsOn'], value: gateway.logicalId }
        : { kind: 'appendToList', file: endpoint.file, list: dependsOn, value: gateway.logicalId };
    return [{ title: `Create ${quoted(gateway)} before ${quoted(endpoint)} (DependsOn)`, preferred: true, intents: [intent] }];
  },
};

/**
 * The resources CloudFormation creates before `logicalId`: those it names in `DependsOn` or refers to
 * (`Ref`, `Fn::GetAtt`, `Fn::Sub`), and theirs, transitively.
 */
function dependenciesOf(template: Template, logicalId: string): Set<string> {
  const direct = new Map<string, Set<string>>();
  const resources = [...template.resources.values()];
  for (const reference of collectReferences(template)) {
    if (reference.kind !== 'Ref' && reference.kind !== 'GetAtt' && reference.kind !== 'Sub' && reference.kind !== 'DependsOn') continue;
    if (!template.resources.has(reference.name)) continue;
    const owner = resources.find((resource) => resource.node.range[0] <= reference.range[0] && reference.range[1] <= resource.node.range[1]) ?? resources.find((resource) => resource.dependsOn.some((entry) => entry.range[0] <= reference.range[0] && reference.range[1] <= entry.range[1]));
    if (!owner) continue;
    const set = direct.get(owner.logicalId) ?? new Set<string>();
    set.add(reference.name);
    direct.set(owner.logicalId, set);
  }
  const seen = new Set<string>();
  const queue = [...(direct.get(logicalId) ?? [])];
  while (queue.length > 0) {
    const next = queue.pop() as string;
    if (seen.has(next)) continue;
    seen.add(next);
    queue.push(...(direct.get(next) ?? []));
  }
  return seen;
}
