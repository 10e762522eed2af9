// Lint rules, and the architecture's import boundaries: dependencies point inward, `core` is pure.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import globals from 'globals';

const layer = (name) => [`**/${name}/**`, `../${name}`, `../${name}/*`, `../../${name}/*`];

/** JSX props that carry words a person reads or hears. */
const WORD_PROPS =
  '/^(aria-label|aria-description|aria-roledescription|aria-valuetext|alt|title|placeholder|label|hint|heading|consequence|confirmLabel|cancelLabel|description|message|notice|caption)$/';

/** Each folder lists what it must never import; the message says why. */
const boundaries = {
  'src/core/**': {
    patterns: [
      {
        group: [
          ...['db', 'sync', 'app', 'server', 'cli'].flatMap(layer),
          'node:*',
          'dexie',
          'react',
          'react-dom',
          'zustand',
        ],
        message: 'src/core is pure TypeScript: no DOM, no Dexie, no Node, nothing of ours.',
      },
    ],
  },
  'src/db/**': {
    patterns: [
      {
        group: [...['sync', 'app', 'server', 'cli'].flatMap(layer), 'node:*'],
        message: 'src/db may use only core.',
      },
    ],
  },
  'src/sync/**': {
    patterns: [
      {
        group: [...['app', 'server', 'cli'].flatMap(layer), 'node:*'],
        message: 'src/sync may use core and db only.',
      },
    ],
  },
  'src/app/**': {
    patterns: [
      {
        group: [...['server', 'cli'].flatMap(layer), 'node:*'],
        message: 'The UI never imports server or CLI code.',
      },
    ],
  },
  'src/server/**': {
    patterns: [
      {
        group: [...['app', 'db', 'sync', 'cli'].flatMap(layer), 'dexie', 'react'],
        message: 'The server uses core only.',
      },
    ],
  },
  'src/cli/**': {
    patterns: [
      {
        group: [...['app', 'db', 'sync'].flatMap(layer), 'dexie', 'react'],
        message: 'The CLI uses core (and server storage) only.',
      },
    ],
  },
};

export default tseslint.config(
  {
    ignores: [
      'dist',
      '.build',
      'node_modules',
      'coverage',
      'data',
      'test-results',
      'playwright-report',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.browser, ...globals.node },
    },
    rules: {
      // A dropped promise is a write nobody waited for: exactly how ballots get lost.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
    },
  },
  {
    files: ['**/*.js'],
    extends: [tseslint.configs.disableTypeChecked],
  },
  {
    files: ['src/app/**/*.tsx', 'tests/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks, 'jsx-a11y': jsxA11y },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...jsxA11y.configs.recommended.rules,
    },
  },
  {
    // Every word a person reads comes from the message catalogue (src/app/i18n/locales): no literal
    // text in components, in JSX or in the props that carry words.
    files: ['src/app/**/*.tsx'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'JSXText[value=/\\p{L}/u]',
          message: 'Words come from the message catalogue: use t("key") (src/app/i18n).',
        },
        {
          selector: `JSXAttribute[name.name=${WORD_PROPS}] > Literal[value=/\\p{L}/u]`,
          message: 'Words come from the message catalogue: use t("key") (src/app/i18n).',
        },
        {
          selector: `JSXAttribute[name.name=${WORD_PROPS}] > JSXExpressionContainer > TemplateLiteral > TemplateElement[value.raw=/\\p{L}/u]`,
          message: 'Words come from the message catalogue: use t("key") (src/app/i18n).',
        },
      ],
    },
  },
  ...Object.entries(boundaries).map(([glob, options]) => ({
    files: [glob],
    rules: { 'no-restricted-imports': ['error', options] },
  })),
  {
    files: ['src/core/**'],
    rules: {
      'no-restricted-globals': [
        'error',
        ...[
          'window',
          'document',
          'indexedDB',
          'navigator',
          'localStorage',
          'process',
          'Buffer',
        ].map((name) => ({ name, message: 'src/core is pure: pass what you need in.' })),
      ],
    },
  },
);
