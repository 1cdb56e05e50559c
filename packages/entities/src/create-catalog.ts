import type { z } from 'zod';
import { catalogInputSchema, type AliasInput, type EntityInput, type EntityKind } from './catalog-schema.js';
import { COMMON_WORDS } from './common-words.js';
import { EntityError } from './errors.js';
import { isOnlyLegalForms } from './legal-suffixes.js';
import { significantTokens } from './normalise-name.js';
import { TokenTrie, type AliasPattern } from './token-trie.js';
import { tokenize, type Token } from './tokens.js';

/** A vendor, supplier or product, as the rest of Trustwatch refers to it. */
export interface Entity {
  readonly id: string;
  readonly kind: EntityKind;
  readonly name: string;
  /** Every alias as written in the catalog, the display name first. */
  readonly aliases: readonly string[];
  readonly parentId?: string;
}

/** Where a text names an entity. Offsets are UTF-16 indices into the text, `end` exclusive. */
export interface Mention {
  readonly entityId: string;
  readonly kind: EntityKind;
  /** The alias that matched, as written in the catalog. */
  readonly alias: string;
  /** The words as written in the text. */
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

/** Lookups over one validated catalog. Immutable; build once and share. */
export interface EntityCatalog {
  readonly entities: readonly Entity[];
  get(id: string): Entity | undefined;
  /** The entity a name refers to, ignoring case, punctuation and legal forms; `undefined` if none. */
  resolve(name: string): Entity | undefined;
  /** Every entity named in a free text: word boundaries, leftmost-longest, short capitals exact. */
  matchMentions(text: string): Mention[];
}

// A single capitalised word of up to five letters or digits (SMCI, USI, OSE, 3M) is an abbreviation;
// matched without case it would fire on ordinary words ("use", "ose" in other languages).
const ABBREVIATION = /^(?=.*\p{Lu})[\p{Lu}\p{N}]{2,5}$/u;
const CAPITALISED = /^\p{Lu}/u;

/**
 * Validates catalog data (zod, then cross-entity checks) and builds the lookups. Throws an
 * {@link EntityError} naming the path of the first problem: an invalid field (`CATALOG_INVALID`), an id
 * used twice (`DUPLICATE_ID`), an alias naming two entities (`DUPLICATE_ALIAS`), or a lone common word
 * that is not a capitalised, case-sensitive proper name (`AMBIGUOUS_ALIAS`). A plain-string alias that is
 * one common word (`Dell`, `Intel`) is matched case-sensitively without being marked.
 */
export function createEntityCatalog(data: unknown): EntityCatalog {
  const parsed = catalogInputSchema.safeParse(data);
  if (!parsed.success) throw invalid(parsed.error);

  const byId = new Map<string, Entity>();
  const byKey = new Map<string, { entity: Entity; path: string }>();
  const trie = new TokenTrie();
  parsed.data.entities.forEach((input, index) => {
    const entity = toEntity(input);
    if (byId.has(entity.id)) {
      throw new EntityError('DUPLICATE_ID', `entity id ${entity.id} is used twice`, {
        path: `entities.${index}.id`,
      });
    }
    byId.set(entity.id, entity);
    const aliases: AliasInput[] = [input.name, ...input.aliases];
    aliases.forEach((alias, aliasIndex) => {
      const path =
        aliasIndex === 0 ? `entities.${index}.name` : `entities.${index}.aliases.${aliasIndex - 1}`;
      const pattern = toPattern(entity, alias, path);
      const key = pattern.folded.join(' ');
      const owner = byKey.get(key);
      if (owner !== undefined && owner.entity.id !== entity.id) {
        throw new EntityError(
          'DUPLICATE_ALIAS',
          `alias "${pattern.alias}" of ${entity.id} already names ${owner.entity.id} (${owner.path})`,
          { path },
        );
      }
      byKey.set(key, { entity, path });
      trie.add(pattern);
    });
  });
  checkParents(parsed.data.entities, byId);

  const entities = Object.freeze([...byId.values()]);
  return Object.freeze({
    entities,
    get: (id: string) => byId.get(id),
    resolve: (name: string) =>
      byKey.get(
        significantTokens(name)
          .map((token) => token.folded)
          .join(' '),
      )?.entity,
    matchMentions: (text: string) => mentionsIn(text, trie),
  });
}

function toEntity(input: EntityInput): Entity {
  const aliases = [input.name, ...input.aliases.map(aliasText)];
  const entity: Entity = {
    id: input.id,
    kind: input.kind,
    name: input.name,
    aliases: Object.freeze(aliases),
  };
  return Object.freeze(input.parentId === undefined ? entity : { ...entity, parentId: input.parentId });
}

function aliasText(alias: AliasInput): string {
  return typeof alias === 'string' ? alias : alias.text;
}

function toPattern(entity: Entity, alias: AliasInput, path: string): AliasPattern {
  const text = aliasText(alias);
  const tokens = significantTokens(text);
  if (tokens.length === 0 || isOnlyLegalForms(tokens.map((token) => token.folded))) {
    throw new EntityError('CATALOG_INVALID', `alias "${text}" has no words besides legal forms`, { path });
  }
  const folded = tokens.map((token) => token.folded);
  const commonWord = folded.length === 1 && COMMON_WORDS.has(folded[0] ?? '');
  const caseSensitive =
    typeof alias === 'string' ? isAbbreviation(tokens) || commonWord : alias.caseSensitive;
  // A lone ordinary word is only safe as a proper name: capitalised and matched exactly as written.
  if (commonWord && (!caseSensitive || !CAPITALISED.test(tokens[0]?.raw ?? ''))) {
    throw new EntityError(
      'AMBIGUOUS_ALIAS',
      `alias "${text}" is a common word; write it capitalised and case-sensitive, or use a longer name`,
      { path },
    );
  }
  const pattern: AliasPattern = { entityId: entity.id, kind: entity.kind, alias: text, folded };
  return caseSensitive ? { ...pattern, exact: tokens.map((token) => token.raw) } : pattern;
}

// Judged on the significant words, so "USI Inc." is as exact as "USI".
function isAbbreviation(tokens: readonly Token[]): boolean {
  return tokens.length === 1 && ABBREVIATION.test(tokens[0]?.raw ?? '');
}

function checkParents(inputs: readonly EntityInput[], byId: ReadonlyMap<string, Entity>): void {
  inputs.forEach((input, index) => {
    if (input.parentId !== undefined && !byId.has(input.parentId)) {
      throw new EntityError('CATALOG_INVALID', `parentId ${input.parentId} is not in the catalog`, {
        path: `entities.${index}.parentId`,
      });
    }
  });
}

function mentionsIn(text: string, trie: TokenTrie): Mention[] {
  const tokens = tokenize(text);
  return trie.scan(tokens).map((match) => {
    const first = tokens[match.start];
    const last = tokens[match.end - 1];
    const start = first?.start ?? 0;
    const end = last?.end ?? 0;
    return {
      entityId: match.pattern.entityId,
      kind: match.pattern.kind,
      alias: match.pattern.alias,
      text: text.slice(start, end),
      start,
      end,
    };
  });
}

function invalid(error: z.ZodError): EntityError {
  const issue = error.issues[0];
  const path = issue?.path.map(String).join('.') ?? '';
  return new EntityError(
    'CATALOG_INVALID',
    `entity catalog: ${path || '(root)'}: ${issue?.message ?? 'invalid'}`,
    {
      path,
      cause: error,
    },
  );
}
