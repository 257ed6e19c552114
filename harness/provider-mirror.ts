import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** The hashicorp/aws version @cdktf/provider-aws 20.x binds; the mirror must hold it. */
export const AWS_PROVIDER_VERSION = '5.100.0';
/** Names the provider mirror directory; when unset it is searched for. */
export const PROVIDER_MIRROR_ENV = 'TERRAFORM_PROVIDER_MIRROR';

const PROVIDER_PATH = ['registry.terraform.io', 'hashicorp', 'aws'];
const MAX_DEPTH = 4;
const MAX_DIRECTORIES = 20000;
const SKIPPED = new Set(['node_modules', '.git', 'proc', 'sys', 'dev', '.cache', '.npm']);

function platform(): string {
  const arch = { x64: 'amd64', arm64: 'arm64', ia32: '386' }[process.arch as string] ?? process.arch;
  return `${process.platform}_${arch}`;
}

/** True when `dir` is a filesystem mirror (unpacked layout) holding the provider for this machine. */
export function isProviderMirror(dir: string, version = AWS_PROVIDER_VERSION): boolean {
  const platformDir = path.join(dir, ...PROVIDER_PATH, version, platform());
  try {
    return fs.readdirSync(platformDir).some((file) => file.startsWith('terraform-provider-aws_'));
  } catch {
    return false;
  }
}

/** The directories searched, in order, when the environment variable is unset. */
export function defaultSearchRoots(home = os.homedir()): string[] {
  return [
    path.join(home, '.terraform.d', 'plugins'),
    path.join(home, '.local', 'share', 'terraform', 'plugins'),
    '/usr/local/share/terraform/plugins',
    '/usr/share/terraform/plugins',
    '/opt',
    '/usr/local/share',
    '/usr/share',
    '/srv',
    '/var/lib',
    home,
  ];
}

/** Breadth-first search below `roots`, at most MAX_DEPTH levels and MAX_DIRECTORIES directories. */
export function searchProviderMirror(roots: readonly string[], version = AWS_PROVIDER_VERSION): string | undefined {
  let visited = 0;
  for (const root of roots) {
    let level = [root];
    for (let depth = 0; depth <= MAX_DEPTH && level.length > 0; depth++) {
      const next: string[] = [];
      for (const dir of level) {
        if (isProviderMirror(dir, version)) {
          return dir;
        }
        if (++visited > MAX_DIRECTORIES) {
          return undefined;
        }
        let entries: fs.Dirent[];
        try {
          entries = fs.readdirSync(dir, { withFileTypes: true });
        } catch {
          continue;
        }
        for (const entry of entries) {
          if (entry.isDirectory() && !SKIPPED.has(entry.name)) {
            next.push(path.join(dir, entry.name));
          }
        }
      }
      level = next;
    }
  }
  return undefined;
}

/**
 * Where the hashicorp/aws provider can be installed from without the registry:
 * $TERRAFORM_PROVIDER_MIRROR when set (and then it must be a mirror), otherwise the first
 * mirror found below the usual system and home directories, otherwise undefined, meaning
 * "use the registry".
 */
export function findProviderMirror(env: NodeJS.ProcessEnv = process.env, roots = defaultSearchRoots()): string | undefined {
  const configured = env[PROVIDER_MIRROR_ENV];
  if (configured) {
    if (!isProviderMirror(configured)) {
      throw new Error(
        `${PROVIDER_MIRROR_ENV}=${configured} holds no ${PROVIDER_PATH.join('/')}/${AWS_PROVIDER_VERSION}/${platform()}/terraform-provider-aws_* ` +
          `file; point it at the directory that contains registry.terraform.io, or unset it to search the usual places.`,
      );
    }
    return configured;
  }
  return searchProviderMirror(roots);
}

/**
 * A Terraform CLI configuration installing hashicorp/aws from `mirror` and every other
 * provider from its registry, so stacks that add providers still initialize.
 */
export function cliConfigForMirror(mirror: string): string {
  const provider = 'registry.terraform.io/hashicorp/aws';
  return [
    'provider_installation {',
    '  filesystem_mirror {',
    `    path    = ${JSON.stringify(mirror)}`,
    `    include = [${JSON.stringify(provider)}]`,
    '  }',
    '  direct {',
    `    exclude = [${JSON.stringify(provider)}]`,
    '  }',
    '}',
    '',
  ].join('\n');
}
