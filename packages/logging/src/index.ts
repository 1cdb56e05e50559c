export * from './create-logger.js';
export * from './memory-destination.js';
export { CENSOR, REDACT_PATHS, censorSecrets, isSecretKey, scrubUrlCredentials } from './redaction.js';
