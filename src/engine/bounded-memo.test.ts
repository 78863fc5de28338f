import { describe, expect, it } from 'vitest';
import { boundedMemo } from './bounded-memo.ts';

describe('boundedMemo', () => {
  it('computes each key once', () => {
    let calls = 0;
    const memo = boundedMemo((k) => `${k}!${++calls}`);
    expect([memo('a'), memo('b'), memo('a')]).toEqual(['a!1', 'b!2', 'a!1']);
  });

  it('keeps no key longer than maxKeyLength, and still answers for it', () => {
    let calls = 0;
    const memo = boundedMemo((k) => `${k.length}:${++calls}`, 10, 3);
    expect([memo('abcd'), memo('abcd'), memo('abc'), memo('abc')]).toEqual(['4:1', '4:2', '3:3', '3:3']);
  });

  it('starts again empty when full', () => {
    let calls = 0;
    const memo = boundedMemo(() => ++calls, 2);
    memo('a');
    memo('b');
    memo('c');
    expect(memo('c')).toBe(3);
    expect(memo('a')).toBe(4);
  });
});
