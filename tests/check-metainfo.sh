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

# Screenshots: taken from the real app by tests/ui/make-screenshots.py and
# kept in data/screenshots/ of this source tree; the metainfo points at the
# same files on the repository's main branch.
screenshot_dir="$(cd "$(dirname "$0")/../data/screenshots" 2>/dev/null && pwd)" \
  || fail "data/screenshots/ is missing"
screenshot_base="https://raw.githubusercontent.com/newsdesk/newsdesk/main/data/screenshots/"
expect "one default screenshot" 'count(/component/screenshots/screenshot[@type="default"])' "1"
expect "the default screenshot comes first" \
  'string(/component/screenshots/screenshot[1]/@type)' "default"
shots="$(xpath 'count(/component/screenshots/screenshot)')"
[ "${shots:-0}" -ge 3 ] || fail "expected at least 3 screenshots, got '${shots:-0}'"

# png_size FILE: prints "WIDTH HEIGHT" from the PNG header.
png_size ()
{
  [ "$(od -An -tx1 -N8 "$1" | tr -d ' \n')" = "89504e470d0a1a0a" ] || return 1
  od -An -tu1 -j16 -N8 "$1" \
    | awk '{ printf "%d %d\n", $1*16777216 + $2*65536 + $3*256 + $4, $5*16777216 + $6*65536 + $7*256 + $8 }'
}

referenced=""
i=1
while [ "$i" -le "${shots:-0}" ]; do
  shot="/component/screenshots/screenshot[$i]"
  [ "$(xpath "count($shot/caption[not(@xml:lang)])")" = "1" ] \
    || fail "screenshot $i has no caption"
  [ "$(xpath "count($shot/image)")" -ge 1 ] || fail "screenshot $i has no image"
  j=1
  while [ "$j" -le "$(xpath "count($shot/image)")" ]; do
    image="$shot/image[$j]"
    url="$(xpath "normalize-space($image)")"
    name="${url#"$screenshot_base"}"
    if [ "$name" = "$url" ] || [ -z "$name" ] || [ "${name#*/}" != "$name" ]; then
      fail "screenshot $i: $url is not a file under $screenshot_base"
    elif [ ! -f "$screenshot_dir/$name" ]; then
      fail "screenshot $i: data/screenshots/$name does not exist"
    else
      referenced="$referenced $name"
      declared="$(xpath "string($image/@width)") $(xpath "string($image/@height)")"
      if ! size="$(png_size "$screenshot_dir/$name")"; then
        fail "data/screenshots/$name is not a PNG"
      elif [ "$size" != "$declared" ]; then
        fail "data/screenshots/$name is $size, the metainfo says $declared"
      fi
    fi
    j=$((j + 1))
  done
  i=$((i + 1))
done

# Every screenshot in the tree is one the metainfo shows.
if [ -n "${screenshot_dir:-}" ]; then
  for file in "$screenshot_dir"/*.png; do
    [ -e "$file" ] || continue
    case " $referenced " in
      *" ${file##*/} "*) ;;
      *) fail "data/screenshots/${file##*/} is not in the metainfo" ;;
    esac
  done
fi

[ "$failed" -eq 0 ] || exit 1
echo "metainfo is valid"
