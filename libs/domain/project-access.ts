import { RuleViolation } from './errors';

/** R-W8: all projects of the workspace (present and future), or a list. */
export type ProjectAccess = { mode: 'full' } | { mode: 'limited'; projectIds: string[] };

/**
 * R-W8: an editor may grant only projects its own organisation can access. `editorAccess`
 * is the editor organisation's own project access in the workspace, and `workspaceProjectIds`
 * every project of the workspace.
 */
export function assertProjectAccessWithin(
  requested: ProjectAccess,
  editorAccess: ProjectAccess,
  workspaceProjectIds: readonly string[],
  field = 'projectAccess',
): void {
  const inWorkspace = new Set(workspaceProjectIds);
  if (requested.mode === 'limited') {
    const unknown = requested.projectIds.find((id) => !inWorkspace.has(id));
    if (unknown) throw new RuleViolation('R-W8', `project ${unknown} is not a project of this workspace`, { field: `${field}.projectIds` });
    if (new Set(requested.projectIds).size !== requested.projectIds.length) {
      throw new RuleViolation('R-W8', 'a project is listed twice', { field: `${field}.projectIds` });
    }
  }
  if (editorAccess.mode === 'full') return;
  if (requested.mode === 'full') {
    throw new RuleViolation('R-W8', 'full project access can only be granted by an organisation that has full access itself', {
      kind: 'forbidden',
      field: `${field}.mode`,
    });
  }
  const own = new Set(editorAccess.projectIds);
  const outside = requested.projectIds.find((id) => !own.has(id));
  if (outside) {
    throw new RuleViolation('R-W8', `your organisation has no access to project ${outside}, so it cannot grant it`, {
      kind: 'forbidden',
      field: `${field}.projectIds`,
    });
  }
}
