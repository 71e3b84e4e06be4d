#!/usr/bin/env bash
# Serve the dashboard to a crowd: K Streamlit worker processes on loopback ports behind nginx, each
# browser tab stuck to one worker by a cookie (Streamlit keeps a session in one process's memory).
#
#   scripts/serve.sh [--workers K] [--port P] [--address A] [--run-dir D]
#
# K defaults to the number of cores (one Streamlit process uses one core). nginx listens on A:P
# (default 0.0.0.0:8080) and runs in the foreground with D as its prefix (config rendered from
# deploy/nginx.conf.template, logs, temp files, pids); D defaults to a new temporary directory.
# The script stays in the foreground; Ctrl-C or SIGTERM stops nginx and every worker. When one of
# them dies the others are stopped too and the script exits 1, so a supervisor can restart the lot.
set -euo pipefail
cd "$(dirname "$0")/.."

workers="$(nproc)"
port=8080
address=0.0.0.0
run_dir=""
while [ $# -gt 0 ]; do
  case "$1" in
    --workers) workers="$2"; shift 2 ;;
    --port) port="$2"; shift 2 ;;
    --address) address="$2"; shift 2 ;;
    --run-dir) run_dir="$2"; shift 2 ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
  esac
done
case "$workers" in ''|*[!0-9]*|0) echo "--workers must be a positive whole number, not '$workers'" >&2; exit 2 ;; esac

nginx_bin="$(command -v nginx || true)"
[ -z "$nginx_bin" ] && [ -x /usr/sbin/nginx ] && nginx_bin=/usr/sbin/nginx
if [ -z "$nginx_bin" ]; then
  echo "nginx is not installed (Debian: apt-get install nginx)" >&2
  exit 2
fi

run_dir="${run_dir:-$(mktemp -d -t serve-XXXXXX)}"
mkdir -p "$run_dir/temp"
run_dir="$(cd "$run_dir" && pwd)"
rm -f "$run_dir/ready" "$run_dir/pids"

# K free loopback ports, asked of the kernel all at once so that no two are the same.
ports="$(python - "$workers" <<'PY'
import socket
import sys

probes = [socket.socket() for _ in range(int(sys.argv[1]))]
for probe in probes:
    probe.bind(("127.0.0.1", 0))
print(" ".join(str(probe.getsockname()[1]) for probe in probes))
PY
)"

pids=()
stop() {
  trap - EXIT INT TERM
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap stop EXIT
trap 'exit 0' INT TERM

upstreams=""
for worker_port in $ports; do
  python deploy/streamlit_worker.py run app.py --server.port="$worker_port" --server.address=127.0.0.1 \
    >"$run_dir/worker-$worker_port.log" 2>&1 &
  pids+=("$!")
  upstreams+="        server 127.0.0.1:$worker_port max_fails=0;"$'\n'
done

sed -e "s|@RUN_DIR@|$run_dir|g" -e "s|@ADDRESS@|$address|g" -e "s|@PORT@|$port|g" \
  deploy/nginx.conf.template | awk -v servers="$upstreams" '/@UPSTREAMS@/ { printf "%s", servers; next } { print }' \
  >"$run_dir/nginx.conf"
"$nginx_bin" -t -q -e "$run_dir/nginx-error.log" -p "$run_dir" -c "$run_dir/nginx.conf"
"$nginx_bin" -e "$run_dir/nginx-error.log" -p "$run_dir" -c "$run_dir/nginx.conf" -g "daemon off;" &
pids+=("$!")
printf '%s\n' "${pids[@]}" >"$run_dir/pids"

# Ready when every worker answers its health check.
for worker_port in $ports; do
  for _ in $(seq 1 240); do
    if python -c "import urllib.request, sys; urllib.request.urlopen(sys.argv[1], timeout=2)" \
      "http://127.0.0.1:$worker_port/_stcore/health" 2>/dev/null; then
      break
    fi
    for pid in "${pids[@]}"; do
      kill -0 "$pid" 2>/dev/null || { echo "a process stopped while starting; logs in $run_dir" >&2; exit 1; }
    done
    sleep 0.5
  done
done
touch "$run_dir/ready"
echo "serving on http://$address:$port with $workers workers (ports $ports); logs in $run_dir"

# Stay up while all of them are; one dying stops the rest.
wait -n "${pids[@]}" || true
echo "a worker or nginx stopped; stopping the others (logs in $run_dir)" >&2
exit 1
