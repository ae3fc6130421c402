/**
 * What the Temporal UI shows for an operation (issue 11): a one-line summary in words and
 * details in Markdown, set once at start (`staticSummary`, `staticDetails`). Organisation,
 * workspace and project names only: no person's name or email reaches Temporal (R-A2), so
 * users appear by id.
 */
export interface OperationNames {
  workspace?: string;
  organisation?: string;
  project?: string;
}

type Input = Record<string, unknown>;

const words = (type: unknown) =>
  String(type)
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/ ([A-Z])/g, (_, c: string) => ` ${c.toLowerCase()}`);
/** An id or number as text; anything else (absent, an object) as nothing. */
const text = (value: unknown): string => (typeof value === 'string' || typeof value === 'number' ? String(value) : '');
const list = (values: unknown) => (Array.isArray(values) ? values.map(words).join(', ') : '');

export function operationSummary(kind: string, input: Input, names: OperationNames): string {
  const ws = names.workspace ?? text(input.workspaceId);
  const org = names.organisation ?? text(input.organisationId);
  const project = names.project ?? text(input.projectId);
  switch (kind) {
    case 'invite-organisation':
      return `Invite ${org} to ${ws} as ${list(input.types)}`;
    case 'edit-collaborator':
      return `Edit collaborator ${org} in ${ws}`;
    case 'add-all-users':
      return `Add every user of ${org} to ${ws}`;
    case 'remove-collaborator':
      return `Remove collaborator ${org} from ${ws}`;
    case 'assign-roles':
      return `Set roles of user ${text(input.userId)} in ${ws} to ${list(input.roles)}`;
    case 'auto-invite':
      return `Add new user ${text(input.userId)} of ${org} to the workspaces that auto-invite it`;
    case 'save-project-collaborators':
      return `Add ${Array.isArray(input.collaborators) ? input.collaborators.length : ''} collaborating organisation(s) to project ${project}`;
    case 'transfer-ownership':
      return `Hand project ${project} over to user ${text(input.newOwnerId)}${input.leave ? ', previous owner leaves' : ''}`;
    case 'invitation': {
      const n = Array.isArray(input.invitationIds) ? input.invitationIds.length : 0;
      return `Invite ${n} ${n === 1 ? 'person' : 'people'} by email to ${ws}`;
    }
    default:
      return `${words(kind)} in ${ws}`;
  }
}

/** The ids behind the summary, and the request that started it (to find its log lines). */
export function operationDetails(input: Input, requestId: string | undefined): string {
  const actor = input.actor as { userId?: string; organisationId?: string } | undefined;
  const rows: Array<[string, unknown]> = [
    ['workspace', input.workspaceId],
    ['organisation', input.organisationId],
    ['project', input.projectId],
    ['user', input.userId ?? input.newOwnerId],
    ['actor', actor?.userId ?? input.actorId],
    ['request id (X-Request-Id)', requestId],
  ];
  return rows
    .filter(([, v]) => typeof v === 'string' && v)
    .map(([k, v]) => `- **${k}**: \`${text(v)}\``)
    .join('\n');
}
