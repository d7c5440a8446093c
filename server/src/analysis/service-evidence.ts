/**
 * Whether a workload evidently calls a service, from the knowledge base (`knowledge/`): a need of
 * level `required` for the service, shown by its roles and policies, its task definitions, its
 * launch configuration or its environment. The answer is a hint for severities: "no evidence" never
 * means the workload does not call it, and hints (a `kms` endpoint for encrypted sessions) are not evidence.
 */
import type { NetworkModel, Workload } from '../model';
import type { Scenario } from '../template';
import { needsOf } from './knowledge';

/** Whether the template shows that `workload` calls `service` (`ssm`, `ecr.dkr`, `logs`…). */
export function evidentlyCalls(model: NetworkModel, workload: Workload, service: string, scenario: Scenario): boolean {
  return needsOf(model, workload, scenario).needs.some((need) => need.service === service && need.level === 'required');
}
