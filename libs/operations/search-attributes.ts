import { SearchAttributeType, defineSearchAttributeKey } from '@temporalio/common';

/**
 * Typed search attributes of every operation. Ids only, never an email address or a
 * token (R-I3). Registered on the dev server by flag and on other servers by the worker
 * at start (libs/temporal/search-attributes.ts).
 */
export const SearchAttr = {
  operationKind: defineSearchAttributeKey('CollabOperationKind', SearchAttributeType.KEYWORD),
  workspaceId: defineSearchAttributeKey('CollabWorkspaceId', SearchAttributeType.KEYWORD),
  organisationId: defineSearchAttributeKey('CollabOrganisationId', SearchAttributeType.KEYWORD),
  projectId: defineSearchAttributeKey('CollabProjectId', SearchAttributeType.KEYWORD),
  userId: defineSearchAttributeKey('CollabUserId', SearchAttributeType.KEYWORD),
  actorId: defineSearchAttributeKey('CollabActorId', SearchAttributeType.KEYWORD),
  invitationId: defineSearchAttributeKey('CollabInvitationId', SearchAttributeType.KEYWORD),
  invitationState: defineSearchAttributeKey('CollabInvitationState', SearchAttributeType.KEYWORD),
  /** Section 5: the invitations of one request's operation (1…100). */
  invitationIds: defineSearchAttributeKey('CollabInvitationIds', SearchAttributeType.KEYWORD_LIST),
} as const;

export const SEARCH_ATTRIBUTE_KEYS = Object.values(SearchAttr);
