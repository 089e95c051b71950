/* nd-story-editor.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "newsdesk-story-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "nd-schedule-dialog.h"
#include "nd-story-details.h"
#include "nd-story-draft.h"
#include "nd-story-editor.h"
#include "nd-conflict-view.h"
#include "nd-widget-util.h"

/**
 * NdStoryEditor:
 *
 * The editing desk for one story: a page per language of the publication
 * (an #NdEditionEditor each), switched with the languages' own names, and
 * beside them the story's details (#NdStoryDetails).
 *
 * Everything typed reaches the database within a second of a pause, on
 * focus-out, when the page or the story changes and when the window closes
 * (nd_story_editor_save_now()). A save that fails keeps the text on screen,
 * says so in a bar, and is retried; text that still cannot be saved when
 * the editor moves to another story is kept and retried in the background
 * until it is saved, and shown again if the editor comes back to it.
 */
struct _NdStoryEditor
{
  GtkWidget       parent_instance;

  NdStoryStore   *store;
  gint64          story_id;
  char           *lang;
  GPtrArray      *editors;

  NdStoryDraft   *draft;
  NdAutosave     *draft_autosave;

  /* Text the editor moved away from before it could be saved. */
  GPtrArray      *pending_editions;
  GPtrArray      *pending_drafts;
  GError         *pending_error;
  guint           pending_retry_id;

  guint           refresh_id;
  gboolean        saving_pending;
  guint           delay_ms;
  guint           retry_ms;
  gboolean        switching;

  NdSaveState     save_state;
  char           *save_error;

  NdStoryDetails *details;

  GtkRevealer    *error_revealer;
  GtkLabel       *error_label;
  GtkRevealer    *conflict_revealer;

  NdSyncEngine   *sync_engine;
  NdSyncStore    *sync_store;
  GtkBox         *language_box;
  GtkLabel       *save_label;
  GtkToggleButton *details_button;
  AdwFlap        *flap;
  GtkStack       *pages_stack;
};

G_DEFINE_FINAL_TYPE (NdStoryEditor, nd_story_editor, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_STORY_ID,
  PROP_LANG,
  PROP_SAVE_STATE,
  PROP_SAVE_ERROR,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void update_save_state (NdStoryEditor *self);
static void update_conflict_bar (NdStoryEditor *self);

/* Pages -------------------------------------------------------------------- */

static NdEditionEditor *
find_editor (NdStoryEditor *self,
             const char    *lang)
{
  for (guint i = 0; lang != NULL && i < self->editors->len; i++)
    {
      NdEditionEditor *editor = g_ptr_array_index (self->editors, i);

      if (g_strcmp0 (nd_language_get_code (nd_edition_editor_get_language (editor)), lang) == 0)
        return editor;
    }

  return NULL;
}

static GtkToggleButton *
editor_toggle (NdEditionEditor *editor)
{
  return g_object_get_data (G_OBJECT (editor), "toggle");
}

/* A language the story has no edition in looks absent on its button. */
static void
update_toggle (NdEditionEditor *editor)
{
  GtkWidget *toggle = GTK_WIDGET (editor_toggle (editor));

  if (nd_edition_editor_has_edition (editor))
    {
      gtk_widget_remove_css_class (toggle, "nd-missing-edition");
      gtk_widget_set_tooltip_text (toggle, NULL);
    }
  else
    {
      gtk_widget_add_css_class (toggle, "nd-missing-edition");
      gtk_widget_set_tooltip_text (toggle, _("No edition in this language yet"));
    }
}

static void
show_language (NdStoryEditor *self,
               const char    *lang)
{
  NdEditionEditor *editor = find_editor (self, lang);
  NdEditionEditor *old = find_editor (self, self->lang);

  if (editor == NULL)
    return;

  /* Leaving a page saves it; a failure shows in the bar. */
  if (old != NULL && old != editor)
    nd_edition_editor_save (old, NULL);

  self->switching = TRUE;
  gtk_toggle_button_set_active (editor_toggle (editor), TRUE);
  self->switching = FALSE;
  gtk_stack_set_visible_child (self->pages_stack, GTK_WIDGET (editor));
  nd_story_details_set_lang (self->details, lang);

  if (g_strcmp0 (self->lang, lang) != 0)
    {
      g_free (self->lang);
      self->lang = g_strdup (lang);
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_LANG]);
    }
}

static void
on_language_toggled_cb (NdStoryEditor   *self,
                        GtkToggleButton *toggle)
{
  if (self->switching || !gtk_toggle_button_get_active (toggle))
    return;

  show_language (self, g_object_get_data (G_OBJECT (toggle), "lang"));
}

static void
on_editor_save_state_cb (NdStoryEditor *self)
{
  update_save_state (self);
}

static void
on_editor_has_edition_cb (NdStoryEditor   *self,
                          GParamSpec      *pspec,
                          NdEditionEditor *editor)
{
  update_toggle (editor);
}

static void
add_page (NdStoryEditor *self,
          NdLanguage    *language,
          GtkToggleButton **group)
{
  NdEditionEditor *editor = nd_edition_editor_new (self->store, language);
  GtkWidget *toggle = gtk_toggle_button_new_with_label (nd_language_get_native_name (language));

  if (*group != NULL)
    gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (toggle), *group);
  else
    *group = GTK_TOGGLE_BUTTON (toggle);

  g_object_set_data_full (G_OBJECT (toggle), "lang", g_strdup (nd_language_get_code (language)), g_free);
  g_signal_connect_object (toggle, "toggled", G_CALLBACK (on_language_toggled_cb), self, G_CONNECT_SWAPPED);
  gtk_box_append (self->language_box, toggle);

  g_object_set_data (G_OBJECT (editor), "toggle", toggle);
  if (self->delay_ms > 0)
    nd_edition_editor_set_autosave_delays (editor, self->delay_ms, self->retry_ms);
  g_signal_connect_object (editor, "notify::save-state", G_CALLBACK (on_editor_save_state_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (editor, "notify::has-edition", G_CALLBACK (on_editor_has_edition_cb),
                           self, G_CONNECT_SWAPPED);
  if (self->sync_store != NULL)
    nd_edition_editor_set_sync (editor, self->sync_engine, self->sync_store);
  gtk_stack_add_named (self->pages_stack, GTK_WIDGET (editor), nd_language_get_code (language));
  g_ptr_array_add (self->editors, editor);
  update_toggle (editor);
}

/* Languages are data: one page each, in the publication's order. */
static void
build_pages (NdStoryEditor *self)
{
  GListModel *languages = nd_story_store_get_languages (self->store);
  GtkToggleButton *group = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->language_box))) != NULL)
    gtk_box_remove (self->language_box, child);
  for (guint i = 0; i < self->editors->len; i++)
    gtk_stack_remove (self->pages_stack, g_ptr_array_index (self->editors, i));
  g_ptr_array_set_size (self->editors, 0);

  for (guint i = 0; i < g_list_model_get_n_items (languages); i++)
    {
      g_autoptr(NdLanguage) language = g_list_model_get_item (languages, i);

      add_page (self, language, &group);
    }
}

/* Saving ------------------------------------------------------------------- */

static gboolean
save_draft_cb (gpointer   user_data,
               GError   **error)
{
  NdStoryEditor *self = user_data;

  if (self->draft == NULL)
    return TRUE;

  return nd_story_draft_save (self->draft, self->store, error);
}

static gboolean
save_pending (NdStoryEditor  *self,
              GError        **error)
{
  g_autoptr(GError) last_error = NULL;

  self->saving_pending = TRUE;

  for (guint i = 0; i < self->pending_editions->len; )
    {
      g_autoptr(GError) local_error = NULL;

      if (nd_story_store_save_edition (self->store, g_ptr_array_index (self->pending_editions, i), &local_error))
        g_ptr_array_remove_index (self->pending_editions, i);
      else
        {
          g_clear_error (&last_error);
          last_error = g_steal_pointer (&local_error);
          i++;
        }
    }

  for (guint i = 0; i < self->pending_drafts->len; )
    {
      g_autoptr(GError) local_error = NULL;

      if (nd_story_draft_save (g_ptr_array_index (self->pending_drafts, i), self->store, &local_error))
        g_ptr_array_remove_index (self->pending_drafts, i);
      else
        {
          g_clear_error (&last_error);
          last_error = g_steal_pointer (&local_error);
          i++;
        }
    }

  self->saving_pending = FALSE;

  g_clear_error (&self->pending_error);
  if (last_error == NULL)
    return TRUE;

  self->pending_error = g_error_copy (last_error);
  g_propagate_error (error, g_steal_pointer (&last_error));
  return FALSE;
}

static gboolean
on_pending_retry_cb (gpointer user_data)
{
  NdStoryEditor *self = user_data;

  save_pending (self, NULL);
  update_save_state (self);

  if (self->pending_editions->len > 0 || self->pending_drafts->len > 0)
    return G_SOURCE_CONTINUE;

  self->pending_retry_id = 0;
  return G_SOURCE_REMOVE;
}

static void
schedule_pending_retry (NdStoryEditor *self)
{
  if (self->pending_retry_id == 0)
    self->pending_retry_id = g_timeout_add (self->retry_ms > 0 ? self->retry_ms : ND_AUTOSAVE_RETRY_MS,
                                            on_pending_retry_cb, self);
}

static void
keep_pending_error (NdStoryEditor *self,
                    GError        *error)
{
  g_clear_error (&self->pending_error);
  self->pending_error = error;
}

/* Before the editor shows another story, what it holds is saved; what
 * cannot be saved is kept aside and retried, never dropped. */
static void
park_unsaved (NdStoryEditor *self)
{
  for (guint i = 0; i < self->editors->len; i++)
    {
      NdEditionEditor *editor = g_ptr_array_index (self->editors, i);
      g_autoptr(GError) error = NULL;
      NdEdition *unsaved;

      if (nd_edition_editor_save (editor, &error))
        continue;

      unsaved = nd_edition_editor_take_unsaved (editor);
      if (unsaved != NULL)
        {
          keep_pending_error (self, g_steal_pointer (&error));
          g_ptr_array_add (self->pending_editions, unsaved);
        }
    }

  if (self->draft != NULL)
    {
      g_autoptr(GError) error = NULL;

      if (!nd_autosave_flush (self->draft_autosave, &error))
        {
          keep_pending_error (self, g_steal_pointer (&error));
          g_ptr_array_add (self->pending_drafts, g_steal_pointer (&self->draft));
        }
    }

  nd_autosave_forget (self->draft_autosave);
  g_clear_pointer (&self->draft, nd_story_draft_free);

  if (self->pending_editions->len > 0 || self->pending_drafts->len > 0)
    schedule_pending_retry (self);
}

static NdEdition *
take_pending_edition (NdStoryEditor *self,
                      NdEdition     *edition)
{
  for (guint i = 0; edition != NULL && i < self->pending_editions->len; i++)
    {
      NdEdition *pending = g_ptr_array_index (self->pending_editions, i);

      if (nd_edition_get_id (pending) == nd_edition_get_id (edition))
        return g_ptr_array_steal_index (self->pending_editions, i);
    }

  return NULL;
}

static NdStoryDraft *
take_pending_draft (NdStoryEditor *self,
                    gint64         story_id)
{
  for (guint i = 0; i < self->pending_drafts->len; i++)
    {
      NdStoryDraft *pending = g_ptr_array_index (self->pending_drafts, i);

      if (nd_story_get_id (pending->story) == story_id)
        return g_ptr_array_steal_index (self->pending_drafts, i);
    }

  return NULL;
}

/* The state of the editor as a whole is the worst of its parts. */
static void
update_save_state (NdStoryEditor *self)
{
  NdSaveState state = ND_SAVE_STATE_SAVED;
  const GError *error = NULL;
  g_autofree char *reason = NULL;

  for (guint i = 0; i < self->editors->len; i++)
    {
      NdEditionEditor *editor = g_ptr_array_index (self->editors, i);
      NdSaveState editor_state = nd_edition_editor_get_save_state (editor);

      if (editor_state == ND_SAVE_STATE_FAILED && error == NULL)
        error = nd_edition_editor_get_save_error (editor);
      state = MAX (state, editor_state);
    }

  if (nd_autosave_get_state (self->draft_autosave) == ND_SAVE_STATE_FAILED && error == NULL)
    error = nd_autosave_get_error (self->draft_autosave);
  state = MAX (state, nd_autosave_get_state (self->draft_autosave));

  if (self->pending_editions->len > 0 || self->pending_drafts->len > 0)
    {
      if (error == NULL)
        error = self->pending_error;
      state = ND_SAVE_STATE_FAILED;
    }

  if (state == ND_SAVE_STATE_FAILED)
    {
      /* The store's reasons are sentences of their own. */
      reason = g_strdup (error != NULL ? error->message : _("The database failed"));
      g_strchomp (reason);
      if (g_str_has_suffix (reason, "."))
        reason[strlen (reason) - 1] = '\0';
    }

  if (state != ND_SAVE_STATE_FAILED)
    gtk_revealer_set_reveal_child (self->error_revealer, FALSE);
  else
    {
      /* Translators: %s is why saving failed, e.g. "The disk is full" */
      g_autofree char *message = g_strdup_printf (_("Not saved: %s. Your text is kept here and saving is retried."),
                                                  reason);

      gtk_label_set_text (self->error_label, message);
      gtk_revealer_set_reveal_child (self->error_revealer, TRUE);
    }

  switch (state)
    {
    case ND_SAVE_STATE_SAVED:
      gtk_label_set_text (self->save_label, self->story_id != 0 ? _("Saved") : "");
      break;

    case ND_SAVE_STATE_UNSAVED:
      gtk_label_set_text (self->save_label, _("Saving…"));
      break;

    case ND_SAVE_STATE_FAILED:
      gtk_label_set_text (self->save_label, _("Not saved"));
      break;

    default:
      g_assert_not_reached ();
    }

  if (g_strcmp0 (self->save_error, reason) != 0)
    {
      g_free (self->save_error);
      self->save_error = g_steal_pointer (&reason);
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SAVE_ERROR]);
    }
  if (self->save_state != state)
    {
      self->save_state = state;
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SAVE_STATE]);
    }
}

/* Loading ------------------------------------------------------------------ */

static void
show_draft (NdStoryEditor *self,
            NdStoryDraft  *draft,
            gboolean       unsaved)
{
  g_clear_pointer (&self->draft, nd_story_draft_free);
  nd_autosave_forget (self->draft_autosave);

  self->draft = draft;
  nd_story_details_set_draft (self->details, draft);
  if (unsaved)
    nd_autosave_changed (self->draft_autosave);
}

/* The language to show: the one the editor was working in when the story
 * has it (a translator goes from story to story in Arabic), otherwise the
 * story's source language. */
static const char *
choose_language (NdStoryEditor *self,
                 NdStory       *story)
{
  if (self->lang != NULL && nd_story_get_edition (story, self->lang) != NULL)
    return self->lang;
  if (find_editor (self, nd_story_get_source_lang (story)) != NULL)
    return nd_story_get_source_lang (story);
  if (self->editors->len > 0)
    return nd_language_get_code (nd_edition_editor_get_language (g_ptr_array_index (self->editors, 0)));

  return NULL;
}

static void
show_nothing (NdStoryEditor *self)
{
  self->story_id = 0;
  for (guint i = 0; i < self->editors->len; i++)
    nd_edition_editor_set_edition (g_ptr_array_index (self->editors, i), 0, NULL, FALSE);
  show_draft (self, NULL, FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.schedule-all", FALSE);
}

static void
load_story (NdStoryEditor *self,
            gint64         story_id)
{
  g_autoptr(NdStory) story = NULL;
  g_autoptr(GError) error = NULL;
  NdStoryDraft *draft;
  gboolean draft_unsaved = TRUE;

  if (story_id == 0)
    {
      show_nothing (self);
      return;
    }

  story = nd_story_store_load_story (self->store, story_id, &error);
  if (story == NULL)
    {
      g_warning ("Could not load story %" G_GINT64_FORMAT ": %s", story_id, error->message);
      show_nothing (self);
      return;
    }

  draft = take_pending_draft (self, story_id);
  if (draft == NULL)
    {
      draft_unsaved = FALSE;
      draft = nd_story_draft_load (self->store, story_id, &error);
      if (draft == NULL)
        {
          g_warning ("Could not load the details of story %" G_GINT64_FORMAT ": %s", story_id, error->message);
          show_nothing (self);
          return;
        }
    }

  self->story_id = story_id;
  update_conflict_bar (self);
  for (guint i = 0; i < self->editors->len; i++)
    {
      NdEditionEditor *editor = g_ptr_array_index (self->editors, i);
      NdEdition *edition = nd_story_get_edition (story, nd_language_get_code (nd_edition_editor_get_language (editor)));
      g_autoptr(NdEdition) pending = take_pending_edition (self, edition);

      nd_edition_editor_set_edition (editor, story_id, pending != NULL ? pending : edition, pending != NULL);
    }
  show_draft (self, draft, draft_unsaved);
  show_language (self, choose_language (self, story));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.schedule-all", TRUE);
}

/* Refreshing --------------------------------------------------------------- */

static gboolean
same_ids (GArray    *ids,
          GPtrArray *objects)
{
  if (ids->len != objects->len)
    return FALSE;

  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = 0;

      g_object_get (g_ptr_array_index (objects, i), "id", &id, NULL);
      if (id != g_array_index (ids, gint64, i))
        return FALSE;
    }

  return TRUE;
}

/* Whether the stored story has the fields the draft shows; the draft's own
 * saves leave them equal, so the details are not rebuilt under the editor's
 * hands after every save. */
static gboolean
draft_matches (NdStoryDraft *draft,
               NdStory      *stored)
{
  return nd_story_get_section_id (stored) == nd_story_get_section_id (draft->story) &&
         nd_story_get_featured_media_id (stored) == (draft->media != NULL ? nd_media_get_id (draft->media) : 0) &&
         same_ids (nd_story_get_tag_ids (stored), draft->tags) &&
         same_ids (nd_story_get_contributor_ids (stored), draft->contributors) &&
         same_ids (nd_story_get_related_ids (stored), draft->related);
}

static void
refresh_draft (NdStoryEditor *self)
{
  g_autoptr(NdStory) stored = NULL;
  NdStoryDraft *draft;

  if (self->draft == NULL || nd_story_draft_is_dirty (self->draft) ||
      nd_autosave_has_unsaved_changes (self->draft_autosave))
    return;

  stored = nd_story_store_load_story_summary (self->store, self->story_id, NULL);
  if (stored == NULL || draft_matches (self->draft, stored))
    return;

  draft = nd_story_draft_load (self->store, self->story_id, NULL);
  if (draft != NULL)
    show_draft (self, draft, FALSE);
}

static void
refresh (NdStoryEditor *self)
{
  if (self->story_id == 0)
    return;

  for (guint i = 0; i < self->editors->len; i++)
    nd_edition_editor_refresh (g_ptr_array_index (self->editors, i));
  refresh_draft (self);
}

static gboolean
on_refresh_idle_cb (gpointer user_data)
{
  NdStoryEditor *self = user_data;

  self->refresh_id = 0;
  refresh (self);

  return G_SOURCE_REMOVE;
}

/* Whether the store is busy with one of the editor's own writes. */
static gboolean
is_saving (NdStoryEditor *self)
{
  if (self->saving_pending || (self->draft_autosave != NULL && nd_autosave_is_saving (self->draft_autosave)))
    return TRUE;

  for (guint i = 0; i < self->editors->len; i++)
    if (nd_edition_editor_is_saving (g_ptr_array_index (self->editors, i)))
      return TRUE;

  return FALSE;
}

/* Others write too (the translation view, sync, a restored revision); the
 * editor catches up once the change is done, not in the middle of it. Its
 * own saves need no catching up, and cost no reads after them. */
static void
on_story_changed_cb (NdStoryEditor *self,
                     gint64         story_id)
{
  if (story_id != self->story_id || self->story_id == 0 || self->refresh_id != 0 || is_saving (self))
    return;

  self->refresh_id = g_idle_add (on_refresh_idle_cb, self);
}

static void
on_store_reset_cb (NdStoryEditor *self)
{
  if (self->story_id != 0 && self->refresh_id == 0)
    self->refresh_id = g_idle_add (on_refresh_idle_cb, self);
}

/* A language added or removed in the preferences gets its page at once. */
static void
on_languages_changed_cb (NdStoryEditor *self)
{
  gint64 story_id = self->story_id;

  park_unsaved (self);
  build_pages (self);
  load_story (self, story_id);
  update_save_state (self);
}

static void
on_details_changed_cb (NdStoryEditor *self)
{
  nd_autosave_changed (self->draft_autosave);
}

static void
on_draft_save_state_cb (NdStoryEditor *self)
{
  update_save_state (self);
}

/* Sync conflicts ----------------------------------------------------------- */

/* A bar says when the story was changed here and on the website at once;
 * both versions are kept until the editor chooses. */
static void
update_conflict_bar (NdStoryEditor *self)
{
  gboolean conflicted = self->sync_store != NULL && self->story_id != 0 &&
                        nd_sync_store_count_open_conflicts (self->sync_store, self->story_id) > 0;

  gtk_revealer_set_reveal_child (self->conflict_revealer, conflicted);
}

static void
resolve_conflicts_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  NdStoryEditor *self = ND_STORY_EDITOR (widget);
  g_autoptr(GPtrArray) conflicts = NULL;
  NdConflict *first;

  if (self->sync_store == NULL || self->sync_engine == NULL || self->story_id == 0)
    return;

  /* What is open in the editor goes to the database first: the resolution
   * is laid onto the stored text. */
  for (guint i = 0; i < self->editors->len; i++)
    nd_edition_editor_save (g_ptr_array_index (self->editors, i), NULL);

  conflicts = nd_sync_store_list_story_conflicts (self->sync_store, self->story_id, NULL);
  if (conflicts == NULL || conflicts->len == 0)
    return;

  first = g_ptr_array_index (conflicts, 0);
  nd_conflict_view_present (GTK_WINDOW (gtk_widget_get_root (widget)), self->sync_engine, self->store,
                            self->sync_store, first->edition_id);
}

/* Actions ------------------------------------------------------------------ */

static void
retry_save_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  nd_story_editor_save_now (ND_STORY_EDITOR (widget), NULL);
}

static void
on_group_scheduled_cb (NdStoryEditor *self)
{
  nd_story_editor_reload (self);
}

/* "Schedule all editions together": the text goes to the database first,
 * as the workflow's rules judge what is stored. */
static void
schedule_all_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  NdStoryEditor *self = ND_STORY_EDITOR (widget);
  NdScheduleDialog *dialog;
  GtkRoot *root;

  if (self->story_id == 0)
    return;

  nd_story_editor_save_now (self, NULL);
  dialog = nd_schedule_dialog_new (self->store, self->story_id);
  root = gtk_widget_get_root (widget);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (root));
  g_signal_connect_object (dialog, "scheduled", G_CALLBACK (on_group_scheduled_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
toggle_details_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  NdStoryEditor *self = ND_STORY_EDITOR (widget);

  adw_flap_set_reveal_flap (self->flap, !adw_flap_get_reveal_flap (self->flap));
}

static void
show_language_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  NdStoryEditor *self = ND_STORY_EDITOR (widget);
  guint index = g_variant_get_uint32 (parameter);

  if (index < self->editors->len)
    show_language (self, nd_language_get_code (nd_edition_editor_get_language (g_ptr_array_index (self->editors, index))));
}

/* Overrides ---------------------------------------------------------------- */

static void
nd_story_editor_constructed (GObject *object)
{
  NdStoryEditor *self = (NdStoryEditor *)object;

  G_OBJECT_CLASS (nd_story_editor_parent_class)->constructed (object);

  g_assert (ND_IS_STORY_STORE (self->store));

  self->details = nd_story_details_new (self->store);
  gtk_widget_set_size_request (GTK_WIDGET (self->details), 320, -1);
  adw_flap_set_flap (self->flap, GTK_WIDGET (self->details));
  g_signal_connect_object (self->details, "changed", G_CALLBACK (on_details_changed_cb), self, G_CONNECT_SWAPPED);

  build_pages (self);
  show_nothing (self);
  if (self->editors->len > 0)
    show_language (self, nd_language_get_code (nd_edition_editor_get_language (g_ptr_array_index (self->editors, 0))));

  g_signal_connect_object (self->store, "story-changed", G_CALLBACK (on_story_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "reset", G_CALLBACK (on_store_reset_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (nd_story_store_get_languages (self->store), "items-changed",
                           G_CALLBACK (on_languages_changed_cb), self, G_CONNECT_SWAPPED);

  update_save_state (self);
}

static void
nd_story_editor_dispose (GObject *object)
{
  NdStoryEditor *self = (NdStoryEditor *)object;
  GtkWidget *child;

  /* What the last saves below make the store say is no news. */
  if (self->store != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->store, self);
      g_signal_handlers_disconnect_by_data (nd_story_store_get_languages (self->store), self);
    }

  /* The last chance for changes when something else than the window's
   * close tears the editor down; the pages save theirs in their dispose. */
  if (self->draft_autosave != NULL)
    nd_autosave_flush (self->draft_autosave, NULL);
  if (self->pending_editions != NULL && (self->pending_editions->len > 0 || self->pending_drafts->len > 0))
    save_pending (self, NULL);

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  g_clear_handle_id (&self->pending_retry_id, g_source_remove);
  g_clear_object (&self->draft_autosave);
  if (self->details != NULL)
    nd_story_details_set_draft (self->details, NULL);
  g_clear_pointer (&self->draft, nd_story_draft_free);

  gtk_widget_dispose_template (GTK_WIDGET (self), ND_TYPE_STORY_EDITOR);
  /* The template's unnamed top child is not among the bound ones. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  self->details = NULL;
  g_clear_pointer (&self->editors, g_ptr_array_unref);
  g_clear_object (&self->store);
  g_clear_object (&self->sync_engine);
  g_clear_object (&self->sync_store);

  G_OBJECT_CLASS (nd_story_editor_parent_class)->dispose (object);
}

static void
nd_story_editor_finalize (GObject *object)
{
  NdStoryEditor *self = (NdStoryEditor *)object;

  g_clear_pointer (&self->pending_editions, g_ptr_array_unref);
  g_clear_pointer (&self->pending_drafts, g_ptr_array_unref);
  g_clear_error (&self->pending_error);
  g_free (self->lang);
  g_free (self->save_error);

  G_OBJECT_CLASS (nd_story_editor_parent_class)->finalize (object);
}

static void
nd_story_editor_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  NdStoryEditor *self = ND_STORY_EDITOR (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_STORY_ID:
      g_value_set_int64 (value, self->story_id);
      break;

    case PROP_LANG:
      g_value_set_string (value, self->lang);
      break;

    case PROP_SAVE_STATE:
      g_value_set_enum (value, self->save_state);
      break;

    case PROP_SAVE_ERROR:
      g_value_set_string (value, self->save_error);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nd_story_editor_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  NdStoryEditor *self = ND_STORY_EDITOR (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    case PROP_STORY_ID:
      nd_story_editor_set_story (self, g_value_get_int64 (value));
      break;

    case PROP_LANG:
      nd_story_editor_set_lang (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nd_story_editor_class_init (NdStoryEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = nd_story_editor_constructed;
  object_class->dispose = nd_story_editor_dispose;
  object_class->finalize = nd_story_editor_finalize;
  object_class->get_property = nd_story_editor_get_property;
  object_class->set_property = nd_story_editor_set_property;

  properties [PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         ND_TYPE_STORY_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * NdStoryEditor:story-id:
   *
   * The story being edited, or 0.
   */
  properties [PROP_STORY_ID] =
    g_param_spec_int64 ("story-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * NdStoryEditor:lang:
   *
   * The language code of the page shown.
   */
  properties [PROP_LANG] =
    g_param_spec_string ("lang", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * NdStoryEditor:save-state:
   *
   * Whether everything typed is in the database: the worst state of the
   * editor's parts, and %ND_SAVE_STATE_FAILED while text the editor moved
   * away from still waits to be saved.
   */
  properties [PROP_SAVE_STATE] =
    g_param_spec_enum ("save-state", NULL, NULL,
                       ND_TYPE_SAVE_STATE, ND_SAVE_STATE_SAVED,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * NdStoryEditor:save-error:
   *
   * Why saving fails, while it does.
   */
  properties [PROP_SAVE_ERROR] =
    g_param_spec_string ("save-error", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (ND_TYPE_STORY_DETAILS);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/newsdesk/Newsdesk/nd-story-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, NdStoryEditor, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, NdStoryEditor, conflict_revealer);
  gtk_widget_class_bind_template_child (widget_class, NdStoryEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, NdStoryEditor, language_box);
  gtk_widget_class_bind_template_child (widget_class, NdStoryEditor, save_label);
  gtk_widget_class_bind_template_child (widget_class, NdStoryEditor, details_button);
  gtk_widget_class_bind_template_child (widget_class, NdStoryEditor, flap);
  gtk_widget_class_bind_template_child (widget_class, NdStoryEditor, pages_stack);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);

  gtk_widget_class_install_action (widget_class, "editor.retry-save", NULL, retry_save_action);
  gtk_widget_class_install_action (widget_class, "editor.resolve-conflicts", NULL, resolve_conflicts_action);

  gtk_widget_class_install_action (widget_class, "editor.toggle-details", NULL, toggle_details_action);
  gtk_widget_class_install_action (widget_class, "editor.schedule-all", NULL, schedule_all_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "editor.toggle-details", NULL);

  /* Alt+1, Alt+2… show the languages in the publication's order. */
  gtk_widget_class_install_action (widget_class, "editor.show-language", "u", show_language_action);
  for (guint i = 0; i < 9; i++)
    gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1 + i, GDK_ALT_MASK,
                                         "editor.show-language", "u", i);
}

static void
nd_story_editor_init (NdStoryEditor *self)
{
  _nd_widgets_ensure_style ();
  gtk_widget_init_template (GTK_WIDGET (self));

  self->editors = g_ptr_array_new ();
  self->pending_editions = g_ptr_array_new_with_free_func (g_object_unref);
  self->pending_drafts = g_ptr_array_new_with_free_func ((GDestroyNotify) nd_story_draft_free);
  self->save_state = ND_SAVE_STATE_SAVED;

  self->draft_autosave = nd_autosave_new (save_draft_cb, self);
  g_signal_connect_object (self->draft_autosave, "notify::state", G_CALLBACK (on_draft_save_state_cb),
                           self, G_CONNECT_SWAPPED);

  g_object_bind_property (self->flap, "reveal-flap", self->details_button, "active",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
}

/* Public API --------------------------------------------------------------- */

/**
 * nd_story_editor_new:
 * @store: the store the stories are read from and saved to
 *
 * Returns: (transfer full): a new #NdStoryEditor showing no story
 */
NdStoryEditor *
nd_story_editor_new (NdStoryStore *store)
{
  g_return_val_if_fail (ND_IS_STORY_STORE (store), NULL);

  return g_object_new (ND_TYPE_STORY_EDITOR, "store", store, NULL);
}

/**
 * nd_story_editor_get_store:
 * @self: a #NdStoryEditor
 *
 * Returns: (transfer none): the store
 */
NdStoryStore *
nd_story_editor_get_store (NdStoryEditor *self)
{
  g_return_val_if_fail (ND_IS_STORY_EDITOR (self), NULL);

  return self->store;
}

/**
 * nd_story_editor_set_story:
 * @self: a #NdStoryEditor
 * @story_id: the story to edit, or 0 for none
 *
 * Saves what the editor holds, then shows @story_id. Text that cannot be
 * saved is kept and retried (see #NdStoryEditor:save-state).
 */
void
nd_story_editor_set_story (NdStoryEditor *self,
                           gint64         story_id)
{
  g_return_if_fail (ND_IS_STORY_EDITOR (self));
  g_return_if_fail (story_id >= 0);

  if (self->story_id == story_id)
    return;

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  park_unsaved (self);
  load_story (self, story_id);
  update_save_state (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_STORY_ID]);
}

gint64
nd_story_editor_get_story_id (NdStoryEditor *self)
{
  g_return_val_if_fail (ND_IS_STORY_EDITOR (self), 0);

  return self->story_id;
}

/**
 * nd_story_editor_get_lang:
 * @self: a #NdStoryEditor
 *
 * Returns: (nullable): the language code of the page shown
 */
const char *
nd_story_editor_get_lang (NdStoryEditor *self)
{
  g_return_val_if_fail (ND_IS_STORY_EDITOR (self), NULL);

  return self->lang;
}

/**
 * nd_story_editor_set_lang:
 * @self: a #NdStoryEditor
 * @lang: a language code of the publication
 *
 * Shows the page of @lang, saving the page that was shown.
 */
void
nd_story_editor_set_lang (NdStoryEditor *self,
                          const char    *lang)
{
  g_return_if_fail (ND_IS_STORY_EDITOR (self));

  if (lang != NULL)
    show_language (self, lang);
}

/**
 * nd_story_editor_save_now:
 * @self: a #NdStoryEditor
 * @error: return location for a #GError
 *
 * Writes every pending change synchronously: the window calls it when it
 * closes and before it shows another story. On failure the text stays in
 * the editor and saving is retried.
 *
 * Returns: %TRUE when everything is in the database
 */
gboolean
nd_story_editor_save_now (NdStoryEditor  *self,
                          GError        **error)
{
  g_autoptr(GError) first_error = NULL;

  g_return_val_if_fail (ND_IS_STORY_EDITOR (self), FALSE);

  for (guint i = 0; i < self->editors->len; i++)
    {
      g_autoptr(GError) local_error = NULL;

      if (!nd_edition_editor_save (g_ptr_array_index (self->editors, i), &local_error) && first_error == NULL)
        first_error = g_steal_pointer (&local_error);
    }

  {
    g_autoptr(GError) local_error = NULL;

    if (!nd_autosave_flush (self->draft_autosave, &local_error) && first_error == NULL)
      first_error = g_steal_pointer (&local_error);
  }

  if (self->pending_editions->len > 0 || self->pending_drafts->len > 0)
    {
      g_autoptr(GError) local_error = NULL;

      if (!save_pending (self, &local_error) && first_error == NULL)
        first_error = g_steal_pointer (&local_error);
    }

  update_save_state (self);

  if (first_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&first_error));
      return FALSE;
    }

  return TRUE;
}

/**
 * nd_story_editor_has_unsaved_changes:
 * @self: a #NdStoryEditor
 *
 * The window asks before closing when this is %TRUE after a failed
 * nd_story_editor_save_now().
 *
 * Returns: whether some text is not in the database
 */
gboolean
nd_story_editor_has_unsaved_changes (NdStoryEditor *self)
{
  g_return_val_if_fail (ND_IS_STORY_EDITOR (self), FALSE);

  if (self->pending_editions->len > 0 || self->pending_drafts->len > 0 ||
      nd_autosave_has_unsaved_changes (self->draft_autosave))
    return TRUE;

  for (guint i = 0; i < self->editors->len; i++)
    if (nd_edition_editor_has_unsaved_changes (g_ptr_array_index (self->editors, i)))
      return TRUE;

  return FALSE;
}

NdSaveState
nd_story_editor_get_save_state (NdStoryEditor *self)
{
  g_return_val_if_fail (ND_IS_STORY_EDITOR (self), ND_SAVE_STATE_SAVED);

  return self->save_state;
}

/**
 * nd_story_editor_get_save_error:
 * @self: a #NdStoryEditor
 *
 * Returns: (nullable): why saving fails, while it does
 */
const char *
nd_story_editor_get_save_error (NdStoryEditor *self)
{
  g_return_val_if_fail (ND_IS_STORY_EDITOR (self), NULL);

  return self->save_error;
}

/**
 * nd_story_editor_reload:
 * @self: a #NdStoryEditor
 *
 * Catches up with the database now, for example after a revision was
 * restored. Text not yet saved is never replaced.
 */
void
nd_story_editor_reload (NdStoryEditor *self)
{
  g_return_if_fail (ND_IS_STORY_EDITOR (self));

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  refresh (self);
}

void
nd_story_editor_focus_headline (NdStoryEditor *self)
{
  NdEditionEditor *editor;

  g_return_if_fail (ND_IS_STORY_EDITOR (self));

  editor = find_editor (self, self->lang);
  if (editor != NULL)
    nd_edition_editor_focus_headline (editor);
}

/**
 * nd_story_editor_get_edition_editor:
 * @self: a #NdStoryEditor
 * @lang: a language code
 *
 * Returns: (transfer none) (nullable): the page of @lang
 */
NdEditionEditor *
nd_story_editor_get_edition_editor (NdStoryEditor *self,
                                    const char    *lang)
{
  g_return_val_if_fail (ND_IS_STORY_EDITOR (self), NULL);

  return find_editor (self, lang);
}

/**
 * nd_story_editor_set_autosave_delays:
 * @self: a #NdStoryEditor
 * @delay_ms: the pause in typing after which changes are saved
 * @retry_ms: the wait before a failed save is tried again
 *
 * For tests, which should not wait as long as people do.
 */
void
nd_story_editor_set_autosave_delays (NdStoryEditor *self,
                                     guint          delay_ms,
                                     guint          retry_ms)
{
  g_return_if_fail (ND_IS_STORY_EDITOR (self));

  self->delay_ms = delay_ms;
  self->retry_ms = retry_ms;
  nd_autosave_set_delays (self->draft_autosave, delay_ms, retry_ms);
  for (guint i = 0; i < self->editors->len; i++)
    nd_edition_editor_set_autosave_delays (g_ptr_array_index (self->editors, i), delay_ms, retry_ms);
}

/**
 * nd_story_editor_set_sync:
 * @self: a #NdStoryEditor
 * @engine: (nullable): the sync service
 * @sync_store: (nullable): where conflicts are kept
 *
 * Lets the editor tell when its story is in conflict with the website and
 * open the resolution view, and show each edition's sync state on its page.
 */
void
nd_story_editor_set_sync (NdStoryEditor *self,
                          NdSyncEngine  *engine,
                          NdSyncStore   *sync_store)
{
  g_return_if_fail (ND_IS_STORY_EDITOR (self));

  if (self->sync_store != NULL)
    g_signal_handlers_disconnect_by_data (self->sync_store, self);
  g_set_object (&self->sync_engine, engine);
  g_set_object (&self->sync_store, sync_store);
  if (sync_store != NULL)
    g_signal_connect_object (sync_store, "conflicts-changed", G_CALLBACK (update_conflict_bar), self,
                             G_CONNECT_SWAPPED);
  for (guint i = 0; i < self->editors->len; i++)
    nd_edition_editor_set_sync (g_ptr_array_index (self->editors, i), engine, sync_store);
  update_conflict_bar (self);
}
