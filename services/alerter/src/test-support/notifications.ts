import type { Notification } from '@trustwatch/alerting';
import type { Alert } from '@trustwatch/schemas';

let counter = 0;

/** A valid firing alert for `customer`, with factors and evidence links. */
export function anAlert(customer = 'acme', overrides: Partial<Alert> = {}): Alert {
  return {
    labels: { customer, vendor: 'supermicro', rule: 'unpublished-firmware', severity: 'critical' },
    fingerprint: 'a1b2c3d4e5f60718',
    status: 'firing',
    startsAt: '2026-11-24T10:00:00.000Z',
    summary: '40 BMCs now run a firmware image whose hash no vendor published',
    score: { before: 82, after: 41.5 },
    factors: [
      {
        id: 'f-unpublished-1',
        kind: 'firmware_unknown_build',
        change: 'added',
        vendorId: 'supermicro',
        summary: 'BMC image sha256:ab12... is not in the vendor catalog',
        contribution: 40.5,
      },
    ],
    evidence: [
      { url: 'https://www.supermicro.com/en/support/security_BMC_IPMI_Sept_2024', outlet: 'supermicro' },
    ],
    dashboardUrl: `https://trustwatch.example/customers/${customer}`,
    ...overrides,
  };
}

/** A notification to `receiver` carrying the given alerts; ids are unique per call. */
export function aNotification(
  receiver: string,
  alerts: Alert[] = [anAlert()],
  overrides: Partial<Notification> = {},
): Notification {
  counter += 1;
  const firing = alerts.filter((a) => a.status === 'firing').length;
  return {
    id: `ntf_${counter.toString(16).padStart(32, '0')}`,
    receiver,
    groupKey: `{}/{customer="acme"}:{customer="acme"}`,
    groupLabels: { customer: 'acme' },
    status: firing > 0 ? 'firing' : 'resolved',
    at: new Date(Date.UTC(2026, 10, 24, 10, 0, counter)).toISOString(),
    summary: `[${firing > 0 ? 'FIRING' : 'RESOLVED'}] ${String(alerts.length)} alerts for acme`,
    alerts,
    counts: { firing, resolved: alerts.length - firing },
    truncatedAlerts: 0,
    dashboardUrl: 'https://trustwatch.example/customers/acme',
    ...overrides,
  };
}
