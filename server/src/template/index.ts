/**
 * The template layer's public surface: sections, detection, the evaluator with its values,
 * conditions and scenarios, and the reference index.
 */
export * from './template';
export * from './values';
export * from './evaluate';
export * from './conditions';
export * from './scenarios';
export * from './references';
export { cidrSubnets } from './fn-cidr';
