import { impliedType, isDynamicWrapper, typed } from '../../harness/state-values';

describe('typed', () => {
  test('keeps a dynamically-typed attribute with its implied type beside it, as Terraform writes the state', () => {
    // terraform_data's input: a bare object there fails "invalid key ... in dynamically-typed value".
    expect(typed({ runtime: 'node.js 20' }, 'dynamic')).toEqual({
      value: { runtime: 'node.js 20' },
      type: ['object', { runtime: 'string' }],
    });
    expect(typed('x', 'dynamic')).toEqual({ value: 'x', type: 'string' });
    expect(typed(null, 'dynamic')).toBeNull();
  });

  test('wraps a dynamic value once, and leaves typed attributes bare', () => {
    const wrapped = typed({ a: 1 }, 'dynamic');
    expect(typed(wrapped, 'dynamic')).toBe(wrapped);
    expect(isDynamicWrapper(wrapped)).toBe(true);
    expect(typed({ a: 1, b: null }, ['object', { a: 'number', b: 'string', c: 'bool' }])).toEqual({ a: 1, b: null, c: null });
  });
});

describe('impliedType', () => {
  test('is the type of the value as configuration JSON writes it', () => {
    expect(impliedType({ list: [1, 'a', true], nested: { x: 'y' } })).toEqual([
      'object',
      { list: ['tuple', ['number', 'string', 'bool']], nested: ['object', { x: 'string' }] },
    ]);
    expect(impliedType(null)).toBe('dynamic');
  });
});
