import { httpUrlSchema, newsPublishedSchema, type NewsPublished } from '@trustwatch/schemas';
import { z } from 'zod';
import { IngestNewsError } from '../errors.js';
import { languageOf } from '../understand/language.js';
import { readJsonDocument, shapeError } from './untrusted-json.js';

const stixId = (type: string) => z.string().regex(new RegExp(`^${type}--[0-9a-fA-F-]{36}$`));
const timestamp = z.iso.datetime({ offset: true });
const externalReference = z.looseObject({ source_name: z.string(), url: z.string().optional() });

/** STIX 2.1 objects this reader uses; every other object type is counted and ignored. */
const reportSchema = z.looseObject({
  type: z.literal('report'),
  id: stixId('report'),
  name: z.string().min(1),
  published: timestamp,
  description: z.string().optional(),
  created_by_ref: stixId('identity').optional(),
  external_references: z.array(externalReference).optional(),
  object_refs: z.array(z.string()).default([]),
  lang: z.string().optional(),
});
const identitySchema = z.looseObject({
  type: z.literal('identity'),
  id: stixId('identity'),
  name: z.string().min(1),
});
const opinionSchema = z.looseObject({
  type: z.literal('opinion'),
  id: stixId('opinion'),
  created: timestamp,
  opinion: z.enum(['strongly-disagree', 'disagree', 'neutral', 'agree', 'strongly-agree']),
  explanation: z.string().optional(),
  authors: z.array(z.string()).optional(),
  created_by_ref: stixId('identity').optional(),
  object_refs: z.array(z.string()).min(1),
});
const noteSchema = z.looseObject({
  type: z.literal('note'),
  id: stixId('note'),
  created: timestamp,
  abstract: z.string().optional(),
  content: z.string().min(1),
  authors: z.array(z.string()).optional(),
  created_by_ref: stixId('identity').optional(),
  object_refs: z.array(z.string()).min(1),
});
const bundleSchema = z.looseObject({
  type: z.literal('bundle'),
  id: stixId('bundle'),
  objects: z.array(z.looseObject({ type: z.string(), id: z.string() })).max(100_000),
});

/** A STIX `report` read as a news article, with the threat-intel context kept beside it. */
export interface StixReport {
  readonly reportId: string;
  readonly article: NewsPublished;
  /** The `identity` that created the report, when the bundle names it. */
  readonly author: string | undefined;
  /** Every `external_references[].url`, the first of which is the article URL. */
  readonly references: readonly string[];
  readonly objectRefs: readonly string[];
}

/** An `opinion` or `note` answering reports; `disagrees` is decided for opinions, left to the classifier for notes. */
export interface StixAnswer {
  readonly id: string;
  readonly type: 'opinion' | 'note';
  readonly answers: readonly string[];
  readonly author: string | undefined;
  readonly text: string;
  readonly created: string;
  /** For opinions: `disagree` or `strongly-disagree`. For notes: undefined (read the text). */
  readonly disagrees: boolean | undefined;
}

export interface StixReading {
  readonly reports: readonly StixReport[];
  readonly answers: readonly StixAnswer[];
  /** Objects of types this reader does not use (indicators, relationships, malware ...). */
  readonly ignored: number;
}

export interface StixOptions {
  /**
   * Where the bundle came from: a TAXII 2.1 collection URL or the file's public location. A report with
   * no external reference URL gets `<base>objects/<report id>/`, its TAXII object address.
   */
  readonly baseUrl: string;
  /** Outlet name for reports whose author the bundle does not name. */
  readonly outlet?: string;
  readonly maxBytes?: number;
}

/**
 * Reads a STIX 2.1 bundle: `report` objects become `news.published` articles (name, published,
 * description, author identity, external references), `opinion` and `note` objects that refer to
 * reports become answers. Unknown object types are counted, not errors; a malformed report is an error
 * naming its path, since a bundle is one document from one producer.
 */
export function parseStixBundle(input: Uint8Array | string, options: StixOptions): StixReading {
  const source = options.baseUrl;
  const parsed = bundleSchema.safeParse(
    readJsonDocument(input, {
      source,
      ...(options.maxBytes === undefined ? {} : { maxBytes: options.maxBytes }),
    }),
  );
  if (!parsed.success) throw shapeError('STIX_INVALID', parsed.error.issues, source);
  const objects = parsed.data.objects;
  const identities = new Map<string, string>();
  objects.forEach((object) => {
    const identity = identitySchema.safeParse(object);
    if (identity.success) identities.set(identity.data.id, identity.data.name);
  });

  const reports: StixReport[] = [];
  const answers: StixAnswer[] = [];
  let ignored = 0;
  objects.forEach((object, index) => {
    const at = (issues: z.core.$ZodIssue[]) =>
      shapeError(
        'STIX_INVALID',
        issues.map((issue) => ({ ...issue, path: ['objects', index, ...issue.path] })),
        source,
      );
    if (object.type === 'report') {
      const report = reportSchema.safeParse(object);
      if (!report.success) throw at(report.error.issues);
      reports.push(toReport(report.data, identities, options));
    } else if (object.type === 'opinion' || object.type === 'note') {
      const answer =
        object.type === 'opinion' ? opinionSchema.safeParse(object) : noteSchema.safeParse(object);
      if (!answer.success) throw at(answer.error.issues);
      answers.push(toAnswer(answer.data, identities));
    } else if (object.type !== 'identity') {
      ignored += 1;
    }
  });
  return { reports, answers, ignored };
}

function toReport(
  report: z.infer<typeof reportSchema>,
  identities: Map<string, string>,
  options: StixOptions,
): StixReport {
  const references = (report.external_references ?? []).flatMap((ref) =>
    ref.url === undefined ? [] : [ref.url],
  );
  const author = report.created_by_ref === undefined ? undefined : identities.get(report.created_by_ref);
  const url =
    references.find((ref) => /^https?:\/\//.test(ref)) ??
    new URL(`objects/${report.id}/`, withSlash(options.baseUrl)).toString();
  const text = `${report.name}. ${report.description ?? ''}`;
  const candidate = {
    url,
    outlet: author ?? options.outlet ?? new URL(options.baseUrl).hostname,
    title: report.name.slice(0, 500),
    // STIX allows any number of fractional digits; the event schema wants a plain ISO instant.
    publishedAt: new Date(report.published).toISOString(),
    body: (report.description ?? report.name).slice(0, 100_000),
    // STIX 2.1 section 3.2: content without `lang` is English.
    language: languageOf(text, report.lang ?? 'en'),
    // As for feeds: a collection on an address the schema does not take as a public link goes unnamed.
    ...(httpUrlSchema.safeParse(options.baseUrl).success ? { feedUrl: options.baseUrl } : {}),
  };
  const article = newsPublishedSchema.safeParse(candidate);
  if (!article.success) {
    throw new IngestNewsError(
      'STIX_INVALID',
      `report ${report.id} does not make an article: ${article.error.issues[0]?.message ?? ''}`,
      {
        source: options.baseUrl,
      },
    );
  }
  return { reportId: report.id, article: article.data, author, references, objectRefs: report.object_refs };
}

function toAnswer(
  answer: z.infer<typeof opinionSchema> | z.infer<typeof noteSchema>,
  identities: Map<string, string>,
): StixAnswer {
  const author =
    answer.authors?.[0] ??
    (answer.created_by_ref === undefined ? undefined : identities.get(answer.created_by_ref));
  const common = {
    id: answer.id,
    answers: answer.object_refs,
    author,
    created: new Date(answer.created).toISOString(),
  };
  if (answer.type === 'opinion') {
    return {
      ...common,
      type: 'opinion',
      text: answer.explanation ?? answer.opinion,
      disagrees: answer.opinion === 'disagree' || answer.opinion === 'strongly-disagree',
    };
  }
  return {
    ...common,
    type: 'note',
    text: [answer.abstract, answer.content].filter(Boolean).join('. '),
    disagrees: undefined,
  };
}

function withSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}
