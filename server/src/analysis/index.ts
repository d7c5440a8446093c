/**
 * The analysis layer's public surface: pure questions over the network model.
 */
export * from './endpoints';
export * from './service-names';
export * from './availability-zones';
export * from './vpc-dns';
export * from './cidr';
export * from './protocols';
export * from './address-space';
export * from './security-groups';
export * from './network-acls';
export * from './routes';
export * from './captures';
export * from './reach';
export * from './service-evidence';
export * from './knowledge';
