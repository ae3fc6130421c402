/**
 * Asks until `ok` holds, `attempts` times at most, `intervalMs` apart; returns the last
 * answer either way, for the caller's assertion to show.
 */
export async function eventually<T>(ask: () => Promise<T>, ok: (value: T) => boolean, attempts = 240, intervalMs = 500): Promise<T> {
  let last = await ask();
  for (let i = 1; i < attempts && !ok(last); i++) {
    await new Promise((r) => setTimeout(r, intervalMs));
    last = await ask();
  }
  return last;
}
