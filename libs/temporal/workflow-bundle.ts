import { bundleWorkflowCode } from '@temporalio/worker';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where the workflows are: the TypeScript sources under jest, the compiled ones under dist. */
export function workflowsPath(): string {
  return require.resolve(join(__dirname, '..', '..', 'workflows'));
}

/** The workflow interceptors (workflows/interceptors.ts): refusals head a failed operation. */
export function workflowInterceptorsPath(): string {
  return require.resolve(join(__dirname, '..', '..', 'workflows', 'interceptors'));
}

/**
 * Bundles the workflows once. The worker loads a ready bundle from `path` when one is
 * there (tests, images), and bundles at start otherwise.
 */
export async function loadOrBundleWorkflows(path?: string): Promise<{ code: string }> {
  if (path && existsSync(path)) return { code: readFileSync(path, 'utf8') };
  const { code } = await bundleWorkflowCode({
    workflowsPath: workflowsPath(),
    workflowInterceptorModules: [workflowInterceptorsPath()],
    logger: quietBundleLogger,
  });
  if (path) writeFileSync(path, code);
  return { code };
}

/** The bundler's logger: warnings and errors only. */
export const quietBundleLogger = {
  log: () => undefined,
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: (message: string) => console.warn(message),
  error: (message: string) => console.error(message),
};
