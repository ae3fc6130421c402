import { RuleViolation } from './errors';

/** R-S2: what a share may allow. "full" is all four. */
export const SHARE_PERMISSIONS = ['view', 'edit', 'share', 'manage'] as const;
export type SharePermission = (typeof SHARE_PERMISSIONS)[number];
export const FULL_PERMISSIONS: readonly SharePermission[] = SHARE_PERMISSIONS;

/** R-S2: one or more known permissions, none repeated; returned in canonical order. */
export function assertSharePermissions(permissions: readonly string[], field = 'permissions'): SharePermission[] {
  if (permissions.length === 0) throw new RuleViolation('R-S2', 'a share gives at least one permission', { field });
  const unknown = permissions.find((p) => !(SHARE_PERMISSIONS as readonly string[]).includes(p));
  if (unknown) throw new RuleViolation('R-S2', `unknown permission ${unknown}; one of ${SHARE_PERMISSIONS.join(', ')}`, { field });
  if (new Set(permissions).size !== permissions.length) throw new RuleViolation('R-S2', 'a permission is listed twice', { field });
  return SHARE_PERMISSIONS.filter((p) => permissions.includes(p));
}
