/**
 * The Mermaid output: it passes the flowchart syntax check (`mermaid-syntax.ts`) for the examples,
 * every rule fixture and hostile template text; and it carries the story's facts (subgraphs per VPC,
 * zone and subnet, a styled link per client and endpoint) in a stable text.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { analyze } from '../../../server/src/ide/analysis';
import { renderDiagram } from '../../../server/src/ide/graph';
import { mermaidText } from '../../../server/src/ide/graph/mermaid';
import { FIXTURES, ROOT, templatesUnder } from '../../harness/paths';
import { mermaidProblems } from './mermaid-syntax';

function mermaidOf(file: string, text: string): string {
  return renderDiagram(analyze([{ file, text }], { rules: [] }), { format: 'mermaid' }).text;
}

describe('network diagram (Mermaid)', () => {
  it('passes the syntax check for the examples and every rule fixture', () => {
    for (const path of [...templatesUnder(join(ROOT, 'examples')), ...templatesUnder(join(FIXTURES, 'rules'))]) {
      const text = mermaidOf(relative(ROOT, path), readFileSync(path, 'utf8'));
      assert.deepEqual(mermaidProblems(text), [], relative(ROOT, path));
    }
  });

  it('draws the story: subgraphs for the VPC, zones and subnets, and a styled link from each client to each endpoint', () => {
    const text = mermaidOf('examples/session-manager.yaml', readFileSync(join(ROOT, 'examples', 'session-manager.yaml'), 'utf8'));
    assert.match(text, /^ {2}subgraph v1\["Vpc · 172\.30\.0\.0\/16"\]$/m);
    assert.match(text, /^ {4}subgraph v1_z1\["1st AZ"\]$/m);
    assert.match(text, /\[\["Private DNS: ssm\.#lt;region#gt;\.amazonaws\.com → SsmEndpoint in every subnet"\]\]/);
    const links = text.split('\n').filter((line) => /-\.?->/.test(line));
    assert.equal(links.length, 12);
    assert.equal(links.filter((line) => line.includes('"blocked at endpoint SG"')).length, 6);
    assert.match(text, /^ {2}linkStyle [\d,]+ stroke:#cf222e/m);
  });

  it('keeps hostile template text inside its labels', () => {
    const template = `Resources:
  "Vpc\\"]) --> x%%{init: {'securityLevel':'loose'}}%%":
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: "10.0.0.0/16 | <b>#1</b> & \`x\`"
  "Subnet\\nend\\nsubgraph":
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref "Vpc\\"]) --> x%%{init: {'securityLevel':'loose'}}%%"
      CidrBlock: 10.0.1.0/24
`;
    const text = mermaidOf('evil.yaml', template);
    assert.deepEqual(mermaidProblems(text), []);
    assert.ok(!text.includes('%%{'));
    assert.equal(mermaidText('a"b|c<d>e&f`g%h#i\nj'), 'a#quot;b#124;c#lt;d#gt;e#amp;f#96;g#37;h#35;i j');
  });

  it('the syntax check itself rejects broken charts', () => {
    assert.notDeepEqual(mermaidProblems('flowchart TB\n  a["x"] -->|"y"| b\n'), []);
    assert.notDeepEqual(mermaidProblems('flowchart TB\n  subgraph s["x"]\n'), []);
    assert.notDeepEqual(mermaidProblems('flowchart TB\n  a["say "hi""]\n'), []);
    assert.notDeepEqual(mermaidProblems('flowchart TB\n  a["x"]\n  linkStyle 0 stroke:#000\n'), []);
    assert.notDeepEqual(mermaidProblems('flowchart TB\n  end["x"]\n'), []);
  });
});
