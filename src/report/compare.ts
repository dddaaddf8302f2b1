/** The comparison's outputs (`visasim compare`); they live in compare/, see compare/index.ts. */
export * from './compare/index.js';
