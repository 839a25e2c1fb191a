// Lint rules, including the architecture's boundaries:
// core/ is pure (no I/O, no Office, React, Express or xero-node, nothing from server/ or addin/);
// only server/xero/ imports xero-node; only addin/excel/ touches the Excel API, and only addin/office/ and
// addin/excel/ touch Office. Production files stay small: at most 300 lines, functions at most 80.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const coreForbidden = {
  paths: [
    { name: 'express', message: 'core/ is pure: no Express.' },
    { name: 'xero-node', message: 'core/ is pure: no xero-node (use server/xero/).' },
    { name: 'react', message: 'core/ is pure: no React.' },
    { name: 'react-dom', message: 'core/ is pure: no React.' },
    { name: 'better-sqlite3', message: 'core/ is pure: no storage.' },
  ],
  patterns: [
    { group: ['@fluentui/*', 'office-*', '@microsoft/*'], message: 'core/ is pure: no UI or Office packages.' },
    { group: ['node:*', 'fs', 'fs/*', 'path', 'http', 'https', 'net', 'child_process', 'os', 'crypto'], message: 'core/ is pure: no I/O or Node built-ins.' },
    { group: ['**/server', '**/server/**', '**/addin', '**/addin/**'], message: 'core/ must not import from server/ or addin/.' },
  ],
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'data/**', '*.config.js', 'tests/e2e/screenshots/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { prefer: 'type-imports', fixStyle: 'separate-type-imports' }],
      '@typescript-eslint/consistent-type-definitions': ['error', 'type'],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        { selector: "TSTypeReference[typeName.left.name='React'][typeName.right.name='FC']", message: 'Type props directly instead of React.FC.' },
        { selector: 'ExportDefaultDeclaration', message: 'Use named exports.' },
      ],
      'no-restricted-imports': ['error', { paths: [{ name: 'xero-node', message: 'Only server/xero/ (the Xero gateway) imports xero-node.' }] }],
    },
  },
  {
    files: ['server/xero/**/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['core/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', coreForbidden] },
  },
  {
    files: ['addin/**/*.{ts,tsx}'],
    ignores: ['addin/excel/**'],
    rules: {
      'no-restricted-globals': [
        'error',
        { name: 'Excel', message: 'Only addin/excel/ touches the Excel API.' },
        { name: 'Office', message: 'Only addin/office/ and addin/excel/ touch Office: add an adapter there.' },
        { name: 'OfficeRuntime', message: 'Only addin/office/ and addin/excel/ touch Office: add an adapter there.' },
        { name: 'CustomFunctions', message: 'Only addin/office/ and addin/excel/ touch Office: add an adapter there.' },
      ],
    },
  },
  {
    files: ['addin/office/**/*.{ts,tsx}'],
    rules: { 'no-restricted-globals': ['error', { name: 'Excel', message: 'Only addin/excel/ touches the Excel API.' }] },
  },
  {
    files: ['core/**/*.{ts,tsx}', 'server/**/*.{ts,tsx}', 'addin/**/*.{ts,tsx}'],
    rules: {
      'max-lines': ['error', { max: 300 }],
      'max-lines-per-function': ['error', { max: 80, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    // CommonJS config and Jest plumbing files.
    files: ['**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['tests/**/*.{ts,tsx}', 'bench/**/*.ts', 'scripts/**/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
);
