#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Sync against a real WordPress 6.1 site holding N posts:
#
#   tests/bench/run-sync-bench.sh BUILD_DIR [N]      (N defaults to 10000)
#
# starts one site (ru) with tests/wordpress/wp-start.sh, seeds it with
# wp-seed.php, then runs nd-bench-sync inside a session bus with an unlocked
# keyring: the first pull (posts/s), an incremental sync with nothing changed
# (requests and ms per site) and a push of 100 edited editions.

set -euo pipefail

build="$(cd "$1" && pwd)"
posts="${2:-10000}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
wp="$here/../wordpress"

tmp="$(mktemp -d "${TMPDIR:-/tmp}/nd-sync-bench.XXXXXX")"
state="$tmp/state"
cleanup ()
{
  "$wp/wp-stop.sh" "$state" >/dev/null 2>&1 || true
  rm -rf "$tmp"
}
trap cleanup EXIT

"$wp/wp-start.sh" "$state" --sites ru >/dev/null
start=$(date +%s.%N)
php "$wp/wp-seed.php" "$state" ru "$posts" >/dev/null
echo "seeded $posts posts in $(python3 -c "import sys; print(round(float(sys.argv[2]) - float(sys.argv[1]), 1))" "$start" "$(date +%s.%N)") s"

# The pull's cursor overlaps the last minute before it; posts the seeding
# wrote in that minute would come again in the incremental sync. A site is
# not bulk-importing while its editors work: wait the minute out.
sleep 65

dbus-run-session -- sh -c '
  eval "$(echo -n x | gnome-keyring-daemon --unlock --components=secrets 2>/dev/null)" >/dev/null
  export GNOME_KEYRING_CONTROL
  NEWSDESK_WP_SITES="$1/sites.json" NEWSDESK_WP_STATE="$1" GSETTINGS_BACKEND=memory \
    "$2/tests/bench/nd-bench-sync" --edit 100
' sh "$state" "$build"
