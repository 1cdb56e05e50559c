import { z } from 'zod';
import { StoreError } from '../errors.js';
import type { Asset } from '../port.js';

const text = z.string().min(1).max(256);
const simpleFleetSchema = z.strictObject({
  assets: z
    .array(
      z.strictObject({
        id: text,
        vendor: text,
        model: text,
        components: z
          .array(
            z.strictObject({
              id: text,
              kind: text,
              version: text,
              hashes: z.array(z.string().regex(/^[a-z0-9]+:[0-9a-f]{8,128}$/, 'must be <alg>:<hex>')).max(8),
            }),
          )
          .max(64),
      }),
    )
    .max(100_000),
});

/** The simple JSON fleet format: `{ "assets": [{ id, vendor, model, components: [{ id, kind, version, hashes }] }] }`. */
export function assetsFromSimpleJson(document: unknown): Asset[] {
  const parsed = simpleFleetSchema.safeParse(document);
  if (parsed.success) return parsed.data.assets;
  const issue = parsed.error.issues[0];
  const path = `/${(issue?.path ?? []).map(String).join('/')}`;
  throw new StoreError('INVALID_FLEET', `fleet JSON invalid at ${path}: ${issue?.message ?? 'invalid'}`, {
    path,
  });
}

const HEADER = 'asset_id,vendor,model,component_id,component_kind,version,hashes';

/**
 * The simple CSV fleet format: header `asset_id,vendor,model,component_id,component_kind,version,hashes`,
 * one row per firmware component (an asset without firmware: one row with the last four fields empty),
 * hashes separated by `;`. No quoting: fields must not contain commas. Errors name the line.
 */
export function assetsFromSimpleCsv(csv: string): Asset[] {
  const lines = csv.split(/\r?\n/).filter((line) => line.trim() !== '');
  if (lines[0]?.trim() !== HEADER) {
    throw new StoreError('INVALID_FLEET', `fleet CSV must start with the header ${HEADER}`, {
      path: 'line 1',
    });
  }
  const assets = new Map<
    string,
    { id: string; vendor: string; model: string; components: Asset['components'][number][] }
  >();
  lines.slice(1).forEach((line, i) => {
    const at = `line ${String(i + 2)}`;
    const fields = line.split(',').map((f) => f.trim());
    const [id = '', vendor = '', model = '', componentId = '', kind = '', version = '', hashes = ''] = fields;
    if (fields.length !== 7 || id === '' || vendor === '' || model === '') {
      throw new StoreError(
        'INVALID_FLEET',
        `fleet CSV ${at}: expected 7 fields with asset_id, vendor, model`,
        {
          path: at,
        },
      );
    }
    const asset = assets.get(id) ?? { id, vendor, model, components: [] };
    if (asset.vendor !== vendor || asset.model !== model) {
      throw new StoreError(
        'INVALID_FLEET',
        `fleet CSV ${at}: asset ${id} listed with another vendor or model`,
        {
          path: at,
        },
      );
    }
    if (componentId !== '') {
      asset.components.push({
        id: componentId,
        kind,
        version,
        hashes: hashes === '' ? [] : hashes.split(';'),
      });
    }
    assets.set(id, asset);
  });
  return assetsFromSimpleJson({ assets: [...assets.values()] });
}
