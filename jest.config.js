/** Tests mirror the source folders under tests/. Type checking runs separately (npm run typecheck). */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  transform: {
    '^.+\\.tsx?$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }],
  },
  moduleFileExtensions: ['ts', 'tsx', 'js', 'json'],
  testTimeout: 30000,
  globalSetup: '<rootDir>/tests/global-setup.js',
  reporters: ['default', '<rootDir>/tests/summary-reporter.js'],
};
