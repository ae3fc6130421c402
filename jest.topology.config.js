/**
 * `npm run test:topology` (issue 15 item 6): docker-compose.yml's topology as processes —
 * the real Temporal server on PostgreSQL, migrate and bootstrap jobs, two API and two
 * worker processes. Starts everything itself (no global dev server); .ci/run runs it.
 */
const base = require('./jest.config.js');
const integration = base.projects.find((p) => p.displayName === 'integration');

module.exports = {
  maxWorkers: 1,
  testTimeout: 1_800_000,
  projects: [
    {
      transform: integration.transform,
      testEnvironment: integration.testEnvironment,
      moduleFileExtensions: integration.moduleFileExtensions,
      displayName: 'topology',
      testMatch: ['<rootDir>/test/topology/**/*.topo-spec.ts'],
      slowTestThreshold: 300,
    },
  ],
};
