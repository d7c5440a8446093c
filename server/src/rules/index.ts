/**
 * The static rule registry, sorted by id, and the rule layer's public surface.
 */
import type { Rule } from './rule';
import { INTERNAL_ERROR_RULE } from './run-rules';
import { rule as clientEgressBlocksEndpoint } from './client-egress-blocks-endpoint';
import { rule as endpointPrivateDnsConflict } from './endpoint-private-dns-conflict';
import { rule as endpointPrivateDnsWithoutSubnets } from './endpoint-private-dns-without-subnets';
import { rule as endpointSetIncomplete } from './endpoint-set-incomplete';
import { rule as endpointSgBlocksVpcClients } from './endpoint-sg-blocks-vpc-clients';
import { rule as endpointSingleAz } from './endpoint-single-az';
import { rule as endpointSubnetsShareAz } from './endpoint-subnets-share-az';
import { rule as endpointTypePropertyMismatch } from './endpoint-type-property-mismatch';
import { rule as endpointUsesDefaultSg } from './endpoint-uses-default-sg';
import { rule as endpointVpcMismatch } from './endpoint-vpc-mismatch';
import { rule as gatewayEndpointRouteTablesMissing } from './gateway-endpoint-route-tables-missing';
import { rule as naclBlocksEndpoint } from './nacl-blocks-endpoint';
import { rule as privateDnsNeedsVpcDns } from './private-dns-needs-vpc-dns';
import { rule as privateDnsNotSharedWithPeers } from './private-dns-not-shared-with-peers';
import { rule as s3InterfacePrivateDnsNeedsGateway } from './s3-interface-private-dns-needs-gateway';
import { rule as templateSyntaxError } from './template-syntax-error';
import { rule as workloadServiceUnreachable } from './workload-service-unreachable';

export const allRules: readonly Rule[] = [
  clientEgressBlocksEndpoint,
  endpointPrivateDnsConflict,
  endpointPrivateDnsWithoutSubnets,
  endpointSetIncomplete,
  endpointSgBlocksVpcClients,
  endpointSingleAz,
  endpointSubnetsShareAz,
  endpointTypePropertyMismatch,
  endpointUsesDefaultSg,
  endpointVpcMismatch,
  gatewayEndpointRouteTablesMissing,
  naclBlocksEndpoint,
  privateDnsNeedsVpcDns,
  privateDnsNotSharedWithPeers,
  s3InterfacePrivateDnsNeedsGateway,
  templateSyntaxError,
  workloadServiceUnreachable,
];

/** The rule with this id, if any. */
export function ruleById(id: string): Rule | undefined {
  return allRules.find((rule) => rule.meta.id === id);
}

export * from './rule';
export * from './run-rules';

/** Every rule id a setting or a project file may name: the rules and the internal-error finding. */
export function ruleIds(): string[] {
  return [...allRules.map((rule) => rule.meta.id), INTERNAL_ERROR_RULE];
}
