#!/bin/bash
# Boot script of the WordPress web servers. constructs/wordpress.ts renders the double-brace
# placeholders; nothing secret is rendered: the database password is read from Secrets
# Manager on the instance. Every step checks before it changes anything, so running the
# script again (or the timer's refresh-credentials mode) is safe.
set -euo pipefail

readonly FILE_SYSTEM_ID='{{fileSystemId}}'
readonly DB_HOST='{{dbHost}}'
readonly DB_NAME='{{dbName}}'
readonly DB_SECRET_ARN='{{dbSecretArn}}'
readonly WORDPRESS_VERSION='{{wordpressVersion}}'

readonly DOC_ROOT=/var/www/html
readonly CONTENT_DIR="$DOC_ROOT/wp-content"
# Shared by every instance (on EFS) but never served: Apache denies it below.
readonly SHARED_PRIVATE_DIR="$CONTENT_DIR/.private"
readonly CONFIG_DIR=/etc/wordpress
readonly CREDENTIALS_FILE="$CONFIG_DIR/db-credentials.json"
readonly INSTALLED_SCRIPT=/usr/local/sbin/wordpress-instance-setup

log() {
  echo "wordpress-user-data: $*"
}

region() {
  local token
  token=$(curl -fsS -X PUT -H 'X-aws-ec2-metadata-token-ttl-seconds: 60' http://169.254.169.254/latest/api/token)
  curl -fsS -H "X-aws-ec2-metadata-token: $token" http://169.254.169.254/latest/meta-data/placement/region
}

# The secret is RDS's managed master secret ({"username": …, "password": …}). It is kept as
# JSON in a root:apache 0640 file that wp-config.php decodes, so no shell or PHP quoting of
# the password is ever needed. RDS rotates the secret, hence the refresh timer.
write_db_credentials() {
  local secret tmp
  secret=$(aws secretsmanager get-secret-value --region "$(region)" --secret-id "$DB_SECRET_ARN" --query SecretString --output text)
  if [ -z "$secret" ]; then
    log "secret $DB_SECRET_ARN is empty" >&2
    return 1
  fi
  install -d -m 0750 -o root -g apache "$CONFIG_DIR"
  tmp=$(mktemp "$CREDENTIALS_FILE.XXXXXX")
  printf '%s\n' "$secret" >"$tmp"
  chown root:apache "$tmp"
  chmod 0640 "$tmp"
  mv -f "$tmp" "$CREDENTIALS_FILE"
}

install_packages() {
  dnf install -y httpd php php-fpm php-mysqlnd php-gd php-xml php-mbstring php-intl php-opcache php-zip \
    mariadb105 amazon-efs-utils amazon-cloudwatch-agent
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
  log "could not mount $FILE_SYSTEM_ID at $CONTENT_DIR" >&2
  return 1
}

# Every instance shares the content directory and the salts; a lock on EFS keeps two
# instances booting together from seeding them at the same time.
lock_shared_setup() {
  exec 9>"$CONTENT_DIR/.setup.lock"
  flock 9
}

unlock_shared_setup() {
  flock -u 9
  exec 9>&-
}

# Core files live on the instance's own disk; only wp-content is shared.
install_wordpress() {
  local workdir archive
  if [ -f "$DOC_ROOT/wp-includes/version.php" ] && [ -d "$CONTENT_DIR/themes" ]; then
    return 0
  fi
  workdir=$(mktemp -d)
  if [ "$WORDPRESS_VERSION" = latest ]; then
    archive=latest.tar.gz
  else
    archive="wordpress-$WORDPRESS_VERSION.tar.gz"
  fi
  curl -fsSL --retry 5 -o "$workdir/wordpress.tar.gz" "https://wordpress.org/$archive"
  tar -xzf "$workdir/wordpress.tar.gz" -C "$workdir"
  lock_shared_setup
  if [ ! -d "$CONTENT_DIR/themes" ]; then
    cp -R "$workdir/wordpress/wp-content/." "$CONTENT_DIR/"
    chown -R apache:apache "$CONTENT_DIR"
  fi
  unlock_shared_setup
  if [ ! -f "$DOC_ROOT/wp-includes/version.php" ]; then
    rm -rf "$workdir/wordpress/wp-content"
    cp -R "$workdir/wordpress/." "$DOC_ROOT/"
  fi
  rm -rf "$workdir"
}

# Generated once per site, not per instance: sessions must stay valid on every instance.
ensure_salts() {
  local salts_file="$SHARED_PRIVATE_DIR/salts.php" tmp key
  lock_shared_setup
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
  unlock_shared_setup
}

write_wp_config() {
  local tmp
  tmp=$(mktemp "$DOC_ROOT/wp-config.php.XXXXXX")
  {
    echo '<?php'
    echo '// Written by the instance user data at every boot; edits here are lost.'
    printf "define('DB_NAME', '%s');\n" "$DB_NAME"
    printf "define('DB_HOST', '%s');\n" "$DB_HOST"
    printf "\$wordpress_db = json_decode(file_get_contents('%s'), true);\n" "$CREDENTIALS_FILE"
    cat <<'PHP'
define('DB_USER', $wordpress_db['username']);
define('DB_PASSWORD', $wordpress_db['password']);
define('DB_CHARSET', 'utf8mb4');
define('DB_COLLATE', '');
// RDS for MySQL 8.4 requires TLS by default.
define('MYSQL_CLIENT_FLAGS', MYSQLI_CLIENT_SSL);
require __DIR__ . '/wp-content/.private/salts.php';
$table_prefix = 'wp_';
// The load balancer terminates TLS; trust its header so WordPress builds https links.
if (isset($_SERVER['HTTP_X_FORWARDED_PROTO']) && $_SERVER['HTTP_X_FORWARDED_PROTO'] === 'https') {
    $_SERVER['HTTPS'] = 'on';
}
define('FS_METHOD', 'direct');
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

configure_apache() {
  cat >/etc/httpd/conf.d/wordpress.conf <<'CONF'
<Directory "/var/www/html">
    AllowOverride All
</Directory>
<Directory "/var/www/html/wp-content/.private">
    Require all denied
</Directory>
<Files ".setup.lock">
    Require all denied
</Files>
CONF
  systemctl enable php-fpm httpd
  systemctl restart php-fpm httpd
}

# RDS rotates the managed secret; a timer rewrites the credentials file every five minutes.
install_credentials_timer() {
  local self
  self=$(readlink -f "$0")
  if [ "$self" != "$INSTALLED_SCRIPT" ]; then
    install -m 0700 "$self" "$INSTALLED_SCRIPT"
  fi
  cat >/etc/systemd/system/wordpress-db-credentials.service <<UNIT
[Unit]
Description=Refresh the WordPress database credentials from Secrets Manager

[Service]
Type=oneshot
ExecStart=$INSTALLED_SCRIPT refresh-credentials
UNIT
  cat >/etc/systemd/system/wordpress-db-credentials.timer <<'UNIT'
[Unit]
Description=Refresh the WordPress database credentials every five minutes

[Timer]
OnBootSec=5min
OnUnitActiveSec=5min

[Install]
WantedBy=timers.target
UNIT
  systemctl daemon-reload
  systemctl enable --now wordpress-db-credentials.timer
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
  if [ "${1:-}" = refresh-credentials ]; then
    write_db_credentials
    return 0
  fi
  log "starting"
  install_packages
  mount_content_dir
  install_wordpress
  ensure_salts
  write_db_credentials
  write_wp_config
  configure_apache
  install_credentials_timer
  configure_cloudwatch_agent
  log "done"
}

main "$@"
