/**
 * Orders two strings by their UTF-16 code units, as `<` and a comparator-less `sort()` do: the
 * same order on every machine. File and package names are sorted with it wherever the order
 * reaches the output (archive entries, uploaded objects, generated docs). `localeCompare` orders
 * by the collation of the process's locale (LANG), so the same folder could list in another
 * order on another machine, and its first call sets up ICU's collator (about 7 ms of a synth).
 */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
