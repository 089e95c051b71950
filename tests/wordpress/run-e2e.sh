#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Runs a program against three fresh real WordPress sites (ru, en, ar):
#
#   tests/wordpress/run-e2e.sh PROGRAM [ARGS...]
#
# starts the sites with wp-start.sh in a temporary directory, runs PROGRAM
# with NEWSDESK_WP_SITES naming their sites.json (and NEWSDESK_WP_STATE the
# state directory), then stops everything. Exits with PROGRAM's status, or 77
# (skip) when the WordPress packages are missing.

set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

for tool in php mariadb-install-db; do
  command -v "$tool" >/dev/null || { echo "SKIP: $tool is not installed"; exit 77; }
done
[ -f /usr/share/wordpress/wp-settings.php ] || { echo "SKIP: wordpress is not installed"; exit 77; }

tmp="$(mktemp -d "${TMPDIR:-/tmp}/nd-wp-e2e.XXXXXX")"
state="$tmp/state"
cleanup ()
{
  "$here/wp-stop.sh" "$state" >/dev/null 2>&1 || true
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

"$here/wp-start.sh" "$state" --sites "${NEWSDESK_WP_SITES_LANGS:-ru,en,ar}" >&2 || exit 1

NEWSDESK_WP_SITES="$state/sites.json" NEWSDESK_WP_STATE="$state" "$@"
