import { redactText, redactUrl } from './redact';

describe('redactText (R-I3: no token, link or email in any log line)', () => {
  const token = 'AbC_dEf-0123456789abcdefghijklmnopqrstuvwxy';

  it('R-I3 cuts the invitation token out of a path whatever its case or encoding', () => {
    for (const path of [
      `/invite/${token}`,
      `/INVITE/${token}/accept`,
      `/Invite/${token}?x=1`,
      `%2Finvite%2F${token}`,
      `/%69nvite/${token}`.replace('%69', 'i'),
    ]) {
      const out = redactText(`{"url":"${path}"}`);
      expect(out).not.toContain(token);
      expect(out).toMatch(/invite(\/|%2F)\[redacted\]/i);
    }
    expect(redactUrl('/invite/abc.DEF-123/accept?x=1')).toBe('/invite/[redacted]/accept?x=1');
    expect(redactUrl('/workspaces/1')).toBe('/workspaces/1');
  });

  it('R-I3 cuts OAuth codes, states, bearer tokens and email addresses', () => {
    const line = 'GET /auth/callback?code=secret1&state=secret2 Authorization: Bearer eyJ.abc.def by Erin@Globex.test';
    const out = redactText(line);
    for (const secret of ['secret1', 'secret2', 'eyJ.abc.def', 'Erin@Globex.test']) expect(out).not.toContain(secret);
    expect(out).toContain('[email]');
  });
});
