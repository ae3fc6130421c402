/** Every workflow the worker runs. One file per operation. */
export * from './invite-organisation.workflow';
export * from './invite-by-email.workflow';
