#!/usr/bin/env bash
# docker-compose.yml checked without a Docker engine (issue 15): PyPI's docker-compose 1.29
# in a virtualenv of its own (.ci/.compose-venv) validates and interpolates the file in both
# auth modes, and refuses it when a mandatory secret is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=.ci/.compose-venv
if [ ! -x "$venv/bin/docker-compose" ]; then
  python3 -m venv "$venv"
  # docker-compose 1.29.2 needs PyYAML < 6, which has no wheel for current Pythons and does
  # not build with Cython 3: build it with Cython 2 first.
  "$venv/bin/pip" install -q "cython<3" wheel setuptools
  "$venv/bin/pip" install -q --no-build-isolation "pyyaml==5.4.1"
  "$venv/bin/pip" install -q "docker-compose==1.29.2"
fi
empty=$(mktemp)
trap 'rm -f "$empty"' EXIT
compose() { env -i PATH="$PATH" "$@" "$venv/bin/docker-compose" -f docker-compose.yml --project-directory . --env-file "$empty" config -q; }
secrets=(INVITATION_TOKEN_SECRET=0123456789abcdef0123456789abcdef TEMPORAL_CODEC_KEYS=k1:MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=)
compose "${secrets[@]}" AUTH_HS256_SECRET=0123456789abcdef0123456789abcdef
echo "AUTH_MODE=local: accepted"
compose "${secrets[@]}" AUTH_MODE=oidc AUTH_ISSUER=https://id.example.com AUTH_JWKS_URL=https://id.example.com/jwks
echo "AUTH_MODE=oidc (no HS256 secret): accepted"
if compose >/dev/null 2>&1; then
  echo "accepted without INVITATION_TOKEN_SECRET and TEMPORAL_CODEC_KEYS" >&2
  exit 1
fi
echo "missing secrets: refused"
