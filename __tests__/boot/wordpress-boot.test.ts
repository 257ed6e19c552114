import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { BOOT_TEST_OUTPUT_DIR, launchBrowser } from './support/browser';
import { createCa, createServerCertificate } from './support/certificates';
import { Edges } from './support/edges';
import { Instance, instanceIdOf } from './support/instance';
import { MariaDb } from './support/mariadb';
import { BootNamespace } from './support/namespace';
import { requireBootTestTools } from './support/processes';
import { RenderedStack, renderDevStack } from './support/rendered-stack';
import { buildWordPressArchive, debianWordPressVersion } from './support/wordpress-archive';

// The WordPress boot, for real: the user data Terraform would send, run as root of private
// network, mount and PID namespaces (in a user namespace too when the test runs without root) by
// two simulated instances sharing one EFS directory and one MariaDB, with real bash, flock, PHP,
// mysqli, Apache, PHP-FPM, MariaDB, WordPress core and a headless Chromium. Only dnf, systemctl,
// the EFS mount helper, the instance metadata service, Secrets Manager and wordpress.org are
// stand-ins (stand-ins/). docs/wordpress.md describes the boot this proves.

const ADDRESSES = { files: '127.0.0.2', database: '127.0.0.3', secretsManager: '127.0.0.4', autoScaling: '127.0.0.5', s3: '127.0.0.6' };
const SITE_TITLE = 'Boot test: Jo’s "site" & more';
const MASTER_USER = 'wpadmin';
/** Where instances once downloaded AWS's RDS CA bundle; the stand-in serves a different one there. */
const UPSTREAM_CA_BUNDLE_URL = 'https://truststore.pki.rds.amazonaws.com/global/global-bundle.pem';
/** Runs the database setup function's code inside the namespace (as Lambda would in the VPC). */
const SETUP_RUNNER = path.join(__dirname, '..', 'functions', 'support', 'database-setup-runner.js');
/** Lines a boot log must not contain on success. */
const ERROR_LINE = /error|warning|fatal|denied|fail|exception|unable/i;

const sha256Of = (content: string) => crypto.createHash('sha256').update(content).digest('hex');
const lines = (log: string) => log.trimEnd().split('\n');
/** Fails with the whole boot log when a boot did not succeed. */
function expectBooted(boot: { code: number | null; log: string }): void {
  if (boot.code !== 0) {
    throw new Error(`the boot exited with ${boot.code}; its log:\n${boot.log}`);
  }
}

describe('WordPress boot', () => {
  let dir: string;
  let namespace: BootNamespace | undefined;
  let stack: RenderedStack;
  let database: MariaDb;
  let edges: Edges;
  let archive: string;
  let otherCaPem: string;
  let newInstance: (name: string, address: string, unavailablePackages?: string[]) => Promise<Instance>;
  let first: Instance;
  let second: Instance;
  const boots: Record<string, { code: number | null; log: string }> = {};
  let bootsEndedAt = 0;
  let runDatabaseSetup: () => Promise<void>;

  beforeAll(async () => {
    requireBootTestTools();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wordpress-boot-'));
    const tls = path.join(dir, 'tls');
    const mariadbDir = path.join(dir, 'mariadb');
    const efs = path.join(dir, 'efs');
    fs.mkdirSync(tls);
    fs.mkdirSync(mariadbDir);
    fs.mkdirSync(efs);
    archive = path.join(dir, 'wordpress.tar.gz');

    // The slow, independent parts first, side by side.
    const [sha1, webCa, rdsCa, otherCa] = await Promise.all([
      buildWordPressArchive(archive),
      createCa(tls, 'web-ca'),
      createCa(tls, 'rds-ca'),
      createCa(tls, 'other-ca'),
      MariaDb.initialize(mariadbDir),
    ]);
    otherCaPem = fs.readFileSync(otherCa.cert, 'utf8');
    // The bundle the stack ships: like AWS's, several CAs, the database's among them.
    const bundle = path.join(tls, 'rds-ca-bundle.pem');
    fs.writeFileSync(bundle, fs.readFileSync(webCa.cert, 'utf8') + fs.readFileSync(rdsCa.cert, 'utf8'));
    // AWS republished its bundle: the old URL now serves another file, which must not matter.
    const upstreamBundle = path.join(tls, 'global-bundle.pem');
    fs.writeFileSync(upstreamBundle, otherCaPem);
    stack = await renderDevStack(
      {
        version: debianWordPressVersion(),
        sha1,
        siteTitle: SITE_TITLE,
        adminEmail: 'boot-test@example.org',
        rdsCaBundleFile: bundle,
      },
      dir,
    );
    const { values } = stack;
    const [webCert, dbCert] = await Promise.all([
      createServerCertificate(tls, 'files', webCa, ['wordpress.org', 'truststore.pki.rds.amazonaws.com']),
      createServerCertificate(tls, 'database', rdsCa, [values.dbHost]),
    ]);

    namespace = await BootNamespace.create();
    const masterPassword = crypto.randomBytes(18).toString('base64url');
    [database, edges] = await Promise.all([
      MariaDb.start(namespace, mariadbDir, ADDRESSES.database, dbCert),
      Edges.start(namespace, dir, {
        region: values.region,
        addresses: {
          secretsManager: ADDRESSES.secretsManager,
          autoScaling: ADDRESSES.autoScaling,
          s3: ADDRESSES.s3,
          files: ADDRESSES.files,
        },
        tls: webCert,
        files: {
          [`wordpress.org/wordpress-${debianWordPressVersion()}.tar.gz`]: archive,
          [UPSTREAM_CA_BUNDLE_URL.replace('https://', '')]: upstreamBundle,
        },
        // The stack's objects: its CA bundle is the file it was synthesized from.
        s3Objects: Object.fromEntries(
          stack.s3Objects.filter(({ object }) => object.endsWith('/rds-ca-bundle.pem')).map(({ object }) => [object, bundle]),
        ),
        state: {
          secrets: {
            // RDS creates the master secret with a value; Terraform creates the other two empty.
            [values.masterSecretArn]: { name: 'rds!db', versions: [JSON.stringify({ username: MASTER_USER, password: masterPassword })] },
            [values.appSecretArn]: { name: 'db-user', versions: [] },
            [values.adminSecretArn]: { name: 'admin', versions: [] },
          },
          policies: stack.policies,
          autoScaling: {
            groups: { [stack.group.name]: { arn: stack.group.arn, hooks: stack.group.launchHooks, waiting: [], answers: [] } },
          },
        },
      }),
    ]);
    // What RDS sets up: the master user and the database named in the stack.
    await database.query(
      `CREATE USER '${MASTER_USER}'@'%' IDENTIFIED BY '${masterPassword}'; GRANT ALL PRIVILEGES ON *.* TO '${MASTER_USER}'@'%' WITH GRANT OPTION; CREATE DATABASE \`${values.dbName}\`;`,
    );

    const hosts = [
      '127.0.0.1 localhost',
      `${ADDRESSES.files} wordpress.org truststore.pki.rds.amazonaws.com`,
      `${ADDRESSES.database} ${values.dbHost}`,
      `${ADDRESSES.secretsManager} secretsmanager.${values.region}.amazonaws.com`,
      `${ADDRESSES.autoScaling} autoscaling.${values.region}.amazonaws.com`,
      `${ADDRESSES.s3} s3.${values.region}.amazonaws.com`,
      '',
    ].join('\n');
    // The stand-ins' names for what runs in the namespace itself (the setup function), in the
    // namespace's own view of /etc/hosts; instances have their own.
    const hostsFile = path.join(dir, 'hosts');
    fs.writeFileSync(hostsFile, hosts);
    await namespace.runOk(['mount', '--bind', hostsFile, '/etc/hosts']);
    // Terraform invokes the database setup function once the database exists, before any instance.
    runDatabaseSetup = async () => {
      const { secrets } = edges.state();
      const run = await namespace!.run([process.execPath, SETUP_RUNNER], {
        input: JSON.stringify({
          event: stack.setupEvent,
          // The function verifies the server against the RDS CAs, as the instances do.
          ca: fs.readFileSync(rdsCa.cert, 'utf8'),
          secrets: Object.fromEntries(Object.entries(secrets).map(([arn, secret]) => [arn, secret.versions])),
        }),
      });
      const output = JSON.parse(run.stdout || '{}');
      if (run.code !== 0 || output.error) throw new Error(`the database setup function failed: ${output.error ?? run.stderr}`);
      const stored: string[] = output.secrets[stack.values.appSecretArn];
      for (const value of stored.slice(secrets[stack.values.appSecretArn].versions.length)) {
        edges.putSecretValue(stack.values.appSecretArn, value);
      }
    };
    await runDatabaseSetup();

    const webCaPem = fs.readFileSync(webCa.cert, 'utf8');
    // Auto Scaling launches each instance into the group's launch hook, where it waits for its answer.
    newInstance = (name, address, unavailablePackages) => {
      edges.launch(stack.group.name, instanceIdOf(name));
      return Instance.create(namespace!, {
        name,
        address,
        unavailablePackages,
        sharedFileSystemDir: efs,
        fileSystemId: values.fileSystemId,
        hosts,
        webCaPem,
        userData: stack.userData,
        dir: path.join(dir, name),
      });
    };
    [first, second] = await Promise.all([newInstance('first', '127.0.0.11'), newInstance('second', '127.0.0.12')]);

    // (a) Two instances boot at the same time against one wp-content and one database.
    [boots.first, boots.second] = await Promise.all([first.boot(), second.boot()]);
    bootsEndedAt = Date.now();
  });

  afterAll(async () => {
    if (namespace) {
      // EFS holds files of the apache user, which only the namespace's root may remove when the test runs without root.
      await namespace.run(['rm', '-rf', path.join(dir, 'efs')]);
      await namespace.destroy();
      expect(namespace.processes()).toEqual([]);
    }
    if (dir) {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  const siteName = async (instance: Instance) => {
    const response = await instance.request('/?rest_route=/', { host: new URL(stack.values.siteUrl).host });
    expect(response.status).toBe(200);
    // WordPress stores the title HTML-escaped, as its installer form does.
    const entities: Record<string, string> = { '&quot;': '"', '&amp;': '&', '&#039;': "'", '&lt;': '<', '&gt;': '>' };
    return (JSON.parse(response.body).name as string).replace(/&(quot|amp|#039|lt|gt);/g, (entity) => entities[entity]);
  };

  test('(a) both instances boot; exactly one installs; both pass the health check and serve the same site', async () => {
    expectBooted(boots.first);
    expectBooted(boots.second);
    const installers = Object.entries(boots).filter(([, boot]) => boot.log.includes('wordpress-user-data: installing WordPress'));
    expect(installers).toHaveLength(1);
    expect(await database.query(`SELECT user_login FROM \`${stack.values.dbName}\`.wp_users`)).toBe('siteadmin\n');
    // The load balancer asks for the configured path by address; its matcher must accept the answer.
    const accepted = stack.healthCheck.matcher.split(',').map(Number);
    for (const instance of [first, second]) {
      expect(accepted).toContain((await instance.request(stack.healthCheck.path)).status);
      expect(await siteName(instance)).toBe(SITE_TITLE);
    }
  });

  test('(a) the admin password was generated on the instance and stored in the value-less secret, nowhere in the stack', async () => {
    const { secrets } = edges.state();
    expect(secrets[stack.values.adminSecretArn].versions).toHaveLength(1);
    expect(secrets[stack.values.appSecretArn].versions).toHaveLength(1);
    const admin = JSON.parse(secrets[stack.values.adminSecretArn].versions[0]);
    expect(admin.username).toBe('siteadmin');
    expect(admin.password).toMatch(/^[A-Za-z0-9_-]{40}$/);
    // Generated on the instance: the one version was put by the booting instance that installed
    // WordPress, not by Terraform. (Not "the password is not in the stack's JSON": the JSON was
    // synthesized before the password existed, so that could never fail.)
    const adminPuts = edges.calls().filter((call) => call.secretId === stack.values.adminSecretArn && call.operation === 'PutSecretValue');
    expect(adminPuts).toEqual([
      expect.objectContaining({ service: 'secretsmanager', instance: expect.stringMatching(/^(first|second)$/) }),
    ]);
    expect(stack.json).not.toContain('aws_secretsmanager_secret_version');
    // WordPress accepts the stored password for the stored user.
    const check = await first.sh(
      `cd /var/www/html && php -r 'require "wp-load.php"; echo wp_check_password($argv[1], get_user_by("login", $argv[2])->user_pass) ? "valid" : "invalid";' -- "$(cat)" siteadmin`,
      admin.password,
    );
    expect(check.stdout).toBe('valid');
  });

  test('(a) WordPress connects as the user the setup function made; no instance reads the master secret, and IAM denies it', async () => {
    const credentials = JSON.parse(await first.readFile('/etc/wordpress/db-credentials.json'));
    expect(credentials.username).toBe('wordpress');
    expect(await database.query("SELECT user FROM mysql.user WHERE user = 'wordpress'")).toBe('wordpress\n');
    expect(edges.calls().filter((call) => call.secretId === stack.values.masterSecretArn)).toEqual([]);
    // The instance role allows nothing on the master secret, as the synthesized policies say.
    const attempt = await first.sh(
      `aws secretsmanager get-secret-value --region ${stack.values.region} --secret-id '${stack.values.masterSecretArn}' --query SecretString --output text`,
    );
    expect(attempt.code).toBe(254);
    expect(attempt.stderr).toContain('AccessDeniedException');
    expect(attempt.stdout).toBe('');
    // Nor may it overwrite the database user's secret.
    const overwrite = await first.sh(
      `aws secretsmanager put-secret-value --region ${stack.values.region} --secret-id '${stack.values.appSecretArn}' --secret-string x`,
    );
    expect(overwrite.stderr).toContain('AccessDeniedException');
  });

  test("the CA bundle comes from the stack's bucket, checked against its synth-time SHA-256; nothing from upstream", async () => {
    // The database is pinned to a CA of the shipped bundle, and only the stack's object was read.
    const [db] = Object.values(JSON.parse(stack.json).resource.aws_db_instance) as { ca_cert_identifier: string }[];
    expect(db.ca_cert_identifier).toBe('rds-ca-rsa2048-g1');
    const reads = edges.calls().filter((call) => call.service === 's3');
    expect(reads.map((call) => [call.instance, call.object])).toEqual(
      expect.arrayContaining([
        ['first', expect.stringMatching(/^web-stack-dev-boot-\d+\/[0-9a-f]{16}\/rds-ca-bundle\.pem$/)],
        ['second', expect.stringMatching(/\/rds-ca-bundle\.pem$/)],
      ]),
    );
    expect(edges.calls().filter((call) => call.host === 'truststore.pki.rds.amazonaws.com')).toEqual([]);
    expect(sha256Of(await first.readFile('/etc/wordpress/rds-ca-bundle.pem'))).toBe(stack.caBundleSha256);
    // The instance may read that object and nothing else of the bucket.
    const other = await first.sh(
      `aws s3 cp s3://${reads[0].object!.replace(/[^/]+$/, 'other.pem')} /tmp/other.pem --region ${stack.values.region} --only-show-errors`,
    );
    expect(other.stderr).toMatch(/AccessDenied/);
  });

  test('MySQL TLS is verified against the RDS CA bundle: a certificate from another CA is refused', async () => {
    // SHORTINIT loads WordPress's own database connection (wpdb, with wp-config's flags) and stops.
    const probe = (phpOptions: string) =>
      first.sh(
        `cd /var/www/html && php ${phpOptions} -r 'define("SHORTINIT", true); define("WP_DEBUG", true); require "wp-load.php"; echo "cipher:", $wpdb->get_var("SHOW SESSION STATUS LIKE \\"Ssl_cipher\\"", 1);'`,
      );
    const trusted = await probe('');
    expect(trusted.stdout).toMatch(/cipher:[A-Z0-9_-]+$/);
    await first.sh('cat >/etc/boot-test/other-ca.pem', otherCaPem);
    const untrusted = await probe('-d openssl.cafile=/etc/boot-test/other-ca.pem');
    expect(`${untrusted.stdout}${untrusted.stderr}`).toContain('certificate verify failed');
    expect(untrusted.stdout).not.toContain('cipher:');
  });

  test('each instance answers its launch hook with CONTINUE once, as its last step, allowed by the name-scoped grant', async () => {
    // The group declares the hook itself (so its first instances have it) and waits for them.
    expect(stack.group.launchHooks).toEqual(['launch']);
    const { groups } = edges.state().autoScaling;
    expect(groups[stack.group.name].answers).toEqual(
      expect.arrayContaining([
        { instanceId: first.instanceId, hook: 'launch', result: 'CONTINUE' },
        { instanceId: second.instanceId, hook: 'launch', result: 'CONTINUE' },
      ]),
    );
    expect(groups[stack.group.name].answers).toHaveLength(2);
    // The answer is the boot's last call to AWS.
    const bootCalls = edges.calls().filter((call) => call.at! <= bootsEndedAt);
    for (const name of ['first', 'second'] as const) {
      const own = bootCalls.filter((call) => call.instance === name);
      expect(own.at(-1)).toMatchObject({ service: 'autoscaling', operation: 'CompleteLifecycleAction', LifecycleActionResult: 'CONTINUE' });
    }
    // The instance may answer only for its own group: another group's name is refused by IAM.
    const foreign = await first.sh(
      `aws autoscaling complete-lifecycle-action --region ${stack.values.region} --auto-scaling-group-name other-web --lifecycle-hook-name launch --instance-id ${first.instanceId} --lifecycle-action-result CONTINUE`,
    );
    expect(foreign.code).toBe(254);
    expect(foreign.stderr).toMatch(/AccessDenied/);
  });

  test('WP-Cron: page views never start it; the timer each instance enables runs a due event', async () => {
    const db = stack.values.dbName;
    // GIVEN a must-use plugin on the shared wp-content that records its event, and the event due
    await first.sh(
      'install -d -o apache -g apache /var/www/html/wp-content/mu-plugins && cat >/var/www/html/wp-content/mu-plugins/boot-test-cron.php',
      `<?php add_action('boot_test_cron', function () { update_option('boot_test_cron_ran', 'yes'); });`,
    );
    const schedule = await first.sh(
      `cd /var/www/html && php -r 'require "wp-load.php"; var_export(DISABLE_WP_CRON); wp_schedule_single_event(time() - 60, "boot_test_cron");'`,
    );
    expect(schedule.stdout).toBe('true');
    const ran = () => database.query(`SELECT option_value FROM \`${db}\`.wp_options WHERE option_name = 'boot_test_cron_ran'`);
    expect(await ran()).toBe('');
    // WHEN the timer fires its service on the second instance, as systemd would
    for (const instance of [first, second]) {
      expect(await instance.readFile('/var/log/systemctl-stand-in.log')).toContain('enable --now wordpress-cron.timer');
      expect(await instance.readFile('/etc/systemd/system/wordpress-cron.timer')).toMatch(/^OnUnitActiveSec=1min$/m);
    }
    const unit = await second.readFile('/etc/systemd/system/wordpress-cron.service');
    const field = (name: string) => new RegExp(`^${name}=(.*)$`, 'm').exec(unit)![1];
    const run = await second.sh(`cd ${field('WorkingDirectory')} && runuser -u ${field('User')} -- ${field('ExecStart')}`);
    // THEN the event ran, once, and is no longer scheduled
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(await ran()).toBe('yes\n');
    const next = await first.sh(`cd /var/www/html && php -r 'require "wp-load.php"; var_export(wp_next_scheduled("boot_test_cron"));'`);
    expect(next.stdout).toBe('false');
  });

  test('(c) install.php reports the site installed; an anonymous POST to it changes nothing', async () => {
    const before = await database.query(`CHECKSUM TABLE \`${stack.values.dbName}\`.wp_options, \`${stack.values.dbName}\`.wp_users`);
    const page = await second.request('/wp-admin/install.php');
    expect(page.body).toContain('Already Installed');
    const post = await second.request('/wp-admin/install.php?step=2', {
      method: 'POST',
      form: {
        weblog_title: 'Taken over',
        user_name: 'intruder',
        admin_password: 'Intruder-1234',
        admin_password2: 'Intruder-1234',
        admin_email: 'x@example.org',
        blog_public: '1',
      },
    });
    expect(post.body).toContain('Already Installed');
    expect(await database.query(`CHECKSUM TABLE \`${stack.values.dbName}\`.wp_options, \`${stack.values.dbName}\`.wp_users`)).toBe(before);
    expect(await siteName(second)).toBe(SITE_TITLE);
  });

  test('(d) rotating the master password does not break the site', async () => {
    const rotated = crypto.randomBytes(18).toString('base64url');
    await database.query(`ALTER USER '${MASTER_USER}'@'%' IDENTIFIED BY '${rotated}'`);
    edges.putSecretValue(stack.values.masterSecretArn, JSON.stringify({ username: MASTER_USER, password: rotated }));
    for (const instance of [first, second]) {
      expect(await siteName(instance)).toBe(SITE_TITLE);
    }
  });

  test('(b) a second boot of the same instance, after the rotation, changes nothing and still serves', async () => {
    const stateDirs = ['/var/www/html', '/etc/wordpress', '/etc/fstab', '/etc/php.d/', '/etc/httpd'];
    const tables = `CHECKSUM TABLE \`${stack.values.dbName}\`.wp_options, \`${stack.values.dbName}\`.wp_users, mysql.global_priv`;
    const [files, rows, secrets, callCount] = [
      await first.manifest(stateDirs),
      await database.query(tables),
      edges.state().secrets,
      edges.calls().length,
    ];
    boots.again = await first.boot();
    expectBooted(boots.again);
    expect(await first.manifest(stateDirs)).toBe(files);
    expect(await database.query(tables)).toBe(rows);
    expect(edges.state().secrets).toEqual(secrets);
    // It read its database user's secret and nothing else: no download, no master secret.
    expect(edges.calls().slice(callCount)).toEqual([
      expect.objectContaining({
        service: 'secretsmanager',
        operation: 'GetSecretValue',
        secretId: stack.values.appSecretArn,
        instance: 'first',
      }),
    ]);
    expect(await siteName(first)).toBe(SITE_TITLE);
  });

  test('a lost database user stops a boot with one line; the setup function, invoked again with the rotated master password, restores it', async () => {
    // GIVEN the `wordpress` secret has a value but the user does not exist (a restored database)
    await database.query("DROP USER 'wordpress'@'%'");
    // WHEN an instance boots THEN it stops, naming the fix, without touching the master secret
    const lost = await second.boot();
    expect(lost.code).not.toBe(0);
    expect(lines(lost.log).at(-1)).toBe(
      `wordpress-user-data: ERROR: the database refuses the user in ${stack.values.appSecretArn}; invoke the database setup function again`,
    );
    // WHEN Terraform invokes the setup function again THEN the user is back with the stored password, and boots succeed
    await runDatabaseSetup();
    expect(await database.query("SELECT user FROM mysql.user WHERE user = 'wordpress'")).toBe('wordpress\n');
    expect(edges.state().secrets[stack.values.appSecretArn].versions).toHaveLength(1);
    // The boot log is cloud-init's, appended to at every run: keep this run's part.
    const recreated = await second.boot();
    boots.recreated = { code: recreated.code, log: recreated.log.slice(lost.log.length) };
    expectBooted(boots.recreated);
    expect(await siteName(second)).toBe(SITE_TITLE);
    expect(edges.calls().filter((call) => call.secretId === stack.values.masterSecretArn && call.instance !== 'first')).toEqual([]);
  });

  test('Apache serves PHP through PHP-FPM with the configuration the boot wrote: pretty permalinks, private paths and xmlrpc.php refused', async () => {
    const host = new URL(stack.values.siteUrl).host;
    // GIVEN the most common first setting, Settings → Permalinks → "Post name"
    const set = await first.sh(
      `cd /var/www/html && php -r 'require "wp-load.php"; $GLOBALS["wp_rewrite"]->set_permalink_structure("/%postname%/"); flush_rewrite_rules(false); echo get_option("permalink_structure");'`,
    );
    expect(set.stdout).toBe('/%postname%/');
    for (const instance of [first, second]) {
      // THEN each instance answers the post's pretty permalink from WordPress, through Apache and PHP-FPM
      const post = await instance.request('/hello-world/', { host });
      expect(post.status).toBe(200);
      expect(post.body).toContain('Hello world!');
      expect(post.headers).toMatch(/^Server: Apache/im);
      // AND the salts, the lock and the release marker are never served, nor is XML-RPC (off by default)
      for (const privatePath of [
        '/wp-content/.private/',
        '/wp-content/.private/salts.php',
        '/wp-content/.setup.lock',
        '/.wordpress-release',
      ]) {
        expect({ privatePath, status: (await instance.request(privatePath, { host })).status }).toEqual({ privatePath, status: 403 });
      }
      expect((await instance.request('/xmlrpc.php', { host, method: 'POST' })).status).toBe(403);
    }
    // PHP runs in PHP-FPM's pool as apache, not in Apache or as root.
    const pool = await first.sh(`ps -o user=,args= -C php-fpm8.2`);
    expect(pool.stdout).toMatch(/^apache +php-fpm: pool www/m);
  });

  test('in a browser, the administrator logs in on one instance with the stored password and publishes a post with an image; the other instance shows both at their permalinks', async () => {
    const site = new URL(stack.values.siteUrl);
    const admin = JSON.parse(edges.state().secrets[stack.values.adminSecretArn].versions.at(-1)!);
    const image = path.join(dir, 'boot-test-image.png');
    const title = 'Published from a browser';
    // GIVEN an administrator who has closed the block editor's welcome guide before. For a user
    // with no stored editor preferences, WordPress 6.1 asks the REST API for them after the editor
    // has rendered and then replaces what was set meanwhile: under load (in CI) a guide closed
    // before that answer opened again and took the keyboard and the page's controls.
    const stored = await first.sh(
      `cd /var/www/html && php -r 'require "wp-load.php"; $user = get_user_by("login", $argv[1]); echo update_user_meta($user->ID, $GLOBALS["wpdb"]->get_blog_prefix() . "persisted_preferences", ["core/edit-post" => ["welcomeGuide" => false], "_modified" => gmdate("c")]) ? "stored" : "not stored";' -- "$(cat)"`,
      admin.username,
    );
    expect(stored.stdout).toBe('stored');
    // AND a browser sent to the first instance, as the load balancer might
    const toFirst = await launchBrowser(namespace!, dir, site.host, first.options.address);
    let permalink: string;
    try {
      const page = await toFirst.newPage({ viewport: { width: 1280, height: 900 } });
      page.setDefaultTimeout(60_000);
      // An image to upload, drawn by the browser itself.
      await page.setContent('<div style="width:320px;height:200px;background:linear-gradient(90deg,#c33,#33c)"></div>');
      fs.writeFileSync(image, await page.locator('div').screenshot());
      // WHEN the administrator logs in with the password from the admin secret
      await page.goto(`${site.origin}/wp-login.php`);
      await page.fill('#user_login', admin.username);
      await page.fill('#user_pass', admin.password);
      await Promise.all([page.waitForURL(/\/wp-admin\/$/), page.click('#wp-submit')]);
      // AND writes a post in the block editor: a title, an image block with the upload, Publish
      await page.goto(`${site.origin}/wp-admin/post-new.php`);
      await page.getByRole('textbox', { name: 'Add title' }).fill(title);
      await page.getByRole('button', { name: 'Toggle block inserter' }).click();
      await page.getByRole('searchbox', { name: 'Search for blocks and patterns' }).fill('Image');
      await page.getByRole('option', { name: 'Image', exact: true }).first().click();
      await page.locator('.wp-block-image input[type="file"]').setInputFiles(image);
      await page.locator('.wp-block-image img[src*="/wp-content/uploads/"]').waitFor();
      await page.locator('.editor-post-publish-panel__toggle').click();
      await page.locator('.editor-post-publish-panel .editor-post-publish-button').click();
      permalink = (await page.locator('.post-publish-panel__postpublish-header a').first().getAttribute('href'))!;
    } finally {
      await toFirst.close();
    }
    // THEN the post has its pretty permalink (the structure the test above set, "/%postname%/")
    expect(permalink).toBe(`${site.origin}/published-from-a-browser/`);
    // AND a browser sent to the second instance shows the post and its image (shared database and EFS)
    const toSecond = await launchBrowser(namespace!, dir, site.host, second.options.address);
    try {
      const page = await toSecond.newPage({ viewport: { width: 1280, height: 900 } });
      const response = await page.goto(permalink);
      expect(response!.status()).toBe(200);
      await expect(page.locator('h1').first().innerText()).resolves.toBe(title);
      const img = page.locator('main img[src*="/wp-content/uploads/"]').first();
      await img.waitFor();
      expect(await img.evaluate((element) => (element as unknown as { complete: boolean; naturalWidth: number }).naturalWidth)).toBe(320);
      // Fetched by the page, so from the second instance too.
      const upload = await img.evaluate(async (element) => {
        const response = await fetch((element as unknown as { src: string }).src);
        return [response.status, response.headers.get('content-type')];
      });
      expect(upload).toEqual([200, 'image/png']);
      // A picture of the published post, for a person to look at.
      fs.mkdirSync(BOOT_TEST_OUTPUT_DIR, { recursive: true });
      const screenshot = path.join(BOOT_TEST_OUTPUT_DIR, 'published-post.png');
      await page.screenshot({ path: screenshot, fullPage: true });
      process.stdout.write(`\nWordPress boot test: screenshot of the published post on the second instance: ${screenshot}\n`);
    } finally {
      await toSecond.close();
    }
  });

  test('a missing optional package costs one warning and its extension; a missing required package stops the boot with one line', async () => {
    // GIVEN repositories without php8.4-intl for one new instance, and without php8.4-mysqlnd for another
    const [withoutIntl, withoutMysqlnd] = await Promise.all([
      newInstance('without-intl', '127.0.0.14', ['php8.4-intl']),
      newInstance('without-mysqlnd', '127.0.0.15', ['php8.4-mysqlnd']),
    ]);
    // WHEN both boot
    [boots.withoutIntl, boots.withoutMysqlnd] = await Promise.all([withoutIntl.boot(), withoutMysqlnd.boot()]);
    // THEN the first serves the site without intl, after exactly one warning
    expectBooted(boots.withoutIntl);
    expect(lines(boots.withoutIntl.log).filter((line) => ERROR_LINE.test(line))).toEqual([
      'wordpress-user-data: WARNING: optional package php8.4-intl cannot be installed (/var/log/wordpress-dnf.log); going on without it',
    ]);
    const modules = (await withoutIntl.sh('php -m')).stdout.split('\n');
    expect(modules).toEqual(expect.arrayContaining(['mysqli', 'gd', 'mbstring', 'zip', 'Zend OPcache']));
    expect(modules).not.toContain('intl');
    expect(await siteName(withoutIntl)).toBe(SITE_TITLE);
    // AND the second stops with one line naming the package, before it touched the file system or a secret
    expect(boots.withoutMysqlnd.code).not.toBe(0);
    const errors = lines(boots.withoutMysqlnd.log).filter((line) => ERROR_LINE.test(line));
    expect(errors).toEqual([
      'wordpress-user-data: ERROR: required package php8.4-mysqlnd cannot be installed (/var/log/wordpress-dnf.log); boot stopped',
    ]);
    expect(lines(boots.withoutMysqlnd.log).at(-1)).toBe(errors[0]);
    // Its only call: the launch hook abandoned, so the group replaces it.
    expect(edges.calls().filter((call) => call.instance === 'without-mysqlnd')).toEqual([
      expect.objectContaining({ service: 'autoscaling', operation: 'CompleteLifecycleAction', LifecycleActionResult: 'ABANDON' }),
    ]);
  });

  test('(e) an archive that does not match the checksum stops the boot with one line and an empty document root', async () => {
    // GIVEN wordpress.org serving an archive that differs from the pinned checksum by one byte
    fs.appendFileSync(archive, Buffer.from([0]));
    const third = await newInstance('third', '127.0.0.13');
    const listing = async () => (await third.sh('find /var/www -xdev 2>/dev/null')).stdout.split('\n').filter(Boolean);
    const before = await listing();
    // WHEN a new instance boots
    boots.mismatch = await third.boot();
    // THEN the boot stops, the log ends with one clear line, and nothing of WordPress was written
    expect(boots.mismatch.code).not.toBe(0);
    const errors = lines(boots.mismatch.log).filter((line) => ERROR_LINE.test(line));
    expect(errors).toEqual([
      `wordpress-user-data: ERROR: wordpress-${debianWordPressVersion()}.tar.gz does not match SHA-1 ${/WORDPRESS_SHA1='([0-9a-f]+)'/.exec(stack.userData.toString())![1]}; nothing installed, boot stopped`,
    ]);
    expect(lines(boots.mismatch.log).at(-1)).toBe(errors[0]);
    // The failed boot abandoned its launch hook, so the group replaces the instance at once.
    expect(edges.state().autoScaling.groups[stack.group.name].answers.at(-1)).toEqual({
      instanceId: third.instanceId,
      hook: 'launch',
      result: 'ABANDON',
    });
    // Only the directories the httpd package and the mount step make are new: no core file, no release marker, no temporary directory.
    const added = (await listing()).filter((entry) => !before.includes(entry));
    expect(added.sort()).toEqual(
      ['/var/www', '/var/www/cgi-bin', '/var/www/html', '/var/www/html/wp-content'].filter((entry) => !before.includes(entry)),
    );
    expect((await third.request('/')).status).toBe(0);
  });

  test('(f) every successful boot log ends with success and has no error line', () => {
    for (const name of ['first', 'second', 'again', 'recreated']) {
      const log = lines(boots[name].log);
      expect(log.at(-1)).toMatch(/^wordpress-user-data: done: WordPress \S+ serves http/);
      expect(log.filter((line) => ERROR_LINE.test(line))).toEqual([]);
    }
  });
});
