// Lint: typescript-eslint's recommended rules plus React hooks; `any` at boundaries is an error.
// The layering is a rule, not a habit: the folder blocks below forbid the imports that would break it.
import { readdirSync } from 'node:fs'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'

// Server-only code: the SDK and the shared runtime. Neither the app nor the pure layers may reach it.
const SERVER = [
  { group: ['@server/*', '**/common/server/*', '../server/*'], message: 'The shared runtime (@server) runs only inside cloud functions.' },
  { group: ['wx-server-sdk'], message: 'wx-server-sdk belongs to the cloud functions and their runtime (common/server).' },
]
// The pure layers (contract, domain) are shared by the functions and the app: no runtime, no UI.
const PURE = [
  ...SERVER,
  { group: ['@tarojs/*'], message: 'The contract and the domain are shared with the functions: no Taro here.' },
  { group: ['@/*'], message: 'The contract and the domain do not import the app.' },
]

// A WeChat subpackage cannot load another subpackage's code: what two subpackages share lives
// in src/components (or src/services, src/hooks), in the main package.
const SUBPACKAGES = readdirSync(new URL('./src/packages', import.meta.url), { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
const subpackageRules = SUBPACKAGES.map((name) => {
  const others = SUBPACKAGES.filter((o) => o !== name)
  return {
    files: [`src/packages/${name}/**/*.{ts,tsx}`],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          ...SERVER,
          ...(others.length
            ? [{ group: others.map((o) => `@/packages/${o}/*`), message: `A subpackage does not import another subpackage (${name}): move what both use to src/components.` }]
            : []),
        ],
      }],
    },
  }
})

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.local-cloud/**', 'coverage/**', 'test/local-cloud/fixtures/**', '**/*.js', '**/*.mjs', '**/*.cjs'] },
  ...tseslint.configs.recommended,
  {
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/ban-ts-comment': ['error', { 'ts-ignore': 'allow-with-description', 'ts-expect-error': 'allow-with-description' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  {
    files: ['cloudfunctions/common/contract/**/*.ts', 'cloudfunctions/common/domain/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: PURE }] },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          ...SERVER,
          { group: ['@/packages/*'], message: 'The main package cannot load subpackage code: move what it needs to src/components.' },
        ],
      }],
    },
  },
  // Later blocks replace the src/ rule for subpackages, so each repeats SERVER.
  ...subpackageRules,
)
