#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Stops what tests/wordpress/wp-start.sh STATE_DIR started: each process
# group recorded in STATE_DIR/pids (the PHP servers first, then MariaDB),
# with SIGTERM, then SIGKILL after 20 s. Never looks processes up by name.
# The databases and sites stay in STATE_DIR for the next start; delete the
# directory to throw them away.
#
#   tests/wordpress/wp-stop.sh STATE_DIR
#
# Exits 0 when nothing it recorded is left running.

set -uo pipefail

[ $# -eq 1 ] || { echo "usage: $0 STATE_DIR" >&2; exit 2; }
state="$1"
pids_file="$state/pids"
[ -f "$pids_file" ] || exit 0

log ()
{
  printf 'wp-stop.sh: %s\n' "$*" >&2
}

# True while any process of the group is alive (zombies included, which only
# their parent can reap; they hold no port or file).
group_alive ()
{
  kill -0 -- "-$1" 2>/dev/null
}

# Zombies left in a group count as stopped.
group_running ()
{
  local state_letter
  group_alive "$1" || return 1
  for state_letter in $(ps -o stat= -g "$1" 2>/dev/null); do
    [ "${state_letter:0:1}" = Z ] || return 0
  done
  return 1
}

stop_group ()
{
  local name="$1" pgid="$2"
  group_running "$pgid" || return 0
  kill -TERM -- "-$pgid" 2>/dev/null
  for _ in $(seq 200); do
    group_running "$pgid" || return 0
    sleep 0.1
  done
  log "$name (process group $pgid) ignored SIGTERM for 20 s; killing it"
  kill -KILL -- "-$pgid" 2>/dev/null
  for _ in $(seq 50); do
    group_running "$pgid" || return 0
    sleep 0.1
  done
  log "$name (process group $pgid) is still running"
  return 1
}

rc=0
# The web servers before the database, so no request finds it gone.
while read -r name pid; do
  [ "$name" = mariadb ] || stop_group "$name" "$pid" || rc=1
done <"$pids_file"
while read -r name pid; do
  [ "$name" != mariadb ] || stop_group "$name" "$pid" || rc=1
done <"$pids_file"

if [ "$rc" -eq 0 ]; then
  rm -f "$pids_file"
fi
exit "$rc"
