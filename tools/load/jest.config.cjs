/** The load tool's pure parts (maths, stamps, SVG, options, /proc and /metrics parsers): CommonJS ts-jest. */
module.exports = {
  displayName: 'load',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  moduleFileExtensions: ['ts', 'js'],
};
