import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadLexicon, loadOutletDirectory } from '../data-files.js';
import { ClaimLedger } from './claim-ledger.js';
import { gradeStory } from './grade.js';
import { createOutletDirectory } from './outlets.js';

const table = {
  default: 'F',
  outlets: [
    { host: 'wire.example', name: 'Wire', reliability: 'B', group: 'wire' },
    { host: 'paper.example', name: 'Paper', reliability: 'C', group: 'wire' },
    { host: 'gov.example', name: 'Agency', reliability: 'A' },
  ],
};

describe('outlet directory', () => {
  it('rates an outlet by its host or any parent domain, and unknown outlets with the default', () => {
    const outlets = createOutletDirectory(table);
    expect(outlets.rate('https://news.gov.example/x')).toEqual({
      name: 'Agency',
      reliability: 'A',
      group: 'gov.example',
      known: true,
    });
    expect(outlets.rate('https://www.paper.example/y')).toMatchObject({ reliability: 'C', group: 'wire' });
    expect(outlets.rate('https://blog.unknown.example/z')).toEqual({
      name: 'blog.unknown.example',
      reliability: 'F',
      group: 'blog.unknown.example',
      known: false,
    });
  });

  it('refuses a table with a reliability outside the admiralty scale or a host listed twice', () => {
    expect(() => createOutletDirectory({ ...table, default: 'G' })).toThrow();
    expect(() =>
      createOutletDirectory({ ...table, outlets: [...table.outlets, table.outlets[0]] }),
    ).toThrow();
  });

  it('loads the shipped outlet table and lexicon, and names the file when one is broken', () => {
    expect(loadOutletDirectory().rate('https://www.cisa.gov/advisory').reliability).toBe('A');
    expect(loadLexicon().rules.length).toBe(9);
    const dir = mkdtempSync(join(tmpdir(), 'ingest-news-'));
    try {
      const broken = join(dir, 'lexicon.json');
      writeFileSync(broken, JSON.stringify({ negationWindow: 0, negators: [], hedges: [], rules: [] }));
      expect(() => loadLexicon(broken)).toThrow(
        expect.objectContaining({ code: 'DATA_FILE_INVALID', source: broken }),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('admiralty grading', () => {
  const asserted = [{ entityId: 'vendor:x', kind: 'backdoor_allegation', stance: 'asserts' }] as const;

  it('raises credibility with each independent outlet and not with outlets of one group', () => {
    const ledger = new ClaimLedger();
    ledger.record('s1', 'wire', asserted);
    ledger.record('s2', 'wire', asserted);
    expect(gradeStory('B', asserted, ledger.view(asserted))).toEqual({
      reliability: 'B',
      credibility: 3,
      independentOutlets: 1,
    });
    ledger.record('s3', 'paper-two', asserted);
    expect(gradeStory('B', asserted, ledger.view(asserted)).credibility).toBe(2);
    ledger.record('s4', 'agency', asserted);
    expect(gradeStory('B', asserted, ledger.view(asserted))).toEqual({
      reliability: 'B',
      credibility: 1,
      independentOutlets: 3,
    });
  });

  it('counts one story once however often it is recorded', () => {
    const ledger = new ClaimLedger();
    ledger.record('s1', 'a', asserted);
    ledger.record('s1', 'b', asserted);
    expect(ledger.view(asserted).independentOutlets).toBe(1);
  });

  it('does not let a denial of an allegation touch a relocation claim about the same entity', () => {
    const ledger = new ClaimLedger();
    const relocation = [{ entityId: 'vendor:x', kind: 'relocation', stance: 'asserts' }] as const;
    ledger.record('s1', 'a', relocation);
    ledger.record('s2', 'b', [{ entityId: 'vendor:x', kind: 'denial', stance: 'asserts' }]);
    ledger.record('s3', 'c', [{ entityId: 'vendor:x', kind: 'retraction', stance: 'asserts' }]);
    expect(ledger.view(relocation)).toEqual({ independentOutlets: 1, denied: false, retracted: false });
    expect(ledger.view(asserted)).toEqual({ independentOutlets: 0, denied: true, retracted: true });
  });

  it('cannot judge a story that makes no claim', () => {
    expect(gradeStory('A', [], { independentOutlets: 0, denied: false, retracted: false }).credibility).toBe(
      6,
    );
  });
});
