import { describe, expect, it } from 'vitest';
import { downgradeBelowMinimum } from './fixtures/examples.js';
import { firmwareChangedSchema, type FirmwareChanged } from './firmware-changed.js';

function paths(data: unknown): string[] {
  const result = firmwareChangedSchema.safeParse(data);
  return result.success ? [] : result.error.issues.map((issue) => issue.path.join('.'));
}

describe('firmware.changed', () => {
  it('accepts a BMC downgrade below the mockup’s lowest supported version', () => {
    const change = downgradeBelowMinimum();
    expect(firmwareChangedSchema.parse(change)).toEqual(change);
  });

  it('requires both sides for a downgrade', () => {
    const { after: _after, ...withoutAfter } = downgradeBelowMinimum();
    expect(paths(withoutAfter)).toEqual(['after']);
  });

  it('refuses a "before" on a component that was just added', () => {
    const added: FirmwareChanged = { ...downgradeBelowMinimum(), change: 'component_added' };
    expect(paths(added)).toEqual(['before']);
  });

  it('refuses an "after" on a component that was removed', () => {
    const removed: FirmwareChanged = { ...downgradeBelowMinimum(), change: 'component_removed' };
    expect(paths(removed)).toEqual(['after']);
  });

  it('allows an unknown build to be the first sighting, with or without a previous state', () => {
    const { before: _before, ...firstSighting } = downgradeBelowMinimum();
    expect(paths({ ...firstSighting, change: 'unknown_build' })).toEqual([]);
    expect(paths({ ...downgradeBelowMinimum(), change: 'unknown_build' })).toEqual([]);
  });

  it('calls an image swapped only when each side has a hash or a SoftwareId', () => {
    const swapped: FirmwareChanged = { ...downgradeBelowMinimum(), change: 'image_swapped' };
    expect(paths(swapped)).toEqual(['before.hash']);
    const bySoftwareId: FirmwareChanged = {
      ...swapped,
      before: { version: '1.20.0', softwareId: 'BMC-IMAGE-A' },
      after: { version: '1.20.0', softwareId: 'BMC-IMAGE-B' },
    };
    expect(paths(bySoftwareId)).toEqual([]);
  });

  it('rejects an unknown change kind and an unknown key', () => {
    expect(paths({ ...downgradeBelowMinimum(), change: 'sidegrade' })).toEqual(['change']);
    expect(paths({ ...downgradeBelowMinimum(), severity: 'high' })).toEqual(['']);
  });
});
