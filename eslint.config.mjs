// ESLint, configured once (flat config): JS + typescript-eslint recommended for every .ts/.mjs file, the Svelte
// plugin's recommended rules for components, Node globals for main/scripts/tests and browser globals for the
// renderer. Type-aware rules are left out on purpose: `npm run typecheck` already runs tsc and svelte-check.
import js from '@eslint/js'
import svelte from 'eslint-plugin-svelte'
import globals from 'globals'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'resources/**',
      'node_modules/**',
      'test-results/**',
      '.store/**',
      // AssemblyScript (i32/f64 builtins, compiled by scripts/build-wasm.mjs) and its generated base64 output.
      'src/main/engine/kernels/as/**',
      'src/main/engine/kernels/kernels-wasm-bytes.ts'
    ]
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: { ...globals.node } }
  },
  {
    files: ['src/renderer/**/*.{ts,svelte}'],
    languageOptions: { globals: { ...globals.browser } }
  },
  {
    rules: {
      // `_`-prefixed names are deliberately unused (callback positions, destructuring what is left out).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }
      ],
      // Type-only imports are written `import type` (verbatimModuleSyntax requires it; this keeps it consistent).
      // `typeof import('h5wasm')` is kept for modules loaded lazily at run time.
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }
      ],
      // One import per module, except that a separate `import type` line beside a value import is fine.
      'no-duplicate-imports': ['error', { allowSeparateTypeImports: true }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'prefer-const': 'error'
    }
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'] } },
    // Svelte 5 declares props and state with `let` (`let { x } = $props()`); the plugin's rule knows the runes.
    rules: { 'prefer-const': 'off', 'svelte/prefer-const': 'error' }
  }
)
