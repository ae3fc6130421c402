/** Every workflow the worker runs. One file per operation. */
export * from './invite-organisation.workflow';
