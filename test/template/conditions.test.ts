/**
 * Conditions and scenarios: which combinations of condition values can happen, and walking only
 * the conditions a computation consults.
 */
import { strict as assert } from 'node:assert';
import { parse } from '../../server/src/syntax';
import { buildConditions, buildTemplate, exploreScenarios, isSatisfiable, type ConditionUniverse, type Value } from '../../server/src/template';

const TEMPLATE = `
Parameters:
  Env: { Type: String }
  Kind: { Type: String, AllowedValues: [ec2, container] }
  Flag: { Type: String, Default: "yes" }
Conditions:
  IsProd: !Equals [!Ref Env, prod]
  IsDev: !Equals [!Ref Env, dev]
  IsEc2: !Equals [!Ref Kind, ec2]
  IsContainer: !Equals [container, !Ref Kind]
  ProdOrDev: !Or [!Condition IsProd, !Condition IsDev]
  NotProd: !Not [!Condition IsProd]
  HasFlag: !Equals [!Ref Flag, "yes"]
  Always: !Equals [a, a]
Resources: {}
`;

function universe(parameters?: ReadonlyMap<string, Value>): ConditionUniverse {
  const template = buildTemplate('t.yaml', parse(TEMPLATE));
  return new Map([['t.yaml', buildConditions({ template, ...(parameters ? { parameters } : {}) })]]);
}

const sat = (assignment: Record<string, boolean>, u = universe()) => isSatisfiable(u, new Map(Object.entries(assignment).map(([name, value]) => [`t.yaml#${name}`, value])));

describe('condition satisfiability', () => {
  const cases: readonly [Record<string, boolean>, boolean][] = [
    [{ IsProd: true }, true],
    [{ IsProd: true, IsDev: true }, false],
    [{ IsProd: false, IsDev: false }, true],
    [{ IsEc2: true, IsContainer: true }, false],
    [{ IsEc2: false, IsContainer: false }, false],
    [{ ProdOrDev: true, IsProd: false, IsDev: false }, false],
    [{ NotProd: true, IsProd: true }, false],
    [{ HasFlag: false }, true],
    [{ Always: false }, false],
  ];
  for (const [assignment, expected] of cases) {
    it(`${JSON.stringify(assignment)} is ${expected ? '' : 'not '}satisfiable`, () => assert.equal(sat(assignment), expected));
  }

  it('lets parameter files pin conditions', () => {
    const pinned = universe(new Map([['Env', { kind: 'string', value: 'prod' }]]));
    assert.equal(sat({ IsProd: false }, pinned), false);
    assert.equal(sat({ IsDev: true }, pinned), false);
    assert.equal(sat({ IsProd: true }, pinned), true);
  });
});

describe('exploreScenarios', () => {
  it('runs once when nothing consults a condition', () => {
    const result = exploreScenarios(universe(), () => 'x');
    assert.equal(result.leaves.length, 1);
    assert.equal(result.complete, true);
  });

  it('visits every satisfiable combination of the consulted conditions, and no other', () => {
    const seen = exploreScenarios(universe(), (scenario) => `${scenario.condition('t.yaml', 'IsProd')}/${scenario.condition('t.yaml', 'IsDev')}`);
    assert.deepEqual(seen.leaves.map((leaf) => leaf.result).sort(), ['false/false', 'false/true', 'true/false']);
  });

  it('branches only on what a run consults', () => {
    const seen = exploreScenarios(universe(), (scenario) => (scenario.condition('t.yaml', 'IsEc2') ? 'ec2' : `container:${scenario.condition('t.yaml', 'HasFlag')}`));
    assert.deepEqual(seen.leaves.map((leaf) => leaf.result).sort(), ['container:false', 'container:true', 'ec2']);
  });

  it('stops at the bound and says so', () => {
    const many = exploreScenarios(universe(), (scenario) => ['IsProd', 'IsEc2', 'HasFlag'].map((name) => scenario.condition('t.yaml', name)).join(), 2);
    assert.equal(many.leaves.length, 2);
    assert.equal(many.complete, false);
  });
});
