/** Tests mirror the source folders under tests/. Type checking runs separately (npm run typecheck). */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  transform: {
    '^.+\\.tsx?$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }],
    // office-addin-mock reaches office-addin-manifest, which pulls ES-module-only packages; Jest on
    // Node 20 cannot require those, so they are compiled to CommonJS for the tests.
    '/node_modules/(strip-bom|strip-json-comments|uuid)/.+\\.js$': ['ts-jest', { tsconfig: { allowJs: true, module: 'commonjs', isolatedModules: true } }],
  },
  transformIgnorePatterns: ['^(?!.*/node_modules/(strip-bom|strip-json-comments|uuid)/).*/node_modules/'],
  moduleFileExtensions: ['ts', 'tsx', 'js', 'json'],
  testTimeout: 30000,
  // Sockets kept alive by HTTP clients in the tests can hold Jest open for a few seconds after the run.
  forceExit: true,
  globalSetup: '<rootDir>/tests/global-setup.js',
  reporters: ['default', '<rootDir>/tests/summary-reporter.js'],
};
