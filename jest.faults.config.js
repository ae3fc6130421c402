/**
 * `npm run test:faults` (issue 13): the API against real outages — the Temporal dev
 * server stopped and restarted, a PostgreSQL cluster of its own stopped and started, the
 * worker process killed. Too slow for `npm test`; .ci/run runs it on PostgreSQL.
 */
const base = require('./jest.config.js');
const integration = base.projects.find((p) => p.displayName === 'integration');

module.exports = {
  maxWorkers: 1,
  testTimeout: 600000,
  projects: [{ ...integration, displayName: 'faults', testMatch: ['<rootDir>/test/faults/**/*.fault-spec.ts'], slowTestThreshold: 120 }],
};
