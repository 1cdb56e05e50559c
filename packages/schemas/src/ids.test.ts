import { describe, expect, it } from 'vitest';
import { stableId } from './ids.js';

describe('stableId', () => {
  // Ids are stored (factors, dedupe markers, trust changes): these were made by the first implementation
  // and must never change.
  it('gives the ids it has always given', () => {
    expect(stableId('fct', 'firmware_unknown_build', 'cust-1', 'asset-1', 'bmc', 'active')).toBe(
      'fct_cad03de8b0b449b70d4daebf7ab80208',
    );
    expect(stableId('evt', 'trustwatch://x', 'ünïcode-id', 42)).toBe('evt_00aa8a56eb3cff284156d06dcf458504');
  });

  it('keeps parts apart: moving a character between parts gives another id', () => {
    expect(stableId('tc', 'ab', 'c')).toBe('tc_edff684daf2c727c92e3aed18740d3b1');
    expect(stableId('tc', 'a', 'bc')).toBe('tc_22820a03ed72f5350ea9d789a4f9ccc0');
  });
});
