import { afterCursor, decodeCursor, encodeCursor, toPage } from './pagination';
import { redactUrl } from './redact';

describe('cursor pagination', () => {
  it('round-trips a position', () => {
    const position = { createdAt: new Date('2026-01-02T03:04:05.678Z'), id: 'abc' };
    expect(decodeCursor(encodeCursor(position))).toEqual(position);
  });

  it('refuses a cursor it did not issue, naming the field', () => {
    expect(() => decodeCursor('bm9wZQ')).toThrow(expect.objectContaining({ field: 'cursor', kind: 'invalid' }));
  });

  it('pages rows and hands out the next cursor only when more remain', () => {
    const rows = [1, 2, 3].map((n) => ({ createdAt: new Date(n * 1000), id: `r${n}` }));
    const page = toPage(rows, 2, (r) => r.id);
    expect(page.items).toEqual(['r1', 'r2']);
    expect(decodeCursor(page.nextCursor!)).toEqual({ createdAt: new Date(2000), id: 'r2' });
    expect(toPage(rows, 3, (r) => r.id).nextCursor).toBeNull();
    expect(afterCursor(undefined)).toEqual({});
  });
});

describe('redactUrl', () => {
  it('R-I3 cuts invitation tokens out of URLs before they are logged', () => {
    expect(redactUrl('/invite/abc.DEF-123/accept?x=1')).toBe('/invite/[redacted]/accept?x=1');
    expect(redactUrl('/invite/abc')).toBe('/invite/[redacted]');
    expect(redactUrl('/workspaces/1')).toBe('/workspaces/1');
  });
});
