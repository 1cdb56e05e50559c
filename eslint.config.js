// ESLint flat config: type-checked typescript-eslint rules plus the architecture's import boundaries.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const kafkaOnlyInBus = { name: 'kafkajs', message: 'Kafka is reached only through @trustwatch/bus.' };
const redisOnlyInStore = { name: 'ioredis', message: 'Redis is reached only through @trustwatch/store.' };
const noEnv = {
  object: 'process',
  property: 'env',
  message: 'Read the environment only in a config.ts file; pass the validated config down.',
};
// Pure packages: no I/O, no adapters, nothing but schemas and their own code.
const pureImports = {
  patterns: [
    { group: ['node:*', 'fs', 'net', 'http', 'https', 'child_process'], message: 'Pure package: no I/O.' },
    {
      group: ['@trustwatch/*', '!@trustwatch/schemas'],
      message: 'Pure package: depends on @trustwatch/schemas only.',
    },
  ],
  paths: [kafkaOnlyInBus, redisOnlyInStore],
};

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      'coverage/**',
      'infra/kafka/.kafka/**',
      'infra/redis/.redis/**',
      'packages/schemas/json-schema/**',
      '.test-artifacts/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['*.js', '*.ts', 'infra/kafka/*.mjs'] },
        tsconfigRootDir: import.meta.dirname,
      },
      globals: globals.node,
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': ['error', { paths: [kafkaOnlyInBus, redisOnlyInStore] }],
      'no-restricted-properties': ['error', noEnv],
    },
  },
  {
    files: ['packages/bus/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [redisOnlyInStore] }] },
  },
  {
    files: ['packages/store/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [kafkaOnlyInBus] }] },
  },
  {
    files: ['packages/scoring/src/**', 'packages/alerting/src/**', 'packages/entities/src/**'],
    // The entity catalog's data-file loader is its one I/O edge.
    ignores: [
      '**/*.test.ts',
      'packages/entities/src/load-catalog.ts',
      'packages/alerting/src/test-support.ts',
    ],
    rules: { 'no-restricted-imports': ['error', pureImports] },
  },
  {
    // Configuration files, test setup, and launchers are where the environment is read.
    files: [
      '**/config.ts',
      '**/*.test.ts',
      'packages/testing/**',
      'tests/**',
      'bench/**',
      '*.ts',
      '*.js',
      'infra/**',
    ],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    files: ['**/*.test.ts'],
    rules: {
      // vitest's expect(...).rejects and fast-check's async properties are awaited by the runner.
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  { files: ['**/*.js', '**/*.mjs'], ...tseslint.configs.disableTypeChecked },
  prettier,
);
