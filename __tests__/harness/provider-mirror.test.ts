import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  AWS_PROVIDER_VERSION,
  cliConfigForMirror,
  findProviderMirror,
  isProviderMirror,
  PROVIDER_MIRROR_ENV,
  searchProviderMirror,
} from '../../harness/provider-mirror';

const PLATFORM = `${process.platform}_${process.arch === 'x64' ? 'amd64' : process.arch}`;

/** Builds a fake mirror `depth` levels below a fresh root and returns [root, mirror]. */
function fakeMirror(depth: number, version = AWS_PROVIDER_VERSION): [string, string] {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'mirror-root-'));
  const mirror = path.join(root, ...Array.from({ length: depth }, (_, i) => `level${i}`));
  const platformDir = path.join(mirror, 'registry.terraform.io', 'hashicorp', 'aws', version, PLATFORM);
  fs.mkdirSync(platformDir, { recursive: true });
  fs.writeFileSync(path.join(platformDir, `terraform-provider-aws_v${version}_x5`), '');
  return [root, mirror];
}

describe('provider mirror discovery', () => {
  test('the bound provider version is the one @cdktf/provider-aws was generated for', () => {
    const source = fs.readFileSync(require.resolve('@cdktf/provider-aws/lib/provider'), 'utf8');
    expect(source).toContain(`providerVersion: '${AWS_PROVIDER_VERSION}'`);
  });

  test('recognizes a mirror only when it holds this version for this platform', () => {
    const [, mirror] = fakeMirror(0);
    expect(isProviderMirror(mirror)).toBe(true);
    const [, other] = fakeMirror(0, '6.0.0');
    expect(isProviderMirror(other)).toBe(false);
  });

  test('the environment variable wins and must point at a mirror', () => {
    const [, mirror] = fakeMirror(1);
    expect(findProviderMirror({ [PROVIDER_MIRROR_ENV]: mirror }, [])).toBe(mirror);
    expect(() => findProviderMirror({ [PROVIDER_MIRROR_ENV]: os.tmpdir() }, [])).toThrow(
      new RegExp(
        `${PROVIDER_MIRROR_ENV}=.* holds no registry\\.terraform\\.io/hashicorp/aws/${AWS_PROVIDER_VERSION.replace(/\./g, '\\.')}/`,
      ),
    );
  });

  test('without the variable, a bounded search finds a mirror a few levels down', () => {
    const [root, mirror] = fakeMirror(3);
    expect(findProviderMirror({}, [path.join(os.tmpdir(), 'does-not-exist'), root])).toBe(mirror);
  });

  test('the search stops at its depth limit and then falls back to the registry (undefined)', () => {
    const [root] = fakeMirror(6);
    expect(searchProviderMirror([root])).toBeUndefined();
    expect(findProviderMirror({}, [root])).toBeUndefined();
  });

  test('the CLI configuration takes hashicorp/aws from the mirror and everything else from the registry', () => {
    const config = cliConfigForMirror('/opt/mirror');
    expect(config).toContain('filesystem_mirror {\n    path    = "/opt/mirror"\n    include = ["registry.terraform.io/hashicorp/aws"]');
    expect(config).toContain('direct {\n    exclude = ["registry.terraform.io/hashicorp/aws"]');
  });

  test('this machine has a usable mirror or the registry is reachable; the test run resolved one', () => {
    // global-setup resolves the mirror once; an offline machine without one cannot plan at all.
    expect(process.env[PROVIDER_MIRROR_ENV] === undefined || isProviderMirror(process.env[PROVIDER_MIRROR_ENV]!)).toBe(true);
  });
});
