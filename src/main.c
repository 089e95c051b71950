/* main.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "nd-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(NdApplication) app = NULL;
  const char *localedir = g_getenv ("NEWSDESK_LOCALEDIR");

  /* NEWSDESK_LOCALEDIR lets the tests and translators run the uninstalled
   * build with the catalogues built in the build tree. */
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = nd_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
