#!/usr/bin/env bash
# The original's example ring: 7 peers in ONE Node process, with a REPL.
# PING_INTERVAL (seconds, default 30) and RINGDHT_BASE_PORT (default 12000) come from the environment;
# extra arguments are passed on (e.g. ./init.sh --json). Works from any directory.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# The ring's peers share libuv's thread pool for their disk flushes: one store of R = 3 copies issues six fsyncs at once,
# and the default 4 threads queue them (bench/README.md "Where one store's time goes"). Read when node starts.
export UV_THREADPOOL_SIZE="${UV_THREADPOOL_SIZE:-16}"
exec node "$here/bin/ringdht.mjs" ring 2:4,5 4:5,8 5:8,9 8:9,14 9:14,19 14:19,2 19:2,4 \
  --ping-interval "${PING_INTERVAL:-30}" "$@"
