/**
 * Where the shipped default rule and routing files are. `config/` sits next to `src/` and `dist/`, so the
 * same relative URL works from both; building a URL reads nothing (callers read the file).
 */
export const DEFAULT_RULES_URL = new URL('../config/default.rules.yaml', import.meta.url);
export const DEFAULT_ROUTING_URL = new URL('../config/default.routing.yaml', import.meta.url);
