import { readFile } from 'node:fs/promises';
import {
  DEFAULT_ROUTING_URL,
  DEFAULT_RULES_URL,
  parseRouting,
  parseRules,
  type RouteNode,
  type RoutingTree,
  type RuleFile,
} from '@trustwatch/alerting';
import { parse } from 'yaml';
import { z } from 'zod';
import { AlerterError } from '../errors.js';
import { receiverConfigSchema, type ReceiverConfig } from '../receivers/receiver-config.js';
import { checkPolicy, type AddressPolicy } from '../ssrf/address-policy.js';

/**
 * The receivers file: where each receiver the routing names delivers, and which private addresses the
 * operator allows (none by default: every user-configured URL must resolve to a public address).
 */
export const receiversFileSchema = z.strictObject({
  version: z.literal(1),
  receivers: z.array(receiverConfigSchema).max(100),
  ssrf: z
    .strictObject({
      allow: z.array(z.string().min(1)).max(100).default([]),
      allowHosts: z.array(z.string().min(1)).max(100).default([]),
    })
    .default({ allow: [], allowHosts: [] }),
});

/** Everything the alerter evaluates and delivers with, validated together. */
export interface AlertingSetup {
  readonly rules: RuleFile;
  readonly tree: RoutingTree;
  readonly receivers: readonly ReceiverConfig[];
  readonly policy: AddressPolicy;
}

function routesOf(node: RouteNode): RouteNode[] {
  return [node, ...node.routes.flatMap(routesOf)];
}

/**
 * Checks what the parts cannot check alone: every receiver the routing names is configured, and every
 * route groups by customer, because the alerter keeps each customer's groups with that customer's state
 * (one atomic write per step) and a notification never mixes customers.
 */
export function assembleSetup(
  rules: RuleFile,
  tree: RoutingTree,
  receiversText: string | null,
): AlertingSetup {
  let raw: unknown = { version: 1, receivers: [] };
  try {
    if (receiversText !== null) raw = parse(receiversText, { uniqueKeys: true, maxAliasCount: 0 });
  } catch (cause) {
    throw new AlerterError('INVALID_CONFIG', 'the receivers file is not valid YAML', cause);
  }
  const file = receiversFileSchema.safeParse(raw);
  if (!file.success) {
    throw new AlerterError('INVALID_CONFIG', `the receivers file is invalid: ${z.prettifyError(file.error)}`);
  }
  for (const route of routesOf(tree.root)) {
    if (route.groupBy !== 'all' && !route.groupBy.includes('customer')) {
      throw new AlerterError(
        'INVALID_CONFIG',
        `route ${route.id} must group by customer (group_by: [customer, ...])`,
      );
    }
  }
  const names = new Set(file.data.receivers.map((r) => r.name));
  if (receiversText !== null) {
    const missing = tree.receivers.filter((name) => !names.has(name));
    if (missing.length > 0) {
      throw new AlerterError(
        'INVALID_CONFIG',
        `routing names receivers the receivers file lacks: ${missing.join(', ')}`,
      );
    }
  }
  return { rules, tree, receivers: file.data.receivers, policy: checkPolicy(file.data.ssrf) };
}

/** Where the three files are; absent rule and routing files mean the shipped defaults. */
export interface SetupFiles {
  readonly rulesFile?: string | URL;
  readonly routingFile?: string | URL;
  /** Absent: no receivers (the embedded demo); notifications then stay in the outbox as dead units. */
  readonly receiversFile?: string | URL;
}

/** Reads and validates the rule, routing and receivers files; throws `AlertingError` or `AlerterError` `INVALID_CONFIG`. */
export async function loadAlertingSetup(files: SetupFiles = {}): Promise<AlertingSetup> {
  const [rules, routing, receivers] = await Promise.all([
    readFile(files.rulesFile ?? DEFAULT_RULES_URL, 'utf8'),
    readFile(files.routingFile ?? DEFAULT_ROUTING_URL, 'utf8'),
    files.receiversFile === undefined ? null : readFile(files.receiversFile, 'utf8'),
  ]);
  return assembleSetup(parseRules(rules), parseRouting(routing), receivers);
}
