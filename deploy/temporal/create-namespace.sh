#!/usr/bin/env sh
# The services' Temporal namespace, created once the server answers; idempotent. The
# compose `temporal-namespace` job runs it in temporalio/admin-tools; `npm run
# test:topology` runs this very script with the development CLI (.tools/temporal).
# The custom search attributes are registered by the worker at start
# (libs/temporal/search-attributes.ts), from the one list in the code.
# Env: TEMPORAL_ADDRESS, NAMESPACE (default "default"), RETENTION (default 30d), TEMPORAL_CLI.
set -eu
cli="${TEMPORAL_CLI:-temporal}"
ns="${NAMESPACE:-default}"
tries=0
until "$cli" operator cluster health >/dev/null 2>&1; do
  tries=$((tries + 1))
  if [ "$tries" -ge 150 ]; then echo "Temporal at ${TEMPORAL_ADDRESS:-127.0.0.1:7233} did not answer within 5 minutes" >&2; exit 1; fi
  sleep 2
done
if "$cli" operator namespace describe --namespace "$ns" >/dev/null 2>&1; then
  echo "namespace $ns: exists"
else
  "$cli" operator namespace create --namespace "$ns" --retention "${RETENTION:-30d}"
fi
# The frontend learns of a new namespace within seconds; done when it serves requests in it.
tries=0
until "$cli" workflow count --namespace "$ns" >/dev/null 2>&1; do
  tries=$((tries + 1))
  if [ "$tries" -ge 60 ]; then echo "namespace $ns is not served after 60 s" >&2; exit 1; fi
  sleep 1
done
echo "namespace $ns: ready"
