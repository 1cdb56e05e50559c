// Types for pino's own message formatter (the package ships none), so messages are formatted here
// exactly as pino would format them.
declare module 'quick-format-unescaped' {
  function format(
    template: unknown,
    params: unknown[],
    options?: { stringify?: (value: unknown) => string },
  ): unknown;
  export default format;
}
