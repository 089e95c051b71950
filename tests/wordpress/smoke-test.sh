#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The "wordpress-smoke" test: starts three real WordPress 6.1 sites (ru, en,
# ar) with wp-start.sh in a fresh temporary directory, checks with curl what
# the sync code relies on, restarts one site without the Newsdesk plugin,
# stops everything and checks that no process is left. Exits 77 (skip) only
# when the packages are missing (see build-aux/setup.sh), 1 when a check
# fails. Prints the time of each phase.

set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

skip ()
{
  echo "SKIP: $*"
  exit 77
}

for tool in php curl mariadb-install-db mariadb mariadb-admin; do
  command -v "$tool" >/dev/null || skip "$tool is not installed"
done
[ -x /usr/sbin/mariadbd ] || skip "mariadb-server is not installed"
[ -f /usr/share/wordpress/wp-settings.php ] || skip "wordpress is not installed"
php -r 'exit(extension_loaded("mysqli") && extension_loaded("mbstring") ? 0 : 1);' \
  || skip "php-mysql or php-mbstring is not installed"

tmp="$(mktemp -d "${TMPDIR:-/tmp}/nd-wp-smoke.XXXXXX")"
state="$tmp/state"
cleanup ()
{
  "$here/wp-stop.sh" "$state" || true
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

failures=0
ok () { echo "ok - $*"; }
fail () { echo "not ok - $*"; failures=$((failures + 1)); }
check () # DESCRIPTION COMMAND...
{
  local what="$1"
  shift
  if "$@"; then ok "$what"; else fail "$what"; fi
}

not () { ! "$@"; }

now () { date +%s.%N; }
phase_start="$(now)"
phase ()
{
  local t
  t="$(now)"
  awk -v a="$phase_start" -v b="$t" -v n="$1" 'BEGIN { printf "# time: %s %.2f s\n", n, b - a }'
  phase_start="$t"
}

# Reads JSON on stdin, prints the value at the path given as arguments
# (strings as they are, anything else as JSON); fails when it is absent.
jget ()
{
  php -r '
    $d = json_decode(stream_get_contents(STDIN), true);
    foreach (array_slice($argv, 1) as $k) {
      if (!is_array($d) || !array_key_exists($k, $d)) { exit(1); }
      $d = $d[$k];
    }
    echo is_string($d) ? $d : json_encode($d, JSON_UNESCAPED_SLASHES), "\n";' -- "$@"
}

# req METHOD URL USER:PASSWORD [JSON]: sets $code and $body.
req ()
{
  local method="$1" url="$2" cred="$3" data="${4:-}"
  local args=(-s -o "$tmp/body" -w '%{http_code}' --max-time 60 -X "$method")
  [ -z "$cred" ] || args+=(-u "$cred")
  [ -z "$data" ] || args+=(-H 'Content-Type: application/json' --data-binary "$data")
  code="$(curl "${args[@]}" "$url")" || code="curl-failed"
  body="$(cat "$tmp/body" 2>/dev/null)"
}

uuid () { cat /proc/sys/kernel/random/uuid; }
utc_in () { date -u -d "@$(( $(date +%s) + $1 ))" +%Y-%m-%dT%H:%M:%S; }

# --- start -------------------------------------------------------------------

"$here/wp-start.sh" "$state" --sites ru,en,ar || { echo "not ok - wp-start.sh failed"; exit 1; }
phase "start of three sites from scratch"
cp "$state/pids" "$tmp/pids-first"

langs=()
declare -A url cred other_cred future_id future_title future_sent uuid_a post_a
for i in 0 1 2; do
  lang="$(jget "$i" lang <"$state/sites.json")"
  langs+=("$lang")
  url[$lang]="$(jget "$i" url <"$state/sites.json")"
  cred[$lang]="$(jget "$i" user <"$state/sites.json"):$(jget "$i" app_password <"$state/sites.json")"
  other_cred[$lang]="$(jget "$i" other_user <"$state/sites.json"):$(jget "$i" other_app_password <"$state/sites.json")"
done
check "sites.json lists ru, en, ar" [ "${langs[*]}" = "ru en ar" ]

# --- per-site checks -----------------------------------------------------------

for lang in "${langs[@]}"; do
  base="${url[$lang]}/wp-json"
  api="$base/wp/v2"

  req GET "$base/" ""
  namespaces="$(jget namespaces <<<"$body")"
  check "$lang: /wp-json/ answers 200" [ "$code" = 200 ]
  check "$lang: namespaces include wp/v2" grep -q '"wp/v2"' <<<"$namespaces"
  check "$lang: namespaces include newsdesk/v1" grep -q '"newsdesk/v1"' <<<"$namespaces"
  # WordPress 6.1 registers /batch/v1 outside any namespace: it is in
  # "routes", not in "namespaces".
  check "$lang: routes include /batch/v1 (POST)" \
    grep -q POST <<<"$(jget routes /batch/v1 methods <<<"$body")"
  check "$lang: site name is Realist ($lang)" [ "$(jget name <<<"$body")" = "Realist ($lang)" ]

  req GET "$base/newsdesk/v1/info" ""
  check "$lang: newsdesk/v1/info is version 1" [ "$code $(jget version <<<"$body")" = "200 1" ]

  req GET "$api/users/me?context=edit" "${cred[$lang]}"
  check "$lang: users/me with the application password: 200 editor" \
    [ "$code $(jget slug <<<"$body")" = "200 editor" ]
  req GET "$api/users/me?context=edit" "${other_cred[$lang]}"
  check "$lang: users/me as the other user: 200 other" \
    [ "$code $(jget slug <<<"$body")" = "200 other" ]

  req GET "$api/users/me?context=edit" "editor:abcd EFGH ijkl MNOP qrst UVWX"
  wrong_code="$(jget code <<<"$body")"
  echo "# $lang: wrong application password: $code $wrong_code"
  check "$lang: a wrong application password: 401" [ "$code" = 401 ]
  check "$lang: ... with code rest_not_logged_in or incorrect_password" \
    grep -qxE 'rest_not_logged_in|incorrect_password' <<<"$wrong_code"

  req GET "$api/settings" "${cred[$lang]}"
  check "$lang: settings time zone is Europe/Moscow" \
    [ "$code $(jget timezone <<<"$body")" = "200 Europe/Moscow" ]

  # Two posts with their uuids, so that a filter which did nothing would be
  # caught returning both.
  ua="$(uuid)"
  ub="$(uuid)"
  group="$(uuid)"
  uuid_a[$lang]="$ua"
  req POST "$api/posts" "${cred[$lang]}" \
    "{\"title\":\"Smoke A\",\"status\":\"draft\",\"content\":\"<p>A</p>\n<!-- newsdesk:$ua -->\",\"meta\":{\"newsdesk_uuid\":\"$ua\",\"newsdesk_group\":\"$group\"}}"
  post_a[$lang]="$(jget id <<<"$body")"
  check "$lang: create post A with meta: 201" [ "$code" = 201 ]
  check "$lang: post A has its newsdesk_uuid" [ "$(jget meta newsdesk_uuid <<<"$body")" = "$ua" ]
  req POST "$api/posts" "${cred[$lang]}" \
    "{\"title\":\"Smoke B\",\"status\":\"draft\",\"content\":\"<p>B</p>\n<!-- newsdesk:$ub -->\",\"meta\":{\"newsdesk_uuid\":\"$ub\",\"newsdesk_group\":\"$group\"}}"
  post_b="$(jget id <<<"$body")"
  check "$lang: create post B with meta: 201" [ "$code" = 201 ]

  req GET "$api/posts?newsdesk_uuid=$ua&status=draft&context=edit" "${cred[$lang]}"
  check "$lang: ?newsdesk_uuid= finds exactly post A" \
    [ "$code $(jget 0 id <<<"$body") $(jget 1 id <<<"$body" || echo none)" = "200 ${post_a[$lang]} none" ]
  req GET "$api/posts?newsdesk_uuid=$(uuid)&status=draft&context=edit" "${cred[$lang]}"
  check "$lang: ?newsdesk_uuid= of an unknown uuid finds nothing" [ "$code $body" = "200 []" ]
  req GET "$api/posts?newsdesk_group=$group&status=draft&context=edit" "${cred[$lang]}"
  check "$lang: ?newsdesk_group= finds both posts" \
    [ "$code $(jget 2 id <<<"$body" || echo two)" = "200 two" ]
  req GET "$api/posts?newsdesk_uuid=not-a-uuid" "${cred[$lang]}"
  check "$lang: ?newsdesk_uuid= rejects a malformed uuid: 400" [ "$code" = 400 ]
  # The fallback needing no plugin: the marker at the end of content.raw.
  req GET "$api/posts?search=$ub&status=draft&context=edit" "${cred[$lang]}"
  check "$lang: ?search=UUID finds post B by its marker" \
    [ "$code $(jget 0 id <<<"$body")" = "200 $post_b" ]
  check "$lang: content.raw ends with the marker" \
    grep -q "<!-- newsdesk:$ub -->\$" <<<"$(jget 0 content raw <<<"$body")"

  req GET "$api/posts/${post_a[$lang]}" ""
  check "$lang: a draft is not visible without credentials" [ "$code" = 401 ]

  req POST "$base/batch/v1" "${cred[$lang]}" \
    "{\"requests\":[{\"method\":\"POST\",\"path\":\"/wp/v2/posts/${post_a[$lang]}\",\"body\":{\"title\":\"Smoke A2\"}},{\"method\":\"POST\",\"path\":\"/wp/v2/posts/$post_b\",\"body\":{\"title\":\"Smoke B2\"}}]}"
  check "$lang: /batch/v1 with two updates: 207, both 200" \
    [ "$code $(jget responses 0 status <<<"$body") $(jget responses 1 status <<<"$body")" = "207 200 200" ]
  req GET "$api/posts/$post_b?context=edit" "${cred[$lang]}"
  check "$lang: the batch changed post B" [ "$(jget title raw <<<"$body")" = "Smoke B2" ]

  # WordPress publishes at once a "future" post due in less than a minute
  # (wp_insert_post); one due later waits for cron.
  req POST "$api/posts" "${cred[$lang]}" \
    "{\"title\":\"Smoke soon\",\"status\":\"future\",\"date_gmt\":\"$(utc_in 2)\"}"
  check "$lang: a future post 2 s ahead is published at once" \
    [ "$code $(jget status <<<"$body")" = "201 publish" ]
  future_title[$lang]="Smoke later $lang"
  req POST "$api/posts" "${cred[$lang]}" \
    "{\"title\":\"${future_title[$lang]}\",\"status\":\"future\",\"date_gmt\":\"$(utc_in 62)\"}"
  future_id[$lang]="$(jget id <<<"$body")"
  check "$lang: a future post 62 s ahead stays future" \
    [ "$code $(jget status <<<"$body")" = "201 future" ]
  future_sent[$lang]="$(date +%s)"
done
phase "checks of three sites"

# --- scheduled posts and wp-cron.php ----------------------------------------------

for lang in "${langs[@]}"; do
  # Until the post is due (62 s after it was sent, plus a second).
  wait_s=$(( ${future_sent[$lang]} + 63 - $(date +%s) ))
  [ "$wait_s" -le 0 ] || sleep "$wait_s"
  req GET "${url[$lang]}/wp-json/wp/v2/posts/${future_id[$lang]}?context=edit" "${cred[$lang]}"
  check "$lang: past its time, without cron, the post is still future (a missed schedule)" \
    [ "$code $(jget status <<<"$body")" = "200 future" ]
  req GET "${url[$lang]}/wp-cron.php" ""
  check "$lang: GET /wp-cron.php: 200" [ "$code" = 200 ]
  req GET "${url[$lang]}/wp-json/wp/v2/posts/${future_id[$lang]}?context=edit" "${cred[$lang]}"
  check "$lang: after wp-cron.php the post is published" \
    [ "$code $(jget status <<<"$body")" = "200 publish" ]
done
phase "scheduled posts (waiting for the minute WordPress requires)"

# --- the tools: wp-make-due.php and wp-seed.php --------------------------------

all_statuses="status=publish,future,draft,pending,private,trash"
req POST "${url[ru]}/wp-json/wp/v2/posts" "${cred[ru]}" \
  "{\"title\":\"Smoke due\",\"status\":\"future\",\"date_gmt\":\"$(utc_in 3600)\"}"
due_id="$(jget id <<<"$body")"
check "ru: wp-make-due.php" php "$here/wp-make-due.php" "$state" ru "$due_id"
req GET "${url[ru]}/wp-json/wp/v2/posts/$due_id?context=edit" "${cred[ru]}"
check "ru: a post made due is still future" [ "$code $(jget status <<<"$body")" = "200 future" ]
req GET "${url[ru]}/wp-cron.php" ""
req GET "${url[ru]}/wp-json/wp/v2/posts/$due_id?context=edit" "${cred[ru]}"
check "ru: ... and published by wp-cron.php" [ "$code $(jget status <<<"$body")" = "200 publish" ]

total ()
{
  curl -s -D - -o /dev/null --max-time 60 -u "${cred[$1]}" \
    "${url[$1]}/wp-json/wp/v2/posts?context=edit&per_page=1&$all_statuses" \
    | tr -d '\r' | sed -n 's/^[Xx]-[Ww][Pp]-[Tt]otal: //p'
}
before="$(total ar)"
check "ar: wp-seed.php writes 40 posts" php "$here/wp-seed.php" "$state" ar 40
check "ar: the site has 40 more posts ($before before)" [ "$(total ar)" = "$((before + 40))" ]
req GET "${url[ar]}/wp-json/wp/v2/posts?context=edit&per_page=100&$all_statuses" "${cred[ar]}"
check "ar: seeded bodies are Arabic and about 600 words" \
  php -r '$p = json_decode(stream_get_contents(STDIN), true);
          foreach ($p as $post) {
            if (strpos($post["title"]["raw"], "Smoke") === 0) { continue; }
            $words = count(preg_split("/\s+/u", trim(strip_tags($post["content"]["raw"]))));
            if (!preg_match("/\p{Arabic}/u", $post["content"]["raw"]) || $words < 600 || $words > 800) { exit(1); }
          }' <<<"$body"
phase "tools"

# --- restart: reuse, and a site without the plugin --------------------------------

"$here/wp-stop.sh" "$state" || fail "wp-stop.sh failed"
phase "stop"
"$here/wp-start.sh" "$state" --sites en --no-plugin >/dev/null \
  || { echo "not ok - wp-start.sh --no-plugin failed"; exit 1; }
phase "restart of one site from its state"
cp "$state/pids" "$tmp/pids-second"
en_url="$(jget 0 url <"$state/sites.json")"
check "the restarted site is en and says it has no plugin" \
  [ "$(jget 0 lang <"$state/sites.json") $(jget 0 plugin <"$state/sites.json")" = "en false" ]
req GET "$en_url/wp-json/" ""
check "no-plugin: /wp-json/ answers 200" [ "$code" = 200 ]
check "no-plugin: namespaces lack newsdesk/v1" not grep -q newsdesk <<<"$(jget namespaces <<<"$body")"
req GET "$en_url/wp-json/wp/v2/users/me?context=edit" "${cred[en]}"
check "no-plugin: the same application password still works" [ "$code" = 200 ]
req GET "$en_url/wp-json/wp/v2/posts?search=${uuid_a[en]}&status=draft&context=edit" "${cred[en]}"
check "no-plugin: the marker still finds post A" [ "$code $(jget 0 id <<<"$body")" = "200 ${post_a[en]}" ]
check "no-plugin: the meta field is not exposed" not jget 0 meta newsdesk_uuid <<<"$body"

# --- stop -----------------------------------------------------------------------

"$here/wp-stop.sh" "$state" || fail "wp-stop.sh failed"
phase "stop"
# A zombie (its parent has not reaped it yet) holds nothing and counts as
# stopped.
left=""
while read -r name pid; do
  if ps -o stat= -g "$pid" 2>/dev/null | grep -qv '^Z'; then
    left="$left $name:$pid"
  fi
done < <(cat "$tmp/pids-first" "$tmp/pids-second")
check "no recorded process group is left${left:+ (left:$left)}" [ -z "$left" ]
check "no process runs from the state directory" \
  [ -z "$(ps -eo args= | grep -F "$state" | grep -v grep)" ]

if [ "$failures" -gt 0 ]; then
  echo "# $failures check(s) failed"
  exit 1
fi
echo "# all checks passed"
