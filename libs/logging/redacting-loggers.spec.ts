import { RedactingConsoleLogger, redactingTemporalLogger } from './redacting-loggers';

describe('worker logs (R-I3: no token, link or email in any log line)', () => {
  const token = 'AbC_dEf-0123456789abcdefghijklmnopqrstuvwxy';
  const message = `sending http://localhost:3000/INVITE/${token} to erin@globex.test failed`;

  it('R-I3 the Temporal runtime logger of the worker redacts every line', () => {
    const lines: string[] = [];
    redactingTemporalLogger('WARN', (l) => lines.push(l)).warn(message, { to: 'erin@globex.test' });
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain(token);
    expect(lines[0]).not.toContain('erin@globex.test');
    expect(lines[0]).toContain('[redacted]');
  });

  it("R-I3 the worker's Nest logger redacts every line", () => {
    const written: string[] = [];
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => (written.push(String(chunk)), true));
    try {
      new RedactingConsoleLogger('Worker').log(message);
    } finally {
      spy.mockRestore();
    }
    expect(written.join('')).toContain('[redacted]');
    expect(written.join('')).not.toContain(token);
    expect(written.join('')).not.toContain('erin@globex.test');
  });
});
