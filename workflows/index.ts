/** Every workflow the worker runs. One file per operation. */
export * from './invite-organisation.workflow';
export * from './invite-by-email.workflow';
export * from './save-project-collaborators.workflow';
export * from './transfer-ownership.workflow';
