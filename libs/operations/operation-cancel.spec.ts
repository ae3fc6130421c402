import { refusalToCancel } from './operation-cancel';

describe('whether a running operation can still be stopped (R-O4)', () => {
  it('R-O4 add-all-users and a handover can be stopped until their point of no return', () => {
    expect(refusalToCancel('add-all-users', null)).toBeUndefined();
    expect(refusalToCancel('add-all-users', { step: 'addMembersBatch', done: 5000, total: 9000 })).toBeUndefined();
    expect(refusalToCancel('add-all-users', { step: 'recordAudit', done: 9000, total: 9000 })).toMatch(/^too late/);
    expect(refusalToCancel('transfer-ownership', { step: 'moveOwnership', done: 2, total: 5 })).toBeUndefined();
    expect(refusalToCancel('transfer-ownership', { step: 'recordOwnershipTransfer', done: 4, total: 5 })).toMatch(/^too late/);
  });
  it('R-O4 a failing handover that is undoing its steps cannot be stopped', () => {
    expect(refusalToCancel('transfer-ownership', { step: 'compensating', done: 3, total: 5 })).toMatch(/undoing/);
  });
  it('R-O4 kinds without a stopping point are refused whatever their step, saying what to do instead where there is something', () => {
    expect(refusalToCancel('remove-collaborator', null)).toMatch(/cannot be stopped half-way/);
    expect(refusalToCancel('invitation', null)).toMatch(/revoke its invitations one by one/);
  });
});
