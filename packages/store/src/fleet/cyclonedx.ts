import { cycloneDxViolation } from '@trustwatch/cyclonedx';
import { StoreError } from '../errors.js';
import type { Asset, AssetComponent } from '../port.js';

// The slice of a CycloneDX component the importer reads (the schema has already checked its shape).
interface CdxComponent {
  readonly type: string;
  readonly 'bom-ref'?: string;
  readonly name: string;
  readonly group?: string;
  readonly version?: string;
  readonly manufacturer?: { readonly name?: string };
  readonly supplier?: { readonly name?: string };
  readonly hashes?: readonly { readonly alg: string; readonly content: string }[];
  readonly properties?: readonly { readonly name: string; readonly value?: string }[];
  readonly components?: readonly CdxComponent[];
}
interface CdxBom {
  readonly metadata?: { readonly component?: CdxComponent };
  readonly components?: readonly CdxComponent[];
}

function vendorOf(component: CdxComponent, path: string): string {
  const vendor = component.manufacturer?.name ?? component.supplier?.name ?? component.group;
  if (vendor === undefined || vendor === '') {
    throw new StoreError('INVALID_FLEET', `${path} names no manufacturer, supplier or group`, { path });
  }
  return vendor;
}

function firmwareOf(component: CdxComponent): AssetComponent {
  const kind = component.properties?.find((p) => p.name === 'trustwatch:firmware:kind')?.value;
  return {
    id: component.name,
    kind: kind ?? component.name.toLowerCase(),
    version: component.version ?? 'unknown',
    hashes: (component.hashes ?? []).map(
      (h) => `${h.alg.toLowerCase().replace('-', '')}:${h.content.toLowerCase()}`,
    ),
  };
}

function assetOf(component: CdxComponent, path: string, firmware: readonly CdxComponent[]): Asset {
  return {
    id: component['bom-ref'] ?? `${vendorOf(component, path)}/${component.name}/${path}`,
    vendor: vendorOf(component, path),
    model: component.name,
    components: firmware.filter((c) => c.type === 'firmware').map(firmwareOf),
  };
}

/**
 * A customer's fleet from a CycloneDX 1.6 JSON BOM (1.4 and 1.5 documents validate against 1.6 too).
 * Each top-level `device` component is an asset (vendor: manufacturer, else supplier, else group;
 * model: name; id: bom-ref), its nested `firmware` components are its firmware. When the BOM describes
 * one device in `metadata.component`, top-level `firmware` components belong to that device.
 * Throws INVALID_FLEET naming the JSON path; nothing is returned for an invalid document.
 */
export function assetsFromCycloneDx(document: unknown): Asset[] {
  const violation = cycloneDxViolation(document);
  if (violation !== undefined) {
    const { path, message } = violation;
    throw new StoreError('INVALID_FLEET', `CycloneDX 1.6 schema violation at ${path} ${message}`, { path });
  }
  const bom = document as CdxBom;
  const top = bom.components ?? [];
  const assets = top
    .map((component, i) => ({ component, path: `/components/${String(i)}` }))
    .filter(({ component }) => component.type === 'device')
    .map(({ component, path }) => assetOf(component, path, component.components ?? []));
  const root = bom.metadata?.component;
  const looseFirmware = top.filter((c) => c.type === 'firmware');
  if (root?.type === 'device' && looseFirmware.length > 0) {
    assets.push(assetOf(root, '/metadata/component', looseFirmware));
  }
  return assets;
}
