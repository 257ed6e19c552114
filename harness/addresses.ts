// The Terraform addresses of synthesized stacks, as the checked-in list
// (__tests__/snapshots/addresses.json) records them. An address is where Terraform keeps a
// resource's state: when it changes, Terraform destroys the old object and creates a new one,
// so a renamed construct ID costs a stateful resource its data. The list makes every such change
// visible in review; address-changes.ts says what each one would do.
import { isStatefulType } from '../core/stateful';
import { SynthesizedApp } from './synth';

/** One stack's resource addresses (`type.name`), each mapped to the construct path it comes from. */
export interface StackAddresses {
  /** Resources whose type holds data (core/stateful.ts): a changed address loses it. */
  readonly stateful: Readonly<Record<string, string>>;
  /** Every other resource: a changed address re-creates it, which may interrupt but loses nothing kept. */
  readonly other: Readonly<Record<string, string>>;
}

/** A `moved` block of a synthesized stack (CDKTF's `moveTo`, `moveToId`, `moveFromId`). */
export interface MovedBlock {
  readonly from: string;
  readonly to: string;
}

/** What one synthesized program (the app, or an example) holds: addresses and moved blocks per stack. */
export interface ProgramAddresses {
  readonly stacks: Readonly<Record<string, StackAddresses>>;
  readonly moved: Readonly<Record<string, readonly MovedBlock[]>>;
}

/**
 * The checked-in list: program name (`app`, or `examples/<name>`) to stack to addresses. The `//`
 * key holds the line that says how to regenerate it.
 */
export type AddressList = Readonly<Record<string, Readonly<Record<string, StackAddresses>>>>;

/** Data sources are left out: they keep nothing, so a renamed one only reads again. */
export function stackAddresses(json: Record<string, any>): StackAddresses {
  const stateful: Record<string, string> = {};
  const other: Record<string, string> = {};
  const types = Object.keys(json.resource ?? {}).sort();
  for (const type of types) {
    for (const name of Object.keys(json.resource[type]).sort()) {
      const path = String(json.resource[type][name]?.['//']?.metadata?.path ?? '');
      (isStatefulType(type) ? stateful : other)[`${type}.${name}`] = path;
    }
  }
  return { stateful, other };
}

/** The `moved` blocks of one stack's JSON. */
export function movedBlocks(json: Record<string, any>): MovedBlock[] {
  const blocks: unknown[] = Array.isArray(json.moved) ? json.moved : json.moved ? [json.moved] : [];
  return blocks
    .filter((block): block is { from: unknown; to: unknown } => typeof block === 'object' && block !== null)
    .map((block) => ({ from: String(block.from), to: String(block.to) }));
}

/** Addresses and moved blocks of every stack of a synthesized program. */
export function programAddresses(app: SynthesizedApp): ProgramAddresses {
  const stacks: Record<string, StackAddresses> = {};
  const moved: Record<string, MovedBlock[]> = {};
  for (const stack of app.stacks) {
    const json = app.stackJson(stack);
    stacks[stack] = stackAddresses(json);
    moved[stack] = movedBlocks(json);
  }
  return { stacks, moved };
}

/** The text of the checked-in list: stable key order, one address a line, a trailing newline. */
export function renderAddressList(programs: Readonly<Record<string, ProgramAddresses>>): string {
  const list: Record<string, unknown> = {
    '//': 'Every resource address of the app and the examples, stateful ones apart. Generated: npm run snapshot:addresses. A change here replaces resources: see docs/day-2.md.',
  };
  for (const program of Object.keys(programs).sort()) {
    list[program] = Object.fromEntries(
      Object.keys(programs[program].stacks)
        .sort()
        .map((stack) => [stack, programs[program].stacks[stack]]),
    );
  }
  return `${JSON.stringify(list, null, 2)}\n`;
}

/** Parses the checked-in list; throws one paragraph naming the file when it is not one. */
export function parseAddressList(text: string, file: string): AddressList {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new Error(`${file} is not JSON (${(error as Error).message}); regenerate it with npm run snapshot:addresses.`, { cause: error });
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Error(`${file} is not an object of programs; regenerate it with npm run snapshot:addresses.`);
  }
  const { '//': _comment, ...programs } = parsed as Record<string, any>;
  return programs as AddressList;
}
