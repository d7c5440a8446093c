#!/usr/bin/env bash
# Installs code-server 4.99.4 (VS Code 1.99.3 served to a browser) from the npm registry, outside the
# repository, so that the end-to-end suite can run the packaged extension in a real VS Code workbench.
# Idempotent: when the target already holds a working code-server of this version it only says so.
#
#   usage: scripts/e2e/install-code-server.sh [DEST]
#   DEST defaults to $CFN_LENS_CODE_SERVER_DIR, then to $HOME/.cache/cfn-network-lens/code-server.
#   Afterwards the binary is DEST/node_modules/.bin/code-server.
#
# Why the workarounds (each one was a failed install on a machine that reaches only npm and apt):
#   * 4.99.4 is the newest code-server whose postinstall accepts Node 20 (4.100+ want 22 or 24).
#   * Its postinstall builds native modules with node-gyp; kerberos needs the gssapi headers (apt libkrb5-dev).
#   * @vscode/ripgrep's postinstall downloads rg from GitHub, which is unreachable; it looks in a cache
#     under os.tmpdir() first, so Debian's rg (apt ripgrep, 13.0.0) is packed into that cache beforehand.
#   * node-pty's postinstall runs `npx node-gyp`, and this machine's npmrc says yes=false (npm_config_yes=true).
#   * The postinstall refuses to run as root unless npm_config_unsafe_perm=true is in the environment.
set -euo pipefail

CODE_SERVER_VERSION=4.99.4
# The @vscode/ripgrep version that code-server 4.99.4's lib/vscode/npm-shrinkwrap.json pins, and the
# release asset name it looks for in its cache.
RIPGREP_NPM_VERSION=1.15.11
RIPGREP_ASSET=ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz

DEST=${1:-${CFN_LENS_CODE_SERVER_DIR:-$HOME/.cache/cfn-network-lens/code-server}}
BIN="$DEST/node_modules/.bin/code-server"

# code-server writes a default config.yaml even for --version; keep it inside DEST, not in $HOME.
export XDG_CONFIG_HOME="$DEST/.xdg-config" XDG_DATA_HOME="$DEST/.xdg-data"

installed_version() {
  [ -x "$BIN" ] || return 1
  # The first run also prints a "Wrote default config file" log line, so pick the version line itself.
  timeout 60 "$BIN" --version 2>/dev/null | grep -m 1 -oE '^[0-9]+\.[0-9]+\.[0-9]+' || true
}

if [ "$(installed_version || true)" = "$CODE_SERVER_VERSION" ]; then
  echo "code-server $CODE_SERVER_VERSION is already installed in $DEST"
  exit 0
fi

missing=()
dpkg -s libkrb5-dev >/dev/null 2>&1 || missing+=(libkrb5-dev)
command -v rg >/dev/null 2>&1 || missing+=(ripgrep)
if [ ${#missing[@]} -gt 0 ]; then
  echo "apt: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  timeout 300 apt-get update -qq
  timeout 600 apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

ripgrep_cache="$(node -p 'require("os").tmpdir()')/vscode-ripgrep-cache-$RIPGREP_NPM_VERSION"
if [ ! -s "$ripgrep_cache/$RIPGREP_ASSET" ]; then
  staging=$(mktemp -d)
  cp "$(command -v rg)" "$staging/rg"
  mkdir -p "$ripgrep_cache"
  # Write under a temporary name and rename, so that an interrupted run never leaves a truncated archive.
  tar czf "$ripgrep_cache/$RIPGREP_ASSET.partial" -C "$staging" rg
  mv "$ripgrep_cache/$RIPGREP_ASSET.partial" "$ripgrep_cache/$RIPGREP_ASSET"
  rm -rf "$staging"
fi

mkdir -p "$DEST"
# A failed npm install rolls the prefix back, so a retry starts clean; the whole install is bounded.
npm_config_yes=true npm_config_unsafe_perm=true \
  timeout 900 npm install --prefix "$DEST" --no-audit --no-fund --no-save --loglevel=error \
  "code-server@$CODE_SERVER_VERSION"

version=$(installed_version || true)
if [ "$version" != "$CODE_SERVER_VERSION" ]; then
  echo "code-server was installed in $DEST but '$BIN --version' says '${version:-nothing}'" >&2
  exit 1
fi
echo "code-server $version installed in $DEST"
