/* nd-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "newsdesk-window"

#include "config.h"

#include <glib/gi18n.h>

#include "nd-application.h"
#include "nd-calendar-view.h"
#include "nd-filter-popover.h"
#include "nd-preview.h"
#include "nd-schedule.h"
#include "nd-revision-browser.h"
#include "nd-search-result.h"
#include "nd-story-editor.h"
#include "nd-story-list.h"
#include "nd-story-list-row.h"
#include "nd-sync-indicator.h"
#include "nd-translation-view.h"
#include "nd-window.h"

/* A search first fetches what fills the list and a little more, so the
 * list answers a keystroke within a frame or two; scrolling near its end
 * fetches the next page, up to SEARCH_MAX_HITS. */
#define SEARCH_PAGE     20
#define SEARCH_MAX_HITS 300

/* GTK 4.8's list view makes and binds a row for up to 200 items past the
 * top, whether they are on screen or not; over the whole desk that made and
 * loaded 200 stories before the first frame. The view is shown the desk a
 * page at a time instead, and scrolling near the end shows more. */
#define DESK_PAGE 24

/* No row of the list is lower than this (a headline of one line, the
 * meta line and the chips), so the first page, made before the first
 * frame, need only be as long as the window's height shows. */
#define ROW_MIN_HEIGHT 60

/**
 * NdWindow:
 *
 * The main window: the desk's stories (filtered, or found by search) beside
 * the selected story, which can be written, translated or previewed. On a
 * narrow screen the list and the story are shown one at a time.
 */
struct _NdWindow
{
  AdwApplicationWindow  parent_instance;

  NdStoryStore         *store;
  NdSyncEngine         *sync_engine;        /* the application's; not owned */
  AdwHeaderBar         *sidebar_header;
  NdStoryList          *stories;
  GtkSliceListModel    *desk;               /* the part of @stories shown */
  GListStore           *search_results;
  GCancellable         *search_cancellable;
  guint                 search_limit;       /* hits asked for the shown results */
  gboolean              search_may_have_more;
  gboolean              search_is_more;     /* the running search adds a page */
  GtkSingleSelection   *selection;
  GSettings            *settings;
  NdStoryFilter         filter;
  gboolean              showing_trash;

  /* What each filter choice means; index 0 is "any". */
  GArray               *section_ids;
  GPtrArray            *tag_uuids;
  GPtrArray            *language_codes;

  NdStoryEditor        *editor;
  NdTranslationView    *translation_view;
  NdPreview            *preview;
  GtkWidget            *write_bin;
  GtkWidget            *translate_bin;
  GtkWidget            *preview_bin;

  AdwToastOverlay      *toast_overlay;
  guint                 n_toasts;           /* shown or waiting */
  guint                 unclip_source;
  GtkStack             *main_stack;         /* the desk, the calendar */
  NdCalendarView       *calendar;           /* built ahead, see ensure_calendar() */
  guint                 calendar_source;
  gboolean              calendar_wanted;    /* shown once its first month is read */
  GtkWidget            *desk_focus;         /* weak: where the keyboard was on the desk */
  GtkWindow            *shortcuts;          /* built when first asked for */
  AdwLeaflet           *leaflet;
  AdwWindowTitle       *sidebar_title;
  GtkSearchEntry       *search_entry;
  GtkRevealer          *trash_bar_revealer;
  GtkStack             *list_stack;
  AdwStatusPage        *empty_page;
  GtkListView          *list_view;
  GtkStack             *content_stack;
  AdwViewStack         *view_stack;
  AdwViewSwitcherTitle *switcher_title;
  GtkMenuButton        *filter_button;
  NdFilterChoice        filter_choice;  /* as the filter popover shows it */
  NdFilterPopover      *filter_popover; /* made when first opened */
  GtkStringList        *status_choices;
  GtkStringList        *language_choices;
  GtkStringList        *section_choices;
  GtkStringList        *tag_choices;
};

G_DEFINE_FINAL_TYPE (NdWindow, nd_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

/* The choices of the schedule filter, in the order of its list. */
enum {
  SCHEDULE_ANY,
  SCHEDULE_TODAY,
  SCHEDULE_THIS_WEEK,
  SCHEDULE_MISSED,
};

static const NdEditionStatus filter_statuses[] = {
  ND_EDITION_STATUS_NEEDS_TRANSLATION,
  ND_EDITION_STATUS_DRAFT,
  ND_EDITION_STATUS_IN_REVIEW,
  ND_EDITION_STATUS_READY,
  ND_EDITION_STATUS_SCHEDULED,
  ND_EDITION_STATUS_PUBLISHED,
};

/* The toast overlay and the leaflet fill the window, and both clip what
 * they draw to it (GtkWidget:overflow). That clip only ever cuts something
 * off while a toast slides in, or while the folded leaflet slides a page;
 * otherwise it only trims the header bars' -1px margins that Adwaita gives
 * them to overlap the window's edge, as they do in any window without
 * such a container. A clip around the whole window makes the GL renderer
 * draw everything with the clipped variants of its shaders, which a
 * software renderer compiles on the first frame (some 40 ms at start-up);
 * so it is only there when it has something to clip. */
static void
update_clip (NdWindow *self)
{
  gtk_widget_set_overflow (GTK_WIDGET (self->toast_overlay),
                           self->n_toasts > 0 ? GTK_OVERFLOW_HIDDEN : GTK_OVERFLOW_VISIBLE);
  gtk_widget_set_overflow (GTK_WIDGET (self->leaflet),
                           adw_leaflet_get_folded (self->leaflet) ? GTK_OVERFLOW_HIDDEN : GTK_OVERFLOW_VISIBLE);
}

/* A dismissed toast still slides out for a moment (300 ms in
 * libadwaita 1.2). */
#define TOAST_HIDE_MS 500

static gboolean
unclip_cb (gpointer user_data)
{
  NdWindow *self = user_data;

  self->unclip_source = 0;
  update_clip (self);
  return G_SOURCE_REMOVE;
}

static void
on_toast_dismissed_cb (NdWindow *self,
                       AdwToast *toast)
{
  self->n_toasts--;
  g_clear_handle_id (&self->unclip_source, g_source_remove);
  if (self->n_toasts == 0)
    self->unclip_source = g_timeout_add (TOAST_HIDE_MS, unclip_cb, self);
}

static void
add_toast (NdWindow *self,
           AdwToast *toast)
{
  self->n_toasts++;
  update_clip (self);
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (on_toast_dismissed_cb), self, G_CONNECT_SWAPPED);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
show_error_toast (NdWindow     *self,
                  const char   *summary,
                  const GError *error)
{
  /* Translators: a failed action and its reason */
  g_autofree char *title = g_strdup_printf (C_("failed action and its reason", "%s: %s"), summary, error->message);
  AdwToast *toast = adw_toast_new (title);

  adw_toast_set_timeout (toast, 0);   /* an error stays until read */
  add_toast (self, toast);
}

/* The interface language, for labels of sections and tags. */
static const char *
interface_lang (void)
{
  const char * const *names = g_get_language_names ();

  for (guint i = 0; names[i] != NULL; i++)
    if (strlen (names[i]) == 2)
      return names[i];

  return "en";
}

static gboolean
is_searching (NdWindow *self)
{
  g_autofree char *text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));

  return *g_strstrip (text) != '\0';
}

static gboolean
has_filters (NdWindow *self)
{
  return self->filter.has_status || self->filter.lang != NULL || self->filter.section_id != 0 ||
         self->filter.tag_id != 0 || self->filter.needs_translation || self->filter.stale ||
         self->filter.scheduled_from != 0 || self->filter.scheduled_to != 0 || self->filter.missed;
}

static void
update_list_page (NdWindow *self)
{
  GListModel *model = gtk_single_selection_get_model (self->selection);
  gboolean empty = g_list_model_get_n_items (model) == 0;

  if (!empty)
    gtk_stack_set_visible_child_name (self->list_stack, "list");
  else if (is_searching (self) || has_filters (self) || self->showing_trash)
    gtk_stack_set_visible_child_name (self->list_stack, "no-match");
  else
    gtk_stack_set_visible_child_name (self->list_stack, "empty");
}

static void
on_list_items_changed_cb (NdWindow   *self,
                          guint       position,
                          guint       removed,
                          guint       added,
                          GListModel *model)
{
  update_list_page (self);
}

static NdStory *
story_of_item (gpointer item)
{
  if (ND_IS_SEARCH_RESULT (item))
    return nd_search_result_get_story (item);

  return item;
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              NdWindow                 *self)
{
  NdStoryListRow *row = nd_story_list_row_new (self->store);
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  if (ND_IS_APPLICATION (app))
    nd_story_list_row_set_sync_store (row, nd_application_get_sync_store (ND_APPLICATION (app)));
  gtk_list_item_set_child (item, GTK_WIDGET (row));
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             NdWindow                 *self)
{
  NdStoryListRow *row = ND_STORY_LIST_ROW (gtk_list_item_get_child (item));
  gpointer object = gtk_list_item_get_item (item);

  nd_story_list_row_set_story (row, story_of_item (object));
  if (ND_IS_SEARCH_RESULT (object))
    {
      g_autofree char *markup = nd_search_snippet_to_markup (nd_search_result_get_snippet (object));

      nd_story_list_row_set_snippet (row, markup, nd_search_result_get_lang (object));
    }
  else
    nd_story_list_row_set_snippet (row, NULL, NULL);
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               NdWindow                 *self)
{
  nd_story_list_row_set_story (ND_STORY_LIST_ROW (gtk_list_item_get_child (item)), NULL);
}

/* Stories ------------------------------------------------------------------ */

static void setup_story_views (NdWindow *self);
static void show_desk (NdWindow *self,
                       gboolean  restore_focus);

/* The story side (editor, translation view, preview: three source views and
 * everything around them) is made the first time a story is shown. Nobody
 * sees it before, and making it at start-up delayed the window's first frame
 * by a third and cost memory for a desk that may only be searched. */
static void
ensure_story_views (NdWindow *self)
{
  if (self->editor == NULL)
    setup_story_views (self);
}

static gboolean
save_editor (NdWindow *self)
{
  g_autoptr(GError) error = NULL;

  /* Nothing was opened yet, so nothing can be unsaved. */
  if (self->editor == NULL)
    return TRUE;

  if (nd_story_editor_save_now (self->editor, &error))
    return TRUE;

  show_error_toast (self, _("Could not save the story"), error);
  return FALSE;
}

static const char *
translation_target (NdWindow *self,
                    NdStory  *story)
{
  const char *lang = self->editor != NULL ? nd_story_editor_get_lang (self->editor) : NULL;
  GPtrArray *editions = nd_story_get_editions (story);

  if (lang != NULL && g_strcmp0 (lang, nd_story_get_source_lang (story)) != 0)
    return lang;

  for (guint i = 0; i < editions->len; i++)
    {
      NdEdition *edition = g_ptr_array_index (editions, i);

      if (g_strcmp0 (nd_edition_get_lang (edition), nd_story_get_source_lang (story)) != 0)
        return nd_edition_get_lang (edition);
    }

  return NULL;
}

static void
enable_story_commands (NdWindow *self,
                       gboolean  enabled)
{
  adw_view_switcher_title_set_view_switcher_enabled (self->switcher_title, enabled);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.trash-story", enabled);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-history", enabled);
}

static void
show_story (NdWindow *self,
            gint64    story_id)
{
  g_autoptr(NdStory) story = NULL;
  const char *target;
  const char *lang;

  save_editor (self);
  enable_story_commands (self, story_id != 0);

  if (story_id == 0)
    {
      if (self->editor != NULL)
        nd_story_editor_set_story (self->editor, 0);
      gtk_stack_set_visible_child_name (self->content_stack, "no-story");
      return;
    }

  story = nd_story_store_load_story_summary (self->store, story_id, NULL);
  if (story == NULL)
    return;

  ensure_story_views (self);
  nd_story_editor_set_story (self->editor, story_id);
  lang = nd_story_editor_get_lang (self->editor);
  if (lang == NULL)
    lang = nd_story_get_source_lang (story);
  target = translation_target (self, story);
  nd_translation_view_set_edition (self->translation_view, story_id, target);
  nd_preview_set_edition (self->preview, story_id, lang);

  gtk_stack_set_visible_child_name (self->content_stack, "story");
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
on_selection_changed_cb (NdWindow           *self,
                         guint               position,
                         guint               n_items,
                         GtkSingleSelection *selection)
{
  gpointer item = gtk_single_selection_get_selected_item (selection);

  show_story (self, item != NULL ? nd_story_get_id (story_of_item (item)) : 0);
}

static void
on_editor_lang_changed_cb (NdWindow      *self,
                           GParamSpec    *pspec,
                           NdStoryEditor *editor)
{
  gint64 story_id = nd_story_editor_get_story_id (editor);
  const char *lang = nd_story_editor_get_lang (editor);

  if (story_id != 0 && lang != NULL)
    nd_preview_set_edition (self->preview, story_id, lang);
}

static void
select_story (NdWindow *self,
              gint64    story_id)
{
  guint position = nd_story_list_find (self->stories, story_id);

  if (position == G_MAXUINT)
    return;

  if (position >= gtk_slice_list_model_get_size (self->desk))
    gtk_slice_list_model_set_size (self->desk, position + DESK_PAGE);

  gtk_single_selection_set_selected (self->selection, position);
  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", position);
}

static const char *
default_story_language (NdWindow *self)
{
  g_autoptr(NdLanguage) first = g_list_model_get_item (nd_story_store_get_languages (self->store), 0);
  const char * const *names = g_get_language_names ();

  /* A new story starts in the editor's own language when the publication
   * has it, otherwise in the publication's first language. */
  for (guint i = 0; names[i] != NULL; i++)
    {
      /* The untranslated interface is English. */
      const char *code = g_str_equal (names[i], "C") ? "en" : names[i];
      NdLanguage *language = nd_story_store_get_language (self->store, code);

      if (language != NULL)
        return nd_language_get_code (language);
    }

  return first != NULL ? nd_language_get_code (first) : NULL;
}

static void
new_story_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  NdWindow *self = ND_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(NdStory) story = NULL;

  save_editor (self);
  show_desk (self, FALSE);

  /* A new story is shown in the full desk, not in a search or the trash. */
  if (self->showing_trash)
    gtk_widget_activate_action (widget, "win.show-trash", NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");

  story = nd_story_store_create_story (self->store, default_story_language (self), &error);
  if (story == NULL)
    {
      show_error_toast (self, _("Could not create the story"), error);
      return;
    }

  select_story (self, nd_story_get_id (story));
  ensure_story_views (self);
  adw_view_stack_set_visible_child_name (self->view_stack, "write");
  nd_story_editor_focus_headline (self->editor);
}

static void
on_undo_trash_cb (AdwToast *toast,
                  NdWindow *self)
{
  g_autoptr(GError) error = NULL;
  gint64 story_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (toast), "story-id"));

  if (!nd_story_store_restore_story (self->store, story_id, &error))
    show_error_toast (self, _("Could not restore the story"), error);
}

static void
trash_story_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  NdWindow *self = ND_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  gpointer item = gtk_single_selection_get_selected_item (self->selection);
  gint64 story_id;
  AdwToast *toast;

  if (item == NULL)
    return;

  story_id = nd_story_get_id (story_of_item (item));
  save_editor (self);

  if (self->showing_trash)
    {
      if (!nd_story_store_restore_story (self->store, story_id, &error))
        show_error_toast (self, _("Could not restore the story"), error);
      return;
    }

  if (!nd_story_store_trash_story (self->store, story_id, &error))
    {
      show_error_toast (self, _("Could not move the story to the trash"), error);
      return;
    }

  toast = adw_toast_new (_("Story moved to the trash"));
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_object_set_data (G_OBJECT (toast), "story-id", GSIZE_TO_POINTER (story_id));
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_undo_trash_cb), self, 0);
  add_toast (self, toast);
}

static void
on_empty_trash_response_cb (AdwMessageDialog *dialog,
                            const char       *response,
                            NdWindow         *self)
{
  g_autoptr(GError) error = NULL;
  guint n_deleted = 0;

  if (g_strcmp0 (response, "empty") != 0)
    return;

  if (!nd_story_store_empty_trash (self->store, &n_deleted, &error))
    show_error_toast (self, _("Could not empty the trash"), error);
}

static void
empty_trash_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  NdWindow *self = ND_WINDOW (widget);
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Empty the Trash?"),
                                   _("The stories in the trash will be deleted for good, with all their editions and history."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "empty", _("_Empty Trash"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "empty", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_empty_trash_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
show_history_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  NdWindow *self = ND_WINDOW (widget);
  gint64 story_id;
  const char *lang;
  g_autoptr(NdEdition) edition = NULL;
  GtkWidget *browser;

  if (self->editor == NULL)
    return;

  story_id = nd_story_editor_get_story_id (self->editor);
  lang = nd_story_editor_get_lang (self->editor);
  if (story_id == 0 || lang == NULL)
    return;

  save_editor (self);
  edition = nd_story_store_load_edition (self->store, story_id, lang, NULL);
  if (edition == NULL)
    return;

  browser = GTK_WIDGET (nd_revision_browser_new (GTK_WINDOW (self), self->store, nd_edition_get_id (edition)));
  g_signal_connect_object (browser, "restored", G_CALLBACK (nd_story_editor_reload), self->editor, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (browser));
}

/* The editorial calendar ---------------------------------------------------- */

/* The calendar is a page of the window beside the desk, not a window of
 * its own. A new window costs a surface, a renderer and a first frame of
 * its own, and a repaint of the desk as it goes to the backdrop: some
 * 60 ms before the month is drawn, with software GL. The page is built once,
 * a while after the window first painted, so that Ctrl+L only draws it; it
 * reads the month again when shown if the store changed meanwhile (see
 * NdCalendarView's map). */
#define CALENDAR_PREBUILD_DELAY_MS 2000

static void
show_desk (NdWindow *self,
           gboolean  restore_focus)
{
  self->calendar_wanted = FALSE;
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "desk") == 0)
    return;
  gtk_stack_set_visible_child_name (self->main_stack, "desk");
  gtk_window_set_title (GTK_WINDOW (self), _("Newsdesk"));
  if (restore_focus && self->desk_focus != NULL)
    gtk_widget_grab_focus (self->desk_focus);
}

static void
on_calendar_story_activated_cb (NdCalendarView *calendar,
                                gint64          story_id,
                                const char     *lang,
                                NdWindow       *self)
{
  show_desk (self, FALSE);
  /* The story may be outside the current filters or search: show it in the
   * full desk. */
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  if (nd_story_list_find (self->stories, story_id) == G_MAXUINT)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.clear-filters", NULL);
  select_story (self, story_id);
  if (lang != NULL && self->editor != NULL)
    nd_story_editor_set_lang (self->editor, lang);
  gtk_window_present (GTK_WINDOW (self));
}

static GtkWidget *
calendar_header_new (void)
{
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *back = gtk_button_new_from_icon_name ("go-previous-symbolic");

  gtk_actionable_set_action_name (GTK_ACTIONABLE (back), "win.show-desk");
  gtk_widget_set_tooltip_text (back, _("Back to Stories"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (back), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Back to Stories"), -1);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), back);
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header),
                                   adw_window_title_new (_("Editorial Calendar"), NULL));
  return header;
}

static void
ensure_calendar (NdWindow *self)
{
  GtkWidget *page;
  GtkWidget *scrolled;
  GtkEventController *shortcuts;

  if (self->calendar != NULL)
    return;
  g_clear_handle_id (&self->calendar_source, g_source_remove);

  self->calendar = ND_CALENDAR_VIEW (nd_calendar_view_new (self->store));
  gtk_widget_set_vexpand (GTK_WIDGET (self->calendar), TRUE);
  g_signal_connect_object (self->calendar, "story-activated",
                           G_CALLBACK (on_calendar_story_activated_cb), self, 0);

  /* A week or a month needs some 700 pixels across: a narrower window
   * scrolls it rather than grow when the calendar is shown. */
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_AUTOMATIC, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->calendar));
  gtk_widget_set_vexpand (scrolled, TRUE);

  page = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (page), calendar_header_new ());
  gtk_box_append (GTK_BOX (page), scrolled);
  /* Escape leaves the calendar, as Back does. */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                          gtk_named_action_new ("win.show-desk")));
  gtk_widget_add_controller (page, shortcuts);
  gtk_stack_add_named (self->main_stack, page, "calendar");

  /* Styles and font metrics are resolved now rather than on the first
   * frame that shows it. */
  gtk_widget_measure (page, GTK_ORIENTATION_HORIZONTAL, -1, NULL, NULL, NULL, NULL);
}

static void
prebuild_calendar_cb (gpointer user_data)
{
  NdWindow *self = user_data;

  self->calendar_source = 0;
  ensure_calendar (self);
}

static void
show_calendar_page (NdWindow *self)
{
  gtk_stack_set_visible_child_name (self->main_stack, "calendar");
  /* What the window list and Alt+Tab show. */
  gtk_window_set_title (GTK_WINDOW (self), _("Editorial Calendar"));
  gtk_widget_grab_focus (GTK_WIDGET (self->calendar));
}

static void
on_first_month_read_cb (NdWindow *self)
{
  if (nd_calendar_view_is_loading (self->calendar))
    return;
  g_signal_handlers_disconnect_by_func (self->calendar, on_first_month_read_cb, self);
  if (self->calendar_wanted)
    {
      self->calendar_wanted = FALSE;
      show_calendar_page (self);
    }
}

static void
show_calendar_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  NdWindow *self = ND_WINDOW (widget);

  /* Ctrl+L again goes back, or gives up a calendar not shown yet. */
  if (self->calendar_wanted ||
      g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "calendar") == 0)
    {
      show_desk (self, TRUE);
      return;
    }

  save_editor (self);
  g_set_weak_pointer (&self->desk_focus, gtk_root_get_focus (GTK_ROOT (self)));
  ensure_calendar (self);
  /* Asked for before it was built ahead: rather than an empty month and
   * then the month, one frame, when its editions are read (a frame of the
   * whole window is some 20 ms with software GL). */
  if (nd_calendar_view_get_model (self->calendar) == NULL)
    {
      if (!self->calendar_wanted)
        g_signal_connect_object (self->calendar, "notify::loading",
                                 G_CALLBACK (on_first_month_read_cb), self, G_CONNECT_SWAPPED);
      self->calendar_wanted = TRUE;
      return;
    }
  show_calendar_page (self);
}

static void
show_desk_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  show_desk (ND_WINDOW (widget), TRUE);
}

/* The keyboard shortcuts window is built when first asked for. Named
 * gtk/help-overlay.ui in the resources, GtkApplication would build it with
 * every main window, before its first frame (some 8 ms of it). */
static void
show_shortcuts_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  NdWindow *self = ND_WINDOW (widget);

  if (self->shortcuts == NULL)
    {
      g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource ("/io/github/newsdesk/Newsdesk/nd-shortcuts-window.ui");

      self->shortcuts = GTK_WINDOW (g_object_ref (gtk_builder_get_object (builder, "help_overlay")));
      gtk_window_set_transient_for (self->shortcuts, GTK_WINDOW (self));
      gtk_window_set_hide_on_close (self->shortcuts, TRUE);
    }
  gtk_window_present (self->shortcuts);
}

/* A reminder's "Open Story": the story and the edition it is about. */
static void
open_story_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  gint64 story_id;
  const char *lang;

  g_variant_get (parameter, "(x&s)", &story_id, &lang);
  on_calendar_story_activated_cb (NULL, story_id, *lang != '\0' ? lang : NULL, ND_WINDOW (widget));
}

static void
show_list_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  NdWindow *self = ND_WINDOW (widget);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
focus_search_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  NdWindow *self = ND_WINDOW (widget);

  show_desk (self, FALSE);
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/* Lists, search and filters --------------------------------------------------- */

static void
use_model (NdWindow   *self,
           GListModel *model)
{
  GListModel *old = gtk_single_selection_get_model (self->selection);

  if (old != NULL)
    g_signal_handlers_disconnect_by_func (old, on_list_items_changed_cb, self);
  gtk_single_selection_set_model (self->selection, model);
  g_signal_connect_object (model, "items-changed", G_CALLBACK (on_list_items_changed_cb),
                           self, G_CONNECT_SWAPPED);
  update_list_page (self);
}

static void start_search (NdWindow *self,
                          gboolean  more);

static void
on_search_done_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(NdWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) shown = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  GListModel *model = G_LIST_MODEL (self->search_results);
  guint keep = 0;

  hits = nd_story_store_search_finish (ND_STORY_STORE (object), result, &error);
  if (hits == NULL)
    {
      /* A newer search replaced this one, or the window went. */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_clear_object (&self->search_cancellable);
      show_error_toast (self, _("Search failed"), error);
      return;
    }
  g_clear_object (&self->search_cancellable);

  /* A further page keeps the rows shown, so the list does not jump under
   * the reader's eyes; it only adds the stories not yet there. */
  if (self->search_is_more)
    {
      keep = g_list_model_get_n_items (model);
      for (guint i = 0; i < keep; i++)
        {
          g_autoptr(NdSearchResult) shown_result = g_list_model_get_item (model, i);
          gint64 id = nd_story_get_id (nd_search_result_get_story (shown_result));

          g_hash_table_add (shown, g_memdup2 (&id, sizeof id));
        }
    }

  /* One row per story: the best-ranked of its editions speaks for it, and
   * only that hit carries the story. */
  for (guint i = 0; i < hits->len; i++)
    {
      NdSearchHit *hit = g_ptr_array_index (hits, i);

      if (hit->story == NULL || g_hash_table_contains (shown, &hit->story_id))
        continue;
      g_ptr_array_add (results, nd_search_result_new (hit->story, hit->lang, hit->snippet));
    }

  self->search_may_have_more = hits->len >= self->search_limit && self->search_limit < SEARCH_MAX_HITS;

  /* One change for the whole list: a view told of each row on its own
   * relaid itself out as often. */
  g_list_store_splice (self->search_results, keep, g_list_model_get_n_items (model) - keep,
                       results->pdata, results->len);
  if (gtk_single_selection_get_model (self->selection) != model)
    use_model (self, model);
  else
    update_list_page (self);
}

/* Searches for what is typed, off the main thread; a search still running
 * is cancelled, since its answer would be out of date. With @more, fetches
 * the next page of the same search. */
static void
start_search (NdWindow *self,
              gboolean  more)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  g_cancellable_cancel (self->search_cancellable);
  g_clear_object (&self->search_cancellable);
  self->search_cancellable = g_cancellable_new ();

  self->search_limit = more ? MIN (self->search_limit + SEARCH_PAGE, SEARCH_MAX_HITS) : SEARCH_PAGE;
  self->search_may_have_more = FALSE;
  self->search_is_more = more;
  nd_story_store_search_async (self->store, text, self->filter.lang, self->search_limit,
                               self->search_cancellable, on_search_done_cb, g_object_ref (self));
}

static void
cancel_search (NdWindow *self)
{
  g_cancellable_cancel (self->search_cancellable);
  g_clear_object (&self->search_cancellable);
  self->search_may_have_more = FALSE;
}

static void
on_search_changed_cb (NdWindow       *self,
                      GtkSearchEntry *entry)
{
  if (is_searching (self))
    start_search (self, FALSE);
  else
    {
      /* The results go first: a view handed a new model looks for the rows
       * it showed in it, and looking through the whole desk loads every
       * story in it. */
      cancel_search (self);
      g_list_store_remove_all (self->search_results);
      use_model (self, G_LIST_MODEL (self->desk));
    }
}

static void
on_list_scrolled_cb (NdWindow      *self,
                     GtkAdjustment *adjustment)
{
  double bottom = gtk_adjustment_get_value (adjustment) + gtk_adjustment_get_page_size (adjustment);
  GListModel *shown = gtk_single_selection_get_model (self->selection);
  guint size;

  /* Within a screenful of the end, the next page is shown; so is it when
   * the rows do not fill a tall window, where nothing can scroll. */
  if (bottom < gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment))
    return;

  if (shown == G_LIST_MODEL (self->search_results))
    {
      /* Fetched once, not again while it runs. */
      if (self->search_may_have_more && self->search_cancellable == NULL)
        start_search (self, TRUE);
    }
  else if (shown == G_LIST_MODEL (self->desk) &&
           (size = gtk_slice_list_model_get_size (self->desk)) < g_list_model_get_n_items (G_LIST_MODEL (self->stories)))
    gtk_slice_list_model_set_size (self->desk, size + DESK_PAGE);
}

static void
on_story_changed_while_searching_cb (NdWindow     *self,
                                     gint64        story_id,
                                     NdStoryStore *store)
{
  /* Results show live headlines through their stories; a change to a story
   * in the results is reflected by reloading its summary. */
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->search_results));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(NdSearchResult) result = g_list_model_get_item (G_LIST_MODEL (self->search_results), i);
      NdStory *story = nd_search_result_get_story (result);
      g_autoptr(NdStory) fresh = NULL;

      if (nd_story_get_id (story) != story_id)
        continue;
      fresh = nd_story_store_load_story_summary (self->store, story_id, NULL);
      if (fresh != NULL)
        nd_story_update_from (story, fresh);
    }
}

/* "Today" and "this week" are the publication's, in its time zone. */
static void
apply_schedule_filter (NdWindow *self,
                       guint     choice)
{
  g_autoptr(GTimeZone) zone = nd_story_store_get_time_zone (self->store);
  gint64 now = nd_schedule_now ();

  self->filter.scheduled_from = 0;
  self->filter.scheduled_to = 0;
  self->filter.missed = FALSE;

  switch (choice)
    {
    case SCHEDULE_TODAY:
      nd_schedule_day_bounds (zone, now, &self->filter.scheduled_from, &self->filter.scheduled_to);
      break;
    case SCHEDULE_THIS_WEEK:
      nd_schedule_week_bounds (zone, now, G_DATE_MONDAY, &self->filter.scheduled_from, &self->filter.scheduled_to);
      break;
    case SCHEDULE_MISSED:
      self->filter.missed = TRUE;
      break;
    default:
      break;
    }
}

/* Every row made delays the first frame (a row past the bottom costs as
 * much as one on screen), so the first page holds what the window shows
 * and a couple more; scrolling near the end shows more, as ever. */
static guint
first_desk_page (NdWindow *self)
{
  int width = 0;
  int height = 0;

  if (g_settings_get_boolean (self->settings, "window-maximized"))
    return DESK_PAGE;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  if (height <= 0)
    return DESK_PAGE;

  return CLAMP ((guint) height / ROW_MIN_HEIGHT + 2, 4, DESK_PAGE);
}

static void
apply_filters (NdWindow *self)
{
  guint status = self->filter_choice.status;
  guint language = self->filter_choice.language;
  guint section = self->filter_choice.section;
  guint tag = self->filter_choice.tag;

  self->filter.has_status = status > 0 && status <= G_N_ELEMENTS (filter_statuses);
  self->filter.status = self->filter.has_status ? filter_statuses[status - 1] : ND_EDITION_STATUS_DRAFT;
  self->filter.lang = language > 0 && language < self->language_codes->len
                      ? g_ptr_array_index (self->language_codes, language) : NULL;
  self->filter.section_id = section > 0 && section < self->section_ids->len
                            ? g_array_index (self->section_ids, gint64, section) : 0;
  self->filter.tag_id = 0;
  if (tag > 0 && tag < self->tag_uuids->len)
    {
      g_autoptr(NdTag) found = nd_story_store_find_tag_by_uuid (self->store,
                                                                g_ptr_array_index (self->tag_uuids, tag), NULL);
      self->filter.tag_id = found != NULL ? nd_tag_get_id (found) : 0;
    }
  apply_schedule_filter (self, self->filter_choice.schedule);
  self->filter.needs_translation = self->filter_choice.needs_translation;
  self->filter.stale = self->filter_choice.stale;
  self->filter.trashed = self->showing_trash;

  if (self->stories == NULL)
    {
      /* The first time, the list is made with the restored filters, so the
       * desk is read once. */
      self->stories = nd_story_list_new (self->store, &self->filter);
      self->desk = gtk_slice_list_model_new (g_object_ref (G_LIST_MODEL (self->stories)), 0, first_desk_page (self));
      use_model (self, G_LIST_MODEL (self->desk));
      gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
    }
  else
    {
      /* Another filter starts again at the top. */
      gtk_slice_list_model_set_size (self->desk, DESK_PAGE);
      nd_story_list_set_filter (self->stories, &self->filter);
    }
  if (is_searching (self))
    start_search (self, FALSE);
  update_list_page (self);

  /* The filters are remembered, but not the trash. */
  g_settings_set_string (self->settings, "filter-status",
                         self->filter.has_status ? nd_edition_status_to_string (self->filter.status) : "");
  g_settings_set_string (self->settings, "filter-language", self->filter.lang != NULL ? self->filter.lang : "");
  {
    NdSection *chosen = nd_story_store_get_section (self->store, self->filter.section_id);
    g_settings_set_string (self->settings, "filter-section", chosen != NULL ? nd_section_get_slug (chosen) : "");
  }
  g_settings_set_string (self->settings, "filter-tag",
                         tag > 0 && tag < self->tag_uuids->len ? (char *) g_ptr_array_index (self->tag_uuids, tag) : "");
  g_settings_set_boolean (self->settings, "filter-needs-translation", self->filter.needs_translation);
  g_settings_set_boolean (self->settings, "filter-stale", self->filter.stale);

  if (has_filters (self))
    gtk_widget_add_css_class (GTK_WIDGET (self->filter_button), "accent");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->filter_button), "accent");
}

static void
on_filter_changed_cb (NdWindow        *self,
                      NdFilterPopover *popover)
{
  nd_filter_popover_get_choice (popover, &self->filter_choice);
  apply_filters (self);
}

/* Shows the window's choice in the popover, once it is made. */
static void
show_filter_choice (NdWindow *self)
{
  if (self->filter_popover != NULL)
    nd_filter_popover_set_choice (self->filter_popover, &self->filter_choice);
}

static void
create_filter_popover_cb (GtkMenuButton *button,
                          gpointer       user_data)
{
  NdWindow *self = ND_WINDOW (user_data);

  self->filter_popover = ND_FILTER_POPOVER (nd_filter_popover_new ());
  nd_filter_popover_set_models (self->filter_popover,
                                G_LIST_MODEL (self->status_choices),
                                G_LIST_MODEL (self->language_choices),
                                G_LIST_MODEL (self->section_choices),
                                G_LIST_MODEL (self->tag_choices));
  show_filter_choice (self);
  g_signal_connect_object (self->filter_popover, "changed", G_CALLBACK (on_filter_changed_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_menu_button_set_popover (button, GTK_WIDGET (self->filter_popover));
}

static guint
index_of_string (GPtrArray  *strings,
                 const char *value)
{
  for (guint i = 1; i < strings->len; i++)
    if (g_strcmp0 (g_ptr_array_index (strings, i), value) == 0)
      return i;

  return 0;
}

static void
fill_filter_choices (NdWindow *self)
{
  g_autoptr(GtkStringList) statuses = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) languages = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) sections = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) tags = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) all_tags = nd_story_store_list_tags (self->store, NULL);
  GListModel *language_model = nd_story_store_get_languages (self->store);
  GListModel *section_model = nd_story_store_get_sections (self->store);
  gint64 none = 0;

  gtk_string_list_append (statuses, _("Any status"));
  for (guint i = 0; i < G_N_ELEMENTS (filter_statuses); i++)
    gtk_string_list_append (statuses, nd_edition_status_get_label (filter_statuses[i]));

  g_ptr_array_set_size (self->language_codes, 0);
  g_ptr_array_add (self->language_codes, g_strdup (""));
  gtk_string_list_append (languages, _("Any language"));
  for (guint i = 0; i < g_list_model_get_n_items (language_model); i++)
    {
      g_autoptr(NdLanguage) language = g_list_model_get_item (language_model, i);

      gtk_string_list_append (languages, nd_language_get_native_name (language));
      g_ptr_array_add (self->language_codes, g_strdup (nd_language_get_code (language)));
    }

  g_array_set_size (self->section_ids, 0);
  g_array_append_val (self->section_ids, none);
  gtk_string_list_append (sections, _("Any section"));
  for (guint i = 0; i < g_list_model_get_n_items (section_model); i++)
    {
      g_autoptr(NdSection) section = g_list_model_get_item (section_model, i);
      gint64 id = nd_section_get_id (section);

      gtk_string_list_append (sections, nd_section_get_name (section, interface_lang ()));
      g_array_append_val (self->section_ids, id);
    }

  g_ptr_array_set_size (self->tag_uuids, 0);
  g_ptr_array_add (self->tag_uuids, g_strdup (""));
  gtk_string_list_append (tags, _("Any tag"));
  for (guint i = 0; all_tags != NULL && i < all_tags->len; i++)
    {
      NdTag *tag = g_ptr_array_index (all_tags, i);
      const char *label = nd_tag_get_label (tag, interface_lang ());

      gtk_string_list_append (tags, label != NULL ? label : nd_tag_get_uuid (tag));
      g_ptr_array_add (self->tag_uuids, g_strdup (nd_tag_get_uuid (tag)));
    }

  g_set_object (&self->status_choices, statuses);
  g_set_object (&self->language_choices, languages);
  g_set_object (&self->section_choices, sections);
  g_set_object (&self->tag_choices, tags);
  if (self->filter_popover != NULL)
    nd_filter_popover_set_models (self->filter_popover, G_LIST_MODEL (statuses), G_LIST_MODEL (languages),
                                  G_LIST_MODEL (sections), G_LIST_MODEL (tags));
}

static void
restore_filters (NdWindow *self)
{
  g_autofree char *status = g_settings_get_string (self->settings, "filter-status");
  g_autofree char *language = g_settings_get_string (self->settings, "filter-language");
  g_autofree char *section_slug = g_settings_get_string (self->settings, "filter-section");
  g_autofree char *tag = g_settings_get_string (self->settings, "filter-tag");
  NdSection *section = nd_story_store_get_section_by_slug (self->store, section_slug);
  NdEditionStatus parsed;
  guint status_index = 0;
  guint section_index = 0;

  if (nd_edition_status_from_string (status, &parsed))
    for (guint i = 0; i < G_N_ELEMENTS (filter_statuses); i++)
      if (filter_statuses[i] == parsed)
        status_index = i + 1;

  for (guint i = 1; section != NULL && i < self->section_ids->len; i++)
    if (g_array_index (self->section_ids, gint64, i) == nd_section_get_id (section))
      section_index = i;

  /* The schedule is not remembered: "today" is another day tomorrow. */
  self->filter_choice = (NdFilterChoice) {
    .status = status_index,
    .language = index_of_string (self->language_codes, language),
    .section = section_index,
    .tag = index_of_string (self->tag_uuids, tag),
    .schedule = self->filter_choice.schedule,
    .needs_translation = g_settings_get_boolean (self->settings, "filter-needs-translation"),
    .stale = g_settings_get_boolean (self->settings, "filter-stale"),
  };
  show_filter_choice (self);
  apply_filters (self);
}

static void
clear_filters_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  NdWindow *self = ND_WINDOW (widget);

  self->filter_choice = (NdFilterChoice) { .schedule = SCHEDULE_ANY };
  show_filter_choice (self);
  apply_filters (self);
}

static void
show_trash_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  NdWindow *self = ND_WINDOW (widget);

  save_editor (self);
  show_desk (self, FALSE);
  self->showing_trash = !self->showing_trash;
  gtk_revealer_set_reveal_child (self->trash_bar_revealer, self->showing_trash);
  adw_window_title_set_title (self->sidebar_title, self->showing_trash ? _("Trash") : _("Stories"));
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  apply_filters (self);
}

static void
on_store_reset_cb (NdWindow     *self,
                   NdStoryStore *store)
{
  fill_filter_choices (self);
  restore_filters (self);
}

static void
setup_list (NdWindow *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  self->search_results = g_list_store_new (ND_TYPE_SEARCH_RESULT);
  self->selection = gtk_single_selection_new (NULL);
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);

  g_signal_connect_object (factory, "setup", G_CALLBACK (setup_row_cb), self, 0);
  g_signal_connect_object (factory, "bind", G_CALLBACK (bind_row_cb), self, 0);
  g_signal_connect_object (factory, "unbind", G_CALLBACK (unbind_row_cb), self, 0);

  gtk_list_view_set_factory (self->list_view, factory);
  g_signal_connect_object (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->list_view)), "value-changed",
                           G_CALLBACK (on_list_scrolled_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->list_view)), "changed",
                           G_CALLBACK (on_list_scrolled_cb), self, G_CONNECT_SWAPPED);

  g_signal_connect_object (self->selection, "selection-changed", G_CALLBACK (on_selection_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_entry, "search-changed", G_CALLBACK (on_search_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "story-changed", G_CALLBACK (on_story_changed_while_searching_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "reset", G_CALLBACK (on_store_reset_cb), self, G_CONNECT_SWAPPED);
}

static void
setup_filters (NdWindow *self)
{
  fill_filter_choices (self);
  restore_filters (self);
  gtk_menu_button_set_create_popup_func (self->filter_button, create_filter_popover_cb, self, NULL);
}

/* The tabs are there from the start, so the window looks the same before
 * and after the first story; each holds an empty bin until then. */
static void
setup_story_pages (NdWindow *self)
{
  AdwViewStackPage *page;

  self->write_bin = adw_bin_new ();
  self->translate_bin = adw_bin_new ();
  self->preview_bin = adw_bin_new ();

  page = adw_view_stack_add_titled (self->view_stack, self->write_bin, "write", _("Write"));
  adw_view_stack_page_set_icon_name (page, "document-edit-symbolic");
  page = adw_view_stack_add_titled (self->view_stack, self->translate_bin, "translate", _("Translate"));
  adw_view_stack_page_set_icon_name (page, "preferences-desktop-locale-symbolic");
  page = adw_view_stack_add_titled (self->view_stack, self->preview_bin, "preview", _("Preview"));
  adw_view_stack_page_set_icon_name (page, "x-office-document-symbolic");
}

/* The sync indicator sits in the list's header bar: the state of the whole
 * desk, next to the stories it concerns. */
static void
setup_sync (NdWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  NdSyncStore *sync_store;

  if (self->sync_engine != NULL || !ND_IS_APPLICATION (app) ||
      nd_application_get_sync_engine (ND_APPLICATION (app)) == NULL)
    return;

  self->sync_engine = nd_application_get_sync_engine (ND_APPLICATION (app));
  sync_store = nd_application_get_sync_store (ND_APPLICATION (app));
  adw_header_bar_pack_end (self->sidebar_header, nd_sync_indicator_new (self->sync_engine, self->store, sync_store));
}

static void
setup_story_views (NdWindow *self)
{
  self->editor = nd_story_editor_new (self->store);
  if (self->sync_engine != NULL)
    nd_story_editor_set_sync (self->editor, self->sync_engine, nd_application_get_sync_store (
                                ND_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)))));
  self->translation_view = nd_translation_view_new (self->store);
  self->preview = nd_preview_new (self->store);

  adw_bin_set_child (ADW_BIN (self->write_bin), GTK_WIDGET (self->editor));
  adw_bin_set_child (ADW_BIN (self->translate_bin), GTK_WIDGET (self->translation_view));
  adw_bin_set_child (ADW_BIN (self->preview_bin), GTK_WIDGET (self->preview));

  g_signal_connect_object (self->editor, "notify::lang", G_CALLBACK (on_editor_lang_changed_cb),
                           self, G_CONNECT_SWAPPED);
}

/* The editor's header title swaps its tabs for the window's title (the
 * desk opens with no story) in its first allocation, as a fade: the first
 * frame would show the tabs, the next ones the fade, drawn offscreen (with
 * software GL, shaders compiled for it just after start). Until the first
 * frame is painted it swaps without a transition. Its squeezer is not
 * public API: found by type, and left alone if it is not there. */
static void
set_switcher_title_transition (NdWindow                  *self,
                               AdwSqueezerTransitionType  transition)
{
  GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->switcher_title));

  if (ADW_IS_SQUEEZER (child))
    adw_squeezer_set_transition_type (ADW_SQUEEZER (child), transition);
}

/* Once the window has painted, the search's own connection to the database
 * is opened on its thread, so the first keystroke does not wait for it. */
static void
on_first_paint_cb (NdWindow      *self,
                   GdkFrameClock *clock)
{
  g_signal_handlers_disconnect_by_func (clock, on_first_paint_cb, self);
  set_switcher_title_transition (self, ADW_SQUEEZER_TRANSITION_TYPE_CROSSFADE);
  nd_story_store_search_async (self->store, "", NULL, 1, NULL, NULL, NULL);
  if (self->calendar == NULL && self->calendar_source == 0)
    self->calendar_source = g_timeout_add_once (CALENDAR_PREBUILD_DELAY_MS, prebuild_calendar_cb, self);
}

static void
on_map_cb (NdWindow *self)
{
  g_signal_handlers_disconnect_by_func (self, on_map_cb, NULL);
  g_signal_connect_object (gtk_widget_get_frame_clock (GTK_WIDGET (self)), "after-paint",
                           G_CALLBACK (on_first_paint_cb), self, G_CONNECT_SWAPPED);
}

static void
nd_window_constructed (GObject *object)
{
  NdWindow *self = (NdWindow *)object;

  G_OBJECT_CLASS (nd_window_parent_class)->constructed (object);

  g_assert (ND_IS_STORY_STORE (self->store));
  setup_list (self);
  setup_filters (self);
  /* The view gets its model once the filters made the list. */
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  setup_story_pages (self);
  set_switcher_title_transition (self, ADW_SQUEEZER_TRANSITION_TYPE_NONE);
  /* The application is set after construction. */
  g_signal_connect (self, "notify::application", G_CALLBACK (setup_sync), NULL);
  enable_story_commands (self, FALSE);

  g_signal_connect_object (self->leaflet, "notify::folded", G_CALLBACK (update_clip), self, G_CONNECT_SWAPPED);
  update_clip (self);

  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self->list_view));
  g_signal_connect (self, "map", G_CALLBACK (on_map_cb), NULL);

  if (DEVELOPMENT_BUILD)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
}

static void
restore_window_state (NdWindow *self)
{
  self->settings = g_settings_new (APPLICATION_ID);
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static void
on_discard_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        NdWindow         *self)
{
  if (g_strcmp0 (response, "discard") != 0)
    return;

  if (self->editor != NULL)
    nd_story_editor_set_story (self->editor, 0);
  gtk_window_destroy (GTK_WINDOW (self));
}

static gboolean
nd_window_close_request (GtkWindow *window)
{
  NdWindow *self = ND_WINDOW (window);
  int width, height;

  gtk_window_get_default_size (window, &width, &height);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));

  /* Everything typed is saved before the window goes; if it cannot be,
   * the editor decides, never the window. */
  if (!save_editor (self) && self->editor != NULL && nd_story_editor_has_unsaved_changes (self->editor))
    {
      GtkWidget *dialog = adw_message_dialog_new (window, _("Changes Not Saved"),
                                                  _("The latest changes could not be saved. If you close now, they are lost."));

      adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                        "keep", _("_Keep Editing"),
                                        "discard", _("_Discard and Close"),
                                        NULL);
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard", ADW_RESPONSE_DESTRUCTIVE);
      adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "keep");
      g_signal_connect_object (dialog, "response", G_CALLBACK (on_discard_response_cb), self, 0);
      gtk_window_present (GTK_WINDOW (dialog));
      return TRUE;
    }

  return GTK_WINDOW_CLASS (nd_window_parent_class)->close_request (window);
}

static void
nd_window_dispose (GObject *object)
{
  NdWindow *self = (NdWindow *)object;

  if (self->list_view != NULL)
    gtk_list_view_set_model (self->list_view, NULL);
  cancel_search (self);
  g_clear_handle_id (&self->unclip_source, g_source_remove);
  g_clear_handle_id (&self->calendar_source, g_source_remove);
  g_clear_weak_pointer (&self->desk_focus);
  if (self->shortcuts != NULL)
    gtk_window_destroy (self->shortcuts);
  g_clear_object (&self->shortcuts);
  g_clear_object (&self->selection);
  g_clear_object (&self->desk);
  g_clear_object (&self->stories);
  g_clear_object (&self->search_results);
  g_clear_object (&self->settings);
  g_clear_object (&self->status_choices);
  g_clear_object (&self->language_choices);
  g_clear_object (&self->section_choices);
  g_clear_object (&self->tag_choices);
  /* Owned by the filter button, which the template takes down. */
  self->filter_popover = NULL;

  gtk_widget_dispose_template (GTK_WIDGET (self), ND_TYPE_WINDOW);

  G_OBJECT_CLASS (nd_window_parent_class)->dispose (object);
}

static void
nd_window_finalize (GObject *object)
{
  NdWindow *self = (NdWindow *)object;

  g_clear_object (&self->store);
  g_clear_pointer (&self->section_ids, g_array_unref);
  g_clear_pointer (&self->tag_uuids, g_ptr_array_unref);
  g_clear_pointer (&self->language_codes, g_ptr_array_unref);

  G_OBJECT_CLASS (nd_window_parent_class)->finalize (object);
}

static void
nd_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  NdWindow *self = ND_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nd_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  NdWindow *self = ND_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nd_window_class_init (NdWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = nd_window_constructed;
  object_class->dispose = nd_window_dispose;
  object_class->finalize = nd_window_finalize;
  object_class->get_property = nd_window_get_property;
  object_class->set_property = nd_window_set_property;

  window_class->close_request = nd_window_close_request;

  /**
   * NdWindow:store:
   *
   * The store whose stories the window shows.
   */
  properties [PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         ND_TYPE_STORY_STORE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/newsdesk/Newsdesk/nd-window.ui");
  gtk_widget_class_bind_template_child (widget_class, NdWindow, sidebar_header);
  gtk_widget_class_bind_template_child (widget_class, NdWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, NdWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, NdWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, NdWindow, sidebar_title);
  gtk_widget_class_bind_template_child (widget_class, NdWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, NdWindow, trash_bar_revealer);
  gtk_widget_class_bind_template_child (widget_class, NdWindow, list_stack);
  gtk_widget_class_bind_template_child (widget_class, NdWindow, empty_page);
  gtk_widget_class_bind_template_child (widget_class, NdWindow, list_view);
  gtk_widget_class_bind_template_child (widget_class, NdWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, NdWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, NdWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, NdWindow, filter_button);

  gtk_widget_class_install_action (widget_class, "win.new-story", NULL, new_story_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.new-story", NULL);
  gtk_widget_class_install_action (widget_class, "win.trash-story", NULL, trash_story_action);
  gtk_widget_class_install_action (widget_class, "win.empty-trash", NULL, empty_trash_action);
  gtk_widget_class_install_action (widget_class, "win.show-trash", NULL, show_trash_action);
  gtk_widget_class_install_action (widget_class, "win.show-history", NULL, show_history_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_h, GDK_CONTROL_MASK, "win.show-history", NULL);
  gtk_widget_class_install_action (widget_class, "win.show-list", NULL, show_list_action);
  gtk_widget_class_install_action (widget_class, "win.show-calendar", NULL, show_calendar_action);
  gtk_widget_class_install_action (widget_class, "win.show-desk", NULL, show_desk_action);
  gtk_widget_class_install_action (widget_class, "win.show-help-overlay", NULL, show_shortcuts_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_question, GDK_CONTROL_MASK,
                                       "win.show-help-overlay", NULL);
  gtk_widget_class_install_action (widget_class, "win.open-story", "(xs)", open_story_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, GDK_CONTROL_MASK, "win.show-calendar", NULL);
  gtk_widget_class_install_action (widget_class, "win.focus-search", NULL, focus_search_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.focus-search", NULL);
  gtk_widget_class_install_action (widget_class, "win.clear-filters", NULL, clear_filters_action);
}

static void
nd_window_init (NdWindow *self)
{
  self->section_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->tag_uuids = g_ptr_array_new_with_free_func (g_free);
  self->language_codes = g_ptr_array_new_with_free_func (g_free);

  gtk_widget_init_template (GTK_WIDGET (self));
  restore_window_state (self);
}

/**
 * nd_window_new:
 * @application: the #NdApplication
 * @store: the store to show
 *
 * Returns: (transfer none): a new main window
 */
NdWindow *
nd_window_new (gpointer      application,
               NdStoryStore *store)
{
  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (ND_IS_STORY_STORE (store), NULL);

  return g_object_new (ND_TYPE_WINDOW,
                       "application", application,
                       "store", store,
                       NULL);
}

NdStoryStore *
nd_window_get_store (NdWindow *self)
{
  g_return_val_if_fail (ND_IS_WINDOW (self), NULL);

  return self->store;
}
