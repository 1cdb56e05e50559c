import { call, seg, type FirmwareRow, type Page } from '../api.js';
import { Show } from '../components/notice.js';
import { useLoad } from '../use-load.js';

/** The fleet in brief: servers per vendor, and the firmware versions they run. */
export function FleetPanel({ apiKey, customerId }: { readonly apiKey: string; readonly customerId: string }) {
  const [loaded] = useLoad(
    () => call<Page<FirmwareRow>>(apiKey, `/v1/customers/${seg(customerId)}/fleet/firmware?limit=100`),
    [apiKey, customerId],
  );
  return (
    <section aria-labelledby="fleet-title">
      <h2 id="fleet-title">Fleet</h2>
      <Show loaded={loaded}>
        {(page) => {
          if (page.items.length === 0) return <p>No fleet inventory has been imported.</p>;
          const servers = new Map<string, Set<string>>();
          for (const row of page.items) {
            const ids = servers.get(row.vendor) ?? new Set<string>();
            row.assetIds.forEach((id) => ids.add(id));
            servers.set(row.vendor, ids);
          }
          return (
            <>
              <p>
                {[...servers].map(([vendor, ids]) => `${String(ids.size)} ${vendor} server(s)`).join(', ')}
                {page.next === null ? '' : ' (first 100 firmware versions shown)'}
              </p>
              <table class="fleet">
                <caption>Firmware running in the fleet</caption>
                <thead>
                  <tr>
                    <th scope="col">Vendor and model</th>
                    <th scope="col">Component</th>
                    <th scope="col">Version</th>
                    <th scope="col">Servers</th>
                  </tr>
                </thead>
                <tbody>
                  {page.items.map((row) => (
                    <tr key={`${row.vendor}|${row.model}|${row.component}|${row.version}`}>
                      <td data-label="Vendor and model">
                        {row.vendor} {row.model}
                      </td>
                      <td data-label="Component">{row.component}</td>
                      <td data-label="Version">{row.version}</td>
                      <td data-label="Servers">{row.assetIds.length}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          );
        }}
      </Show>
    </section>
  );
}
