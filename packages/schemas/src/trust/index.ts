// Trust model shapes (factors, signals, trust changes, alerts). Filled in by the scoring work.
export const TRUST_EVENTS = [] as const;
