import { supplierChangedSchema, type SupplierChanged } from '@trustwatch/schemas';
import type { FactSnapshot, SupplierFact } from './facts.js';

// Countries of one (vendor, supplier, component category); the empty key holds facts with no country.
type CountryFacts = Map<string, SupplierFact>;

function groupFacts(facts: readonly SupplierFact[]): Map<string, CountryFacts> {
  const groups = new Map<string, CountryFacts>();
  for (const fact of facts) {
    const key = JSON.stringify([fact.vendorId, fact.supplierId, fact.componentCategory]);
    const countries = groups.get(key) ?? new Map<string, SupplierFact>();
    if (!countries.has(fact.country ?? '')) countries.set(fact.country ?? '', fact);
    groups.set(key, countries);
  }
  return groups;
}

function known(countries: CountryFacts): string[] {
  return [...countries.keys()].filter((country) => country !== '').sort();
}

/**
 * What changed between two snapshots of the same vendor's supply chain, as `supplier.changed` data:
 * - a (vendor, supplier, category) only in `current` -> `added`, only in `previous` -> `removed`;
 * - present in both with different countries -> one `relocated` per country that went away, paired in
 *   sorted order with a country that appeared; unpaired extras are `added`/`removed` with their country;
 * - a country that becomes known (absent before) is learning, not moving: no event.
 * Output is sorted, and each object is checked against the event schema.
 */
export function diffSnapshots(previous: FactSnapshot, current: FactSnapshot): SupplierChanged[] {
  const before = groupFacts(previous.facts);
  const after = groupFacts(current.facts);
  const changes: SupplierChanged[] = [];
  for (const [key, now] of after) {
    const then = before.get(key);
    if (then === undefined) {
      for (const fact of distinct(now)) changes.push(event('added', fact, current, { to: fact }));
      continue;
    }
    changes.push(...moves(then, now, current));
  }
  for (const [key, then] of before) {
    if (after.has(key)) continue;
    for (const fact of distinct(then)) changes.push(event('removed', fact, current, { from: fact }));
  }
  return changes.map((change) => supplierChangedSchema.parse(change)).sort(compareChanges);
}

// One fact per known country, or the unknown-country fact when no country is known.
function distinct(countries: CountryFacts): SupplierFact[] {
  const withCountry = known(countries).map((country) => countries.get(country) as SupplierFact);
  if (withCountry.length > 0) return withCountry;
  return [...countries.values()].slice(0, 1);
}

function moves(then: CountryFacts, now: CountryFacts, current: FactSnapshot): SupplierChanged[] {
  const oldCountries = known(then);
  const newCountries = known(now);
  if (oldCountries.length === 0 || newCountries.length === 0) return [];
  const gone = oldCountries.filter((country) => !now.has(country));
  const came = newCountries.filter((country) => !then.has(country));
  const changes: SupplierChanged[] = [];
  const pairs = Math.min(gone.length, came.length);
  for (let i = 0; i < Math.max(gone.length, came.length); i += 1) {
    const goneCountry = gone[i];
    const cameCountry = came[i];
    const from = goneCountry === undefined ? undefined : then.get(goneCountry);
    const to = cameCountry === undefined ? undefined : now.get(cameCountry);
    if (i < pairs && from !== undefined && to !== undefined) {
      changes.push(event('relocated', to, current, { from, to }));
    } else if (to !== undefined) {
      changes.push(event('added', to, current, { to }));
    } else if (from !== undefined) {
      changes.push(event('removed', from, current, { from }));
    }
  }
  return changes;
}

function event(
  change: SupplierChanged['change'],
  fact: SupplierFact,
  current: FactSnapshot,
  ends: { from?: SupplierFact; to?: SupplierFact },
): SupplierChanged {
  const uri = ends.to?.sourceUrl ?? current.source.uri;
  return {
    vendorId: fact.vendorId,
    vendorName: fact.vendorName,
    supplierId: fact.supplierId,
    supplierName: fact.supplierName,
    componentCategory: fact.componentCategory,
    change,
    ...(ends.from?.country === undefined ? {} : { fromCountry: ends.from.country }),
    ...(ends.to?.country === undefined ? {} : { toCountry: ends.to.country }),
    ...(fact.facility === undefined ? {} : { facility: fact.facility }),
    // A removal is learned from the snapshot that no longer lists it, whatever date the old row had.
    effectiveDate: (change === 'removed' ? undefined : ends.to?.effectiveDate) ?? current.effectiveDate,
    source: { ...current.source, ...(uri === undefined ? {} : { uri }) },
  };
}

function compareChanges(a: SupplierChanged, b: SupplierChanged): number {
  const key = (c: SupplierChanged): string =>
    [c.vendorId, c.supplierId, c.componentCategory, c.change, c.fromCountry ?? '', c.toCountry ?? ''].join(
      '\u0000',
    );
  return key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;
}
