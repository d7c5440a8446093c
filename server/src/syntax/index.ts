/**
 * The syntax layer's public surface: parse YAML or JSON into a plain tree, and convert offsets.
 */
export * from './node';
export * from './parse';
export * from './line-index';
export * from './intrinsics';
