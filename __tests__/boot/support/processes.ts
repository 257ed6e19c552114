import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** What a finished command printed, and how it ended. */
export interface CommandResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs a command to completion; never rejects on a non-zero exit (callers assert on it).
 * Standard input is /dev/null or a file, never a socket: bash reads ~/.bashrc when its standard
 * input is a socket (its "run by rshd" rule), and Node's pipes are socket pairs.
 */
export function run(
  command: string,
  args: readonly string[],
  options: { input?: string; env?: NodeJS.ProcessEnv; cwd?: string } = {},
): Promise<CommandResult> {
  let stdin: 'ignore' | number = 'ignore';
  if (options.input !== undefined) {
    const inputDir = fs.mkdtempSync(path.join(os.tmpdir(), 'boot-input-'));
    const inputFile = path.join(inputDir, 'stdin');
    fs.writeFileSync(inputFile, options.input, { mode: 0o600 });
    stdin = fs.openSync(inputFile, 'r');
    fs.rmSync(inputDir, { recursive: true });
  }
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: [stdin, 'pipe', 'pipe'] });
    if (typeof stdin === 'number') {
      fs.closeSync(stdin);
    }
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout!.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr!.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout: Buffer.concat(stdout).toString(), stderr: Buffer.concat(stderr).toString() }));
  });
}

/** Runs a command that must succeed; the error carries its output. */
export async function runOk(
  command: string,
  args: readonly string[],
  options: { input?: string; env?: NodeJS.ProcessEnv; cwd?: string } = {},
): Promise<string> {
  const result = await run(command, args, options);
  if (result.code !== 0) {
    throw new Error(`${command} ${args.join(' ')} exited with ${result.code}:\n${result.stderr}${result.stdout}`);
  }
  return result.stdout;
}

/**
 * Fails with one message naming everything the boot test needs but cannot find, and how to get
 * it. The test never skips: a machine without these tools fails it.
 */
export function requireBootTestTools(): void {
  const problems: string[] = [];
  if (process.getuid?.() !== 0) {
    // Without root: a user namespace with the user's subordinate ids (namespace.ts).
    const user = os.userInfo().username;
    const ranges = ['/etc/subuid', '/etc/subgid'].filter((file) => {
      const lines = fs.existsSync(file) ? fs.readFileSync(file, 'utf8').split('\n') : [];
      return !lines.some((line) => line.startsWith(`${user}:`) || line.startsWith(`${process.getuid!()}:`));
    });
    if (spawnSync('sh', ['-c', 'command -v newuidmap && command -v newgidmap']).status !== 0) {
      problems.push('without root it needs newuidmap and newgidmap (Debian package uidmap; sudo npm run setup installs it)');
    }
    if (ranges.length > 0) {
      problems.push(
        `without root it needs subordinate ids for ${user} in ${ranges.join(' and ')} (useradd writes them for new users; ` +
          `for an existing one: sudo usermod --add-subuids 100000-165535 --add-subgids 100000-165535 ${user})`,
      );
    }
  }
  const tools = ['unshare', 'nsenter', 'chroot', 'ip', 'mount', 'flock', 'setsid', 'useradd', 'groupadd', 'curl', 'openssl', 'tar', 'gzip'];
  const packaged = ['mariadbd', 'mariadb-install-db', 'mariadb', 'php8.2', 'php-fpm8.2', 'apache2', 'chromium', 'terraform'];
  const missing = [...tools, ...packaged].filter((tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0);
  if (missing.length > 0) {
    problems.push(`missing on PATH: ${missing.join(', ')} (npm run setup installs the Debian packages; Terraform is a prerequisite)`);
  }
  // The dnf stand-in loads these per package installed (extension=NAME); Debian builds them shared.
  const extensions = ['mysqli', 'pdo_mysql', 'opcache', 'gd', 'intl', 'mbstring', 'xml', 'dom', 'zip', 'curl'];
  const extensionDir = spawnSync('php8.2', ['-n', '-r', 'echo ini_get("extension_dir");'], { encoding: 'utf8' }).stdout ?? '';
  const absent = extensions.filter((name) => !fs.existsSync(path.join(extensionDir, `${name}.so`)));
  if (absent.length > 0) {
    problems.push(
      `PHP 8.2 lacks the extensions ${absent.join(', ')} in "${extensionDir}" (Debian packages php8.2-*; npm run setup installs them)`,
    );
  }
  if (spawnSync('test', ['-f', '/usr/share/wordpress/wp-includes/version.php']).status !== 0) {
    problems.push('no WordPress core at /usr/share/wordpress (Debian package wordpress; npm run setup installs it)');
  }
  if (!fs.existsSync('/usr/share/wordpress/wp-content/themes/twentytwentythree/theme.json')) {
    problems.push('no default theme in /usr/share/wordpress (Debian package wordpress-theme-twentytwentythree; npm run setup installs it)');
  }
  if (problems.length > 0) {
    throw new Error(`The WordPress boot test cannot run here:\n- ${problems.join('\n- ')}`);
  }
}
