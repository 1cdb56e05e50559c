import type { RedfishResource } from './client.js';

/** Readers for untrusted Redfish JSON: each returns `undefined` rather than trusting a shape. */

export function stringField(resource: RedfishResource, name: string): string | undefined {
  const value = resource[name];
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

export function booleanField(resource: RedfishResource, name: string): boolean | undefined {
  const value = resource[name];
  return typeof value === 'boolean' ? value : undefined;
}

export function objectField(resource: RedfishResource, name: string): RedfishResource | undefined {
  const value = resource[name];
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as RedfishResource)
    : undefined;
}

/** The `@odata.id` of a navigation property such as `"UpdateService": { "@odata.id": "..." }`. */
export function linkField(resource: RedfishResource, name: string): string | undefined {
  const link = objectField(resource, name);
  return link === undefined ? undefined : stringField(link, '@odata.id');
}

/** The `@odata.id` of every entry of an array of links (`Members`, `RelatedItem`). */
export function linkList(resource: RedfishResource, name: string): string[] {
  const value = resource[name];
  if (!Array.isArray(value)) return [];
  const links: string[] = [];
  for (const entry of value as unknown[]) {
    if (typeof entry !== 'object' || entry === null) continue;
    const id = stringField(entry as RedfishResource, '@odata.id');
    if (id !== undefined) links.push(id);
  }
  return links;
}
