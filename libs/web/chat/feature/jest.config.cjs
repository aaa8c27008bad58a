/** Angular code runs in jsdom through jest-preset-angular (CommonJS, JIT, zoneless; see src/test-setup.ts). */
const path = require('node:path');
const { createCjsPreset } = require('jest-preset-angular/presets');

const preset = createCjsPreset({ tsconfig: '<rootDir>/tsconfig.spec.json' });

module.exports = {
  displayName: 'web-chat-feature',
  preset: '../../../../jest.preset.js',
  ...preset,
  moduleNameMapper: {
    ...preset.moduleNameMapper,
    // marked ships ESM only (plus a UMD build): Jest runs CommonJS here, so it gets the UMD build.
    '^marked$': path.join(__dirname, '../../../../node_modules/marked/lib/marked.umd.js'),
  },
  rootDir: __dirname,
  testEnvironment: 'jsdom',
  setupFilesAfterEnv: ['<rootDir>/src/test-setup.ts'],
};
