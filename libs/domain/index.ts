export * from './errors';
export * from './roles';
export * from './permissions';
export * from './project-access';
