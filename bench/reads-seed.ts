/**
 * The data behind bench/reads.bench.ts, inserted directly in bulk (multi-row INSERTs through
 * em.insertMany, so every column is converted as the entities declare it): one workspace of
 * `size` and, in the same database, the same shape at a few rows of each.
 */
import type { EntityManager } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import {
  AuditEntry,
  Collaborator,
  Invitation,
  Organisation,
  Project,
  ProjectAccessGrant,
  Share,
  User,
  Workspace,
  WorkspaceMember,
} from '../libs/persistence/entities';

export interface WorldSize {
  members: number;
  organisations: number;
  projects: number;
  audit: number;
  invitations: number;
}

/** BENCH_READS_SCALE=0.1 for a quick look at a tenth of the large workspace. */
const SCALE = Number(process.env.BENCH_READS_SCALE ?? 1);
export const LARGE: WorldSize = scaled({ members: 100_000, organisations: 1_000, projects: 5_000, audit: 50_000, invitations: 10_000 });
/**
 * A new workspace with just enough rows for every listing to fill its page of 50 (the
 * admin sees about 60% of the projects): both sides then serve the same page, and the
 * growth measures what lies behind the page, not a smaller answer.
 */
export const FRESH: WorldSize = { members: 60, organisations: 60, projects: 100, audit: 100, invitations: 60 };

/** What the bench reads: the workspace, its Admin (a member of the owning organisation), and the ids its routes need. */
export interface World {
  workspaceId: string;
  admin: { id: string; email: string };
  /** A project the admin sees through a share (not its own, not an organisation project). */
  sharedProjectId: string;
  /** (createdAt, id) of the member at 90% of the listing, for "a page after member 90,000". */
  deepMember: { createdAt: Date; id: string };
  users: number;
}

const ROWS_PER_STATEMENT = 500;

/** Bulk insert in statements of at most 500 rows (SQLite's compound-select cap; PostgreSQL's bind limit is far). */
async function insertAll(em: EntityManager, entity: new (...args: never[]) => object, rows: Array<Record<string, unknown>>): Promise<void> {
  for (let from = 0; from < rows.length; from += ROWS_PER_STATEMENT) {
    await em.insertMany(entity, rows.slice(from, from + ROWS_PER_STATEMENT) as never);
  }
}

/**
 * Members come from `organisations` partner organisations (all collaborators; every other
 * one with limited project access and a few grants) and the owning organisation. Half the
 * projects are organisation projects; every project is shared with four members, and every
 * fifth with the admin too. Audit entries: four in five about a project. Invitations: pending.
 */
export async function seedWorld(em: EntityManager, size: WorldSize, label: string): Promise<World> {
  const t0 = Date.now() - 86_400_000;
  const at = (i: number) => new Date(t0 + i);
  const owner = { id: randomUUID(), name: `${label} owner`, key: randomUUID(), createdAt: at(0) };
  const partners = Array.from({ length: size.organisations }, (_, i) => ({
    id: randomUUID(),
    name: `${label} partner ${i}`,
    key: randomUUID(),
    createdAt: at(i),
  }));
  await insertAll(em, Organisation, [owner, ...partners]);

  const tag = randomUUID().slice(0, 8);
  const admin = { id: randomUUID(), email: `admin-${tag}@bench.test`, name: 'Admin', organisation: owner.id, orgRoles: ['OrgAdmin'], createdAt: at(0) };
  const users = Array.from({ length: size.members - 1 }, (_, i) => {
    // One member in ten belongs to the owning organisation, the rest to the partners in turn.
    const organisation = i % 10 === 0 || !partners.length ? owner.id : partners[i % partners.length].id;
    return { id: randomUUID(), email: `u${i}-${tag}@bench.test`, name: `User ${i}`, organisation, orgRoles: ['Member'], createdAt: at(i) };
  });
  const everyone = [admin, ...users];
  await insertAll(em, User, everyone);

  const workspaceId = randomUUID();
  await insertAll(em, Workspace, [{ id: workspaceId, name: `${label} workspace`, ownerOrganisation: owner.id, createdAt: at(0) }]);
  const collaborators = [
    {
      id: randomUUID(),
      workspace: workspaceId,
      organisation: owner.id,
      types: ['Owner'],
      projectAccess: 'full',
      autoInvite: false,
      invitedBy: admin.id,
      version: 1,
      createdAt: at(0),
      updatedAt: at(0),
    },
    ...partners.map((o, i) => ({
      id: randomUUID(),
      workspace: workspaceId,
      organisation: o.id,
      types: ['AnnotationPartner'],
      projectAccess: i % 2 ? 'limited' : 'full',
      autoInvite: false,
      invitedBy: admin.id,
      version: 1,
      createdAt: at(i + 1),
      updatedAt: at(i + 1),
    })),
  ];
  await insertAll(em, Collaborator, collaborators);

  const members = everyone.map((u, i) => ({
    id: randomUUID(),
    workspace: workspaceId,
    user: u.id,
    organisationId: u.organisation,
    roles: [i === 0 ? 'Admin' : 'Developer'],
    createdAt: at(i),
  }));
  await insertAll(em, WorkspaceMember, members);

  const projects = Array.from({ length: size.projects }, (_, i) => {
    const by = everyone[1 + ((i * 7) % (everyone.length - 1))];
    const organisationProject = i % 2 === 0;
    return {
      id: randomUUID(),
      workspace: workspaceId,
      name: `Project ${i}`,
      owner: by.id,
      organisation: by.organisation,
      organisationProject,
      collaborationProject: false,
      reversible: false,
      version: 1,
      createdAt: at(i),
    };
  });
  await insertAll(em, Project, projects);
  // The admin's shares: on every fifth project, private ones included.
  const shares = projects.flatMap((p, i) => [
    ...Array.from({ length: 4 }, (_, k) => ({
      id: randomUUID(),
      project: p.id,
      user: everyone[1 + ((i * 4 + k) % (everyone.length - 1))].id,
      permissions: ['view'],
      createdAt: at(i),
      updatedAt: at(i),
    })),
    ...(i % 5 === 1 ? [{ id: randomUUID(), project: p.id, user: admin.id, permissions: ['view', 'edit'], createdAt: at(i), updatedAt: at(i) }] : []),
  ]);
  await insertAll(em, Share, dedupe(shares));
  const grants = collaborators
    .filter((c) => c.projectAccess === 'limited')
    .flatMap((c, i) =>
      Array.from({ length: Math.min(5, projects.length) }, (_, k) => ({
        id: randomUUID(),
        collaborator: c.id,
        project: projects[(i * 5 + k) % projects.length].id,
      })),
    );
  await insertAll(
    em,
    ProjectAccessGrant,
    dedupeBy(grants, (g) => `${g.collaborator}:${g.project}`),
  );

  const audit = Array.from({ length: size.audit }, (_, i) => ({
    id: randomUUID(),
    workspaceId,
    projectId: i % 5 === 0 ? null : projects[i % projects.length].id,
    actorId: everyone[i % everyone.length].id,
    action: i % 5 === 0 ? 'member.added' : 'project.updated',
    details: { n: i },
    createdAt: at(i),
  }));
  await insertAll(em, AuditEntry, audit);

  const invitations = Array.from({ length: size.invitations }, (_, i) => {
    const email = `invitee-${i}-${tag}@bench.test`;
    return {
      id: randomUUID(),
      workspace: workspaceId,
      email,
      inviter: admin.id,
      types: ['AnnotationPartner'],
      role: 'AnnotationManager',
      projectAccess: { mode: 'full' },
      tokenHash: randomUUID().replace(/-/g, '') + randomUUID().replace(/-/g, ''),
      status: 'pending',
      pendingKey: `${workspaceId}:${email}`,
      expiresAt: new Date(Date.now() + 7 * 86_400_000),
      workflowId: `bench.invitation.${randomUUID()}`,
      createdAt: at(i),
    };
  });
  await insertAll(em, Invitation, invitations);

  const sharedProject = projects.find((p, i) => i % 5 === 1 && !p.organisationProject) ?? projects[1];
  // 90% of the way (member 90,000 of 100,000), or earlier when a full page would not follow.
  const deep = members[Math.max(0, Math.min(Math.floor(members.length * 0.9), members.length - 51))];
  return {
    workspaceId,
    admin: { id: admin.id, email: admin.email },
    sharedProjectId: sharedProject.id,
    deepMember: { createdAt: deep.createdAt, id: deep.id },
    users: everyone.length,
  };
}

function dedupe<T extends { project: string; user: string }>(rows: T[]): T[] {
  return dedupeBy(rows, (r) => `${r.project}:${r.user}`);
}

function dedupeBy<T>(rows: T[], key: (row: T) => string): T[] {
  const seen = new Set<string>();
  return rows.filter((r) => !seen.has(key(r)) && seen.add(key(r)));
}

function scaled(size: WorldSize): WorldSize {
  return Object.fromEntries(Object.entries(size).map(([k, v]) => [k, Math.max(10, Math.round(v * SCALE))])) as unknown as WorldSize;
}
