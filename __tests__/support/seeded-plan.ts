import * as fs from 'fs';
import * as path from 'path';
import { initOffline, planAndShow, prepareOfflineWorkspace } from '../../harness/offline-plan';
import { TerraformPlan } from '../../harness/plan-json';

/** Attributes of existing resources by address, laid over what the configuration plans for them. */
export type Seed = Readonly<Record<string, Readonly<Record<string, unknown>>>>;

/**
 * The state file of resources that exist already: each seeded resource with the values the
 * unseeded plan gave it (its configuration) and the seed's own attributes on top (what only
 * AWS knows, such as a certificate's validation records). A plan against it knows the values
 * that depend on them, which a plan from nothing shows only as "known after apply".
 */
export function seededState(unseeded: TerraformPlan, seed: Seed): Record<string, unknown> {
  const resources = Object.entries(seed).map(([address, attributes]) => {
    const change = unseeded.resource_changes?.find((candidate) => candidate.address === address);
    const configured = unseeded.configuration.root_module.resources?.find((candidate) => candidate.address === address) as
      { provider_config_key?: string } | undefined;
    if (!change || !configured) throw new Error(`the seed names ${address}, which the stack does not plan`);
    // "aws.us-east-1" is the aliased provider us-east-1 in the state's notation.
    const [, alias] = (configured.provider_config_key ?? '').split('.');
    const provider = `provider["${(change as { provider_name?: string }).provider_name}"]${alias ? `.${alias}` : ''}`;
    return {
      mode: change.mode,
      type: change.type,
      name: change.name,
      provider,
      instances: [{ schema_version: 0, attributes: { ...change.change.after, ...attributes } }],
    };
  });
  return { version: 4, terraform_version: '1.11.0', serial: 1, lineage: 'seeded-plan', outputs: {}, resources };
}

/**
 * Plans a synthesized stack offline (harness/offline-plan.ts: the offline override, the provider
 * mirror, `plan -refresh=false`) against `state`, written where the override keeps local state.
 */
export async function planWithState(stackDir: string, state: Record<string, unknown>): Promise<TerraformPlan> {
  const workDir = prepareOfflineWorkspace(stackDir);
  try {
    fs.writeFileSync(path.join(workDir, 'terraform.tfstate'), JSON.stringify(state));
    return await planAndShow(workDir, await initOffline(workDir));
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}
