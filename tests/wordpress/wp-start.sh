#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Starts throw-away WordPress 6.1 sites from Debian's packages on 127.0.0.1
# for the end-to-end tests and benchmarks.
#
#   tests/wordpress/wp-start.sh STATE_DIR [--sites ru,en,ar] [--no-plugin]
#
# Everything lives in STATE_DIR; nothing global changes (no /etc/wordpress
# file, no system MariaDB or Apache):
#   mysql/            one private MariaDB (socket only, --skip-networking),
#                     one database per site (nd_ru, nd_en, ...)
#   sites/LANG/wp/    the site's tree: links to /usr/share/wordpress, its own
#                     wp-config.php (from wp-config.php.in) and wp-content/
#                     (uploads, mu-plugins)
#   sites/LANG/url, credentials.json, *.log
#   pids              what wp-stop.sh stops: "NAME PID", each PID leading a
#                     process group of its own
#   sites.json        [{"lang", "url", "user", "app_password", "other_user",
#                     "other_app_password", "password", "other_password",
#                     "plugin", "pids"}, ...]
# A STATE_DIR used before is reused: the databases, users and application
# passwords stay, the ports are new. --no-plugin starts the sites without the
# Newsdesk mu-plugin (newsdesk-sync.php), so the client's fallback can be
# tested. Prints one line per site: LANG URL.
#
# Environment: NEWSDESK_WP_WORKERS, PHP server processes per site (default 2).
#
# Exits 0 when every site answers /wp-json/, 2 on bad usage, 3 when a needed
# package is missing, 1 on any other failure (after stopping what it started).

set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
wp_root=/usr/share/wordpress

usage ()
{
  echo "usage: $0 STATE_DIR [--sites ru,en,ar] [--no-plugin]" >&2
  exit 2
}

log ()
{
  printf 'wp-start.sh: %s\n' "$*" >&2
}

[ $# -ge 1 ] || usage
state="$1"
shift
site_list=ru,en,ar
plugin=1
while [ $# -gt 0 ]; do
  case "$1" in
    --sites) [ $# -ge 2 ] || usage; site_list="$2"; shift 2 ;;
    --sites=*) site_list="${1#--sites=}"; shift ;;
    --no-plugin) plugin=0; shift ;;
    *) usage ;;
  esac
done
IFS=, read -r -a langs <<<"$site_list"
[ "${#langs[@]}" -gt 0 ] || usage
for lang in "${langs[@]}"; do
  [[ "$lang" =~ ^[a-z]{2,3}$ ]] || { log "not a language code: '$lang'"; exit 2; }
done

for tool in php mariadb-install-db mariadb mariadb-admin curl; do
  command -v "$tool" >/dev/null || { log "$tool is not installed"; exit 3; }
done
mariadbd=/usr/sbin/mariadbd
[ -x "$mariadbd" ] || { log "$mariadbd is not installed"; exit 3; }
[ -f "$wp_root/wp-settings.php" ] || { log "WordPress is not installed in $wp_root"; exit 3; }
php -r 'exit(extension_loaded("mysqli") && extension_loaded("mbstring") ? 0 : 1);' \
  || { log "PHP lacks mysqli or mbstring (php-mysql, php-mbstring)"; exit 3; }

mkdir -p "$state"
state="$(cd "$state" && pwd)"
pids_file="$state/pids"
socket="$state/mysql/mysql.sock"
# A Unix socket path has room for 107 bytes.
[ "${#socket}" -le 100 ] || { log "STATE_DIR is too long for a socket path: $state"; exit 2; }

if [ -s "$pids_file" ]; then
  while read -r _ pid; do
    if kill -0 "$pid" 2>/dev/null; then
      log "$state is in use (PID $pid is running); run wp-stop.sh first"
      exit 1
    fi
  done <"$pids_file"
fi
: >"$pids_file"

# Whatever fails from here on, nothing started is left running.
started=0
on_exit ()
{
  local rc=$?
  if [ "$rc" -ne 0 ] && [ "$started" = 1 ]; then
    log "failed; stopping what was started"
    "$here/wp-stop.sh" "$state" >&2 || true
  fi
  exit "$rc"
}
trap on_exit EXIT
trap 'exit 130' INT TERM

now () { date +%s.%N; }
elapsed () { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }'; }
t0="$(now)"

# Starts "$@" in a session (and so a process group) of its own with no
# terminal and no inherited pipes, and records its PID under NAME. setsid
# execs directly here, as a background job of a script is never a group
# leader, so the PID is the group's id.
spawn ()
{
  local name="$1" logfile="$2"
  shift 2
  setsid "$@" </dev/null >>"$logfile" 2>&1 &
  local pid=$!
  echo "$name $pid" >>"$pids_file"
  started=1
  spawned_pid=$pid
}

sql ()
{
  mariadb --no-defaults --socket="$socket" -uroot --batch -e "$1"
}

# --- MariaDB ---------------------------------------------------------------

mkdir -p "$state/mysql"
if [ ! -d "$state/mysql/data/mysql" ]; then
  rm -rf "$state/mysql/data"
  # root without a password: the server has no TCP port, only this socket in
  # a directory of the tester's own.
  mariadb-install-db --no-defaults --datadir="$state/mysql/data" --user="$(id -un)" \
    --auth-root-authentication-method=normal --skip-test-db \
    >"$state/mysql/install.log" 2>&1 \
    || { cat "$state/mysql/install.log" >&2; log "mariadb-install-db failed"; exit 1; }
fi
rm -f "$socket"
# Durability is of no use to a throw-away database; without the flushes on
# every commit, installing and seeding are several times faster.
spawn mariadb "$state/mysql/server.log" "$mariadbd" --no-defaults \
  --datadir="$state/mysql/data" --socket="$socket" --skip-networking \
  --pid-file="$state/mysql/mariadbd.pid" --user="$(id -un)" \
  --log-error="$state/mysql/server.log" --skip-log-bin \
  --innodb-buffer-pool-size=256M --innodb-flush-log-at-trx-commit=0 \
  --innodb-doublewrite=0 --character-set-server=utf8mb4 \
  --collation-server=utf8mb4_unicode_ci
mariadb_pid=$spawned_pid

for i in $(seq 300); do
  mariadb-admin --no-defaults --socket="$socket" -uroot ping >/dev/null 2>&1 && break
  kill -0 "$mariadb_pid" 2>/dev/null \
    || { tail -20 "$state/mysql/server.log" >&2; log "MariaDB exited"; exit 1; }
  [ "$i" -lt 300 ] || { log "MariaDB did not answer in 30 s"; exit 1; }
  sleep 0.1
done
log "MariaDB ready in $(elapsed "$t0") s (PID $mariadb_pid)"

# --- the sites ---------------------------------------------------------------

# A free port on 127.0.0.1, from the kernel.
free_port ()
{
  php -r '$s = stream_socket_server("tcp://127.0.0.1:0"); $n = stream_socket_get_name($s, false); echo substr(strrchr($n, ":"), 1), "\n";'
}

# The site's tree: a link to each entry of Debian's WordPress but
# wp-config.php (the site's own) and wp-content (the site's own directory).
make_tree ()
{
  local site="$1" entry name
  mkdir -p "$site/wp/wp-content/mu-plugins" "$site/wp/wp-content/uploads" \
    "$site/wp/wp-content/plugins" "$site/wp/wp-content/themes"
  for entry in "$wp_root"/* "$wp_root"/.htaccess; do
    name="$(basename "$entry")"
    case "$name" in
      wp-config.php|wp-content|.htaccess|wp-cron.php) continue ;;
    esac
    [ -e "$site/wp/$name" ] || ln -s "$entry" "$site/wp/$name"
  done
  # wp-cron.php loads WordPress only when ABSPATH is not defined yet, and
  # router.php has defined it: the site gets a copy that asks whether
  # WordPress is loaded instead (and keeps defining DOING_CRON first).
  rm -f "$site/wp/wp-cron.php"
  sed -e "s/^if ( ! defined( 'ABSPATH' ) ) {\$/if ( ! function_exists( 'wp_get_ready_cron_jobs' ) ) {/" \
    "$wp_root/wp-cron.php" >"$site/wp/wp-cron.php"
  grep -q "^if ( ! function_exists( 'wp_get_ready_cron_jobs' ) ) {\$" "$site/wp/wp-cron.php" \
    || { log "$wp_root/wp-cron.php is not the one this script knows how to adapt"; exit 1; }
  if [ ! -f "$site/wp/wp-config.php" ]; then
    local salt
    salt="$(php -r 'echo bin2hex(random_bytes(32));')"
    sed -e "s|@DB_NAME@|nd_$lang|" -e "s|@DB_SOCKET@|$socket|" -e "s|@SALT@|$salt|" \
      "$here/wp-config.php.in" >"$site/wp/wp-config.php"
  fi
}

declare -A site_pid site_url
for lang in "${langs[@]}"; do
  ts="$(now)"
  site="$state/sites/$lang"
  make_tree "$site"

  # The mu-plugins: the Newsdesk plugin unless --no-plugin, and always a
  # test-only one that keeps WordPress from sending mail.
  cp "$here/wp-test-site.php" "$site/wp/wp-content/mu-plugins/"
  if [ "$plugin" = 1 ]; then
    cp "$here/newsdesk-sync.php" "$site/wp/wp-content/mu-plugins/"
  else
    rm -f "$site/wp/wp-content/mu-plugins/newsdesk-sync.php"
  fi

  port="$(free_port)"
  echo "http://127.0.0.1:$port" >"$site/url"

  if [ ! -f "$site/credentials.json" ]; then
    sql "CREATE DATABASE IF NOT EXISTS nd_$lang CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
    case "$lang" in
      ru) title="Realist (ru)"; ;;
      en) title="Realist (en)"; ;;
      ar) title="Realist (ar)"; ;;
      *) title="Realist ($lang)"; ;;
    esac
    php "$here/wp-install.php" "$state" "$lang" "$title" >"$site/install.log" 2>&1 \
      || { cat "$site/install.log" >&2; log "installing the '$lang' site failed"; exit 1; }
  fi

  # Several workers, so a slow request (wp-cron.php, an upload) does not
  # hold up the next one.
  spawn "php-$lang" "$site/server.log" env \
    NEWSDESK_WP_ABSPATH="$site/wp" \
    PHP_CLI_SERVER_WORKERS="${NEWSDESK_WP_WORKERS:-2}" \
    php -d display_errors=0 -d log_errors=1 -d error_log="$site/php-errors.log" \
      -d upload_max_filesize=64M -d post_max_size=64M -d memory_limit=512M \
      -S "127.0.0.1:$port" -t "$site/wp" "$here/router.php"
  site_pid[$lang]=$spawned_pid
  site_url[$lang]="http://127.0.0.1:$port"
  log "site '$lang' set up in $(elapsed "$ts") s"
done

for lang in "${langs[@]}"; do
  for i in $(seq 300); do
    code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "${site_url[$lang]}/wp-json/" || true)"
    [ "$code" = 200 ] && break
    if ! kill -0 "${site_pid[$lang]}" 2>/dev/null; then
      tail -20 "$state/sites/$lang/server.log" >&2
      log "the PHP server of '$lang' exited"
      exit 1
    fi
    [ "$i" -lt 300 ] || { log "${site_url[$lang]}/wp-json/ did not answer 200 in 30 s (last: $code)"; exit 1; }
    sleep 0.1
  done
done

# sites.json, written by PHP so that it is valid JSON whatever a password
# holds.
args=()
for lang in "${langs[@]}"; do
  args+=("$lang" "${site_url[$lang]}" "${site_pid[$lang]}")
done
php -r '
  $state = $argv[1]; $plugin = $argv[2] === "1"; $mariadb = (int) $argv[3];
  $out = [];
  for ($i = 4; $i + 2 < $argc; $i += 3) {
    $c = json_decode(file_get_contents("$state/sites/{$argv[$i]}/credentials.json"), true);
    $out[] = [
      "lang" => $argv[$i], "url" => $argv[$i + 1],
      "user" => $c["user"], "app_password" => $c["app_password"],
      "other_user" => $c["other_user"], "other_app_password" => $c["other_app_password"],
      "password" => $c["password"], "other_password" => $c["other_password"],
      "plugin" => $plugin, "pids" => [(int) $argv[$i + 2], $mariadb],
    ];
  }
  file_put_contents("$state/sites.json.tmp", json_encode($out, JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES) . "\n");
' "$state" "$plugin" "$mariadb_pid" "${args[@]}"
chmod 600 "$state/sites.json.tmp"
mv "$state/sites.json.tmp" "$state/sites.json"

for lang in "${langs[@]}"; do
  echo "$lang ${site_url[$lang]}"
done
log "ready in $(elapsed "$t0") s: $state/sites.json"
