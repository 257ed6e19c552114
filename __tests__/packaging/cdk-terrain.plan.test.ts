// The project on CDK Terrain, cdktf's maintained fork: a scratch copy of the project with cdktn
// installed as cdktf (support/cdk-terrain.ts) runs the app command as `cdktf synth` would
// (compile, bundle, synthesize) and compiles and runs the examples. Every stack's output must
// be the cdktf build's, apart from the version stamp and the differences listed in
// cdk-terrain-differences.json, each of which an offline plan shows to plan the same.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { PlannedModule, PlannedResource, TerraformPlan } from '../../harness/plan-json';
import { CDK_TERRAIN, installCdkTerrain, projectFiles, run, scratchCopy, synthesizeExamples } from '../support/cdk-terrain';
import { appDifferences, jsonDifferences, ListedDifference, OutputDifference, unexplained } from '../support/output-differences';
import { planStackDirs } from '../support/plans';
import { synthesizeProject } from '../support/project';
import { planWithState, seededState } from '../support/seeded-plan';

const root = path.resolve(__dirname, '..', '..');
const LISTED_FILE = path.join(__dirname, 'cdk-terrain-differences.json');

const listed = (JSON.parse(fs.readFileSync(LISTED_FILE, 'utf8')) as { differences: ListedDifference[] }).differences;

/** The version stamps: cdk.tf.json's //.metadata.version and manifest.json's version. */
const isVersionStamp = (file: string, pointer: string) =>
  (file === 'cdk.tf.json' && pointer === '/~1~1/metadata/version') || (file === 'manifest.json' && pointer === '/version');

/** Every planned resource of a module and its child modules. */
const allPlanned = (module: PlannedModule): PlannedResource[] => [
  ...(module.resources ?? []),
  ...(module.child_modules ?? []).flatMap(allPlanned),
];

/** The planned attribute at a cdk.tf.json pointer such as /resource/<type>/<name>/<attribute>/<index>. */
function plannedAt(plan: TerraformPlan, pointer: string): unknown {
  const [, kind, type, name, ...attribute] = pointer.split('/');
  if (kind !== 'resource') throw new Error(`${pointer}: only resource attributes can be planned`);
  const resource = allPlanned(plan.planned_values.root_module).find((candidate) => candidate.address === `${type}.${name}`);
  return attribute.reduce<unknown>((value, part) => (value as Record<string, unknown> | undefined)?.[part], resource?.values);
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-terrain-'));
const terrainCopy = path.join(work, 'terrain');
const cdktfCopy = path.join(work, 'cdktf');
/** Each side's synthesized apps: `project` and `examples/<name>` -> output folder. */
const outputs: Record<'cdktf' | 'cdktn', Record<string, string>> = { cdktf: {}, cdktn: {} };
let installedCdktf: { name: string; version: string };
let differences: OutputDifference[];

beforeAll(async () => {
  const installed = await installCdkTerrain(root);
  const files = await projectFiles(root);
  scratchCopy(root, files, terrainCopy, path.join(installed, 'node_modules'));
  installedCdktf = JSON.parse(fs.readFileSync(path.join(terrainCopy, 'node_modules', 'cdktf', 'package.json'), 'utf8'));
  // The app command, as `cdktn synth` runs it: compiles (tsc), bundles (esbuild) and synthesizes.
  outputs.cdktn.project = path.join(work, 'cdktn.out', 'project');
  await run(process.execPath, [path.join(terrainCopy, 'scripts', 'app.js')], { cwd: work, env: { CDKTF_OUTDIR: outputs.cdktn.project } });
  // The cdktf side: the project's own synthesis (the one the synth digests check) and the examples
  // compiled against the project's own dist/ (jest's global setup keeps it current).
  outputs.cdktf.project = synthesizeProject().outdir;
  const cdktfFiles = files.filter((file) => file.startsWith('examples/') || ['package.json', 'tsconfig.json'].includes(file));
  scratchCopy(root, cdktfFiles, cdktfCopy, path.join(root, 'node_modules'));
  fs.symlinkSync(path.join(root, 'dist'), path.join(cdktfCopy, 'dist'), 'dir');
  for (const [side, copy] of [
    ['cdktf', cdktfCopy],
    ['cdktn', terrainCopy],
  ] as const) {
    const examples = await synthesizeExamples(copy, path.join(work, `${side}.out`, 'examples'), work);
    for (const [name, outdir] of Object.entries(examples)) outputs[side][`examples/${name}`] = outdir;
  }
  differences = Object.keys({ ...outputs.cdktf, ...outputs.cdktn })
    .sort()
    .flatMap((app) => {
      if (!outputs.cdktf[app] || !outputs.cdktn[app])
        return [{ stack: app, file: '', pointer: '', detail: 'synthesized by one side only' }];
      return appDifferences(app, outputs.cdktf[app], outputs.cdktn[app], isVersionStamp);
    });
}, 900_000);

afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

describe('the project on CDK Terrain (cdktn installed as cdktf)', () => {
  test(`cdktf resolves to ${CDK_TERRAIN.package} ${CDK_TERRAIN.version} with constructs ${CDK_TERRAIN.constructs}, for the app and for the provider bindings alike`, () => {
    expect(installedCdktf).toMatchObject({ name: CDK_TERRAIN.package, version: CDK_TERRAIN.version });
    const modules = path.join(terrainCopy, 'node_modules');
    expect(JSON.parse(fs.readFileSync(path.join(modules, 'constructs', 'package.json'), 'utf8')).version).toBe(CDK_TERRAIN.constructs);
    // One copy: the bindings resolve cdktf from their own folder to the same file as the app.
    const fromBindings = require.resolve('cdktf', { paths: [path.join(modules, '@cdktf', 'provider-aws')] });
    expect(fs.realpathSync(fromBindings)).toBe(fs.realpathSync(require.resolve('cdktf', { paths: [terrainCopy] })));
    expect(fs.existsSync(path.join(modules, '@cdktf', 'provider-aws', 'node_modules', 'cdktf'))).toBe(false);
  });

  test('synthesizes every stack of the app (through its bundle) and of each example', () => {
    const stacksOf = (outdir: string) => fs.readdirSync(path.join(outdir, 'stacks')).sort();
    expect(Object.keys(outputs.cdktn).sort()).toEqual(Object.keys(outputs.cdktf).sort());
    expect(Object.keys(outputs.cdktn).filter((app) => app.startsWith('examples/')).length).toBeGreaterThanOrEqual(3);
    for (const app of Object.keys(outputs.cdktf)) expect([app, stacksOf(outputs.cdktn[app])]).toEqual([app, stacksOf(outputs.cdktf[app])]);
    // The version stamp is the one difference of every stack: each side wrote its own.
    const stack = JSON.parse(fs.readFileSync(path.join(outputs.cdktn.project, 'stacks', 'state', 'cdk.tf.json'), 'utf8'));
    expect(stack['//'].metadata.version).toBe(CDK_TERRAIN.version);
    // The app command ran from its esbuild bundle, which inlines cdktn.
    expect(fs.readFileSync(path.join(terrainCopy, 'dist', 'bundle', 'app.js'), 'utf8')).toContain('cdktn');
  });

  test('every stack is the cdktf build apart from the version stamp and the listed differences', () => {
    const { unlisted, stale } = unexplained(differences, listed);
    if (unlisted.length > 0 || stale.length > 0) {
      throw new Error(
        [
          ...(unlisted.length > 0
            ? [
                `The output on ${CDK_TERRAIN.package} differs from the cdktf build where ${path.basename(LISTED_FILE)} lists nothing:`,
                ...unlisted,
              ]
            : []),
          ...(stale.length > 0 ? [`Listed in ${path.basename(LISTED_FILE)} but no longer different (remove them):`, ...stale] : []),
          'A new difference must be shown equivalent: list it with its reason and the seed its offline plan needs.',
        ].join('\n  '),
      );
    }
    expect(differences.length).toBe(listed.reduce((count, entry) => count + entry.pointers.length, 0));
  });

  test.each(listed.map((entry) => [entry.stack, entry] as const))(
    'the listed differences of %s plan the same: same addresses, same actions, same planned values, known where they differ',
    async (stack, entry) => {
      const [app, stackName] = [stack.slice(0, stack.lastIndexOf('/')), stack.slice(stack.lastIndexOf('/') + 1)];
      const dirs = { cdktf: path.join(outputs.cdktf[app], 'stacks', stackName), cdktn: path.join(outputs.cdktn[app], 'stacks', stackName) };
      // GIVEN the resources the differing expressions read, as they would exist after an apply
      const [unseeded] = await planStackDirs([dirs.cdktf]);
      const state = seededState(unseeded, entry.seed);
      // WHEN each build's stack is planned against that state
      const cdktfPlan = await planWithState(dirs.cdktf, state);
      const cdktnPlan = await planWithState(dirs.cdktn, state);
      // THEN the plans agree on every address, action and planned value
      const changes = (plan: TerraformPlan) =>
        (plan.resource_changes ?? []).map((change) => [change.address, change.change.actions.join(',')]).sort();
      expect(changes(cdktnPlan)).toEqual(changes(cdktfPlan));
      // Keyed by address, so a difference names the resource and attribute.
      const planned = (plan: TerraformPlan) => ({
        resources: Object.fromEntries(allPlanned(plan.planned_values.root_module).map((resource) => [resource.address, resource.values])),
        outputs: plan.planned_values.outputs ?? {},
      });
      expect(jsonDifferences(planned(cdktfPlan), planned(cdktnPlan))).toEqual([]);
      // AND the attributes that differ in the JSON are known values in the plan, not "known after apply"
      for (const pointer of entry.pointers) {
        const value = plannedAt(cdktfPlan, pointer);
        expect([pointer, typeof value]).toEqual([pointer, 'string']);
        expect([pointer, plannedAt(cdktnPlan, pointer)]).toEqual([pointer, value]);
      }
    },
    600_000,
  );
});
