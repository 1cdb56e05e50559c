import { newsClassifiedSchema, type NewsPublished } from '@trustwatch/schemas';
import { describe, expect, it } from 'vitest';
import { classifierDeps, outlets } from '../test-support/deps.js';
import { classifyStory } from './classify-story.js';
import { StoryDesk } from './story-desk.js';

const article = (
  url: string,
  title: string,
  body: string,
  publishedAt = '2018-10-04T09:00:00Z',
): NewsPublished => ({
  url,
  outlet: 'Fixture',
  title,
  body,
  publishedAt,
  language: 'en',
});

describe('classifyStory', () => {
  it('alleges against one entity and reports another entity’s denial in the same article', () => {
    const desk = new StoryDesk(outlets());
    const { story } = desk.add(
      article(
        'https://bizweek.example/a',
        'Chips on server boards',
        'Tiny chips were implanted on Super Micro motherboards during manufacturing in China. Apple denied the report, and Amazon said it was untrue.',
      ),
    );
    const result = classifyStory(story, classifierDeps());
    expect(result.claims.map((claim) => [claim.entityId, claim.kind, claim.stance])).toEqual([
      ['vendor:supermicro', 'backdoor_allegation', 'asserts'],
      ['vendor:apple', 'denial', 'asserts'],
      ['vendor:amazon', 'denial', 'asserts'],
    ]);
    expect(result.claims[1]?.sentence).toBe('Apple denied the report, and Amazon said it was untrue.');
    expect(newsClassifiedSchema.safeParse(result).success).toBe(true);
  });

  it.each([
    [
      'Apple, Amazon and Super Micro denied the report.',
      [
        ['vendor:apple', 'denial'],
        ['vendor:amazon', 'denial'],
        ['vendor:supermicro', 'denial'],
      ],
    ],
    [
      'The magazine said chips were implanted on Super Micro boards, which Apple denied.',
      [
        ['vendor:supermicro', 'backdoor_allegation'],
        ['vendor:apple', 'denial'],
      ],
    ],
  ])('attributes the claims of %j to the right entities', (text, expected) => {
    const desk = new StoryDesk(outlets());
    const { story } = desk.add(article('https://techdaily.example/list', 'Report', text));
    const result = classifyStory(story, classifierDeps());
    expect(result.claims.map((claim) => [claim.entityId, claim.kind])).toEqual(expected);
  });

  it('attributes a denial in a sentence naming nobody to the entity named just before', () => {
    const desk = new StoryDesk(outlets());
    const { story } = desk.add(
      article(
        'https://techdaily.example/b',
        'Statement',
        'Reporters asked Super Micro about the servers. The company denied it.',
      ),
    );
    const result = classifyStory(story, classifierDeps());
    expect(result.claims).toEqual([
      expect.objectContaining({
        entityId: 'vendor:supermicro',
        kind: 'denial',
        sentence: 'The company denied it.',
      }),
    ]);
  });

  it('marks entities named in the headline or claimed about as subjects and the rest as mentioned', () => {
    const desk = new StoryDesk(outlets());
    const { story } = desk.add(
      article(
        'https://techdaily.example/c',
        'Supermicro quarterly results',
        'Wistron and Pegatron supply its motherboards. Analysts expect growth.',
      ),
    );
    const result = classifyStory(story, classifierDeps());
    expect(result.entities.map((entity) => [entity.entityId, entity.role])).toEqual([
      ['vendor:supermicro', 'subject'],
      ['supplier:wistron', 'mentioned'],
      ['supplier:pegatron', 'mentioned'],
    ]);
    expect(result.claims).toEqual([]);
    expect(result.credibility.credibility).toBe(6);
  });

  it('links a later denial to the story it answers and downgrades the denied story’s credibility', () => {
    const desk = new StoryDesk(outlets());
    const deps = classifierDeps();
    const allegation = desk.add(
      article(
        'https://bizweek.example/d',
        'Implants',
        'Tiny chips were implanted on Super Micro motherboards.',
      ),
    ).story;
    expect(classifyStory(allegation, deps).credibility.credibility).toBe(3);
    const denial = desk.add(
      article(
        'https://wirewire.example/e',
        'Denial',
        'Super Micro denied the report on Friday.',
        '2018-10-05T09:00:00Z',
      ),
    ).story;
    const answered = classifyStory(denial, deps);
    expect(answered.claims[0]).toMatchObject({ kind: 'denial', answersStoryId: allegation.storyId });
    expect(classifyStory(allegation, deps).credibility.credibility).toBe(4);

    const audit = desk.add(
      article(
        'https://techdaily.example/f',
        'Audit',
        'A third-party audit found no malicious hardware on Super Micro motherboards.',
        '2018-12-11T09:00:00Z',
      ),
    ).story;
    expect(classifyStory(audit, deps).claims[0]).toMatchObject({
      kind: 'audit_clearance',
      answersStoryId: allegation.storyId,
    });
    expect(classifyStory(allegation, deps).credibility.credibility).toBe(5);
  });

  it('grades a story that only hedges as doubtful', () => {
    const desk = new StoryDesk(outlets());
    const { story } = desk.add(
      article(
        'https://rumourmill.example/g',
        'Rumour',
        'Super Micro boards were allegedly fitted with spy chips.',
      ),
    );
    expect(classifyStory(story, classifierDeps()).credibility).toEqual({
      reliability: 'E',
      credibility: 4,
      independentOutlets: 1,
    });
  });

  it('reads entities but no claims from a French story, tagged fr', () => {
    const desk = new StoryDesk(outlets());
    const { story } = desk.add({
      ...article(
        'https://techdaily.example/fr/h',
        'Super Micro dément',
        'Le fabricant de serveurs Super Micro a démenti les informations selon lesquelles des puces espionnes auraient été implantées.',
      ),
      language: 'fr',
    });
    const result = classifyStory(story, classifierDeps());
    expect(result.language).toBe('fr');
    expect(result.entities.map((entity) => entity.entityId)).toEqual(['vendor:supermicro']);
    expect(result.claims).toEqual([]);
  });
});
