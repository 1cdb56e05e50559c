// Programmatic entry points of the trustwatch command (bin.ts is the executable).
export { runCli, COMMANDS, VERSION } from './cli.js';
export { loadCliEnv, type CliEnv } from './config.js';
export { CliError, CLI_ERROR_CODES, EXIT, type CliErrorCode } from './errors.js';
export { createTerminal, wantsColor, type Terminal, type OutputStream } from './output/terminal.js';
export { runDemo, type DemoOptions, type DemoResult } from './demo/run-demo.js';
export { loadDemoScenario, type DemoScenario, type DemoStep } from './demo/scenario.js';
export { runReplay, type ReplayInput, type ReplayResult } from './replay/run-replay.js';
export {
  EmbeddedPipeline,
  type PipelineOptions,
  type PlayedStep,
  type TrustChangedEvent,
} from './pipeline/embedded-pipeline.js';
export { finalScores, type FinalScore } from './pipeline/final-scores.js';
export { loadRules, DEFAULT_RULES_URL } from './pipeline/rules-file.js';
export { serveApi, type ServeOptions, type ServedApi } from './serve/serve-api.js';
