// `npm run snapshot:addresses`: writes the checked-in list of every resource address of the app
// and the examples (__tests__/snapshots/addresses.json), after saying what changed. `--check`
// writes nothing and exits 1 when the list is out of date, with the same report the tests print.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseArgs } from 'util';
import { ADDRESS_LIST_FILE, describeAddressChanges } from '../harness/address-changes';
import { parseAddressList, ProgramAddresses, programAddresses, renderAddressList } from '../harness/addresses';
import { synthesizeExamples } from '../harness/examples';
import { readSynthesizedApp } from '../harness/synth';
import { synthesize } from '../main';
import { runCommand } from './cli/errors';

const ROOT = path.resolve(__dirname, '..', '..');
const USAGE = 'Usage: npm run snapshot:addresses [-- --check]';

/** Synthesizes the app (every environment) and every example, and lists their addresses. */
export async function currentAddresses(root: string = ROOT): Promise<Record<string, ProgramAddresses>> {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'web-stack-addresses-'));
  try {
    synthesize(path.join(outdir, 'app'), '', 's3');
    const programs: Record<string, ProgramAddresses> = { app: programAddresses(readSynthesizedApp(path.join(outdir, 'app'))) };
    for (const [example, app] of Object.entries(await synthesizeExamples(root, path.join(outdir, 'examples')))) {
      programs[`examples/${example}`] = programAddresses(app);
    }
    return programs;
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

export async function main(argv: readonly string[] = process.argv.slice(2), root: string = ROOT): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ args: [...argv], options: { check: { type: 'boolean' } } }));
  } catch (error) {
    // Bad input: one paragraph, exit code 2, nothing synthesized or written.
    process.stderr.write(`${(error as Error).message}. ${USAGE}\n`);
    return 2;
  }
  return runCommand(async () => {
    const file = path.join(root, ADDRESS_LIST_FILE);
    const recorded = fs.existsSync(file) ? parseAddressList(fs.readFileSync(file, 'utf8'), ADDRESS_LIST_FILE) : {};
    const current = await currentAddresses(root);
    const programs = [...new Set([...Object.keys(recorded), ...Object.keys(current)])].sort();
    const changes = programs
      .map((program) =>
        program in current
          ? describeAddressChanges(program, recorded[program], current[program])
          : `${program} is no longer synthesized; its addresses leave the list.`,
      )
      .filter((change): change is string => change !== undefined);
    const text = renderAddressList(current);
    const upToDate = fs.existsSync(file) && fs.readFileSync(file, 'utf8') === text;
    if (changes.length === 0 && upToDate) {
      process.stdout.write(`${ADDRESS_LIST_FILE}: every address is unchanged\n`);
      return 0;
    }
    process.stdout.write(changes.length > 0 ? `${changes.join('\n\n')}\n` : `${ADDRESS_LIST_FILE}: same addresses, new layout\n`);
    if (values.check) return 1;
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    process.stdout.write(`\nwrote ${ADDRESS_LIST_FILE}\n`);
    return 0;
  });
}
