import type { FirmwareObserved } from '@trustwatch/schemas';

// Records of the store port: fleets and their exposure index, supplier links, the firmware catalog,
// pending answers, Kafka positions, an event's dedupe marker and read options. port.ts holds the rest
// (effects, outcomes, snapshots, queries) and the TrustStore interface, and re-exports these.

/** One firmware component installed on an asset (BMC, BIOS, CPLD, NIC, ...). */
export interface AssetComponent {
  /** Component id within the asset, e.g. `BMC` or a Redfish FirmwareInventory member id. */
  readonly id: string;
  /** Component kind, e.g. `bmc`, `bios`. */
  readonly kind: string;
  readonly version: string;
  /** Image hashes (e.g. `sha256:...`) when known. */
  readonly hashes: readonly string[];
}

/** One server (or board) a customer owns, as the exposure index sees it. */
export interface Asset {
  readonly id: string;
  readonly vendor: string;
  readonly model: string;
  readonly components: readonly AssetComponent[];
}

/** What a fleet import changed, so the engine can re-score exactly the affected vendors. */
export interface FleetChange {
  readonly customerId: string;
  readonly added: readonly string[];
  readonly removed: readonly string[];
  /** Assets whose vendor, model or components changed. */
  readonly changed: readonly string[];
  /** Vendors whose share of the fleet moved (appeared, vanished or changed size). */
  readonly vendorsAffected: readonly string[];
  /** False when the import carried an older version than the stored fleet and was refused. */
  readonly applied: boolean;
}

/** What one observation did to the fleet: `added` or `changed` name at most its own asset. */
export interface ObservedAssetChange extends FleetChange {
  /** The asset as the fleet now holds it, or null when the observation was refused. */
  readonly asset: Asset | null;
}

/** An event's apply to one customer, as its dedupe marker records it (see TrustStore.appliedEvent). */
export interface AppliedEvent {
  readonly feedId: string | null;
}

/** A customer exposed to a vendor, with the vendor's share of its fleet (0..1). */
export interface VendorExposure {
  readonly customerId: string;
  readonly share: number;
}

/** A supplier feeding a vendor for one component category. */
export interface SupplierLink {
  readonly supplierId: string;
  readonly vendorId: string;
  readonly category: string;
}

/**
 * The `model` of a build the vendor published for every model it makes (one BMC image for a whole
 * board family, a NIC firmware). `publishedFirmware` returns such builds for every model it is asked
 * about, so a model literally named `*` cannot be catalogued on its own.
 */
export const ANY_MODEL = '*';

/** A firmware build the vendor published (the known-good catalog). */
export interface PublishedFirmware {
  readonly vendor: string;
  /** The model it was published for, or {@link ANY_MODEL}. */
  readonly model: string;
  readonly component: string;
  readonly version: string;
  /**
   * The build's identifier where the vendor names builds by it (Redfish `SoftwareId`): two builds of
   * one version with different SoftwareIds are two catalog entries.
   */
  readonly softwareId?: string;
  readonly hashes: readonly string[];
}

/** An asset's last known firmware inventory and the id of the `firmware.observed` event that carried it. */
export interface AssetSnapshotEntry {
  readonly snapshot: FirmwareObserved;
  readonly snapshotId: string;
}

/**
 * An answer (denial, retraction, audit) to a story whose claim is not stored yet: news arrives out of
 * order, so it is kept and applied when the claim arrives.
 */
export interface PendingAnswer {
  /** Identifies the answer: storing it again replaces it (a redelivery). */
  readonly answerId: string;
  /** The engine's serialised answer; opaque to the store. */
  readonly payload: string;
}

/** A Kafka position: the record whose effects are being applied. */
export interface KafkaPosition {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
}

/**
 * `readAhead`: a fan-out to the customers this read is about follows right away, so the adapter may read
 * their states in the same round trip (see TrustStore.assetInFleet and customersOfVendor).
 */
export interface ReadAheadOptions {
  readonly readAhead?: boolean;
}

/** One asset of a customer's fleet and the fleet around it: what an asset's exposure is computed from. */
export interface AssetInFleet {
  /** The asset as the fleet lists it; null when the fleet does not list it. */
  readonly asset: Asset | null;
  /** The fleet's assets per vendor (the counts the exposure index keeps); their sum is the fleet's size. */
  readonly vendorCounts: Readonly<Record<string, number>>;
}
