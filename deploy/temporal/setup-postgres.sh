#!/usr/bin/env sh
# Temporal's schema on PostgreSQL (the default store and SQL visibility), idempotent: run
# it again, or after an interrupted run, and it brings both databases to the server's
# version. The compose `temporal-schema` job runs it in temporalio/admin-tools; `npm run
# test:topology` runs this very script with the schema tool built from the server module.
# Env: POSTGRES_HOST, POSTGRES_PORT, POSTGRES_USER, POSTGRES_PWD, TEMPORAL_DB,
# TEMPORAL_VISIBILITY_DB, SCHEMA_DIR (default /etc/temporal/schema), SQL_TOOL.
set -eu
tool="${SQL_TOOL:-temporal-sql-tool}"
schema="${SCHEMA_DIR:-/etc/temporal/schema}/postgresql/v12"
for pair in "${TEMPORAL_DB:-temporal}:temporal" "${TEMPORAL_VISIBILITY_DB:-temporal_visibility}:visibility"; do
  db="${pair%%:*}"
  kind="${pair#*:}"
  sql() { "$tool" --plugin postgres12 --ep "${POSTGRES_HOST:-postgres}" -p "${POSTGRES_PORT:-5432}" -u "$POSTGRES_USER" --pw "$POSTGRES_PWD" --db "$db" "$@"; }
  # Fails (harmlessly) when the database exists; the tool's exit status does not say which.
  sql create-database >/dev/null 2>&1 || true
  # Version tables IF NOT EXISTS; leaves a schema already past 0.0 alone.
  sql setup-schema -v 0.0
  sql update-schema -d "$schema/$kind/versioned"
  echo "$db: $kind schema up to date"
done
