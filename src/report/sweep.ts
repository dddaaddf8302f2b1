/** The sweep's outputs (`visasim sweep`); they live in sweep/, see sweep/index.ts. */
export * from './sweep/index.js';
