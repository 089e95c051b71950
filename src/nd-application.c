/* nd-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "newsdesk"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "nd-application.h"
#include "nd-backup.h"
#include "nd-preferences-window.h"
#include "nd-reminders.h"
#include "nd-resources.h"
#include "nd-story-store.h"
#include "nd-sync-engine.h"
#include "nd-window.h"
#include "nd-wp-authorization.h"

/**
 * NdApplication:
 *
 * The application: it opens the local database (creating it, seeded with
 * the preset, on first run), owns the store, handles the command line
 * (--export, --import, --version) and opens the main window.
 */
struct _NdApplication
{
  AdwApplication  parent_instance;

  char           *database_path;
  NdDatabase     *database;
  NdStoryStore   *store;
  NdSyncStore    *sync_store;
  NdSyncEngine   *sync_engine;
  guint           sync_start_source;
  guint           reminders_start_source;
  char           *startup_problem;   /* shown once the window is up */
  NdReminders    *reminders;
  guint           merge_source;
};

/* Sync starts a moment after the window, so that start-up does not wait
 * for the keyring or the network. */
#define SYNC_START_DELAY_SECONDS 2
#define REMINDERS_START_DELAY_MS 1500

/* The search index is tidied once the editor has paused this long, a
 * bounded piece at a time, so that no keystroke waits for it. */
#define MERGE_AFTER_PAUSE_SECONDS 5
#define MERGE_PAGES 200

G_DEFINE_FINAL_TYPE (NdApplication, nd_application, ADW_TYPE_APPLICATION)

static char *
default_database_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "newsdesk", "newsdesk.db", NULL);
}

static const char *
get_database_path (NdApplication *self)
{
  if (self->database_path == NULL)
    self->database_path = default_database_path ();

  return self->database_path;
}

/* Opens the database. A damaged file is moved aside, never written over, and
 * a new database takes its place; the editor is told where the old one is. */
static gboolean
open_store (NdApplication  *self,
            GError        **error)
{
  g_autoptr(GError) local_error = NULL;
  const char *path = get_database_path (self);
  g_autofree char *dir = g_path_get_dirname (path);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not create the folder %s: %s"), dir, g_strerror (saved_errno));
      return FALSE;
    }

  self->database = nd_database_open (path, ND_DATABASE_FLAGS_NONE, &local_error);

  if (self->database == NULL &&
      g_error_matches (local_error, ND_DATABASE_ERROR, ND_DATABASE_ERROR_READ_ONLY))
    {
      /* Better to show the stories than nothing: open for reading, and say
       * that changes cannot be saved. */
      g_clear_error (&local_error);
      self->database = nd_database_open (path, ND_DATABASE_FLAGS_READ_ONLY, &local_error);
      if (self->database != NULL)
        self->startup_problem = g_strdup (_("The database cannot be written to. Your stories are shown, but changes cannot be saved until the file or its folder can be written."));
    }
  else if (self->database == NULL &&
           g_error_matches (local_error, ND_DATABASE_ERROR, ND_DATABASE_ERROR_CORRUPT))
    {
      g_autofree char *moved = nd_database_move_aside (path, error);

      if (moved == NULL)
        return FALSE;
      g_clear_error (&local_error);
      self->database = nd_database_open (path, ND_DATABASE_FLAGS_NONE, &local_error);
      self->startup_problem = g_strdup_printf (_("The database was damaged and could not be opened. It was kept as %s, and a new database was created."), moved);
      g_warning ("Damaged database moved to %s", moved);
    }

  if (self->database == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  self->store = nd_story_store_new (self->database, error);
  return self->store != NULL;
}

static void schedule_search_merge (NdApplication *self,
                                   guint          seconds);

static gboolean
merge_search_index_cb (gpointer user_data)
{
  NdApplication *self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean more = FALSE;

  self->merge_source = 0;

  if (!nd_story_store_merge_search_index (self->store, MERGE_PAGES, &more, &error))
    g_warning ("Could not tidy the search index: %s", error->message);
  else if (more)
    schedule_search_merge (self, 1);

  return G_SOURCE_REMOVE;
}

static void
schedule_search_merge (NdApplication *self,
                       guint          seconds)
{
  g_clear_handle_id (&self->merge_source, g_source_remove);
  self->merge_source = g_timeout_add_seconds (seconds, merge_search_index_cb, self);
}

static void
on_story_changed_cb (NdApplication *self,
                     gint64         story_id,
                     NdStoryStore  *store)
{
  schedule_search_merge (self, MERGE_AFTER_PAUSE_SECONDS);
}

static int
export_to_file (NdApplication *self,
                const char    *file_name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (file_name);
  g_autoptr(GFileOutputStream) stream = NULL;

  if (!open_store (self, &error))
    goto failed;

  /* g_file_replace writes to a temporary file and renames it at close, so an
   * interrupted export never leaves half a backup under the real name. */
  stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_PRIVATE, NULL, &error);
  if (stream == NULL)
    goto failed;
  if (!nd_backup_export (self->store, G_OUTPUT_STREAM (stream), NULL, &error) ||
      !g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, &error))
    goto failed;

  return EXIT_SUCCESS;

failed:
  /* Translators: %s is why the backup failed */
  g_printerr (_("Could not export the stories: %s\n"), error->message);
  return EXIT_FAILURE;
}

static int
import_from_file (NdApplication *self,
                  const char    *file_name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (file_name);
  g_autoptr(GFileInputStream) stream = NULL;
  NdBackupImportStats stats = { 0 };

  if (!open_store (self, &error))
    goto failed;

  stream = g_file_read (file, NULL, &error);
  if (stream == NULL)
    goto failed;
  if (!nd_backup_import (self->store, G_INPUT_STREAM (stream), &stats, NULL, &error))
    goto failed;

  g_print (ngettext ("Imported %u story.\n", "Imported %u stories.\n", stats.stories_imported),
           stats.stories_imported);
  if (stats.stories_skipped > 0)
    g_print (ngettext ("%u story was already in the database and was left as it is.\n",
                       "%u stories were already in the database and were left as they are.\n",
                       stats.stories_skipped),
             stats.stories_skipped);
  return EXIT_SUCCESS;

failed:
  /* Translators: %s is why the import failed; nothing was imported */
  g_printerr (_("Could not import the stories; nothing was changed: %s\n"), error->message);
  return EXIT_FAILURE;
}

static int
nd_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  NdApplication *self = ND_APPLICATION (app);
  const char *database = NULL;
  const char *file = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("%s %s\n", "newsdesk", PACKAGE_VERSION);
      return EXIT_SUCCESS;
    }

  if (g_variant_dict_lookup (options, "database", "^&ay", &database))
    {
      g_autoptr(GFile) file_path = g_file_new_for_commandline_arg (database);

      g_free (self->database_path);
      self->database_path = g_file_get_path (file_path);
    }

  /* Backups run without a window or a display. */
  if (g_variant_dict_lookup (options, "export", "^&ay", &file))
    return export_to_file (self, file);
  if (g_variant_dict_lookup (options, "import", "^&ay", &file))
    return import_from_file (self, file);

  return G_APPLICATION_CLASS (nd_application_parent_class)->handle_local_options (app, options);
}

static void
start_reminders_cb (gpointer user_data)
{
  NdApplication *self = user_data;

  self->reminders_start_source = 0;
  nd_reminders_start (self->reminders);
}

/* Scheduled editions that are due and not ready are notified; the first
 * check waits until the window is up, so start-up does not pay for it (an
 * idle callback would run while the window waits to be shown). */
static void
start_reminders (NdApplication *self)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);

  self->reminders = nd_reminders_new (G_APPLICATION (self), self->store, settings);
  self->reminders_start_source = g_timeout_add_once (REMINDERS_START_DELAY_MS, start_reminders_cb, self);
}

static gboolean
start_sync_cb (gpointer user_data)
{
  NdApplication *self = user_data;

  self->sync_start_source = 0;
  if (self->sync_engine != NULL)
    nd_sync_engine_start (self->sync_engine);

  return G_SOURCE_REMOVE;
}

/* The sync service lives as long as the store. A read-only database keeps
 * it stopped: nothing pulled could be kept. */
static void
create_sync (NdApplication *self)
{
  self->sync_store = nd_sync_store_new (self->database);
  self->sync_engine = nd_sync_engine_new (self->store, self->sync_store);

  if (!nd_database_is_read_only (self->database))
    self->sync_start_source = g_timeout_add_seconds (SYNC_START_DELAY_SECONDS, start_sync_cb, self);
}

static void
nd_application_startup (GApplication *app)
{
  NdApplication *self = ND_APPLICATION (app);
  g_autoptr(GError) error = NULL;

  G_APPLICATION_CLASS (nd_application_parent_class)->startup (app);

  gtk_window_set_default_icon_name (APPLICATION_ID);

  if (open_store (self, &error))
    {
      g_signal_connect_object (self->store, "story-changed", G_CALLBACK (on_story_changed_cb),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->store, "story-added", G_CALLBACK (on_story_changed_cb),
                               self, G_CONNECT_SWAPPED);
      schedule_search_merge (self, MERGE_AFTER_PAUSE_SECONDS);
      start_reminders (self);
      create_sync (self);
    }
  else
    {
      g_clear_pointer (&self->startup_problem, g_free);
      /* Translators: %s is the database's own error */
      self->startup_problem = g_strdup_printf (_("The database could not be opened: %s"), error->message);
      g_critical ("%s", self->startup_problem);
    }
}

static void
show_startup_problem (NdApplication *self,
                      GtkWindow     *window)
{
  AdwMessageDialog *dialog;

  if (self->startup_problem == NULL)
    return;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (window, _("Database Problem"), self->startup_problem));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
  g_clear_pointer (&self->startup_problem, g_free);
}

static void
nd_application_activate (GApplication *app)
{
  NdApplication *self = ND_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL && self->store == NULL)
    {
      /* Nothing to show the stories from: say why, and nothing else. */
      GtkWidget *dialog = adw_message_dialog_new (NULL, _("Newsdesk Cannot Start"), self->startup_problem);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (app));
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }

  if (window == NULL)
    window = GTK_WINDOW (nd_window_new (self, self->store));

  gtk_window_present (window);
  show_startup_problem (self, window);
}

/* Says why an address was not opened; the window comes up first, so that
 * the editor sees which application speaks. The address itself is never
 * shown or logged: it may hold a password. */
static void
refuse_uri (NdApplication *self,
            const GError  *error)
{
  GtkWindow *window;
  AdwMessageDialog *dialog;

  g_message ("An address was not opened: %s", error->message);
  g_application_activate (G_APPLICATION (self));
  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (window, _("Address Not Opened"), error->message));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (self));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The only addresses Newsdesk opens are WordPress's answers to an approval
 * through its URI scheme: the browser runs `newsdesk URI`, and GApplication
 * hands the URI to the running instance over D-Bus. The waiting approval
 * (in the preferences window) takes it; anything else is refused. */
static void
nd_application_open (GApplication  *app,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  NdApplication *self = ND_APPLICATION (app);

  for (int i = 0; i < n_files; i++)
    {
      g_autofree char *uri = g_file_get_uri (files[i]);
      g_autoptr(GError) error = NULL;

      if (!nd_wp_authorization_receive_uri (uri, &error))
        refuse_uri (self, error);
    }
}

static void
nd_application_shutdown (GApplication *app)
{
  NdApplication *self = ND_APPLICATION (app);

  G_APPLICATION_CLASS (nd_application_parent_class)->shutdown (app);

  g_clear_handle_id (&self->merge_source, g_source_remove);
  g_clear_handle_id (&self->reminders_start_source, g_source_remove);
  g_clear_object (&self->reminders);
  g_clear_handle_id (&self->sync_start_source, g_source_remove);
  if (self->sync_engine != NULL)
    nd_sync_engine_stop (self->sync_engine);
  g_clear_object (&self->sync_engine);
  g_clear_object (&self->sync_store);
  g_clear_object (&self->store);
  g_clear_object (&self->database);
}

static void
nd_application_finalize (GObject *object)
{
  NdApplication *self = (NdApplication *)object;

  g_clear_object (&self->sync_engine);
  g_clear_object (&self->sync_store);
  g_clear_object (&self->store);
  g_clear_object (&self->database);
  g_clear_pointer (&self->database_path, g_free);
  g_clear_pointer (&self->startup_problem, g_free);

  G_OBJECT_CLASS (nd_application_parent_class)->finalize (object);
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  NdApplication *self = user_data;
  static const char *developers[] = { "Newsdesk developers", NULL };
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  adw_show_about_window (window,
                         "application-name", _("Newsdesk"),
                         "application-icon", APPLICATION_ID,
                         "developer-name", _("Newsdesk developers"),
                         "version", PACKAGE_VERSION,
                         "comments", _("Write, translate and schedule the stories of a multilingual newsroom"),
                         "website", "https://github.com/newsdesk/newsdesk",
                         "issue-url", "https://github.com/newsdesk/newsdesk/issues",
                         "developers", developers,
                         /* Translators: put your names here, one per line */
                         "translator-credits", _("translator-credits"),
                         "license-type", GTK_LICENSE_GPL_3_0,
                         NULL);
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  NdApplication *self = user_data;
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (self));

  /* Closing each window lets it save what is being edited first. */
  for (GList *l = g_list_copy (windows), *next; l != NULL; l = next)
    {
      next = l->next;
      gtk_window_close (l->data);
      g_list_free_1 (l);
    }
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  NdApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (self->store == NULL || self->sync_store == NULL)
    return;

  /* The same sync store as the engine's, so that it hears of new sites. */
  gtk_window_present (GTK_WINDOW (nd_preferences_window_new (window, self->store, self->sync_store)));
}

static void
sync_now_done_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* The indicator shows how it went; the log says it in words. */
  if (!nd_sync_engine_sync_finish (ND_SYNC_ENGINE (object), result, &error))
    g_debug ("Sync now: %s", error->message);
}

static void
sync_now_action (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  NdApplication *self = user_data;

  if (self->sync_engine != NULL)
    nd_sync_engine_sync_async (self->sync_engine, NULL, sync_now_done_cb, self);
}

static const GActionEntry app_actions[] = {
  { "sync-now", sync_now_action },
  { "about", about_action },
  { "preferences", preferences_action },
  { "quit", quit_action },
};

static void
nd_application_class_init (NdApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = nd_application_finalize;

  app_class->handle_local_options = nd_application_handle_local_options;
  app_class->startup = nd_application_startup;
  app_class->activate = nd_application_activate;
  app_class->open = nd_application_open;
  app_class->shutdown = nd_application_shutdown;
}

static const GOptionEntry option_entries[] = {
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Show the version and exit"), NULL },
  { "database", 0, 0, G_OPTION_ARG_FILENAME, NULL, N_("Use the database in FILE instead of the usual one"), N_("FILE") },
  { "export", 0, 0, G_OPTION_ARG_FILENAME, NULL, N_("Write every story to FILE as a JSON backup and exit"), N_("FILE") },
  { "import", 0, 0, G_OPTION_ARG_FILENAME, NULL, N_("Add the stories of the JSON backup in FILE and exit"), N_("FILE") },
  { NULL }
};

static void
nd_application_init (NdApplication *self)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };
  static const char *sync_now_accels[] = { "<Control>r", NULL };

  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Write, translate and schedule the stories of a multilingual newsroom."));

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences", preferences_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.sync-now", sync_now_accels);
}

NdApplication *
nd_application_new (void)
{
  g_resources_register (nd_get_resource ());

  return g_object_new (ND_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "resource-base-path", "/io/github/newsdesk/Newsdesk",
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       NULL);
}

/**
 * nd_application_get_sync_engine:
 * @self: a #NdApplication
 *
 * Returns: (transfer none) (nullable): the sync service, or %NULL when the
 *   database could not be opened
 */
NdSyncEngine *
nd_application_get_sync_engine (NdApplication *self)
{
  g_return_val_if_fail (ND_IS_APPLICATION (self), NULL);

  return self->sync_engine;
}

/**
 * nd_application_get_sync_store:
 * @self: a #NdApplication
 *
 * Returns: (transfer none) (nullable): the sites, the sync log and the
 *   conflicts, or %NULL when the database could not be opened
 */
NdSyncStore *
nd_application_get_sync_store (NdApplication *self)
{
  g_return_val_if_fail (ND_IS_APPLICATION (self), NULL);

  return self->sync_store;
}
