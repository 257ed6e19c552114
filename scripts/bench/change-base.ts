// The base of the bench's second change-check row: the environment as this checkout synthesizes
// it, with one edit a pull request often makes (the web servers' instance type), so the timed
// check has a real change to plan and not only the base's state to build. Written untimed, as a
// user's second run has its base already synthesized; `--base <dir>` takes it as it is.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { synthesize } from '../../main';

/** The construct path part of the launch template whose instance type the base changes. */
export const CHANGED_LAUNCH_TEMPLATE = 'wordpress/web-servers/launch-template';
/** The instance type the base has instead, as if the change under review had raised it to the current one. */
export const BASE_INSTANCE_TYPE = 't3.nano';

/** Synthesizes `environment` into a fresh temporary folder (the caller removes it) and changes the base's instance type. */
export function prepareChangedBase(environment: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-change-base-'));
  try {
    synthesize(dir, environment);
    const file = path.join(dir, 'stacks', environment, 'cdk.tf.json');
    const stack = JSON.parse(fs.readFileSync(file, 'utf8'));
    const templates = Object.values((stack.resource?.aws_launch_template ?? {}) as Record<string, Record<string, any>>).filter((body) =>
      String(body['//']?.metadata?.path ?? '').includes(CHANGED_LAUNCH_TEMPLATE),
    );
    if (templates.length !== 1)
      throw new Error(`the ${environment} stack has ${templates.length} launch templates at ${CHANGED_LAUNCH_TEMPLATE}, not one`);
    if (templates[0].instance_type === BASE_INSTANCE_TYPE)
      throw new Error(`the ${environment} web servers already use ${BASE_INSTANCE_TYPE}`);
    templates[0].instance_type = BASE_INSTANCE_TYPE;
    fs.writeFileSync(file, JSON.stringify(stack, null, 2));
    return dir;
  } catch (error) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}
