export * from './errors.js';
export * from './catalog-schema.js';
export * from './create-catalog.js';
export * from './normalise-name.js';
export * from './country.js';
export * from './load-catalog.js';
export * from './vendor-ids.js';
export { tokenize, foldWord, type Token } from './tokens.js';
