import * as fs from 'fs';
import * as path from 'path';
import { parseArgs } from 'util';
import { CommandError, runCommand } from './cli/errors';
import { environmentsOf, readStacks, stacksOfEnvironment, synthesizeStacks } from './cli/synthesized';
import { StackInput, stateBucketOf } from './cli/terraform-json';
import { buildDiagram } from './diagram/graph';
import { renderDot, renderSvg, stackSvgs } from './diagram/dot';

const ROOT = path.resolve(__dirname, '..', '..');
const DEFAULT_OUT = path.join('docs', 'architecture.svg');
const USAGE = 'Usage: npm run diagram -- [--environment <name>]... [--from <cdktf.out>] [--format svg|dot] [--out <file>|-]';

/** The stacks of one environment, plus the stacks that create the bucket holding their state. */
export function environmentStacks(stacks: readonly StackInput[], environment: string): StackInput[] {
  const chosen = stacksOfEnvironment(stacks, environment);
  const buckets = new Set(chosen.map((stack) => stateBucketOf(stack.json)));
  const stateStacks = stacks.filter(
    (stack) =>
      !chosen.includes(stack) && Object.values(stack.json.resource?.aws_s3_bucket ?? {}).some((bucket: any) => buckets.has(bucket.bucket)),
  );
  return [...chosen, ...stateStacks];
}

/**
 * `npm run diagram`: draws the synthesized stacks, one graph per environment (all of them, or
 * those named with --environment, each with the bucket holding its state), stacked into one SVG
 * (default docs/architecture.svg) or written as DOT.
 */
export async function main(argv: readonly string[] = process.argv.slice(2)): Promise<number> {
  return runCommand(() => {
    let values;
    try {
      ({ values } = parseArgs({
        args: [...argv],
        options: {
          environment: { type: 'string', multiple: true, short: 'e' },
          from: { type: 'string' },
          format: { type: 'string' },
          out: { type: 'string', short: 'o' },
        },
      }));
    } catch (error) {
      throw new CommandError(`${(error as Error).message}. ${USAGE}`);
    }
    const format = values.format ?? 'svg';
    if (format !== 'svg' && format !== 'dot') {
      throw new CommandError(`--format "${format}" is not known; use svg (rendered with Graphviz) or dot (the graph source). ${USAGE}`);
    }
    const all = values.from ? readStacks(path.resolve(values.from)) : synthesizeStacks();
    const chosen = values.environment ?? [];
    const groups = (chosen.length > 0 ? chosen : environmentsOf(all)).map((environment) => ({
      environment,
      stacks: chosen.length > 0 ? environmentStacks(all, environment) : stacksOfEnvironment(all, environment),
    }));
    const dots = groups.map((group) => renderDot(buildDiagram(group.stacks, all), group.environment));
    const output = format === 'dot' ? dots.join('\n') : stackSvgs(dots.map(renderSvg));
    const stacks = groups.flatMap((group) => group.stacks);
    const out = values.out ?? (format === 'dot' ? '-' : DEFAULT_OUT);
    if (out === '-') {
      process.stdout.write(output);
    } else {
      const file = path.resolve(ROOT, out);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, output);
      process.stdout.write(`Wrote ${path.relative(ROOT, file)} (${stacks.map((stack) => stack.name).join(', ')}).\n`);
    }
    return 0;
  });
}

if (require.main === module) {
  main().then((code) => (process.exitCode = code));
}
