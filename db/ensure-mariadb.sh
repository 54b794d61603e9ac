#!/usr/bin/env bash
# Make sure a MariaDB answers at DATABASE_URL. If nothing answers on this machine and MariaDB is
# installed, start a private server for the project under .data/ (no root set-up needed).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
manage() { (cd backend && "../$PY" -m app.manage "$@"); }

manage ping && exit 0

read -r host port < <(cd backend && "../$PY" -c 'from app.config import get_settings as g; d=g().db; print(d.host, d.port)')
case "$host" in 127.0.0.1|localhost|::1) ;; *)
  echo "MariaDB at $host:$port does not answer; start it, or point DATABASE_URL at one that does." >&2
  exit 1;;
esac

if [ ! -x /usr/sbin/mariadbd ]; then
  cat >&2 <<MSG
No MariaDB answers at $host:$port and none is installed. Either:
  - install it:        sudo apt-get install mariadb-server   (then run this again), or
  - run it in Docker:  docker compose up -d db
                       and set DATABASE_URL=mysql://parley:parley@127.0.0.1:3306/parley
MSG
  exit 1
fi

data="$PWD/.data/mariadb"
if [ ! -d "$data/mysql" ]; then
  echo "Creating a private MariaDB in .data/mariadb ..."
  mkdir -p "$data"
  mariadb-install-db --no-defaults --datadir="$data" --user="$(id -un)" \
    --auth-root-authentication-method=normal --skip-test-db >/dev/null
fi
echo "Starting a private MariaDB on $host:$port (data in .data/mariadb, log in .data/mariadb.log) ..."
nohup /usr/sbin/mariadbd --no-defaults --datadir="$data" --port="$port" --bind-address=127.0.0.1 \
  --socket="$PWD/.data/mariadb.sock" --pid-file="$PWD/.data/mariadb.pid" --user="$(id -un)" \
  --skip-name-resolve >"$PWD/.data/mariadb.log" 2>&1 &
for _ in $(seq 1 60); do
  manage ping && exit 0
  sleep 0.5
done
echo "The private MariaDB did not start; see .data/mariadb.log" >&2
exit 1
