/**
 * The knowledge base of what workloads need: the data (`service-knowledge.ts`, each entry with its
 * AWS documentation page), what a workload's IAM permissions grant (`iam-grants.ts`), the needs a
 * workload evidently has (`workload-needs.ts`), how each is met from its subnets (`needs-met.ts`)
 * and which endpoint sets of a VPC miss members (`endpoint-sets.ts`).
 */
export * from './service-knowledge';
export * from './iam-grants';
export * from './workload-needs';
export * from './needs-met';
export * from './endpoint-sets';
