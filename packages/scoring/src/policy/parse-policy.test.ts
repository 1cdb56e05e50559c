import { readFileSync } from 'node:fs';
import { FACTOR_KINDS } from '@trustwatch/schemas';
import { publicDataPath } from '@trustwatch/testing';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ScoringError } from '../errors.js';
import { ADMIRALTY_CREDIBILITY, ADMIRALTY_RELIABILITY } from './admiralty.js';
import { parsePolicy } from './parse-policy.js';

const policyText = readFileSync(new URL('../../policy/default.policy.yaml', import.meta.url), 'utf8');
// The MISP taxonomy the admiralty values are copied from, in the public test data.
const taxonomyUrl = publicDataPath('misp-taxonomies', 'admiralty-scale.machinetag.json');

interface TaxonomyEntry {
  value: string;
  numerical_value: number;
}
interface Taxonomy {
  values: { predicate: string; entry: TaxonomyEntry[] }[];
}

function taxonomyValues(predicate: string): Map<string, number> {
  const taxonomy = JSON.parse(readFileSync(taxonomyUrl, 'utf8')) as Taxonomy;
  const entries = taxonomy.values.find((v) => v.predicate === predicate)?.entry ?? [];
  return new Map(entries.map((e) => [e.value.toUpperCase(), e.numerical_value / 100]));
}

function expectPolicyError(text: string, code: string): void {
  try {
    parsePolicy(text);
  } catch (error) {
    expect(error).toBeInstanceOf(ScoringError);
    expect((error as ScoringError).code).toBe(code);
    expect((error as ScoringError).retriable).toBe(false);
    return;
  }
  expect.fail(`expected ${code}`);
}

describe('parsePolicy', () => {
  it('accepts the default policy and covers every factor kind', () => {
    const policy = parsePolicy(policyText);
    expect(Object.keys(policy.kinds).sort()).toEqual([...FACTOR_KINDS].sort());
    expect(policy.baseline).toBe(100);
    expect(policy.thresholds.map((t) => t.value)).toEqual([80, 60, 40]);
  });

  it('explains every number in the default policy file with a comment', () => {
    const uncommented = policyText
      .split('\n')
      .filter((line) => /:\s*-?\d/.test(line) && !line.includes('#'))
      .filter((line) => !/^\s*version:/.test(line));
    expect(uncommented).toEqual([]);
  });

  it('uses the admiralty values of the MISP taxonomy file', () => {
    const reliability = taxonomyValues('source-reliability');
    const credibility = taxonomyValues('information-credibility');
    for (const [grade, value] of Object.entries(ADMIRALTY_RELIABILITY)) {
      expect(reliability.get(grade)).toBe(value);
    }
    for (const [grade, value] of Object.entries(ADMIRALTY_CREDIBILITY)) {
      expect(credibility.get(grade)).toBe(value);
    }
  });

  it('returns a frozen policy so one parsed policy can be shared safely', () => {
    const policy = parsePolicy(policyText);
    expect(Object.isFrozen(policy)).toBe(true);
    expect(Object.isFrozen(policy.kinds.news_allegation)).toBe(true);
  });

  it('refuses malformed YAML and duplicated keys as a syntax error', () => {
    expectPolicyError('baseline: [100', 'POLICY_SYNTAX');
    expectPolicyError(`${policyText}\nbaseline: 90\n`, 'POLICY_SYNTAX');
  });

  it('refuses a policy missing a factor kind, with thresholds out of order, or with unknown keys', () => {
    const doc = parse(policyText) as Record<string, unknown> & { kinds: Record<string, unknown> };
    const { sanctions: _dropped, ...kinds } = doc.kinds;
    expectPolicyError(JSON.stringify({ ...doc, kinds }), 'POLICY_INVALID');
    const thresholds = [
      { name: 'warning', value: 60 },
      { name: 'watch', value: 80 },
    ];
    expectPolicyError(JSON.stringify({ ...doc, thresholds }), 'POLICY_INVALID');
    expectPolicyError(JSON.stringify({ ...doc, maxWeight: 1 }), 'POLICY_INVALID');
    expectPolicyError(JSON.stringify({ ...doc, surprise: true }), 'POLICY_INVALID');
  });
});
