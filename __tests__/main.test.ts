import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Annotations } from 'cdktf';
import { buildApp, synthesize } from '../main';
import { synthesizeAtomically } from '../stacks/synthesize';
import { config } from '../config/environments';
import { loadConfig } from '../config/load';
import { readSynthesizedApp } from '../harness/synth';

const root = path.resolve(__dirname, '..');
const tempOutdir = () => path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'main-')), 'out');

describe('the app', () => {
  test('cdktf.json runs the compiled app with plain node', () => {
    const cdktf = JSON.parse(fs.readFileSync(path.join(root, 'cdktf.json'), 'utf8'));
    expect(cdktf.app).toBe('node scripts/app.js');
  });

  test('the app command writes the state stack and one stack per environment, with no terraform on PATH', () => {
    const outdir = tempOutdir();
    // Synthesizing needs no Terraform: nothing may run `terraform version` (cdktf's DataResource
    // did, and failed the synth on a machine without it). An empty folder stands for such a PATH.
    const noTerraform = fs.mkdtempSync(path.join(os.tmpdir(), 'no-terraform-'));
    execFileSync(process.execPath, ['scripts/app.js'], {
      cwd: root,
      env: { ...process.env, CDKTF_OUTDIR: outdir, PATH: noTerraform },
      stdio: 'pipe',
    });
    const app = readSynthesizedApp(outdir);
    expect(app.stacks).toEqual(expect.arrayContaining(['state', 'dev', 'prod']));
    expect(app.stackJson('dev').resource.aws_vpc).toBeDefined();
  });

  test('WEB_STACK_ENVIRONMENTS picks environments; the state stack is always there', () => {
    const app = readSynthesizedApp(synthesize(tempOutdir(), 'prod'));
    expect(app.stacks).toContain('prod');
    expect(app.stacks).toContain('state');
    expect(app.stacks).not.toContain('dev');
  });

  test('an unknown environment fails with one readable paragraph, exit code 1, and writes nothing', () => {
    const outdir = tempOutdir();
    const result = spawnSync(process.execPath, ['scripts/app.js'], {
      cwd: root,
      env: { ...process.env, CDKTF_OUTDIR: outdir, WEB_STACK_ENVIRONMENTS: 'staging' },
      encoding: 'utf8',
    });
    expect(result.status).toBe(1);
    // The last line; a rebuild notice may precede it when sources changed since the last build.
    expect(result.stderr.trim().split('\n').pop()).toBe(
      'WebStackError: Unknown environment "staging" in WEB_STACK_ENVIRONMENTS; known environments are dev, prod. Pick one of these or add the environment to config/environments.ts.',
    );
    expect(fs.existsSync(outdir)).toBe(false);
  });

  test('a construct that rejects its props stops the build before anything is written', () => {
    const loaded = loadConfig(config);
    // Bypass the schema to reach the construct's own check.
    const broken = {
      ...loaded,
      environments: { dev: { ...loaded.environments.dev, bastion: { ...loaded.environments.dev.bastion, sshCidrs: [] } } },
    };
    const outdir = tempOutdir();
    expect(() => synthesizeAtomically((staging) => buildApp(broken, staging), outdir)).toThrow(/dev\/bastion: sshCidrs is empty/);
    expect(fs.existsSync(outdir)).toBe(false);
    expect(fs.readdirSync(path.dirname(outdir))).toEqual([]);
  });

  test('an annotation in the manifest carries no stack trace, so the output does not depend on the folder', () => {
    const app = buildApp(loadConfig(config), tempOutdir());
    const dev = app.node.findChild('dev');
    Annotations.of(dev).addWarning('a warning from the test');
    app.synth();
    const manifest = fs.readFileSync(path.join(app.outdir, 'manifest.json'), 'utf8');
    expect(manifest).toContain('a warning from the test');
    expect(manifest).not.toContain(root);
  });

  test('the app command builds the stacks three calls from the event loop, for both of its paths', () => {
    // cdktf formats the whole call stack of each of the app's 1,300 tokens: every frame between
    // the event loop and buildApp is formatted 1,300 times. A probe in the child process (the
    // test's, not the app's) records the frames below buildApp of every token's stack.
    const probe = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'frames-')), 'probe.js');
    fs.writeFileSync(
      probe,
      `const capture = Error.captureStackTrace;
      const seen = new Set();
      Error.captureStackTrace = function (target, below) {
        capture.call(Error, target, below);
        const frames = String(target.stack).split('\\n').slice(1).map((line) => line.trim().replace(/^at /, '').split(' ')[0]);
        if (frames.includes('buildApp')) seen.add(frames.slice(frames.indexOf('buildApp')).join(' < '));
      };
      process.on('exit', () => process.stderr.write(JSON.stringify([...seen]) + '\\n'));`,
    );
    for (const unbundled of [undefined, '1']) {
      const result = spawnSync(process.execPath, ['-r', probe, 'scripts/app.js'], {
        cwd: root,
        env: { ...process.env, CDKTF_OUTDIR: tempOutdir(), WEB_STACK_UNBUNDLED: unbundled },
        encoding: 'utf8',
      });
      expect(result.status).toBe(0);
      const stacks = JSON.parse(result.stderr.trim().split('\n').pop()!) as string[];
      expect(stacks.map((stack) => stack.replace(/Immediate\.|Object\./g, ''))).toEqual([
        'buildApp < synthesize < main < process.processImmediate',
      ]);
    }
  });

  test('a failure keeps the previous output as it was', () => {
    const outdir = synthesize(tempOutdir(), 'dev');
    const before = fs.readFileSync(path.join(outdir, 'stacks', 'dev', 'cdk.tf.json'), 'utf8');
    expect(() =>
      synthesizeAtomically(() => {
        throw new Error('validation failed in a later stack');
      }, outdir),
    ).toThrow('validation failed in a later stack');
    expect(fs.readFileSync(path.join(outdir, 'stacks', 'dev', 'cdk.tf.json'), 'utf8')).toBe(before);
    expect(fs.readdirSync(path.dirname(outdir))).toEqual(['out']);
  });
});

describe('source hygiene', () => {
  test('no source imports the provider package root (4 s and 560 MB per process)', () => {
    const offenders: string[] = [];
    const visit = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        if (['node_modules', 'dist', 'cdktf.out', '.git', 'coverage'].includes(entry.name)) continue;
        const file = path.join(dir, entry.name);
        if (entry.isDirectory()) visit(file);
        else if (
          /\.(ts|js|mjs)$/.test(entry.name) &&
          /from ['"]@cdktf\/provider-aws['"]|require\(['"]@cdktf\/provider-aws['"]\)/.test(fs.readFileSync(file, 'utf8'))
        ) {
          offenders.push(path.relative(root, file));
        }
      }
    };
    visit(root);
    expect(offenders).toEqual([]);
  });
});
