import { compareCodeUnits } from '../../core/code-unit-order';

describe('compareCodeUnits', () => {
  test('orders by code unit: upper case before lower case, punctuation by its code', () => {
    // GIVEN names a locale's collation orders otherwise (it puts "_" first and "a" before "B")
    const names = ['b.txt', 'B.txt', 'a_b', 'a-b', 'aB', 'a.b', 'Z', '_x', '10', '9'];
    // THEN they sort as their UTF-16 code units compare
    expect([...names].sort(compareCodeUnits)).toEqual(['10', '9', 'B.txt', 'Z', '_x', 'a-b', 'a.b', 'aB', 'a_b', 'b.txt']);
  });

  test('the same order as a sort with no comparator, whatever the locale would say', () => {
    const names = ['é', 'e', 'f', 'E', 'ä', 'z', 'Å', 'ß', 'ss', '😀', '\uffff'];
    expect([...names].sort(compareCodeUnits)).toEqual([...names].sort());
    // A locale's collation puts "é" between "e" and "f"; code units put it after "z".
    expect(compareCodeUnits('é', 'f')).toBe(1);
  });

  test('equal strings compare as 0, and the order is antisymmetric', () => {
    expect(compareCodeUnits('same', 'same')).toBe(0);
    expect(compareCodeUnits('a', 'b')).toBe(-1);
    expect(compareCodeUnits('b', 'a')).toBe(1);
  });
});
