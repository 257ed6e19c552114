import * as path from 'path';
import { parseArgs } from 'util';
import { CommandError, runCommand } from './cli/errors';
import { environmentsOf, readStacks, stacksOfEnvironment, synthesizeStacks } from './cli/synthesized';
import { stackRegion } from './cli/terraform-json';
import { Assumptions, DEFAULT_ASSUMPTIONS, estimateMonthlyCost } from './cost/estimate';
import { describeAssumptions, formatEstimate } from './cost/format';
import { loadPriceTable } from './cost/prices';

const USAGE = 'Usage: npm run cost -- <environment> [--assume name=value]... [--from <cdktf.out>] [--json]';

/** Applies `name=value` overrides to the default assumptions. */
export function parseAssumptions(overrides: readonly string[]): Assumptions {
  const assumptions: Record<string, number> = { ...DEFAULT_ASSUMPTIONS };
  for (const override of overrides) {
    const match = /^(\w+)=(.+)$/.exec(override);
    const name = match?.[1] ?? override;
    if (!match || !(name in DEFAULT_ASSUMPTIONS)) {
      throw new CommandError(`--assume "${override}" names no assumption; write name=value with one of: ${describeAssumptions()}.`);
    }
    const value = Number(match[2]);
    if (!Number.isFinite(value) || value < 0) {
      throw new CommandError(
        `--assume ${name}="${match[2]}" is not a number of zero or more; write for example --assume ${name}=${DEFAULT_ASSUMPTIONS[name as keyof Assumptions]}.`,
      );
    }
    assumptions[name] = value;
  }
  return assumptions as unknown as Assumptions;
}

/** `npm run cost -- <environment>`: estimates the monthly cost of what that environment's stacks create. */
export async function main(argv: readonly string[] = process.argv.slice(2)): Promise<number> {
  return runCommand(() => {
    let parsed;
    try {
      parsed = parseArgs({
        args: [...argv],
        allowPositionals: true,
        options: { assume: { type: 'string', multiple: true }, from: { type: 'string' }, json: { type: 'boolean' } },
      });
    } catch (error) {
      throw new CommandError(`${(error as Error).message}. ${USAGE}`);
    }
    const { values, positionals } = parsed;
    const assumptions = parseAssumptions(values.assume ?? []);
    const all = values.from ? readStacks(path.resolve(values.from)) : synthesizeStacks();
    if (positionals.length !== 1) {
      throw new CommandError(`Name one environment: ${environmentsOf(all).join(', ')}. ${USAGE}`);
    }
    const environment = positionals[0];
    const stacks = stacksOfEnvironment(all, environment);
    const regions = [...new Set(stacks.map((stack) => stackRegion(stack.json)).filter((region): region is string => !!region))];
    if (regions.length !== 1) {
      throw new CommandError(
        `The stacks of "${environment}" use ${regions.length === 0 ? 'no region' : `several regions (${regions.join(', ')})`}; the estimate prices one region.`,
      );
    }
    const prices = loadPriceTable(regions[0]);
    const estimate = estimateMonthlyCost(stacks, prices, assumptions);
    process.stdout.write(
      values.json
        ? `${JSON.stringify({ environment, assumptions, priceVersion: prices.version, ...estimate }, null, 2)}\n`
        : formatEstimate(environment, estimate, assumptions, prices),
    );
    return 0;
  });
}

if (require.main === module) {
  main().then((code) => (process.exitCode = code));
}
