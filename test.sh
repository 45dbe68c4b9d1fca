#!/usr/bin/env bash
# Runs the whole test suite on a fresh machine: installs PostgreSQL 15 when it is missing
# (the PostgreSQL tests start their own throwaway cluster), then builds and tests Engine.sln.
# Extra arguments go to `dotnet test`, e.g. ./test.sh --filter FullyQualifiedName~Hocon
set -euo pipefail
cd "$(dirname "$0")"

pg_bin=/usr/lib/postgresql/15/bin
if [ ! -x "$pg_bin/pg_ctl" ]; then
  echo "test.sh: PostgreSQL 15 not found under $pg_bin; installing it (apt-get install postgresql)."
  if [ "$(id -u)" -ne 0 ]; then sudo=sudo; else sudo=; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql >/dev/null
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT
set +e
dotnet test Engine.sln -c Release "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
# One closing line over all test assemblies, in the plain form CI reads.
awk '/^(Passed|Failed)!/ { for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) } }
     END { gsub(",", "", f); printf "%d passed, %d failed, %d skipped\n", p, f, s }' "$log"
exit "$status"
