import { readFileSync } from 'node:fs';
import { bindSharedFactor } from '@trustwatch/schemas';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { scoreAt } from '../model/score.js';
import { parsePolicy } from '../policy/parse-policy.js';
import { rerateFactor } from './lifecycle.js';
import { supplierFactors, type SupplierChange } from './supplier.js';

const policyText = readFileSync(new URL('../../policy/default.policy.yaml', import.meta.url), 'utf8');
const policy = parsePolicy(policyText);

// OSE moved motherboard production from Suzhou (CN) to Kaohsiung (TW) from Q4 2018 (DOMAIN.md).
const oseMove: SupplierChange = {
  eventId: 'sup-1',
  supplierId: 'ose',
  vendorIds: ['supermicro', 'supermicro', 'dell'],
  change: 'relocated',
  fromCountry: 'CN',
  toCountry: 'TW',
  occurredAt: '2018-10-01T00:00:00Z',
  summary: 'OSE moves motherboard production from Suzhou to Kaohsiung',
};

describe('supplierFactors', () => {
  it('adds no risk for a move to a country the policy rates safer', () => {
    expect(supplierFactors(oseMove, policy)).toEqual([]);
  });

  it('rates a move to a riskier country by the rise in risk, once per vendor buying from the supplier', () => {
    const factors = supplierFactors({ ...oseMove, fromCountry: 'TW', toCountry: 'CN' }, policy);
    expect(factors.map((f) => f.scope.level === 'entity' && f.scope.vendorId)).toEqual([
      'dell',
      'supermicro',
    ]);
    const risk = policy.countryRisk.table;
    expect(factors[0]?.severity).toBeCloseTo((risk['CN'] ?? 0) - (risk['TW'] ?? 0), 12);
  });

  it('re-scores stored factors under a new country-risk table without the original event', () => {
    const [stored] = supplierFactors({ ...oseMove, fromCountry: 'TW', toCountry: 'CN' }, policy);
    if (stored === undefined) throw new Error('expected a factor');
    const bound = bindSharedFactor(stored, {
      factorId: stored.id,
      customerId: 'globex',
      exposure: 0.5,
      vendorExposure: 1,
    });
    const doc = parse(policyText) as { version: string; countryRisk: { table: Record<string, number> } };
    doc.version = '2026.12.1';
    doc.countryRisk.table['CN'] = 1;
    const stricter = parsePolicy(stringify(doc));
    const t = '2018-10-02T00:00:00Z';
    const before = scoreAt([bound], t, policy);
    const after = scoreAt([rerateFactor(bound, stricter)], t, stricter);
    expect(after).toBeLessThan(before);
    expect(rerateFactor(bound, policy)).toEqual(bound);
  });
});
