// `terraform plan` and `terraform show -json` as separate steps, for plans whose JSON is only
// sometimes needed: `show -json` loads the provider's schema again (about 4 s for AWS), and a
// plan that changes nothing says so in its own -json stream.
import { describeDiagnostics } from './offline-plan';
import { TerraformPlan } from './plan-json';
import { runTerraform, TerraformCommandError } from './terraform-cli';

/** The resources a plan's -json stream counts as changing: added, changed, removed, imported. */
export function changeCount(jsonLines: string): number | undefined {
  for (const line of jsonLines.split('\n').reverse()) {
    try {
      const message = JSON.parse(line) as { type?: string; changes?: Record<string, number> };
      if (message.type === 'change_summary' && message.changes) {
        const { add = 0, change = 0, remove = 0, import: imported = 0 } = message.changes;
        return add + change + remove + imported;
      }
    } catch {
      // Not a JSON line.
    }
  }
  return undefined;
}

/** `terraform plan -refresh=false` into plan.bin; returns how many resources it changes. */
export async function planOnly(workDir: string, env: NodeJS.ProcessEnv, extraArgs: readonly string[] = []): Promise<number> {
  const { stdout } = await runTerraform(
    ['plan', ...extraArgs, '-refresh=false', '-input=false', '-lock=false', '-no-color', '-json', '-out=plan.bin'],
    {
      cwd: workDir,
      env,
    },
  ).catch((error: unknown) => {
    const diagnostics = error instanceof TerraformCommandError ? describeDiagnostics(error.stdout) : [];
    if (diagnostics.length === 0) throw error;
    throw new Error(`terraform plan failed in ${workDir}:\n${diagnostics.join('\n')}`);
  });
  const count = changeCount(stdout);
  if (count === undefined) throw new Error(`terraform plan in ${workDir} wrote no change summary`);
  return count;
}

/** `terraform show -json plan.bin`. */
export async function showPlan(workDir: string, env: NodeJS.ProcessEnv): Promise<TerraformPlan> {
  const { stdout } = await runTerraform(['show', '-json', '-no-color', 'plan.bin'], { cwd: workDir, env });
  return JSON.parse(stdout) as TerraformPlan;
}
