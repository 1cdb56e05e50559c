import { normaliseCountry, type EntityCatalog } from '@trustwatch/entities';
import { IngestSupplierError } from '../errors.js';
import { nameOrganisation, type FactSnapshot, type NamedOrganisation, type SupplierFact } from '../facts.js';
import { parseJsonFile } from '../untrusted-json.js';
import { bomViewSchema, type BomComponent, type BomOrganisation, type BomView } from './bom-view.js';
import { componentCategory } from './component-category.js';
import { cycloneDxViolation } from '@trustwatch/cyclonedx';

/** One BOM file, reduced to its supplier facts and what identifies the product and the BOM version. */
export interface BomSnapshot extends FactSnapshot {
  readonly serialNumber?: string;
  /** `metadata.component["bom-ref"]`: identifies the product when BOM serial numbers change. */
  readonly productRef?: string;
  /** CycloneDX `version` of this BOM (1 when absent). */
  readonly version: number;
  readonly vendor: NamedOrganisation;
}

export interface ParseBomOptions {
  /** Name of the file, used in errors and as the event source reference. */
  readonly file: string;
  readonly catalog: EntityCatalog;
  /** `YYYY-MM-DD` used when the BOM has no `metadata.timestamp`. */
  readonly fallbackDate: string;
  /** The product's vendor, when the operator knows it better than the BOM says. */
  readonly vendor?: string;
}

const ROLES = ['manufacturer', 'supplier'] as const;

interface FactContext {
  readonly file: string;
  readonly catalog: EntityCatalog;
  readonly vendor: NamedOrganisation;
}

/**
 * Parses one CycloneDX BOM (JSON): size cap, safe JSON, the official 1.6 schema, then every component's
 * `manufacturer` and `supplier` (nested components included) with names through the entity catalog and
 * countries normalised. Throws {@link IngestSupplierError} naming the file and the JSON pointer of the
 * first problem; nothing of a failing file is returned.
 */
export function parseBom(text: string, options: ParseBomOptions): BomSnapshot {
  const { file } = options;
  const document = parseJsonFile(text, file);
  const violation = cycloneDxViolation(document);
  if (violation !== undefined) {
    throw new IngestSupplierError(
      'BOM_SCHEMA_VIOLATION',
      `not a valid CycloneDX 1.6 BOM: ${violation.message}`,
      {
        file,
        path: violation.path,
      },
    );
  }
  const parsed = bomViewSchema.safeParse(document);
  if (!parsed.success) {
    const path = `/${parsed.error.issues[0]?.path.join('/') ?? ''}`;
    throw new IngestSupplierError('BOM_SCHEMA_VIOLATION', 'not a CycloneDX BOM', {
      file,
      path,
      cause: parsed.error,
    });
  }
  const bom = parsed.data;
  const vendor = nameOrganisation(options.catalog, vendorName(bom, options), 'vendor');
  const serialNumber = bom.serialNumber;
  const productRef = bom.metadata?.component?.['bom-ref'];
  const identity = serialNumber ?? productRef;
  if (identity === undefined) {
    throw new IngestSupplierError(
      'PRODUCT_UNIDENTIFIED',
      'neither serialNumber nor metadata.component bom-ref',
      {
        file,
        path: '/serialNumber',
      },
    );
  }
  const version = bom.version ?? 1;
  const facts: SupplierFact[] = [];
  (bom.components ?? []).forEach((component, index) =>
    collectFacts(component, `/components/${index}`, { file, catalog: options.catalog, vendor }, facts),
  );
  return {
    file,
    facts,
    effectiveDate: bom.metadata?.timestamp?.slice(0, 10) ?? options.fallbackDate,
    source: { kind: 'bom', reference: `${identity} v${version}`.slice(0, 256) },
    version,
    vendor,
    ...(serialNumber === undefined ? {} : { serialNumber }),
    ...(productRef === undefined ? {} : { productRef }),
  };
}

// The product's maker, in the order CycloneDX 1.6 intends: the BOM's manufacturer, the product
// component's manufacturer, then suppliers, then the component group as a last resort.
function vendorName(bom: BomView, options: ParseBomOptions): string {
  const product = bom.metadata?.component;
  const candidates = [
    options.vendor,
    bom.metadata?.manufacturer?.name,
    product?.manufacturer?.name,
    bom.metadata?.supplier?.name,
    product?.supplier?.name,
    product?.group,
  ];
  const name = candidates.find((candidate) => candidate !== undefined && candidate.trim() !== '');
  if (name === undefined) {
    throw new IngestSupplierError(
      'VENDOR_MISSING',
      'the BOM names no manufacturer, supplier or group for its product',
      {
        file: options.file,
        path: '/metadata/manufacturer',
      },
    );
  }
  return name;
}

function collectFacts(
  component: BomComponent,
  pointer: string,
  context: FactContext,
  facts: SupplierFact[],
): void {
  for (const role of ROLES) {
    const organisation = component[role];
    if (organisation !== undefined)
      facts.push(toFact(component, organisation, `${pointer}/${role}`, context));
  }
  (component.components ?? []).forEach((child, index) =>
    collectFacts(child, `${pointer}/components/${index}`, context, facts),
  );
}

function toFact(
  component: BomComponent,
  organisation: BomOrganisation,
  pointer: string,
  context: FactContext,
): SupplierFact {
  const { file } = context;
  const name = organisation.name?.trim() ?? '';
  if (name === '') {
    throw new IngestSupplierError('SUPPLIER_NAME_MISSING', 'an organisation without a name', {
      file,
      path: `${pointer}/name`,
    });
  }
  const supplier = nameOrganisation(context.catalog, name, 'supplier');
  const address = organisation.address;
  const facility = (address?.locality ?? address?.region)?.trim();
  return {
    vendorId: context.vendor.id,
    vendorName: context.vendor.name,
    supplierId: supplier.id,
    supplierName: supplier.name,
    componentCategory: componentCategory(component),
    ...countryOf(address?.country, file, `${pointer}/address/country`),
    ...(facility === undefined || facility === '' ? {} : { facility: facility.slice(0, 200) }),
  };
}

function countryOf(text: string | undefined, file: string, path: string): { country?: string } {
  if (text === undefined) return {};
  const country = normaliseCountry(text);
  if (country === undefined) {
    throw new IngestSupplierError('UNKNOWN_COUNTRY', `"${text.slice(0, 64)}" is not a known country`, {
      file,
      path,
    });
  }
  return { country };
}
