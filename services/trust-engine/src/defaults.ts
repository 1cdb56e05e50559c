/**
 * Partitions one engine instance handles at once unless told otherwise (`concurrentPartitions`,
 * TRUST_ENGINE_CONCURRENT_PARTITIONS): against one at a time it halved the median latency at the same
 * load (bench/RESULTS.md). Its own module, so the config reads it without loading the engine.
 */
export const DEFAULT_CONCURRENT_PARTITIONS = 6;
