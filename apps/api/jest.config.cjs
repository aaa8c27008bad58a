/**
 * NestJS 12 ships ES modules only, so the api's tests run as ES modules: ts-jest in ESM mode, with
 * NODE_OPTIONS=--experimental-vm-modules set by the `test` target (not globally: that breaks the
 * Angular tests).
 */
module.exports = {
  displayName: 'api',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json', useESM: true }],
  },
  moduleFileExtensions: ['ts', 'js', 'mjs'],
  setupFiles: ['<rootDir>/src/testing/jest-setup.ts'],
  testTimeout: 30000,
};
