#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Builds a benchmark archive once and runs the store benchmark on it.
#
#   tests/bench/run-store-bench.sh --build-dir _build [--stories N] [--data-dir DIR]
#                                  [--regenerate] [-- nd-bench-store options]
#
# The archive is DIR/bench-N.db (DIR defaults to BUILD/bench-data) and is
# generated only when missing, or again with --regenerate; generating prints
# the insert rate and the file size. meson runs the same through
#
#   meson test --benchmark -C _build store-quick   # 2,000 stories, about a minute
#   meson test --benchmark -C _build store-full    # 100,000 stories
#   meson test --benchmark -C _build               # both
#
# The full archive takes a long while to generate the first time (tens of
# minutes and several GiB; see nd-bench-generate) and seconds to reuse.
# Any size works: --stories 20000 is a middle ground.

set -eu

build_dir=
data_dir=
generate=
store=
stories=2000
regenerate=no

while [ $# -gt 0 ]; do
  case "$1" in
    --build-dir) build_dir=$2; shift 2 ;;
    --data-dir) data_dir=$2; shift 2 ;;
    --generate) generate=$2; shift 2 ;;
    --store) store=$2; shift 2 ;;
    --stories) stories=$2; shift 2 ;;
    --regenerate) regenerate=yes; shift ;;
    --) shift; break ;;
    -h|--help) sed -n '3,21p' "$0"; exit 0 ;;
    *) echo "run-store-bench.sh: unknown option $1" >&2; exit 2 ;;
  esac
done

if [ -n "$build_dir" ]; then
  : "${generate:=$build_dir/tests/bench/nd-bench-generate}"
  : "${store:=$build_dir/tests/bench/nd-bench-store}"
  : "${data_dir:=$build_dir/bench-data}"
fi
if [ -z "$generate" ] || [ -z "$store" ] || [ -z "$data_dir" ]; then
  echo "run-store-bench.sh: give --build-dir, or --generate, --store and --data-dir" >&2
  exit 2
fi

mkdir -p "$data_dir"
db="$data_dir/bench-$stories.db"

if [ "$regenerate" = yes ] || [ ! -f "$db" ]; then
  "$generate" --force --stories "$stories" "$db"
else
  echo "Reusing $db (pass --regenerate to make it again)"
fi

exec "$store" "$@" "$db"
