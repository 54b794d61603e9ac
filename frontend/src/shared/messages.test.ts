import { describe, expect, it } from 'vitest';
import { message, user } from '../test-utils';
import { formatDuration, lastId, mergeMessages } from './messages';

const u = user(1);

describe('mergeMessages', () => {
  it('orders by id and drops duplicates, whatever order they arrive in', () => {
    const a = message(5, 1, u);
    const b = message(3, 1, u);
    const c = message(9, 1, u);
    const merged = mergeMessages([a], [c, b, a, c]);
    expect(merged.map((m) => m.id)).toEqual([3, 5, 9]);
    expect(lastId(merged)).toBe(9);
  });

  it('lets a later copy of a message replace the earlier one', () => {
    const old = message(5, 1, u, 'old');
    const fresh = { ...old, body: 'fresh' };
    expect(mergeMessages([old], [fresh])[0].body).toBe('fresh');
  });

  it('keeps the same array when nothing arrives', () => {
    const list = [message(1, 1, u)];
    expect(mergeMessages(list, [])).toBe(list);
    expect(lastId([])).toBeUndefined();
  });
});

describe('formatDuration', () => {
  it('is short and readable', () => {
    expect(formatDuration(42_000)).toBe('42s');
    expect(formatDuration(125_000)).toBe('2m 5s');
    expect(formatDuration(3_720_000)).toBe('1h 2m');
  });
});
