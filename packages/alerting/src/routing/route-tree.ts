import type { AlertLabels } from '@trustwatch/schemas';
import { AlertingError } from '../errors.js';
import { compileMatcher, matchesAll, type CompiledMatcher, type LabelSet } from '../matchers/matcher.js';
import { parseYamlConfig, validateConfig } from '../rules/parse-yaml.js';
import { compileInhibitRule, type InhibitRule } from './inhibition.js';
import { routingFileSchema, type RouteInput, type RoutingFile } from './routing-schema.js';

/**
 * Defaults suited to security work. group_wait 5s: the first page of a burst arrives within seconds yet
 * carries the burst. group_interval 2m: a group's changes are re-sent at most every two minutes.
 * repeat_interval 4h: a still-firing alert is re-sent twice per shift, so it is not forgotten.
 */
export const ROUTE_DEFAULTS = {
  groupWait: 5_000,
  groupInterval: 120_000,
  repeatInterval: 14_400_000,
} as const;

/** A route with every option resolved (inherited from its parent where it sets none). */
export interface RouteNode {
  /** Position in the tree (`root`, `root.0`, `root.0.1`): part of each group's key. */
  readonly id: string;
  readonly receiver: string;
  /** Label names to group by; `'all'` groups by the whole label set. */
  readonly groupBy: readonly string[] | 'all';
  readonly groupWait: number;
  readonly groupInterval: number;
  readonly repeatInterval: number;
  readonly matchers: readonly CompiledMatcher[];
  readonly continue: boolean;
  readonly routes: readonly RouteNode[];
}

/** A checked routing configuration ready to route alerts. */
export interface RoutingTree {
  readonly root: RouteNode;
  readonly teams: Readonly<Record<string, string>>;
  readonly inhibitRules: readonly InhibitRule[];
  readonly receivers: readonly string[];
}

function resolve(
  input: RouteInput,
  parent: RouteNode | undefined,
  id: string,
  receivers: Set<string>,
): RouteNode {
  const receiver = input.receiver ?? parent?.receiver;
  if (receiver === undefined || !receivers.has(receiver)) {
    throw new AlertingError('CONFIG_INVALID', `route ${id} names unknown receiver ${receiver ?? '(none)'}`);
  }
  const groupBy = input.group_by ?? (parent?.groupBy === 'all' ? ['...'] : parent?.groupBy) ?? [];
  const node: RouteNode = {
    id,
    receiver,
    groupBy: groupBy.includes('...') ? 'all' : [...groupBy].sort(),
    groupWait: input.group_wait ?? parent?.groupWait ?? ROUTE_DEFAULTS.groupWait,
    groupInterval: input.group_interval ?? parent?.groupInterval ?? ROUTE_DEFAULTS.groupInterval,
    repeatInterval: input.repeat_interval ?? parent?.repeatInterval ?? ROUTE_DEFAULTS.repeatInterval,
    matchers: (input.matchers ?? []).map(compileMatcher),
    continue: input.continue ?? false,
    routes: [],
  };
  const routes = (input.routes ?? []).map((child, index) =>
    resolve(child, node, `${id}.${index}`, receivers),
  );
  return { ...node, routes };
}

/** Compiles a validated routing file: inherits options, checks receivers, compiles matchers. */
export function buildRoutingTree(file: RoutingFile): RoutingTree {
  const receivers = new Set(file.receivers.map((receiver) => receiver.name));
  return {
    root: resolve(file.route, undefined, 'root', receivers),
    teams: file.teams,
    inhibitRules: file.inhibit_rules.map(compileInhibitRule),
    receivers: [...receivers],
  };
}

/** Parses, validates and compiles a routing file (YAML or JSON text). Throws `AlertingError`. */
export function parseRouting(text: string): RoutingTree {
  return buildRoutingTree(parseYamlConfig(text, routingFileSchema, 'routing file'));
}

/** Validates and compiles a routing configuration already parsed (e.g. from the API as JSON). */
export function routingFromObject(raw: unknown): RoutingTree {
  return buildRoutingTree(validateConfig(raw, routingFileSchema, 'routing file'));
}

/** The labels routes, silences and inhibitions see: the alert's labels plus its customer's `team`. */
export function routingLabels(labels: AlertLabels, tree: RoutingTree): LabelSet {
  const team = tree.teams[labels.customer];
  return team === undefined ? { ...labels } : { ...labels, team };
}

function walk(node: RouteNode, labels: LabelSet): RouteNode[] {
  const matched: RouteNode[] = [];
  for (const child of node.routes) {
    if (!matchesAll(child.matchers, labels)) continue;
    matched.push(...walk(child, labels));
    if (!child.continue) break;
  }
  // As in Alertmanager: a route whose children all pass the alert by handles it itself.
  return matched.length > 0 ? matched : [node];
}

/**
 * The routes that handle an alert, in tree order. Depth first: the first matching child takes the
 * alert (and its own children are tried); a child with `continue: true` lets later siblings match it
 * too; when no child matches, the route itself handles it. The root matches every alert.
 */
export function routesFor(tree: RoutingTree, labels: LabelSet): RouteNode[] {
  return walk(tree.root, labels);
}
