export * from './page.js';
export * from './customers.js';
export * from './alerting.js';
export * from './api-keys.js';
