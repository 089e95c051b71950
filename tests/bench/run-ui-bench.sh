#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The UI benchmark: Newsdesk on the 100,000-story archive, each figure beside
# its baseline, measured in the same run.
#
#   tests/bench/run-ui-bench.sh [--build-dir DIR] [--database FILE] [--stories N]
#                               [--runs N] [--variants "fresh shadercache cold"]
#                               [--only "startup search autosave"]
#                               [--search-rounds N] [--autosave-rounds N]
#                               [--autosave-seconds S] [--autosave-stories N]
#                               [--results DIR] [--no-build]
#                               [--strict]
#
# 1. Start to the first painted frame of the main window, and the unique
#    memory (USS) one second later: Newsdesk opening the archive, a minimal
#    libadwaita window (startup-minimal) and gnome-text-editor --standalone,
#    interleaved, --runs times each (7) after one discarded warm-up round.
#    Variants: "fresh" (new HOME and XDG dirs every run, as on a first start:
#    llvmpipe compiles GTK's shaders again), "shadercache" (the same, but the
#    Mesa shader cache is kept between runs, as on every later start) and
#    "cold" (as fresh, with the page cache dropped before each run; root
#    only, and it slows everyone's builds for a moment: not run by default).
# 2. Keystroke in the search entry to the frame with the new list, typed
#    with ui-type.py (ui-search-queries.json: Russian, English, Arabic).
# 3. With ui-bench-autosave (once the story editor exists): keystroke to
#    frame while typing into a 5,000-word body, with and without an autosave
#    running. The story is added to a copy of the N-story archive
#    (--autosave-stories, 2,000 by default; 100000 copies 6 GB once).
#
# Every run has its own Xvfb and session bus (see ui-session.sh), HOME and
# XDG dirs, GSETTINGS_BACKEND=memory and the build's schemas. The archive is
# the one run-store-bench.sh keeps (BUILD/bench-data/bench-N.db); one in
# another build dir of the same tree is reused rather than made again.
# Newsdesk opens it read-write, as it opens an editor's database: nothing is
# written to it but what the app writes on opening (a build with a newer
# schema migrates it, in a first run that is not counted). meson runs the
# same through
#
#   meson test -C BUILD --benchmark ui-quick   # 2,000 stories, 3 runs
#   meson test -C BUILD --benchmark ui-full    # 100,000 stories, 7 runs
#
# Needs xvfb, dbus, libglib2.0-bin, gnome-text-editor, libxtst6 and
# /usr/bin/python3. Prints one table; exits 0 when it measured everything
# (with --strict: only when every target is met too). The raw results stay in
# BUILD/ui-bench-results/DATE.

set -eu

here=$(cd "$(dirname "$0")" && pwd)
source_dir=$(cd "$here/../.." && pwd)
build_dir=
database=
stories=100000
runs=7
variants="fresh shadercache"
only="startup search autosave"
search_rounds=2
autosave_rounds=3
autosave_seconds=10
autosave_stories=2000
results=
build=yes
strict=no

while [ $# -gt 0 ]; do
  case "$1" in
    --build-dir) build_dir=$2; shift 2 ;;
    --database) database=$2; shift 2 ;;
    --stories) stories=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --variants) variants=$2; shift 2 ;;
    --only) only=$2; shift 2 ;;
    --search-rounds) search_rounds=$2; shift 2 ;;
    --autosave-rounds) autosave_rounds=$2; shift 2 ;;
    --autosave-seconds) autosave_seconds=$2; shift 2 ;;
    --autosave-stories) autosave_stories=$2; shift 2 ;;
    --results) results=$2; shift 2 ;;
    --no-build) build=no; shift ;;
    --strict) strict=yes; shift ;;
    -h|--help) sed -n '3,46p' "$0"; exit 0 ;;
    *) echo "run-ui-bench.sh: unknown option $1" >&2; exit 2 ;;
  esac
done

: "${build_dir:=$source_dir/_build-uibench}"
build_dir=$(mkdir -p "$build_dir" && cd "$build_dir" && pwd)
bench_dir=$build_dir/tests/bench

wants () {
  case " $only " in *" $1 "*) return 0 ;; *) return 1 ;; esac
}

log () {
  printf '%s  %s\n' "$(date +%H:%M:%S)" "$*" >&2
}

for tool in xvfb-run dbus-run-session gdbus /usr/bin/python3; do
  command -v "$tool" >/dev/null || { echo "run-ui-bench.sh: $tool is missing" >&2; exit 2; }
done

# Build ----------------------------------------------------------------------

if [ "$build" = yes ]; then
  [ -f "$build_dir/build.ninja" ] ||
    meson setup "$build_dir" "$source_dir" --buildtype=release >&2
  # Only what is needed, so a broken test elsewhere in the tree does not stop
  # the benchmark.
  targets="src/newsdesk tests/bench/startup-probe.so tests/bench/startup-launch
           tests/bench/startup-minimal tests/bench/nd-bench-generate data/gschemas.compiled"
  grep -q 'ui-bench-autosave' "$build_dir/build.ninja" &&
    targets="$targets tests/bench/ui-bench-autosave"
  # shellcheck disable=SC2086
  ninja -C "$build_dir" $targets >&2
fi

newsdesk=$build_dir/src/newsdesk
probe=$bench_dir/startup-probe.so
launch=$bench_dir/startup-launch
minimal=$bench_dir/startup-minimal
autosave_harness=$bench_dir/ui-bench-autosave
for f in "$newsdesk" "$probe" "$launch" "$minimal"; do
  [ -e "$f" ] || { echo "run-ui-bench.sh: $f is not built" >&2; exit 2; }
done
if wants startup && ! command -v gnome-text-editor >/dev/null; then
  echo "run-ui-bench.sh: gnome-text-editor is missing (apt-get install gnome-text-editor)" >&2
  exit 2
fi

# The archive ----------------------------------------------------------------

# A generator still writing FILE.partial somewhere in the tree is waited for
# instead of starting a second one.
find_archive () {
  for candidate in "$build_dir/bench-data/bench-$1.db" "$source_dir"/_build*/bench-data/bench-"$1".db; do
    [ -f "$candidate" ] && { echo "$candidate"; return 0; }
  done
  return 1
}

archive () {
  n=$1
  found=$(find_archive "$n") && { echo "$found"; return 0; }
  for partial in "$build_dir/bench-data/bench-$n.db.partial" "$source_dir"/_build*/bench-data/bench-"$n".db.partial; do
    [ -f "$partial" ] || continue
    log "waiting for $partial to be finished"
    while [ -f "$partial" ]; do sleep 30; done
    found=$(find_archive "$n") && { echo "$found"; return 0; }
  done
  mkdir -p "$build_dir/bench-data"
  log "generating $n stories into $build_dir/bench-data/bench-$n.db"
  "$bench_dir/nd-bench-generate" --stories "$n" "$build_dir/bench-data/bench-$n.db" >&2
  echo "$build_dir/bench-data/bench-$n.db"
}

if [ -z "$database" ]; then
  database=$(archive "$stories")
fi
[ -f "$database" ] || { echo "run-ui-bench.sh: no database $database" >&2; exit 2; }

# Results --------------------------------------------------------------------

: "${results:=$build_dir/ui-bench-results/$(date +%Y%m%d-%H%M%S)}"
mkdir -p "$results"
work=$(mktemp -d "${TMPDIR:-/tmp}/ui-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
trap 'exit 130' INT TERM

{
  echo "date $(date '+%Y-%m-%d %H:%M')"
  echo "database $database"
  echo "database_size $(du -h "$database" | cut -f1)"
  echo "stories $stories"
  echo "runs $runs"
  echo "machine $(nproc) cores, $(sed -n 's/^model name\t: //p' /proc/cpuinfo | head -1)"
  echo "load $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "lang C.UTF-8"
  echo "type_interval 180"
} > "$results/meta.txt"

# One run's environment: new HOME and XDG dirs, the build's schemas.
fresh_env () {
  run_dir=$(mktemp -d "$work/run.XXXXXX")
  mkdir -p "$run_dir/home" "$run_dir/config" "$run_dir/data" "$run_dir/cache" \
           "$run_dir/state" "$run_dir/runtime"
  chmod 700 "$run_dir/runtime"
  export HOME="$run_dir/home" XDG_CONFIG_HOME="$run_dir/config" XDG_DATA_HOME="$run_dir/data"
  export XDG_CACHE_HOME="$run_dir/cache" XDG_STATE_HOME="$run_dir/state"
  export XDG_RUNTIME_DIR="$run_dir/runtime"
  export GSETTINGS_BACKEND=memory GSETTINGS_SCHEMA_DIR="$build_dir/data"
  export LANG=C.UTF-8 LC_ALL=C.UTF-8
  unset MESA_SHADER_CACHE_DIR UI_PROBE_WINDOW
}

# A run that hangs is stopped: 3 minutes for a start, 10 for typing.
in_display () {
  limit=$1
  shift
  timeout "$limit" xvfb-run -a -s '-screen 0 1280x800x24' dbus-run-session -- "$@"
}

# Startup and memory -----------------------------------------------------------

startup_run () {
  variant=$1 app=$2 out=$3 limit=${4:-180}
  fresh_env
  rm -f "$out"
  case "$variant" in
    shadercache) export MESA_SHADER_CACHE_DIR="$work/mesa-shader-cache" ;;
    cold) sync; echo 3 > /proc/sys/vm/drop_caches ;;
  esac
  case "$app" in
    newsdesk) export UI_PROBE_WINDOW=NdWindow; set -- "$newsdesk" --database "$database" ;;
    minimal) export UI_PROBE_WINDOW=AdwApplicationWindow; set -- "$minimal" ;;
    gte) export UI_PROBE_WINDOW=GtkWindow; set -- gnome-text-editor --standalone ;;
  esac
  export UI_PROBE_OUT="$out"
  in_display "$limit" sh "$here/ui-session.sh" startup "$probe" "$launch" "$out" -- "$@" \
    >"$out.log" 2>&1 || true
  unset UI_PROBE_OUT
  rm -rf "$run_dir"
  if ! grep -q '^done' "$out" 2>/dev/null; then
    log "$app ($variant): no result ($(grep -h '^other_window' "$out" 2>/dev/null || echo "no window")), see $out.log"
    return 1
  fi
  rm -f "$out.log"
}

# Opening the archive with a build of a newer schema migrates it (the app
# opens it read-write, as it opens an editor's own; rebuilding the search
# index of 300,000 editions takes many minutes): that happens here, once,
# with time to finish, and is not counted.
if wants startup || wants search; then
  log "opening $database once (a newer build migrates it first)"
  out=$work/migrate.txt
  startup_run fresh newsdesk "$out" 7200 ||
    log "Newsdesk did not show its window on $database; see $out.log"
fi

if wants startup; then
  for variant in $variants; do
    if [ "$variant" = cold ] && [ ! -w /proc/sys/vm/drop_caches ]; then
      log "skipping the cold variant: /proc/sys/vm/drop_caches is not writable"
      continue
    fi
    dir=$results/startup-$variant
    mkdir -p "$dir"
    failures=0
    # Run 0 warms the page cache (and the shader cache of "shadercache") and
    # is not counted. The order of the apps turns every run.
    for i in $(seq 0 "$runs"); do
      case $((i % 3)) in
        0) order="newsdesk minimal gte" ;;
        1) order="minimal gte newsdesk" ;;
        *) order="gte newsdesk minimal" ;;
      esac
      for app in $order; do
        if [ "$i" = 0 ]; then
          out=$dir/warmup-$app.txt
        else
          out=$dir/$app-$i.txt
        fi
        startup_run "$variant" "$app" "$out" || failures=$((failures + 1))
      done
      log "startup ($variant): round $i of $runs done"
    done
    [ "$failures" = 0 ] || log "startup ($variant): $failures runs gave no result"
  done
fi

# Search latency ---------------------------------------------------------------

if wants search; then
  for r in $(seq 1 "$search_rounds"); do
    dir=$results/search-$r
    mkdir -p "$dir"
    rm -f "$dir/probe.txt" "$dir/typed.txt"
    fresh_env
    export MESA_SHADER_CACHE_DIR="$work/mesa-shader-cache"
    export UI_PROBE_WINDOW=NdWindow UI_PROBE_OUT="$dir/probe.txt"
    in_display 600 sh "$here/ui-session.sh" keys "$probe" "$launch" "$dir/probe.txt" \
      "$here/ui-search-queries.json" "$dir/typed.txt" -- "$newsdesk" --database "$database" \
      >"$dir/session.log" 2>&1 || log "search round $r failed, see $dir/session.log"
    unset UI_PROBE_OUT
    rm -rf "$run_dir"
    log "search: round $r of $search_rounds done"
  done
fi

# Autosave while typing ----------------------------------------------------------

if wants autosave; then
  if [ ! -x "$autosave_harness" ]; then
    log "autosave: skipped, ui-bench-autosave is not built (the story editor is not in the tree yet)"
  else
    small=$(archive "$autosave_stories")
    echo "autosave_database $small" >> "$results/meta.txt"
    /usr/bin/python3 "$here/ui-bench-report.py" autosave-script "$autosave_seconds" > "$work/typing.json"
    # The harness adds a story: it gets a copy, never the shared archive.
    cp "$small" "$work/autosave.db"
    for r in $(seq 1 "$autosave_rounds"); do
      dir=$results/autosave-$r
      mkdir -p "$dir"
      rm -f "$dir/probe.txt" "$dir/typed.txt" "$dir/saves.txt"
      fresh_env
      export MESA_SHADER_CACHE_DIR="$work/mesa-shader-cache"
      export UI_PROBE_WINDOW=GtkWindow UI_PROBE_OUT="$dir/probe.txt"
      in_display 600 sh "$here/ui-session.sh" echo "$probe" "$launch" "$dir/probe.txt" \
        "$work/typing.json" "$dir/typed.txt" -- "$autosave_harness" \
        --database "$work/autosave.db" --words 5000 --saves "$dir/saves.txt" \
        >"$dir/session.log" 2>&1 || log "autosave round $r failed, see $dir/session.log"
      unset UI_PROBE_OUT
      rm -rf "$run_dir"
      log "autosave: round $r of $autosave_rounds done"
    done
    rm -f "$work/autosave.db" "$work/autosave.db-wal" "$work/autosave.db-shm"
  fi
fi

# The table ----------------------------------------------------------------------

echo
echo "Results in $results"
status=0
/usr/bin/python3 "$here/ui-bench-report.py" report "$results" || status=$?
if [ "$strict" = yes ]; then
  exit "$status"
fi
exit 0
