import { waitForOperation } from '../support/factories';
import type { Reply } from '../support/http';
import { TestApp, startTestApp } from '../support/test-app';
import { GuardPairs, Kind, guardPairs, unorderedPairs } from './guard-pairs';

/**
 * R-O1: starting an operation is atomic. With no worker polling, a started operation
 * stays running, so every pair of kinds meets a running one for sure: an identical
 * request joins it, a different one on the same collaborator or project is a 409 naming it.
 * Inviting an organisation meets the others only through the rules on whether it already
 * collaborates; there the refusal is the one whose advice still holds once the running
 * operation ends (docs/decisions.md, issue 13).
 */
describe('one operation at a time per collaborator and per project (R-O1)', () => {
  let t: TestApp;
  let g: GuardPairs;

  beforeAll(async () => {
    t = await startTestApp();
    g = await guardPairs(t);
  });
  afterAll(() => t.close());

  const collaboratorKinds: Kind[] = ['edit', 'add-all-users', 'remove', 'assign-roles'];
  const projectKinds: Kind[] = ['save', 'handover'];
  const pairs = (kinds: Kind[]) => kinds.flatMap((a) => kinds.filter((b) => b !== a).map((b) => [a, b] as const));
  const namesIt = (reply: Reply, id: string) => ({ status: reply.status, error: reply.body.error, names: String(reply.body.message).includes(id) });

  it.each(pairs(collaboratorKinds).concat(pairs(projectKinds)))(
    'R-O1 while %s runs, %s on the same collaborator or project is a 409 naming it',
    async (first, second) => {
      const id = await g.running(first);
      try {
        expect(namesIt(await g.send(second, 1), id)).toEqual({ status: 409, error: 'conflict', names: true });
      } finally {
        await g.terminate(id);
      }
    },
  );

  it.each(['edit', 'add-all-users', 'remove'] as Kind[])(
    'R-O1 while an organisation is being invited, %s of it is a 409 naming the invitation',
    async (kind) => {
      const id = await g.running('invite', 'newcomer');
      try {
        expect(namesIt(await g.send(kind, 1, 'newcomer'), id)).toEqual({ status: 409, error: 'conflict', names: true });
      } finally {
        await g.terminate(id);
      }
    },
  );

  it('R-O1 while an organisation is being invited, assigning roles to one of its users is 404: an invitation adds no members', async () => {
    const id = await g.running('invite', 'newcomer');
    try {
      const refused = await g.send('assign-roles', 1, 'newcomer');
      expect({ status: refused.status, field: refused.body.field }).toEqual({ status: 404, field: 'userId' });
    } finally {
      await g.terminate(id);
    }
  });

  it.each(['edit', 'add-all-users', 'assign-roles'] as Kind[])(
    'R-W6 while %s runs on a collaborator, inviting it again is the 409 "already a collaborator"',
    async (kind) => {
      const id = await g.running(kind);
      try {
        const refused = await g.send('invite', 1);
        expect({ ...namesIt(refused, id), rule: refused.body.rule }).toEqual({ status: 409, error: 'conflict', names: false, rule: 'R-W6' });
      } finally {
        await g.terminate(id);
      }
    },
  );

  it('R-O1 while a collaborator is being removed, inviting it again is a 409 naming the removal', async () => {
    const id = await g.running('remove');
    try {
      expect(namesIt(await g.send('invite', 1), id)).toEqual({ status: 409, error: 'conflict', names: true });
    } finally {
      await g.terminate(id);
    }
  });

  it.each(unorderedPairs(collaboratorKinds).concat(unorderedPairs(projectKinds)))(
    'R-O1 %s and %s fired at once on one collaborator or project: one 202, the other a 409 naming it',
    async (a, b) => {
      const replies = await Promise.all([g.send(a, 0), g.send(b, 1)]);
      const accepted = replies.filter((r) => r.status === 202);
      try {
        expect(accepted).toHaveLength(1);
        const refused = replies.find((r) => r !== accepted[0])!;
        expect(namesIt(refused, accepted[0].body.operationId)).toEqual({ status: 409, error: 'conflict', names: true });
      } finally {
        for (const r of accepted) await g.terminate(r.body.operationId);
      }
    },
  );

  it.each(['edit', 'add-all-users', 'remove', 'assign-roles'] as Kind[])(
    'R-O1 inviting an organisation and %s of it fired at once: the invitation is 202, the other never',
    async (kind) => {
      const [invite, other] = await Promise.all([g.send('invite', 0, 'newcomer'), g.send(kind, 1, 'newcomer')]);
      try {
        expect(invite.status).toBe(202);
        // Answered before the invitation started: not a collaborator (404); after: the 409 naming it.
        expect([404, 409]).toContain(other.status);
        if (other.status === 409) expect(other.body.message).toContain(invite.body.operationId);
        if (kind === 'assign-roles') expect(other.status).toBe(404);
      } finally {
        if (invite.status === 202) await g.terminate(invite.body.operationId);
      }
    },
  );

  it.each(['edit', 'add-all-users', 'remove', 'assign-roles'] as Kind[])(
    'R-O1 %s of a collaborator and inviting it again fired at once: %s is 202, the invitation a 409',
    async (kind) => {
      const [other, invite] = await Promise.all([g.send(kind, 0), g.send('invite', 1)]);
      try {
        expect(other.status).toBe(202);
        // R-W6 (already a collaborator), or, while a removal runs, the 409 naming it.
        const fits = invite.body.rule === 'R-W6' || (kind === 'remove' && String(invite.body.message).includes(other.body.operationId));
        expect({ status: invite.status, fits }).toEqual({ status: 409, fits: true });
      } finally {
        if (other.status === 202) await g.terminate(other.body.operationId);
      }
    },
  );

  it.each((['invite'] as Kind[]).concat(collaboratorKinds, projectKinds))(
    'R-O1 while %s runs, the identical request joins it and a different one is a 409',
    async (kind) => {
      const target = kind === 'invite' ? 'newcomer' : 'collaborator';
      const id = await g.running(kind, target);
      try {
        const same = await g.send(kind, 0, target);
        expect({ status: same.status, operationId: same.body.operationId }).toEqual({ status: 202, operationId: id });
        if (kind !== 'remove') expect(namesIt(await g.send(kind, 1, target), id)).toEqual({ status: 409, error: 'conflict', names: true });
      } finally {
        await g.terminate(id);
      }
    },
  );

  it('R-O1 role assignments of two members of one collaborator do not exclude each other', async () => {
    const first = await g.running('assign-roles');
    try {
      const second = await t.http.as(g.token).put(`/workspaces/${g.wsId}/members/${g.secondMemberId}/roles`, { roles: ['ProjectManager'] });
      expect(second.status).toBe(202);
      expect(second.body.operationId).not.toBe(first);
      await g.terminate(second.body.operationId);
    } finally {
      await g.terminate(first);
    }
  });

  it('R-O1 20 concurrent edits with three different bodies: every 202 is for the body that runs, the others are 409', async () => {
    const bodies = [{ autoInvite: false }, { projectAccess: { mode: 'full' } }, { projectAccess: { mode: 'limited', projectIds: [g.projectId] } }];
    const path = `/workspaces/${g.wsId}/collaborators/${g.partnerId}`;
    const replies = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        t.http
          .as(g.token)
          .patch(path, bodies[i % 3])
          .then((r) => ({ r, body: i % 3 })),
      ),
    );
    const accepted = replies.filter((x) => x.r.status === 202);
    const refused = replies.filter((x) => x.r.status !== 202);
    expect(accepted.length).toBeGreaterThan(0);
    expect(new Set(accepted.map((x) => x.body)).size).toBe(1);
    expect(new Set(accepted.map((x) => x.r.body.operationId)).size).toBe(1);
    const id = accepted[0].r.body.operationId;
    expect(refused.map((x) => x.r.status)).toEqual(refused.map(() => 409));
    for (const x of refused) expect(x.r.body.message).toContain(id);
    await t.startWorker();
    try {
      expect((await waitForOperation(t.http, g.token, id)).status).toBe('succeeded');
      const audit = await t.http.as(g.token).get(`/workspaces/${g.wsId}/audit?limit=200`);
      const edited = audit.body.items.filter((e: { action: string; operationId: string }) => e.action === 'collaborator.edited' && e.operationId === id);
      expect(edited).toHaveLength(1);
    } finally {
      await t.stopWorker();
    }
  });
});
