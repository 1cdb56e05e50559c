import { readFileSync } from 'node:fs';
import { publicDataPath } from '@trustwatch/testing';
import { describe, expect, it } from 'vitest';
import { cycloneDxViolation } from './validate.js';

const realHbom = (): Record<string, unknown> =>
  JSON.parse(
    readFileSync(
      publicDataPath('cyclonedx', 'bom-examples', 'HBOM-PCIe-SATA-adapter-board.bom.json'),
      'utf8',
    ),
  ) as Record<string, unknown>;

describe('cycloneDxViolation', () => {
  it('accepts the real CycloneDX 1.6 hardware BOM example', () => {
    expect(cycloneDxViolation(realHbom())).toBeUndefined();
  });

  it('names the JSON path of the first violation', () => {
    const bom = { ...realHbom(), components: [{ type: 'not-a-type', name: 'x' }] };
    expect(cycloneDxViolation(bom)?.path).toBe('/components/0/type');
  });

  it('refuses a document that is not a BOM at the root', () => {
    expect(cycloneDxViolation({ bomFormat: 'SPDX' })?.path).toBe('/');
  });

  it('refuses a document that is not even an object, at the root', () => {
    for (const document of [null, 'bom', 42, []]) expect(cycloneDxViolation(document)?.path).toBe('/');
  });
});
