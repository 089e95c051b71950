#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Set up a Debian 12 machine for Newsdesk, build it, and run it or test it.
#
#   build-aux/setup.sh run [ARGS...]   install what is missing, build, start the
#                                      app from the build tree (ARGS go to it)
#   build-aux/setup.sh test            install what is missing, build, run every
#                                      test under Xvfb with a session bus and an
#                                      unlocked keyring; exits with meson test's
#                                      status
#
# Needs root (or sudo) only when a package is missing. The build directory is
# _build at the top of the tree; NEWSDESK_BUILDDIR overrides it.

set -euo pipefail

srcdir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$srcdir"
builddir="${NEWSDESK_BUILDDIR:-_build}"

XVFB_RUN=(xvfb-run -a -s '-screen 0 1280x800x24 -noreset')

# Everything needed to build and run Newsdesk.
RUN_PACKAGES=(
  meson ninja-build pkg-config gcc libc6-dev
  libglib2.0-dev libglib2.0-bin libgtk-4-dev libgtk-4-bin libadwaita-1-dev
  libsoup-3.0-dev libsqlite3-dev libjson-glib-dev libsecret-1-dev
  libxml2-dev libcmark-dev libgtksourceview-5-dev
  gettext appstream desktop-file-utils
  xvfb xauth dbus dbus-x11 gnome-keyring at-spi2-core fonts-dejavu-core
)

# Only the tests (and the tools a tester uses by hand) need these. clang and
# its runtime are for the fuzzers.
TEST_PACKAGES=(
  python3 python3-gi gir1.2-atspi-2.0 python3-dogtail
  imagemagick sqlite3 libxml2-utils libsecret-tools flatpak-builder
  xclip xdotool x11-utils gnome-text-editor
  clang libclang-rt-14-dev
  wordpress php-cli php-mysql php-mbstring php-xml php-curl mariadb-server curl
)

# Installing wordpress and mariadb-server would start the system's Apache and
# MariaDB; the tests run private servers of their own (tests/wordpress/), so
# cmd_test sets this and install_packages keeps services from starting.
block_service_starts=0

log ()
{
  printf 'setup.sh: %s\n' "$*" >&2
}

die ()
{
  log "$*"
  exit 1
}

# Installs the packages that are not installed yet; runs apt-get update at most
# once, and only when something is missing.
install_packages ()
{
  local missing=() pkg status

  for pkg in "$@"; do
    status="$(dpkg-query -W -f='${db:Status-Abbrev}' "$pkg" 2>/dev/null || true)"
    if [ "${status:0:2}" != "ii" ]; then
      missing+=("$pkg")
    fi
  done

  if [ "${#missing[@]}" -eq 0 ]; then
    log "all ${#} packages are installed"
    return 0
  fi

  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || die "not root and no sudo; install: ${missing[*]}"
    sudo=(sudo)
  fi

  log "installing: ${missing[*]}"
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update

  # invoke-rc.d asks policy-rc.d whether a package may start its service; 101
  # means no. An existing policy-rc.d (Docker images have one) is left alone,
  # and only one created here is removed, whether the install worked or not.
  local guard=/usr/sbin/policy-rc.d created_guard=0 rc=0
  if [ "$block_service_starts" = 1 ] && [ ! -e "$guard" ]; then
    printf '#!/bin/sh\n# Temporary, from Newsdesk build-aux/setup.sh\nexit 101\n' \
      | "${sudo[@]}" tee "$guard" >/dev/null
    "${sudo[@]}" chmod 755 "$guard"
    created_guard=1
  fi
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y --no-install-recommends "${missing[@]}" || rc=$?
  if [ "$created_guard" = 1 ]; then
    "${sudo[@]}" rm -f "$guard"
  fi
  [ "$rc" -eq 0 ] || die "apt-get install failed ($rc)"
}

build ()
{
  if [ ! -f "$builddir/build.ninja" ]; then
    meson setup "$builddir" .
  fi
  meson compile -C "$builddir"
}

have_display ()
{
  [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]
}

cmd_run ()
{
  install_packages "${RUN_PACKAGES[@]}"
  build

  # Uninstalled, the app finds its schema only through this.
  export GSETTINGS_SCHEMA_DIR="$srcdir/$builddir/data"
  log "database: ${XDG_DATA_HOME:-$HOME/.local/share}/newsdesk/ (created on first run)"

  if have_display; then
    exec "$builddir/src/newsdesk" "$@"
  fi

  log "no display (DISPLAY and WAYLAND_DISPLAY are unset): starting under Xvfb with its own session bus"
  exec "${XVFB_RUN[@]}" dbus-run-session -- "$builddir/src/newsdesk" "$@"
}

# Services that tests need besides the keyring start here, inside the test
# session, and are stopped in stop_services. Each start records its PID in
# service_pids.
service_pids=()

start_services ()
{
  local keyring_log="$NEWSDESK_TEST_TMP/keyring.log"

  # The Secret Service: gnome-keyring with a fresh, unlocked login keyring.
  # --foreground keeps it our child, so it is stopped by its PID.
  printf pw | gnome-keyring-daemon --foreground --unlock --components=secrets \
    >"$keyring_log" 2>&1 &
  service_pids+=("$!")

  local i
  for i in $(seq 100); do
    if gdbus call --session --dest org.freedesktop.DBus \
         --object-path /org/freedesktop/DBus \
         --method org.freedesktop.DBus.NameHasOwner org.freedesktop.secrets \
         2>/dev/null | grep -q true; then
      break
    fi
    [ "$i" -lt 100 ] || { cat "$keyring_log" >&2; die "the keyring did not start in 10 s"; }
    sleep 0.1
  done

  # Fail here, not in a test, if secrets cannot be stored.
  printf 'x' | secret-tool store --label='Newsdesk setup check' newsdesk-setup check \
    || die "the keyring does not store secrets"
  [ "$(secret-tool lookup newsdesk-setup check)" = "x" ] \
    || die "the keyring does not give secrets back"
  secret-tool clear newsdesk-setup check
  log "Secret Service ready (gnome-keyring, PID ${service_pids[0]})"

  # WordPress for the sync tests will start here: MariaDB and PHP's server on
  # 127.0.0.1 only, their PIDs added to service_pids, the site's URL and
  # credentials exported for the tests.
}

stop_services ()
{
  local pid
  for pid in "${service_pids[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${service_pids[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  service_pids=()
}

# Runs inside xvfb-run and dbus-run-session (see cmd_test).
cmd_test_session ()
{
  # A throw-away home, so neither the keyring nor the tests touch the real one.
  export HOME="$NEWSDESK_TEST_TMP/home"
  export XDG_DATA_HOME="$NEWSDESK_TEST_TMP/data"
  export XDG_CONFIG_HOME="$NEWSDESK_TEST_TMP/config"
  export XDG_CACHE_HOME="$NEWSDESK_TEST_TMP/cache"
  export XDG_RUNTIME_DIR="$NEWSDESK_TEST_TMP/run"
  mkdir -p "$HOME" "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME" "$XDG_RUNTIME_DIR"
  chmod 700 "$XDG_RUNTIME_DIR"

  trap stop_services EXIT
  start_services

  local rc=0
  meson test -C "$builddir" --print-errorlogs || rc=$?
  stop_services
  print_totals
  return "$rc"
}

# One plain closing line, "N passed, N failed, N skipped", from meson's log.
print_totals ()
{
  local log="$builddir/meson-logs/testlog.json"
  [ -f "$log" ] || return 0
  /usr/bin/python3 - "$log" <<'EOF_PY'
import json, sys
counts = {"passed": 0, "failed": 0, "skipped": 0}
kind = {"OK": "passed", "EXPECTEDFAIL": "passed", "SKIP": "skipped"}
with open(sys.argv[1], encoding="utf-8") as log:
    for line in log:
        if line.strip():
            counts[kind.get(json.loads(line).get("result"), "failed")] += 1
print("{passed} passed, {failed} failed, {skipped} skipped".format(**counts))
EOF_PY
}

cmd_test ()
{
  block_service_starts=1
  install_packages "${RUN_PACKAGES[@]}" "${TEST_PACKAGES[@]}"
  build

  NEWSDESK_TEST_TMP="$(mktemp -d "${TMPDIR:-/tmp}/newsdesk-test.XXXXXX")"
  export NEWSDESK_TEST_TMP

  # The session runs in a process group of its own, so whatever it leaves
  # behind (bus-activated services, a test's children) is stopped with it.
  trap cleanup_test EXIT
  trap 'exit 130' INT TERM

  local rc=0
  setsid "${XVFB_RUN[@]}" dbus-run-session -- "$srcdir/build-aux/setup.sh" test-session &
  session_pgid=$!
  wait "$session_pgid" || rc=$?
  run_fuzzers || rc=$?
  return "$rc"
}

# Fuzzing, after the tests: the WordPress client's JSON readers and the HTML
# to Markdown converter, each for NEWSDESK_FUZZ_SECONDS (20) under ASan and
# UBSan, in a clang build of its own (_build-fuzz, -Dfuzzing=true). Seeds are
# tests/fuzz/corpus/ and the bad answers of tests/data/wp-bad/; what a run
# learns is kept in _build-fuzz/fuzz-corpus/ for the next. A crash fails the
# run; its input is left in _build-fuzz/fuzz-artifacts/.
run_fuzzers ()
{
  local fuzzdir="${NEWSDESK_FUZZ_BUILDDIR:-_build-fuzz}"
  local seconds="${NEWSDESK_FUZZ_SECONDS:-20}"
  local rc=0 name logfile
  local -a seeds

  if ! command -v clang >/dev/null; then
    log "fuzz: clang is missing; not fuzzing"
    return 1
  fi
  if [ ! -f "$fuzzdir/build.ninja" ]; then
    CC=clang meson setup "$fuzzdir" . -Dfuzzing=true >/dev/null || return 1
  fi
  # Only the targets: the rest of the tree is built by the main build.
  ninja -C "$fuzzdir" tests/fuzz/fuzz-wp-json tests/fuzz/fuzz-html-to-markdown >/dev/null || return 1
  mkdir -p "$fuzzdir/fuzz-artifacts"

  for name in wp-json html-to-markdown; do
    case "$name" in
      wp-json) seeds=(tests/fuzz/corpus/wp-json tests/data/wp-bad) ;;
      html-to-markdown) seeds=(tests/fuzz/corpus/html) ;;
    esac
    mkdir -p "$fuzzdir/fuzz-corpus/$name"
    logfile="$fuzzdir/fuzz-$name.log"
    # -error_exitcode: libFuzzer's default, 77, reads as "skipped".
    if "$fuzzdir/tests/fuzz/fuzz-$name" -max_total_time="$seconds" -rss_limit_mb=2048 \
         -error_exitcode=1 -print_final_stats=1 \
         -artifact_prefix="$fuzzdir/fuzz-artifacts/$name-" \
         "$fuzzdir/fuzz-corpus/$name" "${seeds[@]}" >"$logfile" 2>&1; then
      log "fuzz-$name: no crash;" \
          "$(awk '/^stat::number_of_executed_units/ { print $2 }' "$logfile") runs," \
          "$(awk '/^stat::average_exec_per_sec/ { print $2 }' "$logfile") per second"
    else
      rc=1
      log "fuzz-$name: FAILED (the input is in $fuzzdir/fuzz-artifacts/); end of $logfile:"
      grep -v '^#[0-9]' "$logfile" | tail -n 25 >&2
    fi
  done
  return "$rc"
}

session_pgid=""

cleanup_test ()
{
  if [ -n "$session_pgid" ]; then
    kill -TERM -- "-$session_pgid" 2>/dev/null || true
  fi
  rm -rf "${NEWSDESK_TEST_TMP:?}"
}

case "${1:-}" in
  run)
    shift
    cmd_run "$@"
    ;;
  test)
    cmd_test
    ;;
  test-session)
    # Internal: the part of "test" that runs inside the X and D-Bus session.
    cmd_test_session
    ;;
  *)
    echo "usage: $0 run [ARGS...] | test" >&2
    exit 2
    ;;
esac
