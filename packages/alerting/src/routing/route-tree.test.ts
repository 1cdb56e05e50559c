import { describe, expect, it } from 'vitest';
import { AlertingError } from '../errors.js';
import { defaultRouting } from '../test-support.js';
import { parseRouting, routesFor, routingLabels, type RoutingTree } from './route-tree.js';

const tree = parseRouting(`
version: 1
receivers: [{ name: default }, { name: pager }, { name: emea-chat }, { name: emea-pager }, { name: smci-desk }, { name: audit }]
teams: { acme: emea, globex: amer }
route:
  receiver: default
  group_by: [customer]
  group_wait: 10s
  routes:
    - matchers: ['rule=~".*"']
      receiver: audit
      group_by: ['...']
      continue: true
    - matchers: ['team="emea"']
      receiver: emea-chat
      repeat_interval: 1h
      routes:
        - matchers: ['severity="critical"']
          receiver: emea-pager
          group_wait: 1s
    - matchers: ['vendor="supermicro"', 'severity!="info"']
      receiver: smci-desk
    - matchers: ['severity="critical"']
      receiver: pager
`);

function receivers(labels: Record<string, string>, routing: RoutingTree = tree): string[] {
  const alertLabels = {
    customer: labels['customer'] ?? 'initech',
    rule: labels['rule'] ?? 'r',
    severity: (labels['severity'] ?? 'warning') as 'warning',
    ...(labels['vendor'] === undefined ? {} : { vendor: labels['vendor'] }),
  };
  return routesFor(routing, routingLabels(alertLabels, routing)).map((route) => route.receiver);
}

describe('routing tree', () => {
  it.each([
    [{ customer: 'acme', severity: 'critical' }, ['audit', 'emea-pager']],
    [{ customer: 'acme', severity: 'warning' }, ['audit', 'emea-chat']],
    [{ customer: 'globex', vendor: 'supermicro', severity: 'warning' }, ['audit', 'smci-desk']],
    // A match with `continue` is still a match, so the root does not take the alert as well.
    [{ customer: 'globex', vendor: 'supermicro', severity: 'info' }, ['audit']],
    [{ customer: 'globex', vendor: 'dell', severity: 'critical' }, ['audit', 'pager']],
    [{ customer: 'initech', severity: 'warning' }, ['audit']],
  ])('routes %j to %j', (labels, expected) => {
    expect(receivers(labels)).toEqual(expected);
  });

  it('gives an alert no child route matches to the route itself', () => {
    const plain = parseRouting(
      'version: 1\nreceivers: [{ name: a }, { name: b }]\nroute:\n  receiver: a\n  routes:\n    - { receiver: b, matchers: [\'team="x"\'] }',
    );
    expect(receivers({ customer: 'initech' }, plain)).toEqual(['a']);
  });

  it('lets children inherit grouping and timing and override what they set', () => {
    const [, emeaPager] = routesFor(
      tree,
      routingLabels({ customer: 'acme', rule: 'r', severity: 'critical' }, tree),
    );
    expect(emeaPager).toMatchObject({
      id: 'root.1.0',
      groupBy: ['customer'],
      groupWait: 1_000,
      repeatInterval: 3_600_000,
    });
    const [audit] = routesFor(
      tree,
      routingLabels({ customer: 'acme', rule: 'r', severity: 'critical' }, tree),
    );
    expect(audit?.groupBy).toBe('all');
  });

  it('sends critical alerts of the default routing to the pager and to the team channel', () => {
    const routing = defaultRouting();
    expect(receivers({ severity: 'critical', vendor: 'supermicro' }, routing)).toEqual([
      'security-pager',
      'security-default',
    ]);
    expect(receivers({ severity: 'warning' }, routing)).toEqual(['security-default']);
  });

  it('refuses a route naming an unknown receiver and a matcher with an unsafe regex', () => {
    const base = 'version: 1\nreceivers: [{ name: a }]\nroute:\n  receiver: a\n  routes:\n';
    expect(() => parseRouting(`${base}    - receiver: b`)).toThrow(AlertingError);
    expect(() => parseRouting(`${base}    - matchers: ['vendor=~"(a+)+"']`)).toThrow(
      /group may not be repeated/,
    );
  });
});
