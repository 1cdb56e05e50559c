import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, relative, sep } from 'node:path';
import { publicDataPath } from '@trustwatch/testing';
import type { Json } from './hostile.js';

/**
 * The DMTF public-rackmount1 mockup (shared real data) as a route map. The mockup has no service root;
 * the one added here is written for the suite (links only), not taken from any file.
 */
export function dmtfResources(): Map<string, Json> {
  const folder = publicDataPath('redfish-dmtf-mockups', 'public-rackmount1');
  const routes = new Map<string, Json>();
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name === 'index.json') {
        const rel = relative(folder, dir).split(sep).join('/');
        routes.set(`/redfish/v1/${rel}`, JSON.parse(readFileSync(path, 'utf8')) as Json);
      }
    }
  };
  walk(folder);
  routes.set('/redfish/v1', {
    '@odata.id': '/redfish/v1',
    Id: 'RootService',
    Vendor: 'Contoso',
    Product: 'public-rackmount1',
    UpdateService: { '@odata.id': '/redfish/v1/UpdateService' },
    Systems: { '@odata.id': '/redfish/v1/Systems' },
    Managers: { '@odata.id': '/redfish/v1/Managers' },
  });
  routes.set('/redfish/v1/Systems', { Members: [{ '@odata.id': '/redfish/v1/Systems/437XR1138R2' }] });
  routes.set('/redfish/v1/Managers', { Members: [{ '@odata.id': '/redfish/v1/Managers/BMC' }] });
  return routes;
}

/** A BMC whose answers the test swaps at will: each route serves the text currently set for it. */
export class LyingBmc {
  readonly bodies = new Map<string, string>();

  private readonly server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!.replace(/\/$/, '');
    const body = this.bodies.get(path);
    if (body === undefined) res.writeHead(404).end();
    else res.writeHead(200, { 'content-type': 'application/json' }).end(body);
  });

  static async start(): Promise<LyingBmc> {
    const bmc = new LyingBmc();
    await new Promise<void>((resolve) => bmc.server.listen(0, '127.0.0.1', resolve));
    return bmc;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${String((this.server.address() as AddressInfo).port)}`;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }
}
