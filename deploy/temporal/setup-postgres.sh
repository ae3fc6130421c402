#!/usr/bin/env sh
# Temporal's schema on PostgreSQL (default and SQL visibility stores), idempotent. The
# compose `temporal-schema` job runs it in temporalio/admin-tools; `npm run
# test:topology` runs the very same script with the schema tool built from the module.
# Env: POSTGRES_HOST, POSTGRES_PORT, POSTGRES_USER, POSTGRES_PWD, TEMPORAL_DB,
# TEMPORAL_VISIBILITY_DB, SCHEMA_DIR (default /etc/temporal/schema), SQL_TOOL.
set -eu
tool="${SQL_TOOL:-temporal-sql-tool}"
schema="${SCHEMA_DIR:-/etc/temporal/schema}/postgresql/v12"
for pair in "${TEMPORAL_DB:-temporal}:temporal" "${TEMPORAL_VISIBILITY_DB:-temporal_visibility}:visibility"; do
  db="${pair%%:*}"; kind="${pair#*:}"
  sql() { "$tool" --plugin postgres12 --ep "${POSTGRES_HOST:-postgres}" -p "${POSTGRES_PORT:-5432}" -u "$POSTGRES_USER" --pw "$POSTGRES_PWD" --db "$db" "$@"; }
  if sql create-database >/dev/null 2>&1; then
    echo "$db: created"
    sql setup-schema -v 0.0
  else
    echo "$db: exists"
  fi
  sql update-schema -d "$schema/$kind/versioned"
done
