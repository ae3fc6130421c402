export * from './contracts';
export * from './operation-ids';
export * from './search-attributes';
export * from './invitation-operations';
export * from './project-operations';
export * from './workspace-operations';
export * from './operation-locks';
export * from './expiry-operations';
