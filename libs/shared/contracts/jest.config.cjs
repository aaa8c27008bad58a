/** Contracts are plain TypeScript + zod: CommonJS ts-jest is enough here. */
module.exports = {
  displayName: 'contracts',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  moduleFileExtensions: ['ts', 'js'],
};
