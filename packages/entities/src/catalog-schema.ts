import { z } from 'zod';

export const ENTITY_KINDS = ['vendor', 'supplier', 'product'] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];

/** `vendor:supermicro`, `supplier:ose`, `product:supermicro-x12dpg-oa6`: kind prefix, then a lower-case slug. */
export const entityIdSchema = z
  .string()
  .max(120)
  .regex(
    /^(vendor|supplier|product):[a-z0-9]+(-[a-z0-9]+)*$/,
    'must be <kind>:<slug>, the slug lower-case letters and digits joined by single hyphens',
  );

/**
 * An alias is a name as people write it. Written as a plain string it matches ignoring case, unless it
 * is a short all-capitals word (`SMCI`, `USI`, `3M`), which then matches only as written. The object
 * form forces case-sensitive matching for names that are also ordinary words (`Intel`, `Quanta`).
 */
export const aliasSchema = z.union([
  z.string().trim().min(1).max(200),
  z.strictObject({ text: z.string().trim().min(1).max(200), caseSensitive: z.boolean() }),
]);
export type AliasInput = z.infer<typeof aliasSchema>;

export const entityInputSchema = z
  .strictObject({
    id: entityIdSchema,
    kind: z.enum(ENTITY_KINDS),
    /** The display name; also matched, as if it were the first alias. */
    name: z.string().trim().min(1).max(200),
    aliases: z.array(aliasSchema).max(200).default([]),
    /** The owning vendor of a product, or the parent company of a subsidiary. */
    parentId: entityIdSchema.optional(),
  })
  .refine((entity) => entity.id.startsWith(`${entity.kind}:`), {
    message: 'id prefix must equal kind',
    path: ['id'],
  });
export type EntityInput = z.infer<typeof entityInputSchema>;

/** A catalog document: where its facts come from, and the entities. */
export const catalogInputSchema = z.strictObject({
  /** Where the names and aliases come from, for the people who edit the file. */
  source: z.string().trim().min(1).max(4000),
  entities: z.array(entityInputSchema).min(1).max(50_000),
});
export type CatalogInput = z.input<typeof catalogInputSchema>;
