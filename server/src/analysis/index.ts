/**
 * The analysis layer's public surface: pure questions over the network model.
 */
export * from './endpoints';
export * from './service-names';
export * from './availability-zones';
export * from './vpc-dns';
