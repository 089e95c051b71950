/* startup-minimal.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/*
 * The floor for the startup benchmark: an AdwApplication whose window is an
 * AdwApplicationWindow with a header bar and nothing else. It is as large
 * as Newsdesk's first window (1100 × 720) and registers on the session bus
 * as Newsdesk does, so the difference is what Newsdesk itself costs.
 */

#include <adwaita.h>

static void
on_activate_cb (GtkApplication *app)
{
  GtkWidget *window = adw_application_window_new (app);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
  gtk_window_set_title (GTK_WINDOW (window), "Minimal");
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AdwApplication) app = adw_application_new ("io.github.newsdesk.StartupMinimal",
                                                       G_APPLICATION_DEFAULT_FLAGS);

  g_signal_connect (app, "activate", G_CALLBACK (on_activate_cb), NULL);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
