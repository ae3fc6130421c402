/**
 * Deterministic workflow ids, built from what an operation acts on, so that a duplicate
 * request joins the running operation instead of starting a second one. The workflow id
 * is the operation id of `GET /operations/{id}`. Ids only: never an email address.
 */
export const OPERATION_KINDS = [
  'invite-organisation',
  'assign-roles',
  'edit-collaborator',
  'add-all-users',
  'remove-collaborator',
  'auto-invite',
  'save-project-collaborators',
  'transfer-ownership',
  // R-E1: the timer of an access end date (expiry.<member|collaborator|share>.<ids>).
  'expiry',
] as const;
export type OperationKind = (typeof OPERATION_KINDS)[number];

export const operationIds = {
  inviteOrganisation: (workspaceId: string, organisationId: string) => `invite-organisation.${workspaceId}.${organisationId}`,
} satisfies Record<string, (...ids: string[]) => string>;

/** The operation kind is the id's first segment. */
export function operationKindOf(operationId: string): string {
  return operationId.split('.', 1)[0];
}
