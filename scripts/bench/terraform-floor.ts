// The floor of the offline plan: bare `terraform init`, `plan` and `show -json` of the same
// stacks, one after the other, in workspaces prepared untimed beforehand (the stacks synthesized
// once, each copied with the offline override the harness adds). What `npm run plan -- <env>
// --offline` adds on top of this (synth, summary, node start) is what the ratio measures.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { offlineEnvironment, prepareOfflineWorkspace } from '../../harness/offline-plan';
import { findProviderMirror } from '../../harness/provider-mirror';
import { readSynthesizedApp } from '../../harness/synth';
import { synthesize } from '../../main';
import { environmentStacks } from '../plan/environment-stacks';
import { CommandSpec } from './measure';

const TERRAFORM_STEPS = [
  'terraform init -input=false -no-color',
  'terraform plan -refresh=false -input=false -lock=false -no-color -out=plan.bin',
  'terraform show -json -no-color plan.bin',
];

/** The floor's command and the temporary folder that holds its workspaces, for the caller to remove. */
export interface TerraformFloor {
  readonly command: CommandSpec;
  readonly workDir: string;
}

/** Synthesizes `environment`, prepares a workspace per stack, and returns the floor command. */
export function prepareTerraformFloor(environment: string, root: string): TerraformFloor {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-terraform-floor-'));
  try {
    const outdir = path.join(work, 'cdktf.out');
    synthesize(outdir, environment);
    const app = readSynthesizedApp(outdir);
    const mirror = findProviderMirror();
    const workspaces = environmentStacks(app, environment).map((stack) =>
      prepareOfflineWorkspace(app.stackDir(stack), path.join(work, stack)),
    );
    const env = offlineEnvironment(work, mirror);
    // Each run starts as the harness does, from a workspace with nothing initialized.
    const script = workspaces
      .map((dir) =>
        [
          `cd ${JSON.stringify(dir)}`,
          'rm -rf .terraform .terraform.lock.hcl plan.bin terraform.tfstate',
          ...TERRAFORM_STEPS.map((step) => `${step} >/dev/null`),
        ].join(' && '),
      )
      .join(' && ');
    return {
      command: {
        file: 'bash',
        args: ['-c', `set -e; ${script}`],
        cwd: root,
        env: Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined)),
      },
      workDir: work,
    };
  } catch (error) {
    // The caller removes the folder after the runs; a floor that could not be prepared removes its own.
    fs.rmSync(work, { recursive: true, force: true });
    throw error;
  }
}
