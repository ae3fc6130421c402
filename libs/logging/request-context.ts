import { AsyncLocalStorage } from 'node:async_hooks';

/** The request being served, for code far from the HTTP layer (operation start: issue 11). */
const storage = new AsyncLocalStorage<{ requestId?: string }>();

export function runInRequest<T>(requestId: string | undefined, fn: () => T): T {
  return storage.run({ requestId }, fn);
}

export function currentRequestId(): string | undefined {
  return storage.getStore()?.requestId;
}
