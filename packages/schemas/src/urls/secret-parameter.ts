/**
 * Query and form parameter names that carry a credential in the wild: OAuth tokens, `?key=` (Google
 * APIs), signed URLs (`sig=` Azure SAS, `X-Amz-Signature`), webhook signatures, PagerDuty routing keys.
 * A prefix such as `x_` or `client-` still counts (`x_api_key`, `X-Amz-Security-Token`).
 */
export const SECRET_PARAMETER_NAME =
  /^(?:.*[_.-])?(?:token|access[_-]?token|refresh[_-]?token|id[_-]?token|key|api[_-]?key|apikey|routing[_-]?key|integration[_-]?key|service[_-]?key|sig|signature|secret|client[_-]?secret|password|passwd|pwd|credential|credentials|auth)$/i;

/** True when a `name=value` parameter of this name is treated as a secret. */
export function isSecretParameter(name: string): boolean {
  return SECRET_PARAMETER_NAME.test(name);
}
