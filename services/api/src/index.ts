// The Trustwatch HTTP API: build it from injected dependencies (store, auth, alerting ports, logger).
export { buildApp, API_VERSION } from './app.js';
export {
  DEFAULT_API_LIMITS,
  type ApiLimits,
  type AppDeps,
  type ReadinessCheck,
  type ZodApp,
} from './deps.js';
export * from './errors.js';
export * from './ports/index.js';
export { ROLES, type Principal, type Role } from './auth/principal.js';
export { API_KEY_PREFIX, hashApiKey, issueApiKey } from './auth/api-keys.js';
export {
  JWT_ALGORITHMS,
  ROLE_SCOPES,
  createJwtVerifier,
  type JwtSettings,
  type JwtVerifier,
} from './auth/jwt.js';
export { type Access } from './auth/access-policy.js';
export { createMemoryCustomerDirectory } from './memory/memory-customers.js';
export {
  createMemoryAlertPort,
  createMemoryDeliveryLog,
  createMemoryNamedStore,
  createMemorySilencePort,
} from './memory/memory-alerting.js';
export { createMemoryApiKeyStore } from './memory/memory-api-keys.js';
export { loadApiConfig, apiSection, type ApiConfig } from './config.js';
export { loadCustomersFile, loadPolicyFile, seedAdminKey } from './bootstrap.js';
export { alertingPorts } from './alerting-store/index.js';
export { startApiService, type ApiServiceOptions, type StartedApiService } from './start-service.js';
