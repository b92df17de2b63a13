/**
 * English counts agree with their nouns where a count can be one: the
 * producer line read "1 batches waiting" at a lesson's first step (the
 * message was not a plural one; format.ts picks the form by Intl.PluralRules).
 */
import { describe, expect, it } from 'vitest';
import { translate } from '../../src/i18n/catalog.ts';

describe('English plurals', () => {
  it('the producer line says "1 batch waiting" and "2 batches waiting"', () => {
    const line = (batches: number) => translate('en', 'producers.line', { acked: 0, sent: 1, inflight: 0, batches });
    expect(line(1)).toBe('0 acked of 1 sent · 0 in flight · 1 batch waiting');
    expect(line(2)).toBe('0 acked of 1 sent · 0 in flight · 2 batches waiting');
    expect(translate('zh-CN', 'producers.line', { acked: 0, sent: 1, inflight: 0, batches: 1 })).toContain('等待中 1 个批次');
  });
});
