import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { BootNamespace, childrenOf, JOIN, waitFor } from './namespace';
import { CommandResult, run, runOk } from './processes';

const STAND_INS = path.join(__dirname, '..', 'stand-ins');

/** Where cloud-init keeps the user data script, and where its output goes, on Amazon Linux. */
export const USER_DATA_PATH = '/var/lib/cloud/instance/scripts/part-001';
export const BOOT_LOG_PATH = '/var/log/cloud-init-output.log';
/** Where cloud-init records the instance's ID (from the metadata service) on every boot. */
export const INSTANCE_ID_PATH = '/var/lib/cloud/data/instance-id';

/** An EC2-shaped instance ID, the same for the same name: i- and 17 hex digits. */
export function instanceIdOf(name: string): string {
  return `i-0${crypto.createHash('sha256').update(name).digest('hex').slice(0, 16)}`;
}

/** cloud-init runs user data with this environment; the test CA lets curl trust the stand-in hosts. */
const BOOT_ENVIRONMENT = ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'HOME=/root', 'LANG=C.UTF-8'];

export interface InstanceOptions {
  /** Name, for logs and the stand-ins' call log. */
  readonly name: string;
  /** Loopback address this instance serves HTTP on, like its private IP. */
  readonly address: string;
  /** Directory every instance mounts as EFS. */
  readonly sharedFileSystemDir: string;
  /** The EFS file system ID the mount helper stand-in accepts. */
  readonly fileSystemId: string;
  /** Lines of /etc/hosts: the stand-ins' names on loopback. */
  readonly hosts: string;
  /** PEM of the CA that signed the stand-in HTTPS hosts, for curl (CURL_CA_BUNDLE). */
  readonly webCaPem: string;
  /** The user data, byte for byte. */
  readonly userData: Buffer;
  /** Scratch directory on the host. */
  readonly dir: string;
  /**
   * Packages the dnf stand-in answers "no match" for, as if missing from the repositories.
   *
   * @default - none: every package the stand-in knows installs
   */
  readonly unavailablePackages?: readonly string[];
}

// Runs in the instance's own mount namespace. The instance's disk is a tmpfs; its root file
// system is a copy-on-write view of this machine's /etc and /usr (one overlay each:
// the kernel refuses an overlay of / itself inside a user namespace), this machine's symbolic
// links (/bin, /lib...), and fresh directories for the rest; /dev and /proc are bound in, and the
// shared directory where the EFS mount helper stand-in finds it. What the boot writes into is
// made in the upper layers first, owned by the namespace's root: without root on the host, this
// machine's files belong to an unmapped user, and only what is copied up can be changed.
// Apache and PHP-FPM, started by the systemctl stand-in, run in here too, with this /etc.
const SET_UP = `
set -euo pipefail
disk=$1 shared=$2 seed=$3
mount -t tmpfs -o size=2g,mode=0755 instance-disk "$disk"
mkdir "$disk/upper" "$disk/work" "$disk/root"
layers='etc usr'
for entry in /*; do
  name=\${entry#/}
  if [ -L "$entry" ]; then
    cp -P "$entry" "$disk/root/$name"
  elif [ -d "$entry" ]; then
    case " $layers " in *" $name "*) mkdir -m 0755 "$disk/upper/$name" "$disk/work/$name" ;; esac
    mkdir -m 0755 "$disk/root/$name"
  fi
done
chmod 1777 "$disk/root/tmp"
chmod 0700 "$disk/root/root"
# /var and /opt start empty, as on a fresh instance (nothing of this machine's is needed there).
mkdir -p "$disk/root/var/log" "$disk/root/var/lib" "$disk/root/var/cache"
mkdir -m 1777 "$disk/root/var/tmp"
ln -s /run "$disk/root/var/run"
mkdir -p "$disk/upper/usr/local/bin" "$disk/upper/usr/local/lib" "$disk/upper/usr/sbin" "$disk/upper/usr/bin"
# /etc copied up (useradd rewrites passwd, group and their shadows, and their backups); a file
# this user cannot read becomes an empty one, and the shadow files get a locked entry per user.
cp -a /etc/. "$disk/upper/etc/" 2>/dev/null || true
find /etc -xdev -type f ! -readable 2>/dev/null | while read -r file; do
  rm -f "$disk/upper$file"
  install -m 0600 /dev/null "$disk/upper$file"
done || true # find names the directories it cannot enter
[ -r /etc/shadow ] || awk -F: '{ print $1 ":*:20000:0:99999:7:::" }' /etc/passwd >"$disk/upper/etc/shadow"
[ -r /etc/gshadow ] || awk -F: '{ print $1 ":!::" }' /etc/group >"$disk/upper/etc/gshadow"
cp -a "$seed/etc/." "$disk/upper/etc/"
cp -a "$seed/usr/." "$disk/upper/usr/"
cp -a "$seed/var/." "$disk/root/var/"
# Amazon Linux has no PHP until dnf installs it: a whiteout hides this machine's; the dnf
# stand-in's php wrapper is the only php.
rm -f "$disk/upper/usr/bin/php"
mknod "$disk/upper/usr/bin/php" c 0 0
for name in $layers; do
  mount -t overlay overlay -o "userxattr,lowerdir=/$name,upperdir=$disk/upper/$name,workdir=$disk/work/$name" "$disk/root/$name"
done
mount --rbind /dev "$disk/root/dev"
mount --rbind /proc "$disk/root/proc"
mkdir -p "$disk/root/mnt/efs-stand-in"
mount --bind "$shared" "$disk/root/mnt/efs-stand-in"
echo ready
exec sleep infinity
`;

/**
 * A simulated EC2 instance: its own disk and /etc (a private mount namespace over a
 * copy-on-write root), the shared network namespace, and the stand-ins for what Amazon Linux
 * and AWS provide (dnf, systemctl, the AWS CLI's Secrets Manager calls, the EFS mount helper).
 */
export class Instance {
  private constructor(
    private readonly namespace: BootNamespace,
    public readonly options: InstanceOptions,
    /** The process holding the instance's mount namespace. */
    private readonly pid: number,
    private readonly root: string,
  ) {}

  static async create(namespace: BootNamespace, options: InstanceOptions): Promise<Instance> {
    const seed = path.join(options.dir, 'seed');
    const disk = path.join(options.dir, 'disk');
    fs.mkdirSync(disk, { recursive: true });
    const place = (target: string, content: string | Buffer, mode: number) => {
      const file = path.join(seed, target);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, content, { mode });
    };
    const standIn = (name: string) =>
      fs
        .readFileSync(path.join(STAND_INS, name), 'utf8')
        .replace(/@INSTANCE@/g, options.name)
        .replace(/@ADDRESS@/g, options.address)
        .replace(/@FILE_SYSTEM_ID@/g, options.fileSystemId);
    // Provided by the AMI: the AWS CLI, dnf and systemctl.
    place('usr/local/bin/aws', standIn('aws'), 0o755);
    place('usr/local/bin/dnf', standIn('dnf'), 0o755);
    place('usr/local/bin/systemctl', standIn('systemctl'), 0o755);
    // Installed by the dnf stand-in from here, when the script asks for their packages.
    place('usr/local/lib/boot-test/mount.efs', standIn('mount.efs'), 0o755);
    place('usr/local/lib/boot-test/amazon-cloudwatch-agent-ctl', standIn('amazon-cloudwatch-agent-ctl'), 0o755);
    // The files Amazon Linux 2023's httpd and php-fpm packages install, for the dnf stand-in.
    for (const file of fs.readdirSync(path.join(STAND_INS, 'al2023'))) {
      place(`usr/local/lib/boot-test/al2023/${file}`, standIn(`al2023/${file}`), 0o644);
    }
    place('etc/boot-test/dnf-unavailable', (options.unavailablePackages ?? []).map((name) => `${name}\n`).join(''), 0o644);
    // As in a VPC, the host name resolves to the instance's own address (Apache looks it up).
    place('etc/hosts', `${options.hosts}${options.address} ${os.hostname()}\n`, 0o644);
    place('etc/fstab', '', 0o644);
    place('etc/boot-test/web-ca.pem', options.webCaPem, 0o644);
    place(USER_DATA_PATH.slice(1), options.userData, 0o700);
    place(INSTANCE_ID_PATH.slice(1), `${instanceIdOf(options.name)}\n`, 0o644);

    const holder = namespace.spawn([
      'unshare',
      '--mount',
      '--propagation',
      'private',
      'bash',
      '-c',
      SET_UP,
      'set-up',
      disk,
      options.sharedFileSystemDir,
      seed,
    ]);
    let output = '';
    holder.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    holder.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await waitFor(`instance ${options.name} to set up`, () => {
      if (holder.exitCode !== null) {
        throw new Error(`instance ${options.name} could not be set up:\n${output}`);
      }
      return output.includes('ready');
    });
    // nsenter forked to enter the PID namespace; its child holds the instance's mount namespace.
    const [pid] = childrenOf(holder.pid!);
    return new Instance(namespace, options, pid, path.join(disk, 'root'));
  }

  /** The instance's EC2 ID, as cloud-init recorded it. */
  get instanceId(): string {
    return instanceIdOf(this.options.name);
  }

  private enter(command: readonly string[]): string[] {
    return ['--target', String(this.pid), ...JOIN, '--', 'chroot', this.root, '/usr/bin/env', '-i', ...command];
  }

  /** Runs the user data as cloud-init does; resolves with its exit code and the whole boot log. */
  async boot(): Promise<{ code: number | null; log: string }> {
    const { code } = await run(
      'nsenter',
      this.enter([
        ...BOOT_ENVIRONMENT,
        'CURL_CA_BUNDLE=/etc/boot-test/web-ca.pem',
        '/bin/bash',
        '-c',
        `exec ${USER_DATA_PATH} >>${BOOT_LOG_PATH} 2>&1`,
      ]),
    );
    return { code, log: await this.readFile(BOOT_LOG_PATH) };
  }

  /** Runs a shell command on the instance, as root. */
  sh(command: string, input?: string): Promise<CommandResult> {
    return run('nsenter', this.enter([...BOOT_ENVIRONMENT, '/bin/bash', '-c', command]), { input });
  }

  async readFile(file: string): Promise<string> {
    return runOk('nsenter', this.enter(['/bin/cat', file]));
  }

  /** SHA-256 of every file under the given directories, path by path: the instance's state. */
  async manifest(directories: readonly string[]): Promise<string> {
    const result = await this.sh(`find ${directories.join(' ')} -xdev -type f -print0 | sort -z | xargs -0 sha256sum`);
    if (result.code !== 0) {
      throw new Error(`manifest failed: ${result.stderr}`);
    }
    return result.stdout;
  }

  /** An HTTP request to this instance, from inside the namespace, as the load balancer sends it. */
  async request(
    urlPath: string,
    options: { host?: string; method?: string; form?: Record<string, string> } = {},
  ): Promise<{ status: number; body: string; headers: string }> {
    // Headers, a blank line, the body, then the status on a line of its own.
    const args = ['curl', '-sS', '-D', '-', '-o', '-', '-w', '\n%{http_code}', '-X', options.method ?? 'GET'];
    if (options.host) {
      args.push('-H', `Host: ${options.host}`);
    }
    for (const [key, value] of Object.entries(options.form ?? {})) {
      args.push('--data-urlencode', `${key}=${value}`);
    }
    args.push(`http://${this.options.address}${urlPath}`);
    // Status 0: nothing answered (curl prints 000).
    const { stdout } = await this.namespace.run(args);
    const split = stdout.lastIndexOf('\n');
    const headersEnd = stdout.indexOf('\r\n\r\n');
    const bodyStart = headersEnd < 0 ? 0 : headersEnd + 4;
    return { status: Number(stdout.slice(split + 1)), body: stdout.slice(bodyStart, split), headers: stdout.slice(0, bodyStart) };
  }
}
