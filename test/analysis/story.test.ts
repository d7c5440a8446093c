/**
 * The story the product exists for: `examples/session-manager.yaml` blocks the public instances'
 * Session Manager calls through its closed-subnet endpoints, and its fixed twin
 * `examples/session-manager-fixed.yaml` gives no finding of the reachability rules.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeText } from '../../server/src/ide/analysis';
import { ROOT } from '../harness/paths';

const REACHABILITY_RULES = new Set([
  'client-egress-blocks-endpoint',
  'endpoint-private-dns-conflict',
  'endpoint-sg-blocks-vpc-clients',
  'endpoint-single-az',
  'endpoint-vpc-mismatch',
  'nacl-blocks-endpoint',
  'private-dns-not-shared-with-peers',
  's3-interface-private-dns-needs-gateway',
]);

function findings(name: string) {
  const file = join(ROOT, 'examples', name);
  return analyzeText(file, readFileSync(file, 'utf8')).findings.filter((finding) => REACHABILITY_RULES.has(finding.rule));
}

describe('the Session Manager story', () => {
  it('reports each endpoint for the public instance and the public subnet it leaves out', () => {
    const reported = findings('session-manager.yaml');
    assert.deepEqual(
      reported.map((finding) => `${finding.severity} ${finding.rule} ${finding.logicalId}`),
      ['error endpoint-sg-blocks-vpc-clients SsmEndpoint', 'error endpoint-sg-blocks-vpc-clients SsmMessagesEndpoint', 'error endpoint-sg-blocks-vpc-clients Ec2MessagesEndpoint'],
    );
    assert.equal(
      reported[0]?.message,
      'Private DNS makes ssm.<region>.amazonaws.com resolve to "SsmEndpoint" in every subnet of "Vpc", but its security group "EndpointSecurityGroup" does not admit TCP 443 from "PublicInstance" (subnet "PublicSubnet", 172.30.0.0/24) and subnet "PublicSubnet2" (172.30.1.0/24): their Session Manager calls will time out.',
    );
    assert.deepEqual(reported[0]?.related.map((location) => location.logicalId), ['PublicInstance', 'PublicSubnet2', 'EndpointSecurityGroup']);
    const data = reported[0]?.data as { blockedClients: { logicalId: string; subnets: { cidr: string }[] }[]; endpointGroups: { logicalId: string }[] };
    assert.deepEqual(data.blockedClients.map((client) => [client.logicalId, client.subnets.map((subnet) => subnet.cidr)]), [
      ['PublicInstance', ['172.30.0.0/24']],
      ['PublicSubnet2', ['172.30.1.0/24']],
    ]);
    assert.deepEqual(data.endpointGroups.map((group) => group.logicalId), ['EndpointSecurityGroup']);
  });

  it('is silent on the fixed twin, whose endpoint group admits the VPC CIDR', () => {
    assert.deepEqual(findings('session-manager-fixed.yaml').map((finding) => finding.message), []);
  });
});
