/* nd-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "newsdesk"

#include "config.h"

#include <glib/gi18n.h>

#include "nd-application.h"
#include "nd-resources.h"
#include "nd-window.h"

struct _NdApplication
{
  AdwApplication parent_instance;
};

G_DEFINE_FINAL_TYPE (NdApplication, nd_application, ADW_TYPE_APPLICATION)

static void
nd_application_activate (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    window = g_object_new (ND_TYPE_WINDOW, "application", app, NULL);

  gtk_window_present (window);
}

static void
nd_application_class_init (NdApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->activate = nd_application_activate;
}

static void
nd_application_init (NdApplication *self)
{
}

NdApplication *
nd_application_new (void)
{
  g_resources_register (nd_get_resource ());

  return g_object_new (ND_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "resource-base-path", "/io/github/newsdesk/Newsdesk",
                       NULL);
}
