/**
 * Black-box tests: they start the built server (dist/apps/api/main.mjs) as a real process on a free
 * port, on each storage engine, and talk to it over HTTP and Socket.IO.
 */
module.exports = {
  displayName: 'api-e2e',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/src/**/*.e2e-spec.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }],
  },
  moduleFileExtensions: ['ts', 'js'],
  testTimeout: 60000,
};
