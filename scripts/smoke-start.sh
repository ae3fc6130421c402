#!/usr/bin/env bash
# Checks the newcomer's path: `npm start` comes up healthy on a fresh .data, the printed
# token works, a workspace can be created and an organisation invited through a workflow
# that the Temporal server lists by its search attribute; Ctrl-C stops everything.
# Runs on other ports than the defaults so it does not collide with a running `npm start`.
set -euo pipefail
cd "$(dirname "$0")/.."
export HTTP_PORT=3310 TEMPORAL_PORT=7310 TEMPORAL_UI_PORT=8310 SMTP_PORT=1310 MAIL_UI_PORT=1410 OIDC_PORT=4310 WORKER_METRICS_PORT=9410
data_backup=""
if [ -d .data ]; then data_backup=$(mktemp -d); mv .data "$data_backup/"; fi
log=$(mktemp)
npm start >"$log" 2>&1 &
pid=$!
trap 'echo "smoke: failed at line $LINENO"' ERR
cleanup() {
  pkill -INT -f '^node dist/scripts/start.js' 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  rm -rf .data
  if [ -n "$data_backup" ]; then mv "$data_backup/.data" .; fi
}
trap cleanup EXIT
for _ in $(seq 1 180); do grep -q "is up" "$log" && break; kill -0 "$pid" 2>/dev/null || { cat "$log"; exit 1; }; sleep 1; done
grep -q "is up" "$log" || { cat "$log"; echo "npm start did not come up"; exit 1; }
grep "is up" "$log"
TOKEN=$(grep "export TOKEN=" "$log" | sed 's/.*TOKEN=//')
GLOBEX=$(grep "export GLOBEX=" "$log" | sed 's/.*GLOBEX=\([^ ]*\).*/\1/')
API=http://127.0.0.1:$HTTP_PORT
curl -sf "$API/health" >/dev/null
WS=$(curl -sf -H "Authorization: Bearer $TOKEN" -H 'content-type: application/json' -d '{"name":"Smoke"}' "$API/workspaces" | node -pe 'JSON.parse(require("fs").readFileSync(0)).id')
OP=$(curl -sf -H "Authorization: Bearer $TOKEN" -H 'content-type: application/json' \
  -d "{\"organisationId\":\"$GLOBEX\",\"types\":[\"DataPartner\"],\"projectAccess\":{\"mode\":\"full\"}}" "$API/workspaces/$WS/collaborators" | node -pe 'JSON.parse(require("fs").readFileSync(0)).operationId')
for _ in $(seq 1 50); do
  status=$(curl -sf -H "Authorization: Bearer $TOKEN" "$API/operations/$OP" | node -pe 'JSON.parse(require("fs").readFileSync(0)).status')
  [ "$status" != running ] && break; sleep 0.2
done
[ "$status" = succeeded ] || { echo "operation ended $status"; exit 1; }
TEMPORAL_VERSION_CHECK_DISABLED=1 "${TEMPORAL_CLI:-.tools/temporal}" workflow list --address 127.0.0.1:$TEMPORAL_PORT --query "CollabWorkspaceId='$WS'" | grep -q "$OP"
curl -sf -o /dev/null "http://127.0.0.1:$TEMPORAL_UI_PORT/" && curl -sf -o /dev/null -H 'Accept: text/html' "http://127.0.0.1:$MAIL_UI_PORT/"  # MailDev serves its page to browsers
echo "smoke: npm start healthy, workflow $OP succeeded and is listed by CollabWorkspaceId"
