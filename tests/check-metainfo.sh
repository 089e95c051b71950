#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Validates the built AppStream metainfo: appstreamcli with --pedantic must
# report nothing but the one hint every reverse-DNS id with capitals gets, and
# the elements that software centres show must be there.
#
# Usage: check-metainfo.sh METAINFO APPLICATION_ID

set -eu

metainfo="${1:?usage: check-metainfo.sh METAINFO APPLICATION_ID}"
app_id="${2:?usage: check-metainfo.sh METAINFO APPLICATION_ID}"
for tool in appstreamcli xmllint; do
  if ! command -v "$tool" >/dev/null; then
    echo "$tool is not installed"
    exit 77
  fi
done

failed=0
fail ()
{
  printf 'FAIL: %s\n' "$*"
  failed=1
}

# Not --strict: AppStream 0.16 rejects <developer_name> under it.
out="$(appstreamcli validate --no-net --pedantic --explain "$metainfo" 2>&1)" \
  || fail "appstreamcli validate failed"
printf '%s\n' "$out"
# Issue lines look like "W: id:line: tag detail". The id is GNOME's
# reverse-DNS application id and keeps its capitals.
issues="$(printf '%s\n' "$out" | grep -E '^[EWIP]: ' \
  | grep -vE '^P: [^ ]*: cid-contains-uppercase-letter( |$)' || true)"
[ -z "$issues" ] || fail "appstreamcli reported: $issues"

# xpath EXPR: prints the value, or nothing when it matches nothing.
xpath ()
{
  xmllint --xpath "$1" "$metainfo" 2>/dev/null || true
}

expect ()
{
  what="$1"
  expr="$2"
  expected="$3"
  got="$(xpath "$expr")"
  [ "$got" = "$expected" ] || fail "$what: expected '$expected', got '$got'"
}

expect "id" 'string(/component/id)' "$app_id"
expect "type" 'string(/component/@type)' "desktop-application"
expect "launchable" 'string(/component/launchable[@type="desktop-id"])' "$app_id.desktop"
expect "binary" 'string(/component/provides/binary)' "newsdesk"
expect "content rating" 'string(/component/content_rating/@type)' "oars-1.1"
expect "homepage" 'starts-with(/component/url[@type="homepage"], "https://")' "true"
expect "developer" 'string(/component/developer_name[not(@xml:lang)])' "Newsdesk developers"
expect "light branding colour" \
  'count(/component/branding/color[@type="primary"][@scheme_preference="light"])' "1"
expect "dark branding colour" \
  'count(/component/branding/color[@type="primary"][@scheme_preference="dark"])' "1"
expect "release 0.1.0" 'string(/component/releases/release[@version="0.1.0"]/@date)' "2026-11-28"
expect "a description" 'count(/component/description/p[not(@xml:lang)]) > 0' "true"
expect "translations merged" 'count(/component/summary[@xml:lang]) > 0' "true"
# Screenshots come once the window shows real content; until then their
# absence is expected and not checked.

[ "$failed" -eq 0 ] || exit 1
echo "metainfo is valid"
