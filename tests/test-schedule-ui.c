/* test-schedule-ui.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The workflow and schedule in the interface, without AT-SPI: what the
 * schedule popover shows for a time (DST gaps and overlaps), the status
 * control's moves, refusals, history and stale confirmation, "schedule all
 * editions together", and the reminders' decision. Real store, real SQLite.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <adwaita.h>

#include "nd-reminders.h"
#include "nd-schedule-dialog.h"
#include "nd-schedule-popover.h"
#include "nd-status-control.h"
#include "nd-workflow.h"
#include "nd-test-util.h"
#include "nd-test-widgets.h"

typedef struct
{
  char         *dir;
  NdDatabase   *database;
  NdStoryStore *store;
  GTimeZone    *zone;
  gint64        story_id;
} Fixture;

static gint64
wall (const char *zone_id,
      int         year,
      int         month,
      int         day,
      int         hour,
      int         minute)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier (zone_id);
  g_autoptr(GDateTime) dt = g_date_time_new (zone, year, month, day, hour, minute, 0);

  return g_date_time_to_unix (dt);
}

/* A story in the preset's section, with a Russian source and the given
 * translations, every edition complete and in draft. */
static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  static const char *langs[] = { "ru", "en", "ar" };
  g_autoptr(GError) error = NULL;
  g_autoptr(NdStory) story = NULL;
  g_autoptr(NdSection) section = NULL;

  fixture->store = nd_test_open_store ("schedule-ui", &fixture->dir, &fixture->database);
  fixture->zone = nd_story_store_get_time_zone (fixture->store);
  g_assert_cmpstr (g_time_zone_get_identifier (fixture->zone), ==, "Europe/Moscow");

  story = nd_story_store_create_story (fixture->store, "ru", &error);
  g_assert_no_error (error);
  section = g_list_model_get_item (nd_story_store_get_sections (fixture->store), 0);
  nd_story_set_section_id (story, nd_section_get_id (section));
  nd_story_store_save_story (fixture->store, story, &error);
  g_assert_no_error (error);
  fixture->story_id = nd_story_get_id (story);

  for (guint i = 0; i < G_N_ELEMENTS (langs); i++)
    {
      g_autoptr(NdEdition) edition = nd_story_store_load_edition (fixture->store, fixture->story_id, langs[i], NULL);

      if (edition == NULL)
        edition = nd_story_store_add_edition (fixture->store, fixture->story_id, langs[i], &error);
      g_assert_no_error (error);
      nd_edition_set_headline (edition, langs[i]);
      nd_edition_set_standfirst (edition, "Standfirst.");
      nd_edition_set_dateline_city (edition, "Moscow");
      nd_edition_set_body (edition, "Body.");
      g_assert_true (nd_story_store_save_edition (fixture->store, edition, &error));
      g_assert_no_error (error);
      if (i > 0)
        {
          nd_story_store_mark_translated (fixture->store, edition, &error);
          g_assert_no_error (error);
        }
      if (nd_edition_get_status (edition) == ND_EDITION_STATUS_NEEDS_TRANSLATION)
        {
          nd_story_store_move_edition (fixture->store, edition, ND_EDITION_STATUS_DRAFT, "test", FALSE, &error);
          g_assert_no_error (error);
        }
    }
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_time_zone_unref (fixture->zone);
  nd_test_close_store (fixture->store, fixture->database, fixture->dir);
}

static NdEdition *
load (Fixture    *fixture,
      const char *lang)
{
  g_autoptr(GError) error = NULL;
  NdEdition *edition = nd_story_store_load_edition (fixture->store, fixture->story_id, lang, &error);

  g_assert_no_error (error);
  g_assert_nonnull (edition);
  return edition;
}

static void
make_ready (Fixture    *fixture,
            const char *lang)
{
  g_autoptr(NdEdition) edition = load (fixture, lang);
  g_autoptr(GError) error = NULL;

  nd_story_store_move_edition (fixture->store, edition, ND_EDITION_STATUS_IN_REVIEW, "test", TRUE, &error);
  g_assert_no_error (error);
  nd_story_store_move_edition (fixture->store, edition, ND_EDITION_STATUS_READY, "test", TRUE, &error);
  g_assert_no_error (error);
}

static void
make_stale (Fixture *fixture)
{
  g_autoptr(NdEdition) source = load (fixture, "ru");
  g_autoptr(GError) error = NULL;

  nd_edition_set_body (source, "Body, corrected after the translations were made.");
  g_assert_true (nd_story_store_save_edition (fixture->store, source, &error));
  g_assert_no_error (error);
}

static GtkWindow *
window_with (GtkWidget *child)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());

  gtk_window_set_child (window, child);
  gtk_window_present (window);
  return window;
}

/* The AdwMessageDialog a stale move asks with, if one is open. */
static AdwMessageDialog *
find_confirmation (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }

  return NULL;
}

static void
drain (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* The popover's words ------------------------------------------------------- */

static void
test_summary_exact (void)
{
  g_autoptr(GTimeZone) moscow = g_time_zone_new_identifier ("Europe/Moscow");
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  NdScheduleSummary summary;

  nd_schedule_summarize (moscow, utc, 2030, 12, 1, 14, 0, &summary);
  g_assert_cmpint (summary.resolution, ==, ND_WALL_TIME_EXACT);
  g_assert_cmpint (summary.utc, ==, wall ("UTC", 2030, 12, 1, 11, 0));
  g_assert_cmpstr (summary.publication_text, ==, "Sun 1 Dec 2030, 14:00 MSK");
  g_assert_cmpstr (summary.local_text, ==, "Sun 1 Dec 2030, 11:00 UTC");
  g_assert_null (summary.note);
  nd_schedule_summary_clear (&summary);

  g_assert_cmpstr (nd_schedule_zone_display_name (moscow), ==, "Europe/Moscow");
}

static void
test_summary_gap (void)
{
  g_autoptr(GTimeZone) berlin = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr(GTimeZone) moscow = g_time_zone_new_identifier ("Europe/Moscow");
  NdScheduleSummary summary;

  /* 02:30 does not exist in Berlin on 31 March 2030: it becomes 03:30 CEST,
   * which is 04:30 in Moscow. */
  nd_schedule_summarize (berlin, moscow, 2030, 3, 31, 2, 30, &summary);
  g_assert_cmpint (summary.resolution, ==, ND_WALL_TIME_SKIPPED);
  g_assert_cmpint (summary.utc, ==, wall ("UTC", 2030, 3, 31, 1, 30));
  g_assert_cmpstr (summary.publication_text, ==, "Sun 31 Mar 2030, 03:30 CEST");
  g_assert_cmpstr (summary.local_text, ==, "Sun 31 Mar 2030, 04:30 MSK");
  g_assert_nonnull (summary.note);
  g_assert_nonnull (strstr (summary.note, "02:30 does not exist"));
  g_assert_nonnull (strstr (summary.note, "Europe/Berlin"));
  g_assert_nonnull (strstr (summary.note, "03:30 CEST"));
  nd_schedule_summary_clear (&summary);
}

static void
test_summary_overlap (void)
{
  g_autoptr(GTimeZone) new_york = g_time_zone_new_identifier ("America/New_York");
  g_autoptr(GTimeZone) kiritimati = g_time_zone_new_identifier ("Pacific/Kiritimati");
  NdScheduleSummary summary;

  /* 01:30 happens twice in New York on 3 November 2030; the first, EDT, is
   * taken. Kiritimati is fourteen hours ahead of UTC: the next day. */
  nd_schedule_summarize (new_york, kiritimati, 2030, 11, 3, 1, 30, &summary);
  g_assert_cmpint (summary.resolution, ==, ND_WALL_TIME_AMBIGUOUS);
  g_assert_cmpint (summary.utc, ==, wall ("UTC", 2030, 11, 3, 5, 30));
  g_assert_cmpstr (summary.publication_text, ==, "Sun 3 Nov 2030, 01:30 EDT");
  g_assert_cmpstr (summary.local_text, ==, "Sun 3 Nov 2030, 19:30 +14");
  g_assert_nonnull (strstr (summary.note, "happens twice"));
  g_assert_nonnull (strstr (summary.note, "01:30 EDT"));
  g_assert_nonnull (strstr (summary.note, "01:30 EST"));
  nd_schedule_summary_clear (&summary);
}

static void
test_author (void)
{
  g_autofree char *author = nd_schedule_author ();

  g_assert_nonnull (author);
  g_assert_cmpstr (author, !=, "");
  g_assert_cmpstr (author, !=, "Unknown");
}

static gboolean
is_button_labelled (GtkWidget     *widget,
                    gconstpointer  label)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

static GtkWidget *
find_button (GtkWidget  *root,
             const char *label)
{
  return nd_test_find_widget (root, is_button_labelled, NULL, label);
}

static void
set_true (gboolean *flag)
{
  *flag = TRUE;
}

static void
on_schedule_cb (NdSchedulePopover *popover,
                gint64             utc,
                gint64            *chosen)
{
  *chosen = utc;
}

static void
test_popover_time (Fixture       *fixture,
                   gconstpointer  data)
{
  GtkWidget *button = gtk_menu_button_new ();
  GtkWidget *popover = nd_schedule_popover_new (fixture->store);
  GtkWidget *schedule;
  GtkWindow *window;
  gint64 at = wall ("Europe/Moscow", 2030, 12, 1, 14, 15);
  gint64 chosen = 0;

  g_object_ref (popover);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
  window = window_with (button);
  g_signal_connect (popover, "schedule", G_CALLBACK (on_schedule_cb), &chosen);
  schedule = find_button (popover, "_Schedule");
  g_assert_nonnull (schedule);

  /* The fields hold the time in the publication's zone, and give it back. */
  nd_schedule_popover_set_time (ND_SCHEDULE_POPOVER (popover), at);
  g_assert_cmpint (nd_schedule_popover_get_time (ND_SCHEDULE_POPOVER (popover)), ==, at);
  g_assert_null (nd_schedule_popover_get_message (ND_SCHEDULE_POPOVER (popover)));

  /* In the past: refused in the popover, nothing asked of its owner. */
  nd_schedule_popover_set_now (ND_SCHEDULE_POPOVER (popover), at + 60);
  g_signal_emit_by_name (schedule, "clicked");
  g_assert_cmpint (chosen, ==, 0);
  g_assert_nonnull (strstr (nd_schedule_popover_get_message (ND_SCHEDULE_POPOVER (popover)),
                            "1 Dec 2030, 14:15 MSK is in the past"));

  nd_schedule_popover_set_now (ND_SCHEDULE_POPOVER (popover), at - 60);
  g_signal_emit_by_name (schedule, "clicked");
  g_assert_cmpint (chosen, ==, at);
  g_assert_null (nd_schedule_popover_get_message (ND_SCHEDULE_POPOVER (popover)));

  /* The publication's zone is edited here; what is not a zone is refused. */
  {
    GtkWidget *entry;
    GtkWidget *set;
    g_autoptr(GTimeZone) zone = NULL;
    g_autofree char *stored = NULL;
    gboolean changed = FALSE;

    gtk_expander_set_expanded (GTK_EXPANDER (nd_test_find_descendant (popover, GTK_TYPE_EXPANDER)), TRUE);
    entry = nd_test_find_descendant (popover, GTK_TYPE_ENTRY);
    set = find_button (popover, "_Set");
    g_assert_nonnull (entry);
    g_assert_nonnull (set);
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "Europe/Moscow");
    g_signal_connect_swapped (popover, "zone-changed", G_CALLBACK (set_true), &changed);

    gtk_editable_set_text (GTK_EDITABLE (entry), "Mars/Olympus_Mons");
    g_signal_emit_by_name (set, "clicked");
    g_assert_false (changed);
    stored = nd_story_store_get_setting (fixture->store, "time-zone");
    g_assert_cmpstr (stored, ==, "Europe/Moscow");
    g_clear_pointer (&stored, g_free);

    gtk_editable_set_text (GTK_EDITABLE (entry), "Europe/Berlin");
    g_signal_emit_by_name (set, "clicked");
    g_assert_true (changed);
    zone = nd_story_store_get_time_zone (fixture->store);
    g_assert_cmpstr (g_time_zone_get_identifier (zone), ==, "Europe/Berlin");
    /* The same instant, now read and shown in Berlin. */
    g_assert_cmpint (nd_schedule_popover_get_time (ND_SCHEDULE_POPOVER (popover)), ==, at);
  }

  /* A scheduled edition is rescheduled. */
  nd_schedule_popover_set_scheduled (ND_SCHEDULE_POPOVER (popover), TRUE);
  g_assert_nonnull (find_button (popover, "_Reschedule"));
  g_assert_true (gtk_widget_get_visible (find_button (popover, "_Unschedule")));

  gtk_window_destroy (window);
  g_assert_finalize_object (popover);
}

/* The status control -------------------------------------------------------- */

static void
test_control_moves (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(NdEdition) edition = load (fixture, "en");
  GtkWidget *control = nd_status_control_new (fixture->store);
  g_autoptr(GPtrArray) changes = NULL;
  g_autofree char *author = nd_schedule_author ();
  const NdStatusChange *last;
  GtkWindow *window;

  g_object_ref (control);
  window = window_with (control);
  nd_status_control_set_edition (ND_STATUS_CONTROL (control), edition);

  g_assert_cmpstr (nd_status_control_get_move_label (ND_EDITION_STATUS_DRAFT, ND_EDITION_STATUS_IN_REVIEW), ==,
                   "Send to Review");
  g_assert_cmpstr (nd_status_control_get_move_label (ND_EDITION_STATUS_SCHEDULED, ND_EDITION_STATUS_READY), ==,
                   "Unschedule");
  g_assert_cmpstr (nd_status_control_get_move_label (ND_EDITION_STATUS_PUBLISHED, ND_EDITION_STATUS_READY), ==,
                   "Unpublish");

  /* The table has no move from draft to ready: refused, and said so. */
  g_assert_false (nd_status_control_move (ND_STATUS_CONTROL (control), ND_EDITION_STATUS_READY));
  g_assert_nonnull (strstr (nd_status_control_get_message (ND_STATUS_CONTROL (control)), "cannot go from"));
  g_assert_cmpint (nd_edition_get_status (edition), ==, ND_EDITION_STATUS_DRAFT);

  g_assert_true (nd_status_control_move (ND_STATUS_CONTROL (control), ND_EDITION_STATUS_IN_REVIEW));
  g_assert_true (nd_status_control_move (ND_STATUS_CONTROL (control), ND_EDITION_STATUS_READY));
  g_assert_cmpint (nd_edition_get_status (edition), ==, ND_EDITION_STATUS_READY);

  /* Who moved it, and from where, is in the history. */
  changes = nd_story_store_list_status_changes (fixture->store, nd_edition_get_id (edition), NULL);
  g_assert_nonnull (changes);
  last = g_ptr_array_index (changes, changes->len - 1);
  g_assert_true (last->has_old_status);
  g_assert_cmpint (last->old_status, ==, ND_EDITION_STATUS_IN_REVIEW);
  g_assert_cmpint (last->new_status, ==, ND_EDITION_STATUS_READY);
  g_assert_cmpstr (last->author, ==, author);

  /* A time in the past is refused and nothing changes. */
  g_assert_false (nd_status_control_schedule (ND_STATUS_CONTROL (control), nd_schedule_now () - 60));
  g_assert_nonnull (strstr (nd_status_control_get_message (ND_STATUS_CONTROL (control)), "in the past"));
  {
    g_autoptr(NdEdition) stored = load (fixture, "en");

    g_assert_cmpint (nd_edition_get_status (stored), ==, ND_EDITION_STATUS_READY);
    g_assert_cmpint (nd_edition_get_publish_at (stored), ==, 0);
  }

  g_assert_true (nd_status_control_schedule (ND_STATUS_CONTROL (control), wall ("UTC", 2030, 12, 1, 11, 0)));
  g_assert_cmpint (nd_edition_get_status (edition), ==, ND_EDITION_STATUS_SCHEDULED);

  /* Unschedule: back to ready, without a time. */
  g_assert_true (nd_status_control_move (ND_STATUS_CONTROL (control), ND_EDITION_STATUS_READY));
  {
    g_autoptr(NdEdition) stored = load (fixture, "en");

    g_assert_cmpint (nd_edition_get_status (stored), ==, ND_EDITION_STATUS_READY);
    g_assert_cmpint (nd_edition_get_publish_at (stored), ==, 0);
  }

  gtk_window_destroy (window);
  g_assert_finalize_object (control);
}

/* Less than a minute ahead the website would publish at once: the editor
 * is asked, and "Publish Now" publishes. */
static void
test_control_publish_now (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(NdEdition) edition = load (fixture, "en");
  GtkWidget *control = nd_status_control_new (fixture->store);
  AdwMessageDialog *dialog;
  GtkWindow *window;

  g_object_ref (control);
  window = window_with (control);
  nd_status_control_set_edition (ND_STATUS_CONTROL (control), edition);
  g_assert_true (nd_status_control_move (ND_STATUS_CONTROL (control), ND_EDITION_STATUS_IN_REVIEW));
  g_assert_true (nd_status_control_move (ND_STATUS_CONTROL (control), ND_EDITION_STATUS_READY));

  g_assert_false (nd_status_control_schedule (ND_STATUS_CONTROL (control), nd_schedule_now () + 30));
  drain ();
  dialog = find_confirmation ();
  g_assert_nonnull (dialog);
  g_assert_cmpint (nd_edition_get_status (edition), ==, ND_EDITION_STATUS_READY);

  adw_message_dialog_response (dialog, "publish");
  drain ();
  {
    g_autoptr(NdEdition) stored = load (fixture, "en");

    g_assert_cmpint (nd_edition_get_status (stored), ==, ND_EDITION_STATUS_PUBLISHED);
  }

  gtk_window_destroy (window);
  g_assert_finalize_object (control);
}

static void
test_control_refuses_incomplete (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(NdEdition) edition = load (fixture, "en");
  g_autoptr(GError) error = NULL;
  GtkWidget *control = nd_status_control_new (fixture->store);
  GtkWindow *window;

  g_object_ref (control);
  window = window_with (control);
  nd_edition_set_body (edition, "");
  g_assert_true (nd_story_store_save_edition (fixture->store, edition, &error));
  nd_status_control_set_edition (ND_STATUS_CONTROL (control), edition);

  g_assert_true (nd_status_control_move (ND_STATUS_CONTROL (control), ND_EDITION_STATUS_IN_REVIEW));
  g_assert_false (nd_status_control_move (ND_STATUS_CONTROL (control), ND_EDITION_STATUS_READY));
  g_assert_nonnull (strstr (nd_status_control_get_message (ND_STATUS_CONTROL (control)), "no text"));
  g_assert_cmpint (nd_edition_get_status (edition), ==, ND_EDITION_STATUS_IN_REVIEW);

  gtk_window_destroy (window);
  g_assert_finalize_object (control);
}

static void
test_control_stale_confirmation (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(NdEdition) edition = load (fixture, "ar");
  GtkWidget *control = nd_status_control_new (fixture->store);
  AdwMessageDialog *dialog;
  GtkWindow *window;

  g_object_ref (control);
  window = window_with (control);
  nd_status_control_set_edition (ND_STATUS_CONTROL (control), edition);
  g_assert_true (nd_status_control_move (ND_STATUS_CONTROL (control), ND_EDITION_STATUS_IN_REVIEW));
  make_stale (fixture);

  /* Not moved yet: a dialog asks. Cancel keeps it in review. */
  g_assert_false (nd_status_control_move (ND_STATUS_CONTROL (control), ND_EDITION_STATUS_READY));
  dialog = find_confirmation ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Translation Out of Date");
  adw_message_dialog_response (dialog, "cancel");
  gtk_window_destroy (GTK_WINDOW (dialog));
  drain ();
  g_assert_cmpint (nd_edition_get_status (edition), ==, ND_EDITION_STATUS_IN_REVIEW);

  g_assert_false (nd_status_control_move (ND_STATUS_CONTROL (control), ND_EDITION_STATUS_READY));
  dialog = find_confirmation ();
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "confirm");
  gtk_window_destroy (GTK_WINDOW (dialog));
  drain ();
  g_assert_cmpint (nd_edition_get_status (edition), ==, ND_EDITION_STATUS_READY);

  gtk_window_destroy (window);
  g_assert_finalize_object (control);
}

/* Schedule all editions together --------------------------------------------- */

static void
test_group_schedule (Fixture       *fixture,
                     gconstpointer  data)
{
  gint64 base = wall ("Europe/Moscow", 2030, 12, 1, 14, 0);
  NdScheduleDialog *dialog;
  g_autofree char *preview = NULL;
  static const char *langs[] = { "ru", "en", "ar" };

  for (guint i = 0; i < G_N_ELEMENTS (langs); i++)
    make_ready (fixture, langs[i]);

  dialog = nd_schedule_dialog_new (fixture->store, fixture->story_id);
  g_object_ref (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  nd_schedule_dialog_set_base (dialog, base);
  g_assert_cmpint (nd_schedule_dialog_get_base (dialog), ==, base);
  nd_schedule_dialog_set_offset (dialog, "en", TRUE, 60);
  nd_schedule_dialog_set_offset (dialog, "ar", TRUE, 120);

  preview = nd_schedule_dialog_get_preview (dialog, "ar");
  g_assert_true (g_str_has_prefix (preview, "Sun 1 Dec 2030, 16:00 MSK · your time "));

  /* A time in the past refuses the whole group: nothing is written. */
  nd_schedule_dialog_set_base (dialog, (nd_schedule_now () / 60 - 60) * 60);
  g_assert_false (nd_schedule_dialog_apply (dialog, FALSE));
  g_assert_nonnull (strstr (nd_schedule_dialog_get_message (dialog), "in the past"));
  for (guint i = 0; i < G_N_ELEMENTS (langs); i++)
    {
      g_autoptr(NdEdition) stored = load (fixture, langs[i]);

      g_assert_cmpint (nd_edition_get_status (stored), ==, ND_EDITION_STATUS_READY);
    }

  nd_schedule_dialog_set_base (dialog, base);
  g_assert_true (nd_schedule_dialog_apply (dialog, FALSE));
  for (guint i = 0; i < G_N_ELEMENTS (langs); i++)
    {
      g_autoptr(NdEdition) stored = load (fixture, langs[i]);

      g_assert_cmpint (nd_edition_get_status (stored), ==, ND_EDITION_STATUS_SCHEDULED);
      g_assert_cmpint (nd_edition_get_publish_at (stored), ==, base + 3600 * (gint64) i);
    }

  drain ();
  g_assert_finalize_object (dialog);
}

static void
test_group_schedule_stale (Fixture       *fixture,
                           gconstpointer  data)
{
  gint64 base = wall ("Europe/Moscow", 2030, 12, 1, 14, 0);
  NdScheduleDialog *dialog;
  AdwMessageDialog *confirmation;
  g_autoptr(NdEdition) ar = NULL;

  make_ready (fixture, "ru");
  make_ready (fixture, "ar");
  make_stale (fixture);

  dialog = nd_schedule_dialog_new (fixture->store, fixture->story_id);
  g_object_ref (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  nd_schedule_dialog_set_base (dialog, base);
  /* English is a draft: it cannot be scheduled and starts unticked. */
  nd_schedule_dialog_set_offset (dialog, "ar", TRUE, 120);

  g_assert_false (nd_schedule_dialog_apply (dialog, FALSE));
  confirmation = find_confirmation ();
  g_assert_nonnull (confirmation);
  adw_message_dialog_response (confirmation, "confirm");
  gtk_window_destroy (GTK_WINDOW (confirmation));
  drain ();

  ar = load (fixture, "ar");
  g_assert_cmpint (nd_edition_get_status (ar), ==, ND_EDITION_STATUS_SCHEDULED);
  g_assert_cmpint (nd_edition_get_publish_at (ar), ==, base + 7200);
  {
    g_autoptr(NdEdition) en = load (fixture, "en");

    g_assert_cmpint (nd_edition_get_status (en), ==, ND_EDITION_STATUS_DRAFT);
  }

  drain ();
  g_assert_finalize_object (dialog);
}

/* Reminders ------------------------------------------------------------------ */

static void
test_reminders (Fixture       *fixture,
                gconstpointer  data)
{
  gint64 at = wall ("Europe/Moscow", 2030, 12, 1, 14, 0);
  g_autoptr(NdEdition) ru = NULL;
  g_autoptr(GPtrArray) reminders = NULL;
  g_autoptr(GError) error = NULL;
  const NdReminder *reminder;

  make_ready (fixture, "ru");
  ru = load (fixture, "ru");
  g_assert_true (nd_story_store_schedule_edition (fixture->store, ru, at, "test", FALSE, &error));
  g_assert_no_error (error);

  /* Due in 30 minutes, and English and Arabic are still drafts. */
  reminders = nd_reminders_collect (fixture->store, at - 30 * 60, 60, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (reminders->len, ==, 1);
  reminder = g_ptr_array_index (reminders, 0);
  g_assert_cmpint (reminder->edition_id, ==, nd_edition_get_id (ru));
  g_assert_cmpint (reminder->story_id, ==, fixture->story_id);
  g_assert_cmpstr (reminder->lang, ==, "ru");
  g_assert_nonnull (strstr (reminder->title, "14:00"));
  g_assert_nonnull (strstr (reminder->body, "The English edition is still “Draft”"));
  g_assert_nonnull (strstr (reminder->body, "The العربية edition is still “Draft”"));
  g_clear_pointer (&reminders, g_ptr_array_unref);

  /* Not within ten minutes; and 0 turns reminders off. */
  reminders = nd_reminders_collect (fixture->store, at - 30 * 60, 10, &error);
  g_assert_cmpuint (reminders->len, ==, 0);
  g_clear_pointer (&reminders, g_ptr_array_unref);
  reminders = nd_reminders_collect (fixture->store, at - 30 * 60, 0, &error);
  g_assert_cmpuint (reminders->len, ==, 0);
  g_clear_pointer (&reminders, g_ptr_array_unref);

  /* Ready everywhere: nothing to remind of. */
  make_ready (fixture, "en");
  make_ready (fixture, "ar");
  reminders = nd_reminders_collect (fixture->store, at - 30 * 60, 60, &error);
  g_assert_cmpuint (reminders->len, ==, 0);
  g_clear_pointer (&reminders, g_ptr_array_unref);

  /* A stale translation is a reason again. */
  make_stale (fixture);
  reminders = nd_reminders_collect (fixture->store, at - 30 * 60, 60, &error);
  g_assert_cmpuint (reminders->len, ==, 1);
  reminder = g_ptr_array_index (reminders, 0);
  g_assert_nonnull (strstr (reminder->body, "The English translation is out of date"));
}

static void
test_reminders_service (Fixture       *fixture,
                        gconstpointer  data)
{
  gint64 at = wall ("Europe/Moscow", 2030, 12, 1, 14, 0);
  g_autoptr(GApplication) application = g_application_new ("io.github.newsdesk.Test", G_APPLICATION_NON_UNIQUE);
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autoptr(NdEdition) ru = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  NdReminders *reminders;
  GList *sent;

  g_assert_cmpint (g_settings_get_int (settings, "reminder-minutes"), ==, 60);

  make_ready (fixture, "ru");
  ru = load (fixture, "ru");
  g_assert_true (nd_story_store_schedule_edition (fixture->store, ru, at, "test", FALSE, &error));
  id = nd_reminders_notification_id (nd_edition_get_id (ru));

  g_assert_true (g_application_register (application, NULL, &error));
  g_assert_no_error (error);
  reminders = nd_reminders_new (application, fixture->store, settings);
  g_assert_true (g_action_map_lookup_action (G_ACTION_MAP (application), "open-story") != NULL);
  nd_reminders_set_now (reminders, at - 30 * 60);
  nd_reminders_check (reminders);
  sent = nd_reminders_get_sent (reminders);
  g_assert_cmpuint (g_list_length (sent), ==, 1);
  g_assert_cmpstr (sent->data, ==, id);
  g_list_free (sent);

  /* Off: withdrawn. */
  g_settings_set_int (settings, "reminder-minutes", 0);
  nd_reminders_check (reminders);
  g_assert_null (nd_reminders_get_sent (reminders));
  g_settings_reset (settings, "reminder-minutes");

  g_assert_finalize_object (reminders);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/schedule-ui/summary/exact", test_summary_exact);
  g_test_add_func ("/schedule-ui/summary/gap", test_summary_gap);
  g_test_add_func ("/schedule-ui/summary/overlap", test_summary_overlap);
  g_test_add_func ("/schedule-ui/author", test_author);
#define ADD(path, func) \
  g_test_add ("/schedule-ui/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("popover/time", test_popover_time);
  ADD ("control/moves", test_control_moves);
  ADD ("control/refuses-incomplete", test_control_refuses_incomplete);
  ADD ("control/publish-now", test_control_publish_now);
  ADD ("control/stale-confirmation", test_control_stale_confirmation);
  ADD ("group/schedule", test_group_schedule);
  ADD ("group/stale", test_group_schedule_stale);
  ADD ("reminders/collect", test_reminders);
  ADD ("reminders/service", test_reminders_service);
#undef ADD

  return g_test_run ();
}
