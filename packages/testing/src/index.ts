export * from './targets.js';
export * from './unique-name.js';
export * from './public-data.js';
export { isLoopback, parseHostPort, redisHostPort, displayUrl, type HostPort } from './addresses.js';
export { probeKafka, probeRedis, probeUntil, type ProbeResult } from './probes.js';
export { planTargets, ALLOW_REMOTE_VARIABLE, type TargetPlan } from './plan-targets.js';
