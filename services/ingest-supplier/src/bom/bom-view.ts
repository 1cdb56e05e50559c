import { z } from 'zod';

/**
 * The parts of a CycloneDX BOM this service reads, applied after the official schema has accepted the
 * document: it gives types to what the schema already guarantees and ignores everything else.
 */
const addressSchema = z.looseObject({
  country: z.string().optional(),
  region: z.string().optional(),
  locality: z.string().optional(),
});

export const organisationSchema = z.looseObject({
  name: z.string().optional(),
  address: addressSchema.optional(),
});
export type BomOrganisation = z.infer<typeof organisationSchema>;

const propertySchema = z.looseObject({ name: z.string(), value: z.string().optional() });

export interface BomComponent {
  readonly type: string;
  readonly name: string;
  readonly group?: string | undefined;
  readonly description?: string | undefined;
  readonly 'bom-ref'?: string | undefined;
  readonly supplier?: BomOrganisation | undefined;
  readonly manufacturer?: BomOrganisation | undefined;
  readonly properties?: readonly z.infer<typeof propertySchema>[] | undefined;
  readonly components?: readonly BomComponent[] | undefined;
}

export const componentSchema: z.ZodType<BomComponent> = z.looseObject({
  type: z.string(),
  name: z.string(),
  group: z.string().optional(),
  description: z.string().optional(),
  'bom-ref': z.string().optional(),
  supplier: organisationSchema.optional(),
  manufacturer: organisationSchema.optional(),
  properties: z.array(propertySchema).optional(),
  get components() {
    return z.array(componentSchema).optional();
  },
});

export const bomViewSchema = z.looseObject({
  bomFormat: z.literal('CycloneDX'),
  specVersion: z.string(),
  serialNumber: z.string().optional(),
  version: z.number().int().optional(),
  metadata: z
    .looseObject({
      timestamp: z.string().optional(),
      component: componentSchema.optional(),
      manufacturer: organisationSchema.optional(),
      supplier: organisationSchema.optional(),
    })
    .optional(),
  components: z.array(componentSchema).optional(),
});
export type BomView = z.infer<typeof bomViewSchema>;
