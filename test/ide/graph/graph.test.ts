/**
 * The network diagram: golden structural summaries of the SVG for the examples and every rule fixture
 * (elements, labels, edge states), the whole SVG of the story example byte for byte, the story's facts
 * (the public instance blocked at the endpoint's security group, private DNS over the whole VPC),
 * unknown values drawn as unknown, conditional resources marked, hostile template text escaped,
 * determinism, and layout invariants (boxes inside their parents, no overlaps, edges ending on
 * interfaces). `UPDATE_GOLDEN=1` rewrites the goldens.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { analyze, type SourceFile } from '../../../server/src/ide/analysis';
import { buildDiagram, layoutDiagram, renderDiagram, renderSvg } from '../../../server/src/ide/graph';
import type { BoxShape, Layout, Rect } from '../../../server/src/ide/graph/layout';
import { expectGolden } from '../../harness/golden';
import { FIXTURES, ROOT, templatesUnder } from '../../harness/paths';
import { allElements, parseXml, structureOf, textOf, unsafeParts } from './svg-structure';

const GOLDENS = join(ROOT, 'test', 'ide', 'graph', 'goldens');

function source(path: string): SourceFile {
  return { file: relative(ROOT, path), text: readFileSync(path, 'utf8') };
}

function svgOf(files: readonly SourceFile[]): string {
  return renderDiagram(analyze(files, { rules: [] }), { format: 'svg' }).text;
}

const SESSION_MANAGER = source(join(ROOT, 'examples', 'session-manager.yaml'));

describe('network diagram (SVG)', () => {
  describe('goldens', () => {
    for (const path of templatesUnder(join(ROOT, 'examples'))) {
      it(`draws ${relative(ROOT, path)}`, () => {
        const root = parseXml(svgOf([source(path)]));
        assert.deepEqual(unsafeParts(root), []);
        expectGolden(join(GOLDENS, 'examples', `${basename(path).replace(/\.\w+$/, '')}.txt`), structureOf(root));
      });
    }

    it('draws the story example byte for byte', () => {
      expectGolden(join(GOLDENS, 'examples', 'session-manager.svg'), svgOf([SESSION_MANAGER]));
    });

    for (const path of templatesUnder(join(FIXTURES, 'rules'))) {
      const name = relative(join(FIXTURES, 'rules'), path);
      it(`draws rule fixture ${name}`, () => {
        const root = parseXml(svgOf([source(path)]));
        assert.deepEqual(unsafeParts(root), []);
        expectGolden(join(GOLDENS, 'rules', name.replace(/\.\w+$/, '.txt')), structureOf(root));
      });
    }
  });

  describe('the story: Session Manager endpoints in the closed subnet', () => {
    const root = parseXml(svgOf([SESSION_MANAGER]));
    const elements = allElements(root);
    const classesOf = (element: (typeof elements)[number]) => (element.attributes.get('class') ?? '').split(' ');
    const edges = elements.filter((element) => element.name === 'path' && element.attributes.has('data-from'));

    it('draws the public instance blocked at the endpoint security group, and the closed instance allowed, for every endpoint', () => {
      for (const endpoint of ['SsmEndpoint', 'SsmMessagesEndpoint', 'Ec2MessagesEndpoint']) {
        const fromPublic = edges.filter((edge) => edge.attributes.get('data-from') === 'PublicInstance' && edge.attributes.get('data-to') === endpoint);
        assert.equal(fromPublic.length, 1, endpoint);
        assert.ok(classesOf(fromPublic[0] as (typeof elements)[number]).includes('edge-blocked'));
        const fromClosed = edges.filter((edge) => edge.attributes.get('data-from') === 'ClosedInstance' && edge.attributes.get('data-to') === endpoint);
        assert.ok(classesOf(fromClosed[0] as (typeof elements)[number]).includes('edge-allowed'));
      }
      const labels = elements.filter((element) => classesOf(element).includes('edge-label-blocked')).map((element) => textOf(element).trim());
      assert.ok(labels.includes('blocked at endpoint SG'), labels.join(', '));
    });

    it('shows private DNS as covering every subnet of the VPC', () => {
      const bands = elements.filter((element) => classesOf(element)[0] === 'dns');
      assert.equal(bands.length, 3);
      assert.ok(textOf(bands[0] as (typeof elements)[number]).includes('ssm.<region>.amazonaws.com → SsmEndpoint in every subnet'));
      const vpc = elements.find((element) => classesOf(element)[0] === 'vpc');
      assert.ok(vpc);
      assert.equal(allElements(vpc).filter((element) => classesOf(element)[0] === 'dns-coverage').length, 1);
    });

    it('puts subnets in Availability Zone columns with their CIDR and route, and endpoint interfaces inside their subnets', () => {
      const layout = layoutDiagram(buildDiagram(analyze([SESSION_MANAGER], { rules: [] })));
      const subnets = boxesOf(layout, 'subnet');
      const x = (id: string) => subnets.find((box) => box.source?.logicalId === id)?.rect.x;
      assert.equal(x('PublicSubnet'), x('ClosedSubnet'));
      assert.equal(x('PublicSubnet2'), x('ClosedSubnet2'));
      assert.notEqual(x('PublicSubnet'), x('PublicSubnet2'));
      const closed = subnets.find((box) => box.source?.logicalId === 'ClosedSubnet');
      assert.deepEqual(closed?.children.filter((child) => child.kind === 'interface').map((child) => child.source?.logicalId), ['SsmEndpoint', 'SsmMessagesEndpoint', 'Ec2MessagesEndpoint']);
      assert.ok(closed?.texts.some((text) => text.text === '172.30.4.0/24'));
      assert.ok(closed?.texts.some((text) => text.text === 'closed'));
      assert.ok(subnets.find((box) => box.source?.logicalId === 'PublicSubnet')?.texts.some((text) => text.text === 'internet (IGW)'));
    });

    it('names the region when it is known', () => {
      const svg = renderDiagram(analyze([SESSION_MANAGER], { rules: [], region: 'eu-west-1' })).text;
      assert.ok(svg.includes('ssm.eu-west-1.amazonaws.com → SsmEndpoint in every subnet'));
    });
  });

  describe('unknown values and conditions', () => {
    const template = `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  VpcId:
    Type: AWS::EC2::VPC::Id
  Zone:
    Type: AWS::EC2::AvailabilityZone::Name
  CreateLogs:
    Type: String
    Default: "false"
Conditions:
  WithLogs: !Equals [!Ref CreateLogs, "true"]
Resources:
  AppSubnet:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref VpcId
      CidrBlock: 10.1.0.0/24
      AvailabilityZone: !Ref Zone
  LogsEndpoint:
    Type: AWS::EC2::VPCEndpoint
    Condition: WithLogs
    Properties:
      VpcId: !Ref VpcId
      ServiceName: !Sub com.amazonaws.\${AWS::Region}.logs
      VpcEndpointType: Interface
      PrivateDnsEnabled: !If [WithLogs, true, false]
      SubnetIds: [!Ref AppSubnet]
`;
    const analysis = analyze([{ file: 'params.yaml', text: template }], { rules: [] });
    const diagram = buildDiagram(analysis);

    it('draws a VPC from a parameter as such, with its CIDR unknown', () => {
      const vpc = diagram.vpcs[0];
      assert.equal(vpc?.label.text, 'VPC from parameter "VpcId"');
      assert.equal(vpc?.declared, false);
      assert.equal(vpc?.cidr.text, 'CIDR unknown');
      const svg = renderSvg(layoutDiagram(diagram));
      assert.match(svg, /<g class="vpc undeclared">/);
      assert.ok(svg.includes('not declared in the workspace'));
    });

    it('draws a zone from a parameter as such, not as a guessed zone', () => {
      assert.equal(diagram.vpcs[0]?.zones[0]?.label.text, 'AZ from parameter "Zone"');
    });

    it('marks a conditional endpoint and keeps its undecided private DNS unknown', () => {
      const eni = diagram.vpcs[0]?.zones[0]?.subnets[0]?.interfaces[0];
      assert.equal(eni?.condition, 'WithLogs');
      const band = diagram.vpcs[0]?.privateDns[0];
      assert.equal(band?.state, 'unknown');
      const svg = renderSvg(layoutDiagram(diagram));
      assert.match(svg, /<g class="interface conditional" data-logical-id="LogsEndpoint"/);
      assert.match(svg, /<g class="dns dns-unknown conditional" data-logical-id="LogsEndpoint"/);
      assert.ok(svg.includes('if WithLogs'));
    });
  });

  describe('untrusted template text', () => {
    const evil = `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  "Vpc<script>alert(1)</script>":
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: "10.0.0.0/16\\" onload=\\"alert(2)"
  "Sub&net'\\u0001\\"><img src=x onerror=alert(3)>":
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref "Vpc<script>alert(1)</script>"
      CidrBlock: 10.0.1.0/24
      AvailabilityZone: "]]><script>alert(4)</script>"
  "Endpoint%%{init: {'securityLevel':'loose'}}%%|#x":
    Type: AWS::EC2::VPCEndpoint
    Properties:
      VpcId: !Ref "Vpc<script>alert(1)</script>"
      ServiceName: "com.amazonaws.us-east-1.<b>bold</b>"
      VpcEndpointType: Interface
      PrivateDnsEnabled: true
      SubnetIds: [!Ref "Sub&net'\\u0001\\"><img src=x onerror=alert(3)>"]
`;

    it('escapes every text and attribute, so that the SVG stays well-formed and inert', () => {
      const svg = svgOf([{ file: 'evil".yaml', text: evil }]);
      const root = parseXml(svg);
      assert.deepEqual(unsafeParts(root), []);
      assert.ok(!/<script|<img|<b>/i.test(svg));
      const ids = allElements(root).flatMap((element) => element.attributes.get('data-logical-id') ?? []);
      assert.ok(ids.includes('Vpc<script>alert(1)</script>'), 'the logical id survives escaping intact');
      assert.ok(allElements(root).some((element) => element.attributes.get('data-file') === 'evil".yaml'));
    });
  });

  describe('determinism and layout', () => {
    it('gives the same SVG for the same input', () => {
      const files = templatesUnder(join(ROOT, 'examples')).map(source);
      assert.equal(svgOf(files), svgOf(files));
    });

    it('keeps boxes inside their parents and apart from their siblings, and ends every edge on an interface', () => {
      for (const path of [...templatesUnder(join(ROOT, 'examples')), ...templatesUnder(join(FIXTURES, 'rules'))]) {
        const layout = layoutDiagram(buildDiagram(analyze([source(path)], { rules: [] })));
        for (const box of layout.boxes) checkBox(box, relative(ROOT, path));
        const interfaces = boxesOf(layout, 'interface');
        for (const edge of layout.edges) {
          const end = edge.points[edge.points.length - 1];
          assert.ok(end && interfaces.some((box) => end.x === box.rect.x + box.rect.width + 1 && end.y > box.rect.y && end.y < box.rect.y + box.rect.height), `${path}: edge ${edge.id} ends on an interface`);
        }
      }
    });

    it('says so when there is nothing to draw', () => {
      const svg = svgOf([{ file: 'empty.yaml', text: 'AWSTemplateFormatVersion: "2010-09-09"\nResources: {}\n' }]);
      assert.ok(textOf(parseXml(svg)).includes('No VPC, subnet or VPC endpoint is declared in these templates.'));
    });
  });
});

function boxesOf(layout: Layout, kind: BoxShape['kind']): BoxShape[] {
  const found: BoxShape[] = [];
  const visit = (box: BoxShape): void => {
    if (box.kind === kind) found.push(box);
    box.children.forEach(visit);
  };
  layout.boxes.forEach(visit);
  return found;
}

function inside(inner: Rect, outer: Rect): boolean {
  return inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.width <= outer.x + outer.width && inner.y + inner.height <= outer.y + outer.height;
}

function overlap(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/** Children inside their box; siblings that are boxes of the picture (not the tint behind them) apart. */
function checkBox(box: BoxShape, where: string): void {
  const solid = box.children.filter((child) => child.kind !== 'dns-coverage' && child.kind !== 'legend-item');
  for (const child of box.children) assert.ok(inside(child.rect, box.rect), `${where}: ${child.kind} ${child.source?.logicalId ?? ''} inside ${box.kind}`);
  solid.forEach((a, index) => {
    for (const b of solid.slice(index + 1)) assert.ok(!overlap(a.rect, b.rect), `${where}: ${a.kind} ${a.source?.logicalId ?? ''} and ${b.kind} ${b.source?.logicalId ?? ''} overlap`);
  });
  box.children.forEach((child) => checkBox(child, where));
}
