import { AuditEntry } from './audit-entry.entity';
import { Collaborator } from './collaborator.entity';
import { InvitationMail } from './invitation-mail.entity';
import { Invitation } from './invitation.entity';
import { OperationGuard } from './operation-guard.entity';
import { Organisation } from './organisation.entity';
import { ProjectAccessGrant } from './project-access-grant.entity';
import { ProjectCollaborator } from './project-collaborator.entity';
import { ProjectRequest } from './project-request.entity';
import { Project } from './project.entity';
import { RateLimitCounter } from './rate-limit-counter.entity';
import { Share } from './share.entity';
import { User } from './user.entity';
import { WorkforceAccess } from './workforce-access.entity';
import { WorkspaceMember } from './workspace-member.entity';
import { Workspace } from './workspace.entity';

export * from './audit-entry.entity';
export * from './collaborator.entity';
export * from './invitation-mail.entity';
export * from './invitation.entity';
export * from './operation-guard.entity';
export * from './organisation.entity';
export * from './project-access-grant.entity';
export * from './project-collaborator.entity';
export * from './project-request.entity';
export * from './project.entity';
export * from './rate-limit-counter.entity';
export * from './share.entity';
export * from './user.entity';
export * from './workforce-access.entity';
export * from './workspace-member.entity';
export * from './workspace.entity';

export const ENTITIES = [
  Organisation,
  User,
  WorkforceAccess,
  Workspace,
  Collaborator,
  ProjectAccessGrant,
  WorkspaceMember,
  Project,
  ProjectCollaborator,
  ProjectRequest,
  Share,
  Invitation,
  InvitationMail,
  AuditEntry,
  OperationGuard,
  RateLimitCounter,
];
