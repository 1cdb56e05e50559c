import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromHex, ledgerArgs, readLedger, toHex } from './news-codec.js';

describe('news codec', () => {
  it('reads back every MinHash signature it writes as hex', () => {
    fc.assert(
      fc.property(fc.uint32Array({ minLength: 1, maxLength: 128 }), (signature) => {
        const hex = toHex(signature);
        expect(hex).toHaveLength(signature.length * 8);
        expect(fromHex(hex)).toEqual(signature);
      }),
    );
  });

  it('turns a story slice into write triples with the entity ids encoded for keys', () => {
    const args = ledgerArgs({
      asserted: [['vendor:super micro|compromise', [{ storyId: 's1', group: 'g', seq: 1 }]]],
      denied: ['vendor:apple', 'vendor:aws|backdoor_allegation'],
      answered: ['vendor:elemental'],
    });
    expect(args).toEqual([
      'vendor%3Asuper%20micro',
      'a',
      'compromise',
      'vendor%3Aapple',
      'd',
      '',
      'vendor%3Aaws',
      'd',
      'backdoor_allegation',
      'vendor%3Aelemental',
      'r',
      '',
    ]);
  });

  it('rebuilds a slice from ledger hashes in recording order', () => {
    const slice = readLedger(
      ['vendor:a', 'vendor:b'],
      [
        { 'a|compromise|s2': '7|wire', 'a|compromise|s1': '3|biz', 'd|': '1' },
        { 'a|sanctions|s9': '5|gov', 'd|relocation': '1', 'r|': '1' },
      ],
    );
    expect(slice).toEqual({
      asserted: [
        [
          'vendor:a|compromise',
          [
            { storyId: 's1', group: 'biz', seq: 3 },
            { storyId: 's2', group: 'wire', seq: 7 },
          ],
        ],
        ['vendor:b|sanctions', [{ storyId: 's9', group: 'gov', seq: 5 }]],
      ],
      denied: ['vendor:a', 'vendor:b|relocation'],
      answered: ['vendor:b'],
    });
  });

  it('refuses a ledger field it did not write', () => {
    expect(() => readLedger(['vendor:a'], [{ 'a|compromise|s1': 'not-a-seq' }])).toThrow(/news ledger field/);
  });
});
