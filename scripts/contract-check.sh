#!/usr/bin/env bash
# The OpenAPI contract, checked against the running service (issue 11):
#   1. `npm start` (its script, after the build) on ports of its own, fresh .data, with the token it prints;
#   2. @redocly/cli lint of /docs-json: 0 errors;
#   3. schemathesis (PyPI, in a virtualenv this script creates under .ci/.venv) against the
#      running API with a valid token: server errors, response schema, status codes and
#      content types conform: 0 failures.
set -euo pipefail
cd "$(dirname "$0")/.."
export HTTP_PORT=${CONTRACT_HTTP_PORT:-3320} TEMPORAL_PORT=7320 TEMPORAL_UI_PORT=8320 SMTP_PORT=1320 MAIL_UI_PORT=1420 OIDC_PORT=4320 WORKER_METRICS_PORT=9420
REDOCLY_VERSION=2.77.0
SCHEMATHESIS_VERSION=4.32.5
venv=.ci/.venv
report=${CONTRACT_REPORT_DIR:-$(mktemp -d)}

if [ ! -x "$venv/bin/st" ] || ! "$venv/bin/st" --version | grep -q "$SCHEMATHESIS_VERSION"; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q "schemathesis==$SCHEMATHESIS_VERSION"
fi

data_backup=""
if [ -d .data ]; then data_backup=$(mktemp -d); mv .data "$data_backup/"; fi
log=$(mktemp)
npm run build --silent
node dist/scripts/start.js >"$log" 2>&1 &
pid=$!
cleanup() {
  kill -INT "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  rm -rf .data
  if [ -n "$data_backup" ]; then mv "$data_backup/.data" .; fi
}
trap cleanup EXIT
for _ in $(seq 1 240); do grep -q "is up" "$log" && break; kill -0 "$pid" 2>/dev/null || { cat "$log"; exit 1; }; sleep 1; done
grep -q "is up" "$log" || { cat "$log"; echo "npm start did not come up"; exit 1; }
TOKEN=$(grep "export TOKEN=" "$log" | sed 's/.*TOKEN=//')
API=http://127.0.0.1:$HTTP_PORT
curl -sf "$API/docs-json" >"$report/openapi.json"

status=0
echo "== redocly lint"
npx --yes "@redocly/cli@$REDOCLY_VERSION" lint --format=summary "$report/openapi.json" 2>&1 | tee "$report/redocly.txt" || status=1

echo "== schemathesis"
"$venv/bin/st" run "$API/docs-json" \
  --header "Authorization: Bearer $TOKEN" \
  --checks not_a_server_error,response_schema_conformance,status_code_conformance,content_type_conformance,response_headers_conformance \
  --max-examples "${SCHEMATHESIS_EXAMPLES:-10}" --seed 11 --workers 1 --max-redirects 0 --no-color \
  --report junit --report-dir "$report" 2>&1 | tee "$report/schemathesis.txt" | tail -60 || status=1
echo "contract: reports in $report"
exit $status
