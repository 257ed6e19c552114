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
  mariadb-server # the boot test's database
  php-cli      # serves WordPress in the boot test (php -S)
  php-mysql    # mysqli for WordPress
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
# Debian's mariadb-server would start a system-wide server; the boot test starts its own.
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "setup: installed ${missing[*]}"
