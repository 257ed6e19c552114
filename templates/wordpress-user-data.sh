#!/bin/bash
# Boot script of the WordPress web servers, rendered by constructs/private/wordpress-user-data.ts.
# Nothing secret is rendered: passwords are kept in Secrets Manager. Every
# step checks before it changes anything, so a second run changes nothing. docs/wordpress.md
# walks through it. EC2 takes at most 16 KB of user data: keep it short.
set -euo pipefail

readonly FILE_SYSTEM_ID='{{fileSystemId}}'
readonly DB_HOST='{{dbHost}}'
readonly DB_NAME='{{dbName}}'
readonly DB_APP_SECRET_ARN='{{dbAppSecretArn}}'
readonly ADMIN_SECRET_ARN='{{adminSecretArn}}'
readonly WORDPRESS_VERSION='{{wordpressVersion}}'
readonly WORDPRESS_SHA1='{{wordpressSha1}}'
readonly SITE_URL='{{siteUrl}}'
SITE_TITLE=$(echo '{{siteTitleBase64}}' | base64 -d)
readonly SITE_TITLE
readonly ADMIN_USER='{{adminUser}}'
readonly ADMIN_EMAIL='{{adminEmail}}'
readonly CA_BUNDLE_BUCKET='{{caBundleBucket}}'
readonly CA_BUNDLE_KEY='{{caBundleKey}}'
readonly CA_BUNDLE_SHA256='{{caBundleSha256}}'
readonly GROUP_NAME='{{autoScalingGroupName}}'
readonly LAUNCH_HOOK='{{launchHookName}}'
readonly ENABLE_XMLRPC='{{enableXmlRpc}}'

readonly DOC_ROOT=/var/www/html
readonly CONTENT_DIR="$DOC_ROOT/wp-content"
# Shared by every instance (on EFS) but never served: Apache denies it below.
readonly SHARED_PRIVATE_DIR="$CONTENT_DIR/.private"
readonly CONFIG_DIR=/etc/wordpress
readonly CREDENTIALS_FILE="$CONFIG_DIR/db-credentials.json"
readonly CA_BUNDLE_FILE="$CONFIG_DIR/rds-ca-bundle.pem"
readonly PHP_HELPER="$CONFIG_DIR/boot.php"
# Written last by install_core: core files are complete only when it names this release.
readonly RELEASE_MARKER="$DOC_ROOT/.wordpress-release"
# Written once the launch hook is answered: a second run of this script has nothing to answer.
readonly LAUNCH_ANSWERED=/var/lib/wordpress-user-data/launch-hook-answered

log() {
  echo "wordpress-user-data: $*"
}

# One line, then stop: cloud-init's log ends with the reason.
fail() {
  echo "wordpress-user-data: ERROR: $*" >&2
  exit 1
}

region() {
  local token
  token=$(curl -fsS -X PUT -H 'X-aws-ec2-metadata-token-ttl-seconds: 60' http://169.254.169.254/latest/api/token)
  curl -fsS -H "X-aws-ec2-metadata-token: $token" http://169.254.169.254/latest/meta-data/placement/region
}

# The group keeps this instance out of service until it answers its launch hook: CONTINUE once
# WordPress serves, ABANDON (the group replaces the instance) when the boot fails.
answer_launch_hook() {
  local result=$1
  [ -e "$LAUNCH_ANSWERED" ] && return 0
  # cloud-init records the ID it read from the metadata service.
  aws autoscaling complete-lifecycle-action --region "${REGION:-$(region)}" --auto-scaling-group-name "$GROUP_NAME" \
    --lifecycle-hook-name "$LAUNCH_HOOK" --instance-id "$(cat /var/lib/cloud/data/instance-id)" --lifecycle-action-result "$result" || return 1
  install -D -m 0644 /dev/null "$LAUNCH_ANSWERED"
  echo "$result" >"$LAUNCH_ANSWERED"
}

abandon_launch_on_failure() {
  local status=$?
  if [ "$status" -ne 0 ]; then
    answer_launch_hook ABANDON || echo "wordpress-user-data: ERROR: could not abandon the launch hook" >&2
  fi
}

# Prints the secret's value, or nothing while it has none (Terraform creates the app and admin
# secrets without a value; this script writes them).
secret_value() {
  local value err
  err=$(mktemp)
  if value=$(aws secretsmanager get-secret-value --region "$REGION" --secret-id "$1" --query SecretString --output text 2>"$err"); then
    rm -f "$err"
    printf '%s' "$value"
  elif grep -q ResourceNotFoundException "$err"; then
    rm -f "$err"
  else
    fail "reading secret $1: $(tr '\n' ' ' <"$err")"
  fi
}

# Stores the content of file $2 as the value of secret $1; the value never appears in argv.
put_secret() {
  aws secretsmanager put-secret-value --region "$REGION" --secret-id "$1" --secret-string "file://$2" >/dev/null
}

# {"username": …, "password": …} with a fresh random password, as RDS writes its own secret.
new_credentials() {
  printf '{"username":"%s","password":"%s"}' "$1" "$(openssl rand -base64 30 | tr '+/' '-_')"
}

# PHP's version is pinned (AL2023 has several); the optional packages only add features.
readonly PACKAGES=(httpd php8.4-fpm php8.4-cli php8.4-mysqlnd amazon-efs-utils amazon-cloudwatch-agent)
readonly EXTRAS=(php8.4-opcache php8.4-gd php8.4-intl php8.4-mbstring php8.4-xml php8.4-zip)

# One name without a match fails the whole dnf transaction: then try each to name it.
install_packages() {
  local p
  exec 8>>/var/log/wordpress-dnf.log
  dnf install -y "${PACKAGES[@]}" >&8 2>&8 || for p in "${PACKAGES[@]}"; do
    dnf install -y "$p" >&8 2>&8 || fail "required package $p cannot be installed (/var/log/wordpress-dnf.log); boot stopped"
  done
  dnf install -y "${EXTRAS[@]}" >&8 2>&8 || for p in "${EXTRAS[@]}"; do
    dnf install -y "$p" >&8 2>&8 || log "WARNING: optional package $p cannot be installed (/var/log/wordpress-dnf.log); going on without it"
  done
  exec 8>&-
}

mount_content_dir() {
  local attempt
  mkdir -p "$CONTENT_DIR"
  if ! grep -qF "$FILE_SYSTEM_ID:/ $CONTENT_DIR " /etc/fstab; then
    echo "$FILE_SYSTEM_ID:/ $CONTENT_DIR efs _netdev,noresvport,tls 0 0" >>/etc/fstab
  fi
  # Mount targets can still be resolving in DNS when the first instances boot.
  for attempt in $(seq 1 30); do
    if mountpoint -q "$CONTENT_DIR" || mount "$CONTENT_DIR"; then
      return 0
    fi
    log "EFS mount attempt $attempt failed; retrying"
    sleep 10
  done
  fail "could not mount $FILE_SYSTEM_ID at $CONTENT_DIR"
}

# Every instance shares the content directory, the salts, the database and the install; a
# lock on EFS lets exactly one instance at a time do the first-boot work.
lock_shared_setup() {
  exec 9>"$CONTENT_DIR/.setup.lock"
  flock 9
}

unlock_shared_setup() {
  flock -u 9
  exec 9>&-
}

# Core files live on the instance's own disk; only wp-content is shared. The archive is checked
# against the pinned SHA-1 before anything is unpacked, and unpacked beside the document root
# before it is moved in.
install_core() {
  local work entry
  if [ "$(cat "$RELEASE_MARKER" 2>/dev/null)" = "$WORDPRESS_VERSION" ]; then
    return 0
  fi
  work=$(mktemp -d /var/www/.wordpress-XXXXXX)
  curl -fsSL --retry 5 -o "$work/wordpress.tar.gz" "https://wordpress.org/wordpress-$WORDPRESS_VERSION.tar.gz"
  if ! echo "$WORDPRESS_SHA1  $work/wordpress.tar.gz" | sha1sum -c --status; then
    rm -rf "$work"
    fail "wordpress-$WORDPRESS_VERSION.tar.gz does not match SHA-1 $WORDPRESS_SHA1; nothing installed, boot stopped"
  fi
  tar -xzf "$work/wordpress.tar.gz" -C "$work" --no-same-owner
  lock_shared_setup
  if [ ! -d "$CONTENT_DIR/themes" ]; then
    cp -R "$work/wordpress/wp-content/." "$CONTENT_DIR/"
    chown -R apache:apache "$CONTENT_DIR"
  fi
  unlock_shared_setup
  rm -rf "$work/wordpress/wp-content"
  for entry in "$work/wordpress/"*; do
    rm -rf "${DOC_ROOT:?}/${entry##*/}"
    mv "$entry" "$DOC_ROOT/"
  done
  echo "$WORDPRESS_VERSION" >"$RELEASE_MARKER"
  rm -rf "$work"
  log "installed WordPress $WORDPRESS_VERSION (SHA-1 verified)"
}

# The RDS CA bundle ships with the stack (too large for user data): fetched from the stack's
# bucket through the S3 gateway endpoint and checked against the checksum taken at synth.
# PHP's OpenSSL default CA file is what mysqlnd verifies the database certificate against.
install_ca_bundle() {
  local tmp source="s3://$CA_BUNDLE_BUCKET/$CA_BUNDLE_KEY"
  install -d -m 0750 -o root -g apache "$CONFIG_DIR"
  if ! echo "$CA_BUNDLE_SHA256  $CA_BUNDLE_FILE" | sha256sum -c --status 2>/dev/null; then
    tmp=$(mktemp "$CA_BUNDLE_FILE.XXXXXX")
    aws s3 cp "$source" "$tmp" --region "$REGION" --only-show-errors || fail "could not fetch $source"
    if ! echo "$CA_BUNDLE_SHA256  $tmp" | sha256sum -c --status; then
      rm -f "$tmp"
      fail "$source does not match SHA-256 $CA_BUNDLE_SHA256; boot stopped"
    fi
    chmod 0644 "$tmp"
    mv -f "$tmp" "$CA_BUNDLE_FILE"
  fi
  echo "openssl.cafile = $CA_BUNDLE_FILE" >/etc/php.d/90-rds-ca-bundle.ini
}

# Generated once per site, not per instance: sessions must stay valid on every instance.
ensure_salts() {
  local salts_file="$SHARED_PRIVATE_DIR/salts.php" tmp key
  if [ ! -s "$salts_file" ]; then
    install -d -m 0750 -o root -g apache "$SHARED_PRIVATE_DIR"
    tmp=$(mktemp "$salts_file.XXXXXX")
    {
      echo '<?php'
      for key in AUTH_KEY SECURE_AUTH_KEY LOGGED_IN_KEY NONCE_KEY AUTH_SALT SECURE_AUTH_SALT LOGGED_IN_SALT NONCE_SALT; do
        printf "define('%s', '%s');\n" "$key" "$(openssl rand -base64 48 | tr -d '\n')"
      done
    } >"$tmp"
    chown root:apache "$tmp"
    chmod 0640 "$tmp"
    mv -f "$tmp" "$salts_file"
  fi
}

write_private_file() {
  local tmp
  tmp=$(mktemp "$1.XXXXXX")
  printf '%s' "$2" >"$tmp"
  chown root:apache "$tmp"
  chmod 0640 "$tmp"
  mv -f "$tmp" "$1"
}

# Runs a step of the PHP helper below, with what it needs in its environment.
boot_php() {
  env DB_HOST="$DB_HOST" DB_NAME="$DB_NAME" CREDENTIALS_FILE="$CREDENTIALS_FILE" DOC_ROOT="$DOC_ROOT" \
    SITE_URL="$SITE_URL" SITE_TITLE="$SITE_TITLE" ADMIN_EMAIL="$ADMIN_EMAIL" php "$PHP_HELPER" "$@"
}

write_php_helper() {
  cat >"$PHP_HELPER" <<'PHP'
<?php
// Boot steps that need PHP's own MySQL client or WordPress itself. Secrets arrive on stdin.
// Exit 3 means "not yet" (the login is refused / not installed); the shell acts on it.
mysqli_report(MYSQLI_REPORT_ERROR | MYSQLI_REPORT_STRICT);
function db(array $c): mysqli {
    $db = mysqli_init();
    // The same flags as WordPress's connection: TLS, and the server certificate verified.
    $db->real_connect(getenv('DB_HOST'), $c['username'], $c['password'], null, 3306, null,
        MYSQLI_CLIENT_SSL | MYSQLI_CLIENT_SSL_VERIFY_SERVER_CERT);
    return $db;
}
$app = json_decode(file_get_contents(getenv('CREDENTIALS_FILE')), true);
$step = $argv[1];
if ($step === 'check-db-user') {
    try {
        db($app);
        exit(0);
    } catch (mysqli_sql_exception $e) {
        if ($e->getCode() === 1045) {
            exit(3);
        }
        fwrite(STDERR, "database: {$e->getMessage()}\n");
        exit(1);
    }
}
define('WP_INSTALLING', true);
$_SERVER['HTTP_HOST'] = parse_url(getenv('SITE_URL'), PHP_URL_HOST);
// No mail server on the instance, and the password is in Secrets Manager: send nothing.
function wp_new_blog_notification() {
}
require getenv('DOC_ROOT') . '/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';
if ($step === 'installed') {
    exit(is_blog_installed() ? 0 : 3);
}
$admin = json_decode(stream_get_contents(STDIN), true);
wp_install(getenv('SITE_TITLE'), $admin['username'], getenv('ADMIN_EMAIL'), true, '', wp_slash($admin['password']));
exit(is_blog_installed() ? 0 : 1);
PHP
  chmod 0600 "$PHP_HELPER"
}

# WordPress connects as its own user, which the database setup function (a Lambda that
# Terraform invokes once the database exists) created and stored in its secret. Instances never
# see the master password, so a refused login is for that function to repair, not for a boot.
ensure_db_user() {
  local app status=0
  app=$(secret_value "$DB_APP_SECRET_ARN")
  [ -n "$app" ] || fail "the database user's secret $DB_APP_SECRET_ARN has no value; the database setup function stores it"
  write_private_file "$CREDENTIALS_FILE" "$app"
  boot_php check-db-user || status=$?
  case $status in
    0) ;;
    3) fail "the database refuses the user in $DB_APP_SECRET_ARN; invoke the database setup function again" ;;
    *) fail "cannot connect to the database at $DB_HOST" ;;
  esac
}

write_wp_config() {
  local tmp
  tmp=$(mktemp "$DOC_ROOT/wp-config.php.XXXXXX")
  {
    echo '<?php'
    echo '// Written by the instance user data at every boot; edits here are lost.'
    printf "define('DB_NAME', '%s');\n" "$DB_NAME"
    printf "define('DB_HOST', '%s');\n" "$DB_HOST"
    # The site's address comes from the infrastructure, not from the database.
    printf "define('WP_HOME', '%s');\ndefine('WP_SITEURL', '%s');\n" "$SITE_URL" "$SITE_URL"
    printf "\$wordpress_db = json_decode(file_get_contents('%s'), true);\n" "$CREDENTIALS_FILE"
    cat <<'PHP'
define('DB_USER', $wordpress_db['username']);
define('DB_PASSWORD', $wordpress_db['password']);
define('DB_CHARSET', 'utf8mb4');
define('DB_COLLATE', '');
// TLS with the server certificate verified against openssl.cafile, the RDS CA bundle.
define('MYSQL_CLIENT_FLAGS', MYSQLI_CLIENT_SSL | MYSQLI_CLIENT_SSL_VERIFY_SERVER_CERT);
require __DIR__ . '/wp-content/.private/salts.php';
$table_prefix = 'wp_';
// The load balancer terminates TLS; trust its header so WordPress builds https links.
if (isset($_SERVER['HTTP_X_FORWARDED_PROTO']) && $_SERVER['HTTP_X_FORWARDED_PROTO'] === 'https') {
    $_SERVER['HTTPS'] = 'on';
}
define('FS_METHOD', 'direct');
// Page views never start WP-Cron: its loopback request to the public address cannot reach the
// load balancer from here. wordpress-cron.timer runs due events on every instance instead.
define('DISABLE_WP_CRON', true);
if (!defined('ABSPATH')) {
    define('ABSPATH', __DIR__ . '/');
}
require_once ABSPATH . 'wp-settings.php';
PHP
  } >"$tmp"
  chown root:apache "$tmp"
  chmod 0640 "$tmp"
  mv -f "$tmp" "$DOC_ROOT/wp-config.php"
}

# Until WordPress is installed, whoever reaches install.php first becomes administrator; so
# the installer runs here, before Apache starts, under the shared lock.
ensure_installed() {
  local admin status=0 tmp
  boot_php installed || status=$?
  case $status in
    0) return 0 ;;
    3) ;;
    *) fail "cannot tell whether WordPress is installed" ;;
  esac
  admin=$(secret_value "$ADMIN_SECRET_ARN")
  if [ -z "$admin" ]; then
    tmp=$(mktemp)
    new_credentials "$ADMIN_USER" >"$tmp"
    # Stored before the install: a crash in between leaves a password that the next boot reuses.
    put_secret "$ADMIN_SECRET_ARN" "$tmp"
    admin=$(cat "$tmp")
    rm -f "$tmp"
  fi
  log "installing WordPress for $SITE_URL, administrator $ADMIN_USER <$ADMIN_EMAIL>"
  printf '%s' "$admin" | boot_php install
}

# WordPress's rewrite rules: Apache cannot write .htaccess in the document root, nor reads one.
configure_apache() {
  local conf=/etc/httpd/conf.d/wordpress.conf
  cat >"$conf.new" <<'CONF'
<Directory "/var/www/html">
  Options FollowSymLinks
  AllowOverride None
  RewriteEngine On
  RewriteRule .* - [E=HTTP_AUTHORIZATION:%{HTTP:Authorization}]
  RewriteRule ^index\.php$ - [L]
  RewriteCond %{REQUEST_FILENAME} !-f
  RewriteCond %{REQUEST_FILENAME} !-d
  RewriteRule . /index.php [L]
</Directory>
<Directory "/var/www/html/wp-content/.private">
  Require all denied
</Directory>
<FilesMatch "^\.">
  Require all denied
</FilesMatch>
CONF
  [ "$ENABLE_XMLRPC" = true ] || printf '<Files xmlrpc.php>\n  Require all denied\n</Files>\n' >>"$conf.new"
  mv -f "$conf.new" "$conf"
  systemctl enable php-fpm httpd
  systemctl restart php-fpm httpd
}

# Runs due WP-Cron events every minute from the command line, as the web server's user. Each run
# takes WordPress's own lock (the doing_cron transient in the shared database), as a page-view run would.
install_cron_timer() {
  cat >/etc/systemd/system/wordpress-cron.service <<UNIT
[Unit]
Description=Run due WordPress cron events
[Service]
Type=oneshot
User=apache
WorkingDirectory=$DOC_ROOT
ExecStart=/usr/bin/php $DOC_ROOT/wp-cron.php
UNIT
  cat >/etc/systemd/system/wordpress-cron.timer <<'UNIT'
[Unit]
Description=Run due WordPress cron events every minute
[Timer]
OnBootSec=1min
OnUnitActiveSec=1min
[Install]
WantedBy=timers.target
UNIT
  systemctl enable --now wordpress-cron.timer
}

configure_cloudwatch_agent() {
  cat >/opt/aws/amazon-cloudwatch-agent/etc/amazon-cloudwatch-agent.json <<'JSON'
{
  "metrics": {
    "namespace": "CWAgent",
    "append_dimensions": { "AutoScalingGroupName": "${aws:AutoScalingGroupName}" },
    "aggregation_dimensions": [["AutoScalingGroupName"]],
    "metrics_collected": {
      "mem": { "measurement": ["mem_used_percent"] },
      "disk": { "measurement": ["used_percent"], "resources": ["/"] }
    }
  }
}
JSON
  /opt/aws/amazon-cloudwatch-agent/bin/amazon-cloudwatch-agent-ctl -a fetch-config -m ec2 -s \
    -c file:/opt/aws/amazon-cloudwatch-agent/etc/amazon-cloudwatch-agent.json
}

main() {
  trap abandon_launch_on_failure EXIT
  log "starting"
  install_packages
  REGION=$(region)
  readonly REGION
  mount_content_dir
  install_core
  install_ca_bundle
  write_php_helper
  lock_shared_setup
  ensure_salts
  ensure_db_user
  write_wp_config
  ensure_installed
  unlock_shared_setup
  configure_apache
  install_cron_timer
  configure_cloudwatch_agent
  answer_launch_hook CONTINUE
  log "done: WordPress $WORDPRESS_VERSION serves $SITE_URL"
}

main "$@"
