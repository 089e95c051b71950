#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# One measured run inside a fresh display and session bus; run-ui-bench.sh
# calls it as
#
#   xvfb-run -a -s '-screen 0 1280x800x24' dbus-run-session -- \
#     ui-session.sh MODE PROBE.so LAUNCH OUT [TYPE-SCRIPT TYPE-LOG] -- PROGRAM ARGS…
#
# MODE is "startup" (the probe writes the first frame and the memory to OUT
# and ends the program), or "keys" / "echo" (the program is started with the
# probe in that mode, ui-type.py plays TYPE-SCRIPT once the first frame is
# painted, and the program is then stopped by its PID).
#
# A desktop session has its accessibility bus running long before any app
# starts; so that no app pays for starting it, it is started here first.

set -u

mode=$1 probe=$2 launch=$3 out=$4
shift 4
script= log=
if [ "$mode" != startup ]; then
  script=$1 log=$2
  shift 2
fi
[ "$1" = -- ] && shift

here=$(dirname "$0")

address=$(gdbus call --session --dest org.a11y.Bus --object-path /org/a11y/bus \
            --method org.a11y.Bus.GetAddress 2>/dev/null |
          sed -n "s/^('\(.*\)',)\$/\1/p")
if [ -n "$address" ]; then
  gdbus call --address "$address" --dest org.a11y.atspi.Registry \
    --object-path /org/a11y/atspi/registry \
    --method org.freedesktop.DBus.Peer.Ping >/dev/null 2>&1
fi

if [ "$mode" = startup ]; then
  UI_PROBE_MODE=startup exec "$launch" "$probe" "$@"
fi

UI_PROBE_MODE=$mode "$launch" "$probe" "$@" &
pid=$!

# Wait for the first frame (the probe then writes keys_ready); a large
# database may take a while to open.
waited=0
until grep -q '^keys_ready' "$out" 2>/dev/null; do
  if grep -q '^failed' "$out" 2>/dev/null; then
    echo "ui-session.sh: $(grep '^other_window' "$out")" >&2
    wait "$pid"
    exit 1
  fi
  if ! kill -0 "$pid" 2>/dev/null || [ "$waited" -ge 1200 ]; then
    echo "ui-session.sh: the program did not paint a window" >&2
    kill "$pid" 2>/dev/null
    exit 1
  fi
  sleep 0.1
  waited=$((waited + 1))
done

UI_PROBE_FILE=$out /usr/bin/python3 "$here/ui-type.py" "$script" "$log"
status=$?

kill "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
exit $status
