#!/usr/bin/env bash
# Builds the real Temporal server (not the dev server) and its SQL schema tool from the Go
# module proxy into .tools/temporal-server-<version>/, with the module's schema files and
# configuration templates next to them. A second run finds them and skips the build
# (about 4 minutes on 2 cores). Used by `npm run test:topology`; the versions are the ones
# docker-compose.yml runs (see deploy/versions.env).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
# shellcheck disable=SC1091
source "$root/deploy/versions.env"
version="v${TEMPORAL_SERVER_VERSION}"
dest="$root/.tools/temporal-server-$version"
if [[ -x "$dest/temporal-server" && -x "$dest/temporal-sql-tool" && -d "$dest/schema/postgresql" ]]; then
  echo "$dest"
  exit 0
fi
mkdir -p "$root/.tools"
exec 9>"$root/.tools/temporal-server.lock"
flock 9 # two runs at once: the second waits, then finds the first one's build
if [[ -x "$dest/temporal-server" && -x "$dest/temporal-sql-tool" && -d "$dest/schema/postgresql" ]]; then
  echo "$dest"
  exit 0
fi
tmp="$(mktemp -d "$root/.tools/temporal-server-build.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
started=$(date +%s)
echo "building Temporal server $version from the Go module proxy (a few minutes)..." >&2
GOTOOLCHAIN="${TEMPORAL_SERVER_GOTOOLCHAIN}" GOBIN="$tmp" GOFLAGS=-mod=mod \
  go install "go.temporal.io/server/cmd/server@$version" "go.temporal.io/server/cmd/tools/sql@$version" >&2
module="$(GOTOOLCHAIN="${TEMPORAL_SERVER_GOTOOLCHAIN}" go env GOMODCACHE)/go.temporal.io/server@$version"
mv "$tmp/server" "$tmp/temporal-server"
mv "$tmp/sql" "$tmp/temporal-sql-tool"
cp -r "$module/schema" "$tmp/schema"
cp -r "$module/config" "$tmp/config"
chmod -R u+w "$tmp"
rm -rf "$dest"
mv "$tmp" "$dest"
trap - EXIT
echo "built in $(( $(date +%s) - started )) s" >&2
echo "$dest"
