# Sourced by the bench scripts: builds ualetters into a temporary folder and
# starts it on 127.0.0.1:$port with the given serve flags; stops it and
# removes the folder when the script exits. Sets tmp (the folder) and pid
# (the server's process).
#
#   . bench/server.sh
#   start_server load.sh ${SERVE_FLAGS:-}

tmp=$(mktemp -d)
pid=
stop_server() {
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid"
    wait "$pid" || true
  fi
  rm -rf "$tmp"
}
trap stop_server EXIT

# start_server NAME [FLAGS...]: NAME is the calling script, for messages.
start_server() {
  local name=$1
  shift
  command -v wrk >/dev/null || { echo "$name: wrk missing (apt-get install -y wrk)" >&2; exit 2; }
  go build -o "$tmp/ualetters" ./cmd/ualetters
  UALETTERS_LOG_LEVEL=warn "$tmp/ualetters" serve --addr "127.0.0.1:$port" "$@" 2>"$tmp/server.log" &
  pid=$!
  for _ in $(seq 100); do
    curl -sf "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  echo "$name: server did not start" >&2
  cat "$tmp/server.log" >&2
  exit 1
}
