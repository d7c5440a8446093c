/**
 * Extraction of the plain network resources: VPCs, subnets, VPC endpoints, route tables and routes,
 * network ACLs and their entries, gateways, hosted zones, Route 53 Resolver endpoints, peerings,
 * transit gateway attachments and DHCP options associations. Security groups and workloads have
 * files of their own.
 */
import { valueOf } from '../syntax';
import type { Entity, EntityBase, RouteTargetKind, Vpc } from './network-model';
import { nodeRef, propertyRef } from './node-ref';

const ROUTE_TARGETS: readonly (readonly [string, RouteTargetKind])[] = [
  ['GatewayId', 'internetGateway'],
  ['NatGatewayId', 'natGateway'],
  ['TransitGatewayId', 'transitGateway'],
  ['VpcPeeringConnectionId', 'vpcPeering'],
  ['VpcEndpointId', 'vpcEndpoint'],
  ['EgressOnlyInternetGatewayId', 'egressOnlyInternetGateway'],
  ['NetworkInterfaceId', 'networkInterface'],
  ['InstanceId', 'instance'],
  ['LocalGatewayId', 'localGateway'],
  ['CarrierGatewayId', 'carrierGateway'],
  ['CoreNetworkArn', 'coreNetwork'],
];

/** The entity for a network resource, or undefined for resources the model does not need. */
export function extractNetworkEntity(base: EntityBase): Entity | undefined {
  const p = (...path: string[]) => propertyRef(base, ...path);
  switch (base.resource.type) {
    case 'AWS::EC2::VPC':
      return {
        ...base,
        kind: 'vpc',
        cidrBlock: p('CidrBlock'),
        enableDnsSupport: p('EnableDnsSupport'),
        enableDnsHostnames: p('EnableDnsHostnames'),
      } satisfies Vpc;
    case 'AWS::EC2::VPCCidrBlock':
      return {
        ...base,
        kind: 'vpcCidrBlock',
        vpcId: p('VpcId'),
        cidrBlock: p('CidrBlock'),
        ipv6CidrBlock: p('Ipv6CidrBlock'),
        amazonProvidedIpv6CidrBlock: p('AmazonProvidedIpv6CidrBlock'),
      };
    case 'AWS::EC2::Subnet':
      return {
        ...base,
        kind: 'subnet',
        vpcId: p('VpcId'),
        cidrBlock: p('CidrBlock'),
        ipv6CidrBlock: p('Ipv6CidrBlock'),
        availabilityZone: p('AvailabilityZone'),
        availabilityZoneId: p('AvailabilityZoneId'),
      };
    case 'AWS::EC2::VPCEndpoint':
      return {
        ...base,
        kind: 'vpcEndpoint',
        vpcId: p('VpcId'),
        serviceName: p('ServiceName'),
        vpcEndpointType: p('VpcEndpointType'),
        privateDnsEnabled: p('PrivateDnsEnabled'),
        subnetIds: p('SubnetIds'),
        securityGroupIds: p('SecurityGroupIds'),
        routeTableIds: p('RouteTableIds'),
        dnsOptions: p('DnsOptions'),
        ipAddressType: p('IpAddressType'),
      };
    case 'AWS::EC2::RouteTable':
      return { ...base, kind: 'routeTable', vpcId: p('VpcId') };
    case 'AWS::EC2::Route': {
      const target = ROUTE_TARGETS.find(([property]) => valueOf(base.resource.properties, property) !== undefined);
      return {
        ...base,
        kind: 'route',
        routeTableId: p('RouteTableId'),
        destinationCidrBlock: p('DestinationCidrBlock'),
        destinationIpv6CidrBlock: p('DestinationIpv6CidrBlock'),
        destinationPrefixListId: p('DestinationPrefixListId'),
        targetKind: target?.[1] ?? 'unknown',
        target: target ? p(target[0]) : undefined,
      };
    }
    case 'AWS::EC2::SubnetRouteTableAssociation':
      return { ...base, kind: 'subnetRouteTableAssociation', subnetId: p('SubnetId'), routeTableId: p('RouteTableId') };
    case 'AWS::EC2::NetworkAcl':
      return { ...base, kind: 'networkAcl', vpcId: p('VpcId') };
    case 'AWS::EC2::NetworkAclEntry':
      return {
        ...base,
        kind: 'networkAclEntry',
        networkAclId: p('NetworkAclId'),
        ruleNumber: p('RuleNumber'),
        protocol: p('Protocol'),
        ruleAction: p('RuleAction'),
        egress: p('Egress'),
        cidrBlock: p('CidrBlock'),
        ipv6CidrBlock: p('Ipv6CidrBlock'),
        portFrom: p('PortRange', 'From'),
        portTo: p('PortRange', 'To'),
      };
    case 'AWS::EC2::SubnetNetworkAclAssociation':
      return { ...base, kind: 'subnetNetworkAclAssociation', subnetId: p('SubnetId'), networkAclId: p('NetworkAclId') };
    case 'AWS::EC2::InternetGateway':
      return { ...base, kind: 'internetGateway' };
    case 'AWS::EC2::VPCGatewayAttachment':
      return { ...base, kind: 'gatewayAttachment', vpcId: p('VpcId'), internetGatewayId: p('InternetGatewayId'), vpnGatewayId: p('VpnGatewayId') };
    case 'AWS::EC2::NatGateway':
      return { ...base, kind: 'natGateway', subnetId: p('SubnetId'), connectivityType: p('ConnectivityType') };
    case 'AWS::Route53::HostedZone': {
      const vpcs = valueOf(base.resource.properties, 'VPCs');
      const vpcIds = vpcs?.kind === 'seq' ? vpcs.items.map((item) => nodeRef(base, item, 'VPCId')).filter((ref) => ref !== undefined) : [];
      return { ...base, kind: 'hostedZone', name: p('Name'), vpcIds };
    }
    case 'AWS::EC2::VPCPeeringConnection':
      return { ...base, kind: 'vpcPeering', vpcId: p('VpcId'), peerVpcId: p('PeerVpcId') };
    case 'AWS::EC2::TransitGatewayVpcAttachment':
    case 'AWS::EC2::TransitGatewayAttachment':
      return { ...base, kind: 'transitGatewayAttachment', vpcId: p('VpcId'), subnetIds: p('SubnetIds') };
    case 'AWS::Route53Resolver::ResolverEndpoint': {
      const addresses = valueOf(base.resource.properties, 'IpAddresses');
      const subnetIds = addresses?.kind === 'seq' ? addresses.items.map((item) => nodeRef(base, item, 'SubnetId')).filter((ref) => ref !== undefined) : [];
      return { ...base, kind: 'resolverEndpoint', direction: p('Direction'), subnetIds };
    }
    case 'AWS::EC2::VPCDHCPOptionsAssociation':
      return { ...base, kind: 'dhcpOptionsAssociation', vpcId: p('VpcId'), dhcpOptionsId: p('DhcpOptionsId') };
    default:
      return undefined;
  }
}
