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
  it('R-O4 kinds without a stopping point are refused whatever their step', () => {
    expect(refusalToCancel('remove-collaborator', null)).toMatch(/cannot be stopped half-way/);
  });
  it('R-O4 an invitation request stops mailing the rest; once every invitation is mailed it is too late, saying what to do instead', () => {
    expect(refusalToCancel('invitation', null)).toBeUndefined();
    expect(refusalToCancel('invitation', { step: 'mailed 20 of 30', done: 20, total: 30 })).toBeUndefined();
    expect(refusalToCancel('invitation', { step: 'awaitingAnswers', done: 0, total: 30 })).toMatch(/^too late.*revoke them one by one/);
  });
});
