import { vendorIdResolver } from '@trustwatch/entities';
import { fleetChangedEventOf, importFleet, type FleetChange } from '@trustwatch/store';
import { CliError, EXIT, usageError } from '../errors.js';
import { kafkaUnreachable, openBus, withStore } from '../infra/connect.js';
import { fleetSource, readInput, type FleetFormat } from '../replay/read-inputs.js';
import { integerOption, parseCommandArgs } from './args.js';
import { readCatalog } from './read-catalog.js';
import type { Command } from './command.js';

const FORMATS: readonly FleetFormat[] = ['cyclonedx', 'csv', 'json'];
const SOURCE = 'trustwatch://cli/fleet';

function formatOption(raw: unknown): FleetFormat | undefined {
  if (raw === undefined) return undefined;
  const given = typeof raw === 'string' ? raw : '';
  const format = FORMATS.find((f) => f === given);
  if (format === undefined)
    throw usageError(`--format must be one of ${FORMATS.join(', ')}, got "${given}"`, 'fleet');
  return format;
}

function describe(change: FleetChange): string {
  const vendors = change.vendorsAffected.length === 0 ? 'none' : change.vendorsAffected.join(', ');
  return `${change.added.length} added, ${change.removed.length} removed, ${change.changed.length} changed; vendors affected: ${vendors}`;
}

export const fleetCommand: Command = {
  name: 'fleet',
  summary: "replace a customer's fleet from a CycloneDX, CSV or JSON file and tell the engine",
  help: `Usage: trustwatch fleet import CUSTOMER FILE [--format cyclonedx|csv|json] [--version N] [--no-publish] [--json]

Reads and validates the whole file, then replaces the customer's fleet in the Redis store in one atomic
step (an invalid file leaves the stored fleet as it was), then publishes a fleet.changed event so the
trust engine re-binds the customer's factors to the new fleet and re-scores it. An import older than
the stored fleet (by --version) is refused.

Formats: CycloneDX JSON (devices and their firmware), the simple CSV (columns asset_id, vendor,
model, component_id, component_kind, version, hashes) or the simple JSON; by default guessed from
the extension and the content.

Options:
  --format F     cyclonedx, csv or json (default: guessed)
  --version N    the inventory version, ms since the epoch (default: now); a lower one than stored is refused
  --no-publish   store only, publish no fleet.changed event (no Kafka needed; the engine is not told)
  --json         one JSON object: the change and the published event id
  -h, --help     show this help

Vendors are filed under the entity catalog's ids ("Super Micro Computer, Inc." becomes
vendor:supermicro), as the trust engine files observed boards and news names vendors; a vendor the
catalog does not know is kept as written.

Environment: REDIS_URL (required), REDIS_KEY_PREFIX (default tw); KAFKA_BROKERS and
KAFKA_TOPIC_NAMESPACE to publish; ENTITY_CATALOG_FILE (default: the shipped catalog).

Examples:
  trustwatch fleet import acme acme-hbom.cdx.json
  trustwatch fleet import globex servers.csv --format csv --no-publish
`,
  async run(argv, ctx) {
    const { values, positionals } = parseCommandArgs('fleet', argv, {
      format: { type: 'string' },
      version: { type: 'string' },
      'no-publish': { type: 'boolean' },
      json: { type: 'boolean' },
    });
    if (values['help'] === true) {
      ctx.term.out(this.help);
      return EXIT.ok;
    }
    const [action, customerId, file, ...extra] = positionals;
    if (action !== 'import')
      throw usageError(
        action === undefined ? 'fleet needs a subcommand: import' : `unknown fleet subcommand "${action}"`,
        'fleet',
      );
    if (customerId === undefined || file === undefined)
      throw usageError('fleet import needs CUSTOMER and FILE', 'fleet');
    if (extra.length > 0)
      throw usageError(`fleet import takes one file, got also "${extra.join(' ')}"`, 'fleet');
    const format = formatOption(values['format']);
    const now = Date.now();
    const version = integerOption('fleet', 'version', values['version'], {
      min: 0,
      max: Number.MAX_SAFE_INTEGER,
      fallback: now,
    });
    const publish = values['no-publish'] !== true;
    const env = ctx.env.environment;
    // Open the bus first: a missing KAFKA_BROKERS should stop the import before it changes anything.
    const bus = publish ? openBus(env, ctx.log, 'fleet') : undefined;
    const term = ctx.term;
    try {
      term.progress(`reading ${file}`);
      const source = fleetSource(await readInput(file), file, format);
      const vendorIdOf = vendorIdResolver(readCatalog(env['ENTITY_CATALOG_FILE']));
      term.progress(`importing the fleet of ${customerId}`);
      const change = await withStore(env, ctx.log, 'fleet', (store) =>
        importFleet(store, customerId, source, version, { vendorIdOf }),
      );
      if (!change.applied)
        throw new CliError(
          'INPUT_INVALID',
          `the stored fleet of ${customerId} is newer than version ${version}; nothing changed`,
          'pass a higher --version (ms since the epoch), or leave it out to use the current time',
        );
      const event = fleetChangedEventOf(change, { version, source: SOURCE, at: now, format: source.format });
      if (bus !== undefined && event !== null) {
        term.progress('publishing fleet.changed');
        await bus.publish('fleet.changed', [event]).catch((error: unknown) => {
          throw kafkaUnreachable(error);
        });
      }
      term.progress(null);
      const published = bus === undefined ? null : (event?.id ?? null);
      if (values['json'] === true) term.out(`${JSON.stringify({ ...change, version, published })}\n`);
      else {
        term.out(`imported the fleet of ${customerId} (version ${version}): ${describe(change)}\n`);
        term.out(
          published === null
            ? term.color.dim('not published (--no-publish)\n')
            : `published fleet.changed ${published}\n`,
        );
      }
      return EXIT.ok;
    } finally {
      term.progress(null);
      await bus?.close();
    }
  },
};
