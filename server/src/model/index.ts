/**
 * The model layer's public surface: the network entities of one or many templates.
 */
export * from './network-model';
export { buildNetworkModel } from './build-model';
export { propertyRef, nodeRef } from './node-ref';
export * from './resolve';
export * from './associations';
