#!/usr/bin/env bash
# `npm run setup`: installs every system package the tests need, on a fresh Debian machine
# that has only Node.js and Terraform. The README's first command and .ci/run both call it,
# so the newcomer's path and CI cannot drift apart. Safe to run again: it installs only what
# is missing, and prints what it did.
set -euo pipefail

# package: why the tests need it
readonly PACKAGES=(
  shellcheck   # lints the rendered user data
  graphviz     # `dot` renders the architecture diagram
  time         # GNU time: peak memory in `npm run bench`
  wordpress    # WordPress core for the boot test's stand-in of wordpress.org
  wordpress-theme-twentytwentythree # WordPress 6.1's default theme, which Debian packages apart from core
  mariadb-server # the boot test's database
  apache2      # the boot test's web server, as httpd on Amazon Linux 2023
  php8.2-fpm   # PHP-FPM behind Apache, as Amazon Linux 2023 runs PHP
  php8.2-cli   # the boot script's PHP helper
  php8.2-mysql # mysqli for WordPress (Amazon Linux's php-mysqlnd)
  php8.2-gd php8.2-intl php8.2-mbstring php8.2-xml php8.2-zip php8.2-curl # the optional extensions the boot installs
  chromium     # the boot test's browser, driven by playwright-core (never downloaded by npm)
  uidmap       # newuidmap/newgidmap: the boot test's namespaces for a user who is not root
  util-linux   # unshare, nsenter, flock, mountpoint for the boot test
  iproute2     # ip: loopback and the metadata address in the boot test's network namespace
  passwd       # useradd: the boot test's dnf stand-in creates the apache user
  openssl      # the user data generates salts and passwords with it
  curl         # the user data downloads with it
)

missing=()
for package in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$package")
  fi
done

if [ "${#missing[@]}" -eq 0 ]; then
  echo "setup: every system package is installed (${PACKAGES[*]})"
  exit 0
fi

sudo=()
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null 2>&1 || {
    echo "setup: installing ${missing[*]} needs root; run 'sudo npm run setup'" >&2
    exit 1
  }
  sudo=(sudo)
fi
echo "setup: installing ${missing[*]}"
"${sudo[@]}" apt-get update -qq
# Debian's mariadb-server, apache2 and php8.2-fpm would start system-wide servers (apache2 on
# port 80); the boot test starts its own. A policy-rc.d that answers 101 stops invoke-rc.d from
# starting any during the install; it is removed afterwards only if this script created it.
readonly POLICY=/usr/sbin/policy-rc.d
created_policy=''
if [ ! -e "$POLICY" ]; then
  printf '#!/bin/sh\nexit 101\n' | "${sudo[@]}" tee "$POLICY" >/dev/null
  "${sudo[@]}" chmod 0755 "$POLICY"
  created_policy=yes
fi
status=0
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null || status=$?
[ -z "$created_policy" ] || "${sudo[@]}" rm -f "$POLICY"
[ "$status" -eq 0 ] || exit "$status"
echo "setup: installed ${missing[*]}"
