// @ts-check
/**
 * `npm run lint`: typescript-eslint with type information, plus the layer rules the
 * READMEs state, enforced as import bans. Formatting is Prettier's (`npm run format`),
 * so eslint-config-prettier switches off every stylistic rule that would fight it.
 * Why each rule below is set the way it is: docs/decisions.md, section "Issue 14".
 */
import eslint from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

/** Node built-ins, with and without the `node:` prefix. */
const NODE_BUILTINS = ['node:*', 'fs', 'fs/*', 'path', 'os', 'crypto', 'child_process', 'net', 'http', 'https', 'stream', 'events', 'util', 'url', 'dns', 'tls', 'worker_threads', 'async_hooks', 'timers', 'timers/*', 'process', 'buffer', 'zlib', 'readline', 'cluster', 'dgram', 'v8', 'vm'];
/** Packages that reach the outside world (database, mail, network, framework, Temporal's I/O side). */
const IO_PACKAGES = ['@mikro-orm/*', 'nodemailer', 'smtp-server', 'mailparser', 'pg', 'better-sqlite3', '@nestjs/*', 'nestjs-pino', 'pino', 'pino-http', 'prom-client', 'jose', '@temporalio/client', '@temporalio/worker', '@temporalio/activity', '@temporalio/testing'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.tools/**', 'coverage/**', 'scripts/provision-temporal.js', 'eslint.config.mjs', 'jest.config.js'] },
  eslint.configs.recommended,
  tseslint.configs.strictTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // The promise rules the issue asks for, stated even though strictTypeChecked has them.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      // Numbers and booleans in messages are fine (`${count} users`); objects are not.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
      // Nest modules and DTO holders are classes with static members or none.
      '@typescript-eslint/no-extraneous-class': ['error', { allowWithDecorator: true }],
      // `() => t.close()` returning the void it calls is clearer than a block; elsewhere the rule stays.
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
      // Response DTO classes are Swagger schemas used as structural types, built as object literals;
      // nothing checks `instanceof` on them (nor on Nest's option classes).
      '@typescript-eslint/no-unsafe-class-instance-assignment': 'off',
      // `_`-prefixed parameters are deliberately unused (interface conformance).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    // Workflow code is bundled into Temporal's deterministic sandbox (workflows/README.md).
    files: ['workflows/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: NODE_BUILTINS, message: 'Workflow code is deterministic and has no I/O: no Node built-ins (workflows/README.md).' },
            { group: IO_PACKAGES, message: 'Workflow code has no I/O: call an activity instead (workflows/README.md).' },
            { regex: '^(\\.\\./)+libs/(?!operations|domain)', message: 'Workflows may import libs/operations and libs/domain only (workflows/README.md).' },
            { regex: '^(\\.\\./)+(apps|scripts|test|bench)/', message: 'Workflows import nothing from the apps (workflows/README.md).' },
            { regex: '^(\\.\\./)+activities', allowTypeImports: true, message: 'Workflows import activities by type only (`import type`): the worker runs them (workflows/README.md).' },
          ],
        },
      ],
    },
  },
  {
    // Pure business rules (libs/domain/README.md): no I/O, no framework, nothing outside the folder.
    // node:crypto stays allowed: hashing and token generation compute, they do not reach out.
    files: ['libs/domain/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: [...NODE_BUILTINS, '!node:crypto'], message: 'libs/domain is pure: no I/O (libs/domain/README.md).' },
            { group: [...IO_PACKAGES, '@temporalio/*'], message: 'libs/domain is pure: no framework, no I/O (libs/domain/README.md).' },
            { regex: '^\\.\\./', message: 'libs/domain imports nothing outside its folder (libs/domain/README.md).' },
          ],
        },
      ],
    },
  },
  {
    // libs/ never imports upwards (apps, activities, workflows depend on libs, not the reverse).
    files: ['libs/**/*.ts'],
    ignores: ['libs/domain/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ regex: '^(\\.\\./)+(apps|activities|workflows|test|bench|scripts)/', message: 'libs/ is the bottom layer: it imports no app, activity or workflow.' }] },
      ],
    },
  },
  {
    // Activities run in the worker; the API is a different process.
    files: ['activities/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ regex: '^(\\.\\./)+(apps|workflows|test|bench|scripts)/', message: 'Activities import libs/ only, never an app or a workflow.' }] },
      ],
    },
  },
  {
    // Tests and benches drive the app through HTTP: response bodies are `any` by nature.
    files: ['test/**/*.ts', 'bench/**/*.ts', '**/*.spec.ts', '**/*.testing.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  { files: ['**/*.js', '**/*.cjs', '**/*.mjs'], extends: [tseslint.configs.disableTypeChecked] },
  prettier,
);
