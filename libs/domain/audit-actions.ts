/**
 * Every action the audit log records (section 6): the one list that the writers (API
 * services, activities, workflows) and the audit DTO use, so no free string reaches the
 * table. The names are stored and served as they are; two casings survive from earlier
 * rounds (`member.roles-assigned`, `project.share_added`): renaming a stored action is a
 * data migration and an API change, left for a deliberate step (docs/decisions.md, #14).
 */
export const AUDIT_ACTIONS = [
  'workspace.created',
  'project.created',
  'project.updated',
  'project.request_submitted',
  'project.request_approved',
  'project.request_rejected',
  'project.share_added',
  'project.share_changed',
  'project.share_deleted',
  'project.share_expired',
  'project.left',
  'project.ownership_transferred',
  'project.collaborators_saved',
  'collaborator.invited',
  'collaborator.edited',
  'collaborator.all-users-added',
  'collaborator.removed',
  'collaborator.expired',
  'member.roles-assigned',
  'member.auto-invited',
  'member.expired',
  'invitation.created',
  'invitation.resent',
  'invitation.accepted',
  'invitation.declined',
  'invitation.revoked',
  'invitation.expired',
  'invitation.undeliverable',
  'operation.cancel_requested',
  'operation.cancelled',
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];
