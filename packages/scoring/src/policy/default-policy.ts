/**
 * Where the shipped default policy file lives (`policy/default.policy.yaml` in this package), as a file
 * URL that is right from both src/ and dist/. Scoring does no I/O: callers read the file and pass its
 * text to `parsePolicy`.
 */
export const DEFAULT_POLICY_URL: URL = new URL('../../policy/default.policy.yaml', import.meta.url);
