// What a change of addresses does, in the words a reviewer needs: which stateful resources a
// deploy would destroy and re-create empty, and the exact code or command that keeps each one.
import { MovedBlock, ProgramAddresses, StackAddresses } from './addresses';

/** Where the checked-in list lives, for messages. */
export const ADDRESS_LIST_FILE = '__tests__/snapshots/addresses.json';

const EMPTY: StackAddresses = { stateful: {}, other: {} };

function typeOf(address: string): string {
  return address.slice(0, address.indexOf('.'));
}

/** How many leading and trailing construct path segments two paths share. */
function pathLikeness(a: string, b: string): number {
  const x = a.split('/');
  const y = b.split('/');
  let score = 0;
  while (score < Math.min(x.length, y.length) && x[score] === y[score]) score++;
  let tail = 0;
  while (tail < Math.min(x.length, y.length) - score && x[x.length - 1 - tail] === y[y.length - 1 - tail]) tail++;
  return score + tail;
}

/**
 * The added addresses most likely to be where a removed resource went: same type, and among
 * those the construct paths sharing the most segments with the old one. Several when tied.
 */
export function likelyTargets(removed: string, removedPath: string, added: Readonly<Record<string, string>>): string[] {
  const sameType = Object.keys(added).filter((address) => typeOf(address) === typeOf(removed));
  if (sameType.length <= 1) return sameType;
  const scores = sameType.map((address) => pathLikeness(removedPath, added[address]));
  const best = Math.max(...scores);
  return sameType.filter((_, index) => scores[index] === best);
}

function keepAdvice(stack: string, removed: string, target: string, targetPath: string): string[] {
  return [
    `      now likely ${target} (${targetPath}). Keep the object: in the new code, on that resource,`,
    `        .moveFromId('${removed}');`,
    `      or move its state once before the deploy, in cdktf.out/stacks/${stack}:`,
    `        terraform state mv '${removed}' '${target}'`,
  ];
}

function describeStack(stack: string, before: StackAddresses, after: StackAddresses, moved: readonly MovedBlock[]): string[] {
  const gone = (was: Readonly<Record<string, string>>, now: Readonly<Record<string, string>>) =>
    Object.keys(was).filter((address) => !(address in now));
  const removedStateful = gone(before.stateful, after.stateful);
  const removedOther = gone(before.other, after.other);
  const added = { ...after.stateful, ...after.other };
  const addedOnly = Object.fromEntries(
    Object.entries(added).filter(([address]) => !(address in before.stateful || address in before.other)),
  );
  if (removedStateful.length + removedOther.length + Object.keys(addedOnly).length === 0) return [];

  const lines = [`Stack ${stack}:`];
  const movedFrom = new Map(moved.map((block) => [block.from, block.to]));
  const lost = removedStateful.filter((address) => !movedFrom.has(address));
  if (lost.length > 0) {
    lines.push('  Stateful resources whose address disappeared: a deploy destroys each one and creates it again, empty.');
    for (const address of lost) {
      lines.push(`    ${address} (${before.stateful[address]})`);
      const targets = likelyTargets(address, before.stateful[address], addedOnly);
      if (targets.length === 1) {
        lines.push(...keepAdvice(stack, address, targets[0], addedOnly[targets[0]]));
      } else if (targets.length > 1) {
        lines.push(
          `      now one of ${targets.join(', ')}: keep it with .moveFromId('${address}') on the right one, or terraform state mv.`,
        );
      } else {
        lines.push('      nothing of its type was added: it is deleted with its data. If that is meant, say so in the upgrade note.');
      }
    }
  }
  const kept = removedStateful.filter((address) => movedFrom.has(address));
  if (kept.length > 0) {
    lines.push('  Stateful resources kept by a moved block:');
    for (const address of kept) lines.push(`    ${address} -> ${movedFrom.get(address)}`);
  }
  if (removedOther.length > 0) {
    lines.push(
      `  Other resources at a new address (re-created, or moved where a moved block says so; resources of a renamed construct can move with it the same way): ${removedOther.length}`,
    );
    for (const address of removedOther)
      lines.push(`    ${address}${movedFrom.has(address) ? ` -> ${movedFrom.get(address)} (moved)` : ''}`);
  }
  const addedAddresses = Object.keys(addedOnly);
  if (addedAddresses.length > 0) {
    lines.push(`  New addresses: ${addedAddresses.length}`);
    for (const address of addedAddresses) lines.push(`    ${address}`);
  }
  return lines;
}

/**
 * The change between the checked-in addresses of one program and its current synthesis, as a
 * message for a failing test; undefined when nothing changed. Stateful resources that a deploy
 * would lose come first, each with the `moveFromId` call or `terraform state mv` that keeps it.
 */
export function describeAddressChanges(
  program: string,
  recorded: Readonly<Record<string, StackAddresses>> | undefined,
  current: ProgramAddresses,
): string | undefined {
  const before = recorded ?? {};
  const stacks = [...new Set([...Object.keys(before), ...Object.keys(current.stacks)])].sort();
  const body: string[] = [];
  for (const stack of stacks) {
    if (!(stack in current.stacks)) {
      const was = before[stack];
      body.push(`Stack ${stack} is gone: a deploy no longer manages it.`);
      const stateful = Object.keys(was.stateful);
      if (stateful.length > 0) body.push(`  Its stateful resources would be orphaned or destroyed: ${stateful.join(', ')}`);
      continue;
    }
    body.push(...describeStack(stack, before[stack] ?? EMPTY, current.stacks[stack], current.moved[stack] ?? []));
  }
  if (body.length === 0) return undefined;
  return [
    `The Terraform addresses of ${program} changed from the checked-in list (${ADDRESS_LIST_FILE}). An address is where Terraform keeps a resource's state.`,
    ...body,
    'If the change is meant: keep every stateful resource as shown, run `npm run snapshot:addresses`, and add an upgrade note to CHANGELOG.md naming the old and new addresses.',
  ].join('\n');
}
