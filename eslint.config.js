import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-artifacts/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
      'no-console': 'off',
    },
  },
  {
    files: ['main/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          // `{ ...defaults, ...options }` lets an option passed as undefined erase its default.
          selector:
            'ObjectExpression > SpreadElement:not(:first-child)[argument.name=/(options|partial|opts|config|overrides)$/i]',
          message: 'Merge options with withDefaults(defaults, options) from main/core/with-defaults.ts.',
        },
        {
          // Node's recursive mkdir spins forever on /proc/foo (ENOENT with an existing parent).
          selector:
            "CallExpression[callee.property.name=/^mkdir(Sync)?$/] > ObjectExpression > Property[key.name='recursive']",
          message: 'Create folders with makeFolderSync from main/core/files/make-folder.ts.',
        },
      ],
    },
  },
  {
    // main/core is plain Node: the Electron edge lives elsewhere.
    files: ['main/core/**/*.ts', 'main/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'electron', message: 'main/core must stay plain Node.' }] },
      ],
    },
  },
);
