import type { FirmwareObserved } from '@trustwatch/schemas';
import type { Asset, TrustStore } from '@trustwatch/store';

/** The asset as the exposure index keeps it: every component with its version and image hash. */
export function assetOf(snapshot: FirmwareObserved): Asset {
  return {
    id: snapshot.assetId,
    vendor: snapshot.vendor,
    model: snapshot.model,
    components: snapshot.components.map((component) => ({
      id: component.id,
      kind: component.kind,
      version: component.version,
      hashes:
        component.hash === undefined
          ? []
          : [`${component.hash.algorithm}:${component.hash.value.toLowerCase()}`],
    })),
  };
}

/**
 * Puts the snapshot's asset into the customer's fleet (what firmware each customer runs). The fleet
 * version is the snapshot's time, so a late, older snapshot never overwrites a newer fleet. Snapshots
 * of one customer share a partition and are handled one at a time, so the read-modify-write does not
 * race with itself. Returns whether the fleet changed.
 */
export async function updateExposure(store: TrustStore, snapshot: FirmwareObserved): Promise<boolean> {
  const asset = assetOf(snapshot);
  const fleet = await store.getFleet(snapshot.customerId);
  const known = fleet.find((candidate) => candidate.id === asset.id);
  if (known !== undefined && JSON.stringify(known) === JSON.stringify(asset)) return false;
  const others = fleet.filter((candidate) => candidate.id !== asset.id);
  const change = await store.replaceFleet(
    snapshot.customerId,
    [...others, asset],
    Date.parse(snapshot.observedAt),
  );
  return change.applied;
}
