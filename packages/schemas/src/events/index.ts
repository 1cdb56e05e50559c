// Input event families (firmware, supplier, news, advisories). Filled in by the schemas work.
export const INPUT_EVENTS = [] as const;
