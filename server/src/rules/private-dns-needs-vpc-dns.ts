/**
 * `private-dns-needs-vpc-dns`: private DNS needs the VPC's `EnableDnsSupport` and `EnableDnsHostnames`
 * to be true; CloudFormation's default for `EnableDnsHostnames` is false, so the stack fails.
 */
import { exists, vpcOf, type Vpc } from '../model';
import { ANY_SCENARIO } from '../template';
import { endpointView, hasPrivateDns, vpcDns } from '../analysis';
import { pairOf, type TextRange } from '../syntax';
import { keyRange, listNames, quoted, relatedResource } from './helpers';
import { entityFromData } from './fix-helpers';
import type { Report, Rule } from './rule';

export const rule: Rule = {
  meta: {
    id: 'private-dns-needs-vpc-dns',
    description: 'Private DNS on an interface endpoint needs the VPC attributes EnableDnsSupport and EnableDnsHostnames to be true.',
    category: 'dns',
    defaultSeverity: 'error',
    fixable: true,
  },
  check(ctx) {
    const reports: Report[] = [];
    for (const vpc of ctx.model.vpcs) {
      // Only endpoints that may be in this VPC matter; the others would only multiply the scenarios.
      const candidates = ctx.model.vpcEndpoints.filter((endpoint) => {
        const handle = vpcOf(ctx.model, endpoint, ANY_SCENARIO);
        return handle.vpc === vpc || handle.value?.kind === 'unknown';
      });
      if (candidates.length === 0) continue;
      reports.push(...ctx.explore((scenario) => {
        if (!exists(vpc, scenario)) return [];
        // The VPC's attributes first: when they are fine, no endpoint's conditions need consulting.
        const dns = vpcDns(vpc, scenario);
        const missing: string[] = [];
        if (dns.enableDnsSupport.known && !dns.enableDnsSupport.value) missing.push('EnableDnsSupport');
        if (dns.enableDnsHostnames.known && !dns.enableDnsHostnames.value) missing.push('EnableDnsHostnames');
        if (missing.length === 0) return [];
        const endpoints = candidates
          .filter((endpoint) => exists(endpoint, scenario))
          .map((endpoint) => endpointView(ctx.model, endpoint, scenario))
          .filter((view) => hasPrivateDns(view) && view.vpc.vpc === vpc);
        if (endpoints.length === 0) return [];
        const names = listNames(endpoints.map((view) => quoted(view.endpoint)));
        const why = missing
          .map((attribute) => (attribute === 'EnableDnsHostnames' && dns.hostnamesDefaulted ? 'EnableDnsHostnames is not set and defaults to false' : `${attribute} is false`))
          .join(' and ');
        return [
          {
            file: vpc.file,
            range: attributeRange(vpc, missing),
            logicalId: vpc.logicalId,
            message: `VPC ${quoted(vpc)} cannot host the private DNS of ${endpoints.length === 1 ? 'endpoint' : 'endpoints'} ${names} because ${why}, so the stack will fail to create ${endpoints.length === 1 ? 'it' : 'them'}.`,
            related: endpoints.map((view) => relatedResource(view.endpoint, `Endpoint ${quoted(view.endpoint)} has private DNS on.`, view.endpoint.privateDnsEnabled?.node)),
            data: { vpc: vpc.id, attributes: missing },
          },
        ];
      }));
    }
    return reports;
  },
  fix(ctx, finding) {
    const vpc = entityFromData(ctx, finding.data, 'vpc', 'vpc');
    const attributes = finding.data?.attributes;
    if (!vpc || !Array.isArray(attributes) || attributes.length === 0) return [];
    const names = attributes.filter((attribute): attribute is string => attribute === 'EnableDnsSupport' || attribute === 'EnableDnsHostnames');
    return [
      {
        title: `Set ${names.join(' and ')} to true on VPC ${quoted(vpc)}`,
        preferred: true,
        intents: names.map((attribute) => ({ kind: 'setResourceValue' as const, file: vpc.file, logicalId: vpc.logicalId, path: ['Properties', attribute], value: true })),
      },
    ];
  },
};

/** The attribute that is false, else the `Properties` key, else the resource key. */
function attributeRange(vpc: Vpc, missing: readonly string[]): TextRange {
  for (const attribute of missing) {
    const ref = attribute === 'EnableDnsSupport' ? vpc.enableDnsSupport : vpc.enableDnsHostnames;
    if (ref) return ref.node.range;
  }
  const properties = pairOf(vpc.resource.node, 'Properties');
  return properties ? properties.key.range : keyRange(vpc);
}
