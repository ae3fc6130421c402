/** R-I3: invitation tokens never reach a log line. */
export function redactUrl(url: string | undefined): string | undefined {
  return url?.replace(/\/invite\/[^/?#]+/g, '/invite/[redacted]');
}
