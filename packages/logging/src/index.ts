export * from './create-logger.js';
export * from './memory-destination.js';
export { REDACT_PATHS, censorSecrets, errSerializer, isSecretKey } from './redaction.js';
export { CENSOR, isSecretParameter, scrubText, scrubUrlCredentials } from './secret-text.js';
export { plainError } from './error-serializer.js';
