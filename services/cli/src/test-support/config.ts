/**
 * The environment for a CLI process a test launches: the test runner's own, without the colour switches,
 * so each test decides colour explicitly.
 */
export function childEnv(overrides: Record<string, string> = {}): Record<string, string | undefined> {
  const { NO_COLOR: _noColor, FORCE_COLOR: _forceColor, ...inherited } = process.env;
  return { ...inherited, ...overrides };
}
