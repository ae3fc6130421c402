/** Every workflow the worker runs. One file per operation. */
export * from './invite-organisation.workflow';
export * from './assign-roles.workflow';
export * from './edit-collaborator.workflow';
export * from './add-all-users.workflow';
export * from './remove-collaborator.workflow';
export * from './auto-invite.workflow';
export * from './invite-by-email.workflow';
export * from './save-project-collaborators.workflow';
export * from './transfer-ownership.workflow';
export * from './access-expiry.workflow';
