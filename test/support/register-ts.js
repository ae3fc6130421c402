/*
 * Lets a child process `require` the project's TypeScript directly, compiled by the same
 * @swc/core settings jest uses: `node -r ./test/support/register-ts.js child.ts`.
 * For tests that need several real processes (e.g. the shared rate limiter).
 */
'use strict';
const { transformSync } = require('@swc/core');
const fs = require('node:fs');

require.extensions['.ts'] = function compile(module, filename) {
  const { code } = transformSync(fs.readFileSync(filename, 'utf8'), {
    filename,
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  });
  module._compile(code, filename);
};
