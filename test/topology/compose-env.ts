import { load } from 'js-yaml';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

type Env = Record<string, string>;
interface ComposeService {
  environment?: Record<string, unknown>;
}

/**
 * The environment docker-compose.yml gives a service, read from the file itself (anchors
 * and `<<` merges resolved, `${VAR:-default}` / `${VAR:?message}` interpolated from `vars`
 * as `docker compose` does from .env), so the topology test runs the processes with what
 * compose would give the containers, not with a copy that drifts.
 */
export function composeEnvironment(service: string, vars: Env, root = process.cwd()): Env {
  const compose = load(readFileSync(join(root, 'docker-compose.yml'), 'utf8')) as { services: Record<string, ComposeService | undefined> };
  const definition = compose.services[service];
  if (!definition) throw new Error(`docker-compose.yml has no service "${service}"`);
  const merged = flattenMerges(definition.environment ?? {});
  return Object.fromEntries(Object.entries(merged).map(([key, value]) => [key, interpolate(String(value), vars, `${service}.${key}`)]));
}

function flattenMerges(map: Record<string, unknown>): Record<string, unknown> {
  const { '<<': base, ...own } = map;
  const bases = base === undefined ? [] : Array.isArray(base) ? base : [base];
  return Object.assign({}, ...bases.map((b) => flattenMerges(b as Record<string, unknown>)), own);
}

/** Compose's variable syntax: $$, $VAR, ${VAR}, ${VAR:-default}, ${VAR-default}, ${VAR:?error}, ${VAR?error}. */
export function interpolate(text: string, vars: Env, where: string): string {
  return text.replace(/\$\$|\$\{(\w+)(?:(:?)([-?])([^}]*))?\}|\$(\w+)/g, (match, braced?: string, colon?: string, op?: string, arg?: string, bare?: string) => {
    if (match === '$$') return '$';
    const name = (braced ?? bare)!;
    const value = vars[name] as string | undefined;
    const missing = value === undefined || (colon === ':' && value === '');
    if (!missing) return value;
    if (op === '?') throw new Error(`${where}: ${arg || `${name} is required`}`);
    return op === '-' ? (arg ?? '') : '';
  });
}
