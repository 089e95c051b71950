/* fake-wordpress-main.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The fake WordPress as a program, for trying a client by hand or from a
 * script: it prints the site's URL on the first line of its output and
 * serves until it gets SIGINT or SIGTERM. */

#include "config.h"

#include <glib-unix.h>
#include <stdio.h>

#include "nd-fake-wordpress.h"

static gboolean
on_signal_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(NdFakeWordpress) fake = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  gboolean batch = FALSE;
  gboolean polylang = FALSE;
  gboolean plugin = FALSE;
  g_autofree char *timezone = NULL;
  double rate = 0.0;
  int seed = 1;
  NdFakeFeatures features = ND_FAKE_FEATURE_NONE;
  const GOptionEntry entries[] = {
    { "batch", 0, 0, G_OPTION_ARG_NONE, &batch, "Offer /batch/v1", NULL },
    { "polylang", 0, 0, G_OPTION_ARG_NONE, &polylang, "Act as Polylang Pro (lang, translations)", NULL },
    { "newsdesk-plugin", 0, 0, G_OPTION_ARG_NONE, &plugin, "Act as if the Newsdesk mu-plugin were installed", NULL },
    { "timezone", 0, 0, G_OPTION_ARG_STRING, &timezone, "The site's time zone (default Europe/Moscow)", "ZONE" },
    { "fault-rate", 0, 0, G_OPTION_ARG_DOUBLE, &rate, "Inject every kind of fault at this rate (0..1)", "RATE" },
    { "seed", 0, 0, G_OPTION_ARG_INT, &seed, "Seed of the fault generator", "N" },
    { NULL }
  };

  context = g_option_context_new ("- a fake WordPress 6.1 on 127.0.0.1");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (batch)
    features |= ND_FAKE_FEATURE_BATCH;
  if (polylang)
    features |= ND_FAKE_FEATURE_POLYLANG;
  if (plugin)
    features |= ND_FAKE_FEATURE_NEWSDESK_PLUGIN;

  fake = nd_fake_wordpress_new (features);
  if (timezone != NULL)
    {
      g_autoptr(GTimeZone) zone = g_time_zone_new_identifier (timezone);

      if (zone == NULL)
        {
          g_printerr ("Unknown time zone %s\n", timezone);
          return 2;
        }
      nd_fake_wordpress_set_timezone (fake, timezone, g_time_zone_get_offset (zone, 0) / 3600.0);
    }
  if (rate > 0.0)
    nd_fake_wordpress_set_faults (fake, ND_FAKE_FAULTS_ALL, CLAMP (rate, 0.0, 1.0), (guint32) seed);

  g_print ("%s\n", nd_fake_wordpress_get_url (fake));
  g_print ("user %s, application password \"%s\"\n", ND_FAKE_WORDPRESS_USER, ND_FAKE_WORDPRESS_PASSWORD);
  fflush (stdout);

  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGINT, on_signal_cb, loop);
  g_unix_signal_add (SIGTERM, on_signal_cb, loop);
  g_main_loop_run (loop);
  nd_fake_wordpress_stop (fake);
  return 0;
}
