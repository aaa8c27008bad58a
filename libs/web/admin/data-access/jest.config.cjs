/** Angular code runs in jsdom through jest-preset-angular (CommonJS, JIT, zoneless; see src/test-setup.ts). */
const { createCjsPreset } = require('jest-preset-angular/presets');

module.exports = {
  displayName: 'web-admin-data-access',
  preset: '../../../../jest.preset.js',
  ...createCjsPreset({ tsconfig: '<rootDir>/tsconfig.spec.json' }),
  rootDir: __dirname,
  testEnvironment: 'jsdom',
  setupFilesAfterEnv: ['<rootDir>/src/test-setup.ts'],
};
