import { parseRegistryJson } from '@trustwatch/ingest-supplier';
import { loadPolicy } from '@trustwatch/trust-engine';
import { CliError, EXIT, usageError } from '../errors.js';
import { loadRules } from '../pipeline/rules-file.js';
import { parseEventLines, readFleet, readInput } from '../replay/read-inputs.js';
import { runReplay } from '../replay/run-replay.js';
import { vendorNames } from '../output/vendor-names.js';
import { readCatalog } from './read-catalog.js';
import { listOption, parseCommandArgs } from './args.js';
import type { Command } from './command.js';

export const replayCommand: Command = {
  name: 'replay',
  summary: 'run recorded input events through the pipeline in-process and print the trust changes',
  help: `Usage: trustwatch replay EVENTS.ndjson [--fleet [CUSTOMER=]FILE]... [--suppliers FILE] [--catalog FILE]
                         [--policy FILE] [--rules FILE] [--json]

Runs the trust engine in this process on the in-memory bus and store over recorded input events
(structured CloudEvents JSON, one per line, of the documented com.trustwatch types), in time order, on
a clock that follows the events. Raw articles (news.published) go through the news ingest first, which
classifies them with the entity catalog as the ingest-news service would. Prints each trust change, the alerts the rules raise, and the final
scores. Replaying the same events with another --policy or --rules is how a change is backtested.

Options:
  --fleet [CUSTOMER=]FILE  a customer's fleet (simple JSON, simple CSV or CycloneDX JSON); the customer
                           id defaults to the file name without extension; repeat for each customer
  --suppliers FILE         a supplier registry snapshot (JSON, as ingest-supplier reads it): who
                           supplies which vendor, so supplier events reach the vendors' customers
  --catalog FILE           the entity catalog (JSON, as ingest-news takes it in
                           NEWS_ENTITY_CATALOG_FILE):
                           which names in articles and registries mean which vendor or supplier
                           (default: packages/entities/catalog/entities.json)
  --policy FILE            the scoring policy (default: the shipped default.policy.yaml)
  --rules FILE             the alert rules (default: packages/alerting/config/default.rules.yaml)
  --json                   NDJSON on stdout: {"kind":"trust_changed","event":...} per change, each followed by
                           its {"kind":"alert","alert":...} lines, then one
                           {"kind":"final_score",...} per customer
  -h, --help               show this help

Examples:
  trustwatch replay events.ndjson --fleet acme=fleets/acme.json --fleet globex.csv
  trustwatch replay events.ndjson --fleet acme.json --policy stricter.policy.yaml --json > after.ndjson
  trustwatch replay articles.ndjson --fleet acme.json --catalog our-entities.json
`,
  async run(argv, ctx) {
    const { values, positionals } = parseCommandArgs('replay', argv, {
      fleet: { type: 'string', multiple: true },
      suppliers: { type: 'string' },
      catalog: { type: 'string' },
      policy: { type: 'string' },
      rules: { type: 'string' },
      json: { type: 'boolean' },
    });
    if (values['help'] === true) {
      ctx.term.out(this.help);
      return EXIT.ok;
    }
    const [file, ...extra] = positionals;
    if (file === undefined) throw usageError('replay needs an EVENTS.ndjson file', 'replay');
    if (extra.length > 0)
      throw usageError(`replay takes one events file, got also "${extra.join(' ')}"`, 'replay');
    const events = parseEventLines(await readInput(file), file);
    const fleets = await Promise.all(listOption(values['fleet']).map(readFleet));
    const catalog = readCatalog(values['catalog']);
    const suppliersFile = typeof values['suppliers'] === 'string' ? values['suppliers'] : undefined;
    const suppliers =
      suppliersFile === undefined
        ? []
        : parseRegistryJson(await readInput(suppliersFile), { file: suppliersFile, catalog }).facts.map(
            (f) => ({
              supplierId: f.supplierId,
              vendorId: f.vendorId,
              category: f.componentCategory,
            }),
          );
    const policyFile = typeof values['policy'] === 'string' ? values['policy'] : undefined;
    const policy = await loadPolicy(policyFile).catch((cause: unknown) => {
      throw new CliError(
        'INPUT_INVALID',
        `cannot use the policy ${policyFile ?? '(default)'}`,
        'check the file against packages/scoring/policy/default.policy.yaml',
        cause,
      );
    });
    const rulesFile = typeof values['rules'] === 'string' ? values['rules'] : undefined;
    await loadRules(rulesFile);
    await runReplay(
      {
        events,
        catalog,
        fleets,
        suppliers,
        policy,
        ...(rulesFile === undefined ? {} : { rulesFile }),
        json: values['json'] === true,
        log: ctx.log,
        vendorName: vendorNames(catalog),
      },
      ctx.term,
    );
    return EXIT.ok;
  },
};
