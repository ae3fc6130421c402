import { operationDetails, operationSummary } from './operation-summary';

describe('operation summaries for the Temporal UI', () => {
  it('says what an invitation does in words, with names of organisations and workspaces', () => {
    expect(
      operationSummary(
        'invite-organisation',
        { workspaceId: 'w', organisationId: 'o', types: ['DataPartner', 'AnnotationPartner'] },
        { workspace: 'Area A2', organisation: 'Globex Data' },
      ),
    ).toBe('Invite Globex Data to Area A2 as Data partner, Annotation partner');
  });

  it('R-A2 names people by id only, and lists the ids and request id in the details', () => {
    const summary = operationSummary('assign-roles', { workspaceId: 'w', userId: 'u-1', roles: ['Developer'] }, { workspace: 'Area A2' });
    expect(summary).toBe('Set roles of user u-1 in Area A2 to Developer');
    expect(operationDetails({ workspaceId: 'w', actor: { userId: 'a' }, email: 'x@y.test' }, 'req-1')).toBe(
      '- **workspace**: `w`\n- **actor**: `a`\n- **request id (X-Request-Id)**: `req-1`',
    );
  });

  it('an invitation request by email counts its people and names no address (R-A2)', () => {
    const input = { workspaceId: 'w', actorId: 'a', invitationIds: ['i-1', 'i-2'] };
    expect(operationSummary('invitation', input, { workspace: 'Area A2' })).toBe('Invite 2 people by email to Area A2');
    expect(operationDetails(input, undefined)).toBe('- **workspace**: `w`\n- **actor**: `a`');
  });
});
