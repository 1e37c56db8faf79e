import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'coverage/', 'import-results/', 'bench/results/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', URL: 'readonly' },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-console': 'error',
    },
  },
  {
    files: ['bin/**', 'scripts/**', 'bench/**', 'src/cli.ts', 'src/screen/**'],
    rules: { 'no-console': 'off' },
  },
  // The layers (README "Developing"): cli -> commands -> screen -> engine -> the stages below.
  // An import never points up, so there is no circle and each layer can be read on its own.
  {
    files: [
      'src/{read,map,nexudus,preflight,upload,report,lock,sandbox,template}/**/*.ts',
      'src/*.ts',
    ],
    ignores: ['src/cli.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: layersAbove('engine') }] },
  },
  {
    files: ['src/engine/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: layersAbove('screen') }] },
  },
  {
    files: ['src/screen/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: layersAbove('commands') }] },
  },
  {
    files: ['src/commands/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: layersAbove('cli') }] },
  },
);

/** no-restricted-imports patterns for `layer` and every layer above it. */
function layersAbove(layer) {
  const order = ['engine', 'screen', 'commands', 'cli'];
  return order.slice(order.indexOf(layer)).map((name) => ({
    regex: name === 'cli' ? '(^|/)cli(\\.js$|/)' : `(^|/)${name}/`,
    message: `${name === 'cli' ? 'cli.ts and src/cli/' : `src/${name}/`} is a layer above this file: an import never points up (README "Developing").`,
  }));
}
