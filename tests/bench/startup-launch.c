/* startup-launch.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/*
 * Starts a program with the startup probe preloaded and the time of its
 * exec in the environment, so the probe can count from the exec:
 *
 *   startup-launch PROBE.so PROGRAM [ARGUMENTS…]
 *
 * UI_PROBE_T0_NS is CLOCK_MONOTONIC read right before execvp(): what is
 * measured includes loading and relocating the program's libraries. The
 * other UI_PROBE_* variables are passed through (see startup-probe.c).
 */

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

int
main (int   argc,
      char *argv[])
{
  char t0[32];
  struct timespec ts;

  if (argc < 3)
    {
      fprintf (stderr, "usage: startup-launch PROBE.so PROGRAM [ARGUMENTS…]\n");
      return 2;
    }

  if (setenv ("LD_PRELOAD", argv[1], 1) != 0)
    return 1;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  snprintf (t0, sizeof t0, "%" PRId64, (int64_t) ts.tv_sec * 1000000000 + ts.tv_nsec);
  setenv ("UI_PROBE_T0_NS", t0, 1);

  execvp (argv[2], argv + 2);
  perror (argv[2]);
  return 127;
}
