/* nd-status-control.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "newsdesk-status"

#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "nd-schedule-popover.h"
#include "nd-status-control.h"
#include "nd-widget-util.h"
#include "nd-workflow.h"

/**
 * NdStatusControl:
 *
 * An edition's place in the workflow, in the editor: its status as a chip
 * that opens the moves the status table allows ("Send to Review", "Mark
 * Ready", "Schedule…", "Unschedule", "Mark Published", "Unpublish"), each
 * with what stands in its way said in plain words, and the history of
 * moves, who made them and when. Beside it, when the edition can have a
 * publish time, a button with that time opens the #NdSchedulePopover.
 *
 * Moves go through the store's workflow rules: a refusal is shown, warnings
 * are shown and do not stop the move, and a stale translation asks for
 * confirmation in a dialog. The control emits #NdStatusControl::prepare
 * before it reads or moves anything, so that its owner saves the text first:
 * the rules are checked against what is stored.
 *
 * Nothing is read from the store until the edition is shown or a popover
 * opens: the editor stays cheap to build.
 */
struct _NdStatusControl
{
  GtkWidget          parent_instance;

  NdStoryStore      *store;
  NdEdition         *edition;
  GtkWidget         *schedule_popover;   /* made on first use */

  GtkMenuButton     *status_button;
  GtkLabel          *status_label;
  GtkMenuButton     *schedule_button;
  GtkLabel          *schedule_label;
  GtkPopover        *moves_popover;
  GtkBox            *moves_box;
  GtkLabel          *message_label;
  GtkBox            *history_box;
};

G_DEFINE_FINAL_TYPE (NdStatusControl, nd_status_control, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

enum {
  PREPARE,
  MOVED,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

typedef struct
{
  NdStatusControl *self;
  NdEditionStatus  status;
  gint64           publish_at;
  gboolean         schedule;
} PendingMove;

static gboolean do_move     (NdStatusControl *self,
                             NdEditionStatus  status,
                             gboolean         confirmed);
static gboolean do_schedule (NdStatusControl *self,
                             gint64           publish_at,
                             gboolean         confirmed);

/* Confirmation -------------------------------------------------------------- */

typedef struct
{
  NdConfirmFunc   confirmed;
  gpointer        user_data;
  GDestroyNotify  destroy;
} ConfirmData;

static void
confirm_data_free (ConfirmData *data)
{
  if (data->destroy != NULL)
    data->destroy (data->user_data);
  g_free (data);
}

static void
on_confirm_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        ConfirmData      *data)
{
  if (g_strcmp0 (response, "confirm") == 0)
    data->confirmed (data->user_data);

  /* What the move holds (the widget it is for) is let go now, not when
   * the dialog is finalized, which may be later. */
  g_signal_handlers_disconnect_by_func (dialog, on_confirm_response_cb, data);
}

/**
 * _nd_confirm_stale_move:
 * @parent: a widget in the window the dialog belongs to
 * @reason: why the move needs confirming, from the workflow
 * @confirm_label: the button that goes ahead, with a mnemonic
 * @confirmed: called when the editor goes ahead
 * @user_data: for @confirmed
 * @destroy: (nullable): frees @user_data once the dialog is gone
 *
 * Asks, in an #AdwMessageDialog, before a translation that lags behind its
 * source goes out. Cancel is the default: Escape keeps things as they are.
 */
void
_nd_confirm_stale_move (GtkWidget      *parent,
                        const char     *reason,
                        const char     *confirm_label,
                        NdConfirmFunc   confirmed,
                        gpointer        user_data,
                        GDestroyNotify  destroy)
{
  GtkRoot *root = gtk_widget_get_root (parent);
  ConfirmData *data = g_new0 (ConfirmData, 1);
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  data->confirmed = confirmed;
  data->user_data = user_data;
  data->destroy = destroy;

  /* Translators: %s says why, as in "The source text changed after this
   * translation was made" */
  body = g_strdup_printf (_("%s. It may say something the source no longer says. Go ahead anyway?"), reason);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Translation Out of Date"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "confirm", confirm_label,
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "confirm",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_confirm_response_cb),
                         data, (GClosureNotify) (void (*) (void)) confirm_data_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Helpers ------------------------------------------------------------------- */

/**
 * nd_status_control_get_move_label:
 * @from: the status an edition is in
 * @to: a status the table lets it move to
 *
 * Returns: the command that makes the move, as the interface shows it
 */
const char *
nd_status_control_get_move_label (NdEditionStatus from,
                                  NdEditionStatus to)
{
  switch (to)
    {
    case ND_EDITION_STATUS_DRAFT:
      return from == ND_EDITION_STATUS_NEEDS_TRANSLATION ? _("Start Translation") : _("Back to Draft");
    case ND_EDITION_STATUS_IN_REVIEW:
      return from == ND_EDITION_STATUS_DRAFT ? _("Send to Review") : _("Back to Review");
    case ND_EDITION_STATUS_READY:
      if (from == ND_EDITION_STATUS_SCHEDULED)
        return _("Unschedule");
      if (from == ND_EDITION_STATUS_PUBLISHED)
        return _("Unpublish");
      return _("Mark Ready");
    case ND_EDITION_STATUS_SCHEDULED:
      return from == ND_EDITION_STATUS_SCHEDULED ? _("Reschedule…") : _("Schedule…");
    case ND_EDITION_STATUS_PUBLISHED:
      return _("Mark Published");
    case ND_EDITION_STATUS_NEEDS_TRANSLATION:
    default:
      return nd_edition_status_get_label (to);
    }
}

static void
prepare (NdStatusControl *self)
{
  g_signal_emit (self, signals [PREPARE], 0);
}

static void
show_message (NdStatusControl *self,
              const char      *message)
{
  gtk_label_set_text (self->message_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
}

static char *
author (void)
{
  return nd_schedule_author ();
}

static void
remove_children (GtkBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_box_remove (box, child);
}

static GtkWidget *
caption_new (const char *text,
             const char *style)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
  gtk_widget_add_css_class (label, "caption");
  if (style != NULL)
    gtk_widget_add_css_class (label, style);

  return label;
}

/* What stands in the way of a move, one line per problem, worst first. */
static void
add_problems (NdStatusControl *self,
              GtkBox          *box,
              GPtrArray       *problems)
{
  for (guint i = 0; problems != NULL && i < problems->len; i++)
    {
      const NdWorkflowProblem *problem = g_ptr_array_index (problems, i);
      const char *style = NULL;
      g_autofree char *text = NULL;

      /* The table's own refusal is never offered as a move. */
      if (problem->kind == ND_WORKFLOW_PROBLEM_TRANSITION)
        continue;

      switch (problem->severity)
        {
        case ND_WORKFLOW_SEVERITY_REFUSE:
          style = "error";
          /* Translators: a reason a move is not possible */
          text = g_strdup_printf (_("Not possible: %s"), problem->message);
          break;
        case ND_WORKFLOW_SEVERITY_CONFIRM:
          style = "warning";
          /* Translators: a problem the editor is asked to confirm */
          text = g_strdup_printf (_("Asks first: %s"), problem->message);
          break;
        case ND_WORKFLOW_SEVERITY_WARN:
        default:
          style = "dim-label";
          /* Translators: a problem that does not stop the move */
          text = g_strdup_printf (_("Note: %s"), problem->message);
          break;
        }
      gtk_box_append (box, caption_new (text, style));
    }
}

static void
on_move_clicked_cb (GtkButton       *button,
                    NdStatusControl *self)
{
  NdEditionStatus status = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "nd-status"));

  if (status == ND_EDITION_STATUS_SCHEDULED)
    {
      gtk_popover_popdown (self->moves_popover);
      gtk_menu_button_popup (self->schedule_button);
      return;
    }

  do_move (self, status, FALSE);
}

static void
fill_moves (NdStatusControl *self)
{
  NdEditionStatus from;
  g_autoptr(GError) error = NULL;

  remove_children (self->moves_box);
  if (self->edition == NULL)
    return;

  from = nd_edition_get_status (self->edition);
  for (NdEditionStatus to = 0; to <= ND_EDITION_STATUS_LAST; to++)
    {
      g_autoptr(GPtrArray) problems = NULL;
      GtkWidget *box, *button;
      gboolean refused;

      /* A scheduled edition can be rescheduled: a move to where it is. */
      if (!nd_edition_status_can_transition (from, to) &&
          !(from == ND_EDITION_STATUS_SCHEDULED && to == ND_EDITION_STATUS_SCHEDULED))
        continue;

      problems = nd_story_store_check_move (self->store, self->edition, to, &error);
      if (problems == NULL)
        {
          show_message (self, error->message);
          return;
        }
      refused = nd_workflow_worst_severity (problems) == ND_WORKFLOW_SEVERITY_REFUSE;

      box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      button = gtk_button_new_with_label (nd_status_control_get_move_label (from, to));
      g_object_set_data (G_OBJECT (button), "nd-status", GUINT_TO_POINTER (to));
      g_signal_connect_object (button, "clicked", G_CALLBACK (on_move_clicked_cb), self, 0);
      /* A refused move stays in the list, greyed, with the reason under
       * it: the editor sees what to fix. */
      gtk_widget_set_sensitive (button, !refused);
      if (to > from && to != ND_EDITION_STATUS_PUBLISHED && !refused)
        gtk_widget_add_css_class (button, "suggested-action");
      gtk_box_append (GTK_BOX (box), button);
      add_problems (self, GTK_BOX (box), problems);
      gtk_box_append (self->moves_box, box);
    }
}

static void
fill_history (NdStatusControl *self)
{
  g_autoptr(GPtrArray) changes = NULL;

  remove_children (self->history_box);
  if (self->edition == NULL)
    return;

  changes = nd_story_store_list_status_changes (self->store, nd_edition_get_id (self->edition), NULL);
  if (changes == NULL || changes->len == 0)
    {
      gtk_box_append (self->history_box, caption_new (_("No moves yet"), "dim-label"));
      return;
    }

  /* Newest first: what happened last is what the editor asks about. */
  for (guint i = changes->len; i > 0; i--)
    {
      const NdStatusChange *change = g_ptr_array_index (changes, i - 1);
      g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (change->changed_at / G_USEC_PER_SEC);
      /* Translators: when a status changed, see g_date_time_format() */
      g_autofree char *when_text = g_date_time_format (when, _("%-d %b %Y, %H:%M"));
      g_autofree char *move = NULL;
      g_autofree char *text = NULL;
      const char *who = change->author != NULL && *change->author != '\0' ? change->author : _("Someone");

      if (change->has_old_status)
        /* Translators: a status change, as in "Draft → In review" */
        move = g_strdup_printf (_("%s → %s"), nd_edition_status_get_label (change->old_status),
                                nd_edition_status_get_label (change->new_status));
      else
        move = g_strdup (nd_edition_status_get_label (change->new_status));

      /* Translators: a status change, who made it and when, as in
       * "Draft → In review, by Anna Petrova, 28 Nov 2026, 14:02" */
      text = g_strdup_printf (_("%s, by %s, %s"), move, who, when_text);
      gtk_box_append (self->history_box, caption_new (text, NULL));
    }
}

static void
on_moves_popover_show_cb (NdStatusControl *self)
{
  prepare (self);
  show_message (self, NULL);
  fill_moves (self);
  fill_history (self);
}

static void
on_moves_popover_closed_cb (NdStatusControl *self)
{
  /* The popover's widgets hold buttons for moves that may be stale by the
   * next time; they are rebuilt then. */
  remove_children (self->moves_box);
}

static void
moved (NdStatusControl *self)
{
  gtk_popover_popdown (self->moves_popover);
  if (self->schedule_popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (self->schedule_popover));
  nd_status_control_update (self);
  g_signal_emit (self, signals [MOVED], 0);
}

static void
pending_move_free (PendingMove *pending)
{
  g_object_unref (pending->self);
  g_free (pending);
}

static void
on_confirmed_cb (gpointer user_data)
{
  PendingMove *pending = user_data;

  if (pending->self->edition == NULL)
    return;

  if (pending->schedule)
    do_schedule (pending->self, pending->publish_at, TRUE);
  else
    do_move (pending->self, pending->status, TRUE);
}

static void
ask_confirmation (NdStatusControl *self,
                  const GError    *error,
                  NdEditionStatus  status,
                  gint64           publish_at,
                  gboolean         schedule)
{
  PendingMove *pending = g_new0 (PendingMove, 1);

  pending->self = g_object_ref (self);
  pending->status = status;
  pending->publish_at = publish_at;
  pending->schedule = schedule;
  _nd_confirm_stale_move (GTK_WIDGET (self), error->message,
                          schedule ? _("_Schedule Anyway") : _("_Move Anyway"),
                          on_confirmed_cb, pending, (GDestroyNotify) pending_move_free);
}

static gboolean
do_move (NdStatusControl *self,
         NdEditionStatus  status,
         gboolean         confirmed)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *who = author ();
  gboolean ok;

  if (self->edition == NULL)
    return FALSE;

  prepare (self);
  if (nd_edition_get_status (self->edition) == ND_EDITION_STATUS_SCHEDULED &&
      status == ND_EDITION_STATUS_READY)
    ok = nd_story_store_unschedule_edition (self->store, self->edition, who, &error);
  else
    ok = nd_story_store_move_edition (self->store, self->edition, status, who, confirmed, &error);

  if (!ok)
    {
      if (g_error_matches (error, ND_WORKFLOW_ERROR, ND_WORKFLOW_ERROR_NEEDS_CONFIRMATION))
        ask_confirmation (self, error, status, 0, FALSE);
      else
        {
          /* Translators: %s is why a move was refused */
          g_autofree char *message = g_strdup_printf (_("Not moved: %s"), error->message);

          show_message (self, message);
          gtk_widget_error_bell (GTK_WIDGET (self));
        }
      return FALSE;
    }

  moved (self);
  return TRUE;
}

/* WordPress publishes at once a post scheduled less than this far ahead. */
#define PUBLISHED_AT_ONCE_SECONDS 60

static void
on_publish_now_response_cb (AdwMessageDialog *dialog,
                            const char       *response,
                            NdStatusControl  *self)
{
  if (g_strcmp0 (response, "publish") == 0 && self->edition != NULL)
    do_move (self, ND_EDITION_STATUS_PUBLISHED, TRUE);
}

/* A time this close would not be a schedule on the website but a
 * publication: the editor says which it is. */
static void
ask_publish_now (NdStatusControl *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Less Than a Minute Away"),
                                   _("The website publishes an edition scheduled this close at once. "
                                     "Publish it now, or choose a later time."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Choose Another Time"),
                                    "publish", _("_Publish Now"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "publish", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_publish_now_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static gboolean
do_schedule (NdStatusControl *self,
             gint64           publish_at,
             gboolean         confirmed)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *who = author ();
  gint64 now = nd_schedule_now ();

  if (self->edition == NULL)
    return FALSE;

  if (!confirmed && publish_at > now && publish_at < now + PUBLISHED_AT_ONCE_SECONDS)
    {
      ask_publish_now (self);
      return FALSE;
    }

  prepare (self);
  if (!nd_story_store_schedule_edition (self->store, self->edition, publish_at, who, confirmed, &error))
    {
      if (g_error_matches (error, ND_WORKFLOW_ERROR, ND_WORKFLOW_ERROR_NEEDS_CONFIRMATION))
        ask_confirmation (self, error, ND_EDITION_STATUS_SCHEDULED, publish_at, TRUE);
      else if (self->schedule_popover != NULL)
        nd_schedule_popover_set_message (ND_SCHEDULE_POPOVER (self->schedule_popover), error->message);
      else
        show_message (self, error->message);
      return FALSE;
    }

  moved (self);
  return TRUE;
}

static void
on_schedule_cb (NdStatusControl *self,
                gint64           publish_at)
{
  do_schedule (self, publish_at, FALSE);
}

static void
on_unschedule_cb (NdStatusControl *self)
{
  do_move (self, ND_EDITION_STATUS_READY, FALSE);
}

static void
on_zone_changed_cb (NdStatusControl *self)
{
  nd_status_control_update (self);
}

static void
on_schedule_popover_show_cb (NdStatusControl *self)
{
  NdSchedulePopover *popover = ND_SCHEDULE_POPOVER (self->schedule_popover);

  if (self->edition == NULL)
    return;

  prepare (self);
  nd_schedule_popover_set_scheduled (popover, nd_edition_get_status (self->edition) == ND_EDITION_STATUS_SCHEDULED);
  nd_schedule_popover_set_time (popover, nd_edition_get_publish_at (self->edition));
}

/* The popover, with its calendar, is built when it is first opened. */
static void
create_schedule_popover_cb (GtkMenuButton *button,
                            gpointer       user_data)
{
  NdStatusControl *self = user_data;

  if (self->schedule_popover != NULL)
    return;

  self->schedule_popover = nd_schedule_popover_new (self->store);
  g_signal_connect_object (self->schedule_popover, "schedule", G_CALLBACK (on_schedule_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->schedule_popover, "unschedule", G_CALLBACK (on_unschedule_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->schedule_popover, "zone-changed", G_CALLBACK (on_zone_changed_cb), self, G_CONNECT_SWAPPED);
  /* Connected before the popover's own handler, which loads the zone and
   * the time it is given here. */
  g_signal_connect_object (self->schedule_popover, "map", G_CALLBACK (on_schedule_popover_show_cb), self, G_CONNECT_SWAPPED);
  gtk_menu_button_set_popover (button, self->schedule_popover);
  on_schedule_popover_show_cb (self);
}

/* Overrides ----------------------------------------------------------------- */

static void
nd_status_control_dispose (GObject *object)
{
  NdStatusControl *self = ND_STATUS_CONTROL (object);
  GtkWidget *child;

  if (self->moves_popover != NULL)
    g_signal_handlers_disconnect_by_data (self->moves_popover, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), ND_TYPE_STATUS_CONTROL);
  /* The template's unnamed top child is not among the bound ones. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  self->schedule_popover = NULL;
  g_clear_object (&self->edition);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (nd_status_control_parent_class)->dispose (object);
}

static void
nd_status_control_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  NdStatusControl *self = ND_STATUS_CONTROL (object);

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
nd_status_control_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  NdStatusControl *self = ND_STATUS_CONTROL (object);

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
nd_status_control_class_init (NdStatusControlClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = nd_status_control_dispose;
  object_class->get_property = nd_status_control_get_property;
  object_class->set_property = nd_status_control_set_property;

  /**
   * NdStatusControl:store:
   *
   * The store the edition is moved in.
   */
  properties [PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         ND_TYPE_STORY_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * NdStatusControl::prepare:
   * @self: the control
   *
   * Emitted before the control reads the rules or moves the edition: save
   * the edition's text now, since the rules look at what is stored.
   */
  signals [PREPARE] =
    g_signal_new ("prepare", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * NdStatusControl::moved:
   * @self: the control
   *
   * The edition moved in the workflow or got a new publish time.
   */
  signals [MOVED] =
    g_signal_new ("moved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/newsdesk/Newsdesk/nd-status-control.ui");
  gtk_widget_class_bind_template_child (widget_class, NdStatusControl, status_button);
  gtk_widget_class_bind_template_child (widget_class, NdStatusControl, status_label);
  gtk_widget_class_bind_template_child (widget_class, NdStatusControl, schedule_button);
  gtk_widget_class_bind_template_child (widget_class, NdStatusControl, schedule_label);
  gtk_widget_class_bind_template_child (widget_class, NdStatusControl, moves_popover);
  gtk_widget_class_bind_template_child (widget_class, NdStatusControl, moves_box);
  gtk_widget_class_bind_template_child (widget_class, NdStatusControl, message_label);
  gtk_widget_class_bind_template_child (widget_class, NdStatusControl, history_box);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
nd_status_control_init (NdStatusControl *self)
{
  _nd_widgets_ensure_style ();
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_object (self->moves_popover, "show", G_CALLBACK (on_moves_popover_show_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->moves_popover, "closed", G_CALLBACK (on_moves_popover_closed_cb), self, G_CONNECT_SWAPPED);
  gtk_menu_button_set_create_popup_func (self->schedule_button, create_schedule_popover_cb, self, NULL);
}

/* Public API ---------------------------------------------------------------- */

/**
 * nd_status_control_new:
 * @store: the store the edition is moved in
 *
 * Returns: (transfer floating): a new #NdStatusControl showing no edition
 */
GtkWidget *
nd_status_control_new (NdStoryStore *store)
{
  g_return_val_if_fail (ND_IS_STORY_STORE (store), NULL);

  return g_object_new (ND_TYPE_STATUS_CONTROL, "store", store, NULL);
}

/**
 * nd_status_control_set_edition:
 * @self: a #NdStatusControl
 * @edition: (nullable): the edition, shared with its editor: the moves
 *   update its status and publish time
 */
void
nd_status_control_set_edition (NdStatusControl *self,
                               NdEdition       *edition)
{
  g_return_if_fail (ND_IS_STATUS_CONTROL (self));
  g_return_if_fail (edition == NULL || ND_IS_EDITION (edition));

  if (g_set_object (&self->edition, edition))
    {
      gtk_popover_popdown (self->moves_popover);
      if (self->schedule_popover != NULL)
        gtk_popover_popdown (GTK_POPOVER (self->schedule_popover));
    }

  nd_status_control_update (self);
}

/**
 * nd_status_control_get_edition:
 * @self: a #NdStatusControl
 *
 * Returns: (transfer none) (nullable): the edition shown
 */
NdEdition *
nd_status_control_get_edition (NdStatusControl *self)
{
  g_return_val_if_fail (ND_IS_STATUS_CONTROL (self), NULL);

  return self->edition;
}

/**
 * nd_status_control_update:
 * @self: a #NdStatusControl
 *
 * Shows the edition's status and publish time again, after the edition or
 * the publication's time zone changed.
 */
void
nd_status_control_update (NdStatusControl *self)
{
  NdEditionStatus status;
  g_autofree char *accessible = NULL;
  gboolean can_schedule;

  g_return_if_fail (ND_IS_STATUS_CONTROL (self));

  gtk_widget_set_visible (GTK_WIDGET (self), self->edition != NULL);
  if (self->edition == NULL)
    return;

  status = nd_edition_get_status (self->edition);
  gtk_label_set_text (self->status_label, nd_edition_status_get_label (status));
  gtk_widget_set_css_classes (GTK_WIDGET (self->status_label),
                              (const char *[]) { "status-chip", "pill", nd_edition_status_to_string (status), NULL });
  /* Translators: the accessible name of the status button, as in
   * "Status: Draft" */
  accessible = g_strdup_printf (_("Status: %s"), nd_edition_status_get_label (status));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->status_button), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);

  can_schedule = status == ND_EDITION_STATUS_READY || status == ND_EDITION_STATUS_SCHEDULED;
  gtk_widget_set_visible (GTK_WIDGET (self->schedule_button), can_schedule);
  if (status == ND_EDITION_STATUS_SCHEDULED && nd_edition_get_publish_at (self->edition) != 0)
    {
      g_autoptr(GTimeZone) zone = nd_story_store_get_time_zone (self->store);
      g_autofree char *when = nd_schedule_format_instant (zone, nd_edition_get_publish_at (self->edition));
      gboolean missed = nd_schedule_is_missed (status, nd_edition_get_publish_at (self->edition), nd_schedule_now ());
      g_autofree char *name = NULL;

      if (missed)
        {
          /* Translators: %s is the publish time that has passed */
          name = g_strdup_printf (_("Missed: %s"), when);
          gtk_widget_add_css_class (GTK_WIDGET (self->schedule_label), "error");
        }
      else
        {
          /* Translators: %s is the publish time */
          name = g_strdup_printf (_("Scheduled for %s"), when);
          gtk_widget_remove_css_class (GTK_WIDGET (self->schedule_label), "error");
        }
      gtk_label_set_text (self->schedule_label, missed ? name : when);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->schedule_button), name);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->schedule_button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
    }
  else
    {
      gtk_label_set_text (self->schedule_label, _("Schedule…"));
      gtk_widget_remove_css_class (GTK_WIDGET (self->schedule_label), "error");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->schedule_button), _("Choose when this edition goes live"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->schedule_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Schedule…"), -1);
    }
}

/**
 * nd_status_control_move:
 * @self: a #NdStatusControl
 * @status: the wanted status
 *
 * Moves the edition as the move's button does: a refusal is shown, a stale
 * translation asks for confirmation first.
 *
 * Returns: whether the edition moved now
 */
gboolean
nd_status_control_move (NdStatusControl *self,
                        NdEditionStatus  status)
{
  g_return_val_if_fail (ND_IS_STATUS_CONTROL (self), FALSE);

  return do_move (self, status, FALSE);
}

/**
 * nd_status_control_schedule:
 * @self: a #NdStatusControl
 * @publish_at: the publish time, seconds UTC
 *
 * Schedules the edition as the schedule popover does.
 *
 * Returns: whether the edition was scheduled now
 */
gboolean
nd_status_control_schedule (NdStatusControl *self,
                            gint64           publish_at)
{
  g_return_val_if_fail (ND_IS_STATUS_CONTROL (self), FALSE);

  return do_schedule (self, publish_at, FALSE);
}

/**
 * nd_status_control_get_message:
 * @self: a #NdStatusControl
 *
 * Returns: (nullable): the last refusal on show
 */
const char *
nd_status_control_get_message (NdStatusControl *self)
{
  g_return_val_if_fail (ND_IS_STATUS_CONTROL (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->message_label)))
    return NULL;

  return gtk_label_get_text (self->message_label);
}
