import { describe, expect, it } from 'vitest';
import { createStore } from './storage';

describe('createStore', () => {
  it('namespaces keys in localStorage', () => {
    const s = createStore('parley:http://a.test', window.localStorage);
    s.set('token', 'abc');
    expect(window.localStorage.getItem('parley:http://a.test:token')).toBe('abc');
    expect(s.get('token')).toBe('abc');
    s.remove('token');
    expect(s.get('token')).toBeNull();
  });

  it('falls back to memory when storage throws', () => {
    const broken = {
      getItem() {
        throw new Error('blocked');
      },
      setItem() {
        throw new Error('blocked');
      },
      removeItem() {
        throw new Error('blocked');
      },
    } as unknown as Storage;
    const s = createStore('ns', broken);
    s.set('token', 'abc');
    expect(s.get('token')).toBe('abc');
  });
});
