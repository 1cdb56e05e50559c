export * from './targets.js';
export * from './unique-name.js';
export * from './public-data.js';
export { isLoopback, parseHostPort, redisHostPort, displayUrl, type HostPort } from './addresses.js';
export { probeKafka, probeRedis, probeUntil, type ProbeResult } from './probes.js';
export { planTargets, type TargetPlan } from './plan-targets.js';
export {
  ALLOW_REMOTE_VARIABLE,
  PUBLIC_DATA_VARIABLE,
  loadPublicDataConfig,
  loadTargetsConfig,
  type PublicDataConfig,
  type TargetsConfig,
} from './config.js';
