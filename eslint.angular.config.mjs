import nx from '@nx/eslint-plugin';
import angular from 'angular-eslint';
import baseConfig from './eslint.config.mjs';

/** Shared ESLint configuration of every Angular project (apps/web and libs/web/*). */
export default [
  ...nx.configs['flat/angular'],
  ...nx.configs['flat/angular-template'],
  ...baseConfig,
  {
    files: ['**/*.ts'],
    rules: {
      '@angular-eslint/directive-selector': ['error', { type: 'attribute', prefix: 'ri', style: 'camelCase' }],
      '@angular-eslint/component-selector': ['error', { type: 'element', prefix: 'ri', style: 'kebab-case' }],
      '@angular-eslint/prefer-on-push-component-change-detection': 'error',
    },
  },
  {
    files: ['**/*.html'],
    // Accessibility rules of angular-eslint (alt text, valid ARIA, table scope, …) on top of the recommended ones
    rules: Object.assign({}, ...angular.configs.templateAccessibility.map((config) => config.rules ?? {})),
  },
];
