import { CLAIM_KINDS, CLAIM_STANCES } from '@trustwatch/schemas';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ClaimLedger } from './claim-ledger.js';

const ENTITIES = ['vendor:supermicro', 'vendor:apple', 'supplier:ose'];
const claim = fc.record({
  entityId: fc.constantFrom(...ENTITIES),
  kind: fc.constantFrom(...CLAIM_KINDS),
  stance: fc.constantFrom(...CLAIM_STANCES),
});
const story = fc.record({
  storyId: fc.constantFrom('s1', 's2', 's3', 's4', 's5'),
  group: fc.constantFrom('wire', 'paper', 'blog'),
  claims: fc.array(claim, { maxLength: 4 }),
});

describe('ClaimLedger slices', () => {
  it('grade and link answers exactly as the whole ledger does, for the entities sliced', () => {
    fc.assert(
      fc.property(
        fc.array(story, { maxLength: 12 }),
        fc.array(claim, { minLength: 1, maxLength: 4 }),
        (stories, asked) => {
          const whole = new ClaimLedger();
          for (const entry of stories) whole.record(entry.storyId, entry.group, entry.claims);
          const sliced = ClaimLedger.fromSlice(whole.slice(asked.map((c) => c.entityId)));
          expect(sliced.view(asked)).toEqual(whole.view(asked));
          for (const { entityId } of asked) {
            expect(sliced.answeredStory(entityId, 's1')).toBe(whole.answeredStory(entityId, 's1'));
          }
        },
      ),
    );
  });

  it('leaves out every record about entities not asked for', () => {
    const ledger = new ClaimLedger();
    ledger.record('s1', 'wire', [{ entityId: 'vendor:apple', kind: 'denial', stance: 'asserts' }]);
    ledger.record('s2', 'paper', [{ entityId: 'vendor:supermicro', kind: 'compromise', stance: 'asserts' }]);
    expect(ledger.slice(['vendor:supermicro'])).toEqual({
      asserted: [['vendor:supermicro|compromise', [{ storyId: 's2', group: 'paper', seq: 1 }]]],
      denied: [],
      answered: [],
    });
  });
});
