/* nd-autosave.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "newsdesk-autosave"

#include "config.h"

#include "nd-autosave.h"

/**
 * NdAutosave:
 *
 * When a piece of the editor is written to the database: after a pause in
 * typing, when asked to (focus-out, switching stories, closing), and again
 * every few seconds after a failure. It counts changes rather than keeping a
 * dirty flag, so a change made while a save runs is never taken for saved.
 *
 * The owner does the writing in its #NdAutosaveFunc; this object only
 * decides when, and keeps the state and the last error for the interface.
 */
struct _NdAutosave
{
  GObject         parent_instance;

  NdAutosaveFunc  func;
  gpointer        user_data;
  guint           delay_ms;
  guint           retry_ms;
  guint           timeout_id;

  /* Each change bumps generation; saved_generation is the last one known
   * to be in the database. */
  guint64         generation;
  guint64         saved_generation;
  gboolean        saving;

  NdSaveState     state;
  GError         *error;
};

G_DEFINE_FINAL_TYPE (NdAutosave, nd_autosave, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (NdSaveState, nd_save_state,
                    G_DEFINE_ENUM_VALUE (ND_SAVE_STATE_SAVED, "saved"),
                    G_DEFINE_ENUM_VALUE (ND_SAVE_STATE_UNSAVED, "unsaved"),
                    G_DEFINE_ENUM_VALUE (ND_SAVE_STATE_FAILED, "failed"))

enum {
  PROP_0,
  PROP_STATE,
  PROP_ERROR,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static gboolean on_timeout_cb (gpointer user_data);

static void
schedule (NdAutosave *self,
          guint       delay_ms)
{
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  self->timeout_id = g_timeout_add (delay_ms, on_timeout_cb, self);
}

static void
set_state (NdAutosave   *self,
           NdSaveState   state,
           const GError *error)
{
  gboolean error_changed = (self->error != NULL) != (error != NULL) ||
                           (error != NULL && g_strcmp0 (self->error->message, error->message) != 0);

  if (error_changed)
    {
      g_clear_error (&self->error);
      self->error = error != NULL ? g_error_copy (error) : NULL;
    }

  if (self->state != state)
    {
      self->state = state;
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_STATE]);
    }
  if (error_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_ERROR]);
}

static gboolean
on_timeout_cb (gpointer user_data)
{
  NdAutosave *self = user_data;

  self->timeout_id = 0;
  /* A failure is kept in the state and shown by the owner. */
  nd_autosave_flush (self, NULL);

  return G_SOURCE_REMOVE;
}

static void
nd_autosave_dispose (GObject *object)
{
  NdAutosave *self = (NdAutosave *)object;

  g_clear_handle_id (&self->timeout_id, g_source_remove);

  G_OBJECT_CLASS (nd_autosave_parent_class)->dispose (object);
}

static void
nd_autosave_finalize (GObject *object)
{
  NdAutosave *self = (NdAutosave *)object;

  g_clear_error (&self->error);

  G_OBJECT_CLASS (nd_autosave_parent_class)->finalize (object);
}

static void
nd_autosave_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  NdAutosave *self = ND_AUTOSAVE (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;

    case PROP_ERROR:
      g_value_set_boxed (value, self->error);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nd_autosave_class_init (NdAutosaveClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = nd_autosave_dispose;
  object_class->finalize = nd_autosave_finalize;
  object_class->get_property = nd_autosave_get_property;

  /**
   * NdAutosave:state:
   *
   * Whether the changes are saved, waiting, or failed to save.
   */
  properties [PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL,
                       ND_TYPE_SAVE_STATE, ND_SAVE_STATE_SAVED,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * NdAutosave:error:
   *
   * Why the last save failed, while it has not succeeded since.
   */
  properties [PROP_ERROR] =
    g_param_spec_boxed ("error", NULL, NULL,
                        G_TYPE_ERROR,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
nd_autosave_init (NdAutosave *self)
{
  self->delay_ms = ND_AUTOSAVE_DELAY_MS;
  self->retry_ms = ND_AUTOSAVE_RETRY_MS;
  self->state = ND_SAVE_STATE_SAVED;
}

/**
 * nd_autosave_new:
 * @func: writes the pending changes
 * @user_data: data for @func; the owner holds the only reference to the
 *   autosave and drops it in its dispose, which stops the timers
 *
 * Returns: (transfer full): a new #NdAutosave with nothing pending
 */
NdAutosave *
nd_autosave_new (NdAutosaveFunc func,
                 gpointer       user_data)
{
  NdAutosave *self;

  g_return_val_if_fail (func != NULL, NULL);

  self = g_object_new (ND_TYPE_AUTOSAVE, NULL);
  self->func = func;
  self->user_data = user_data;

  return self;
}

/**
 * nd_autosave_changed:
 * @self: a #NdAutosave
 *
 * Records a change and (re)starts the wait for a pause in typing. After a
 * failure, the change also brings the next attempt forward.
 */
void
nd_autosave_changed (NdAutosave *self)
{
  g_return_if_fail (ND_IS_AUTOSAVE (self));

  self->generation++;
  /* A failure stays visible until a save succeeds. */
  if (self->state == ND_SAVE_STATE_SAVED)
    set_state (self, ND_SAVE_STATE_UNSAVED, NULL);
  schedule (self, self->delay_ms);
}

/**
 * nd_autosave_flush:
 * @self: a #NdAutosave
 * @error: return location for a #GError
 *
 * Saves now when anything is pending. On failure the changes stay pending
 * and a retry is scheduled.
 *
 * Returns: %TRUE when nothing is left unsaved
 */
gboolean
nd_autosave_flush (NdAutosave  *self,
                   GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  guint64 generation;
  gboolean saved;

  g_return_val_if_fail (ND_IS_AUTOSAVE (self), FALSE);

  if (self->generation == self->saved_generation)
    return TRUE;

  /* The store emits signals while it saves; a listener that asks for a
   * flush then is answered by the save already under way. */
  if (self->saving)
    return TRUE;

  g_clear_handle_id (&self->timeout_id, g_source_remove);

  generation = self->generation;
  self->saving = TRUE;
  saved = self->func (self->user_data, &local_error);
  self->saving = FALSE;

  if (!saved)
    {
      g_assert (local_error != NULL);
      set_state (self, ND_SAVE_STATE_FAILED, local_error);
      schedule (self, self->retry_ms);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  self->saved_generation = generation;
  if (self->generation == generation)
    {
      set_state (self, ND_SAVE_STATE_SAVED, NULL);
      return TRUE;
    }

  /* Something changed while the save ran: it waits for its own pause. */
  set_state (self, ND_SAVE_STATE_UNSAVED, NULL);
  if (self->timeout_id == 0)
    schedule (self, self->delay_ms);
  return TRUE;
}

/**
 * nd_autosave_forget:
 * @self: a #NdAutosave
 *
 * Drops what is pending, because the owner has handed the changes on (or
 * replaced the text with text that is already saved).
 */
void
nd_autosave_forget (NdAutosave *self)
{
  g_return_if_fail (ND_IS_AUTOSAVE (self));

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  self->saved_generation = self->generation;
  set_state (self, ND_SAVE_STATE_SAVED, NULL);
}

gboolean
nd_autosave_has_unsaved_changes (NdAutosave *self)
{
  g_return_val_if_fail (ND_IS_AUTOSAVE (self), FALSE);

  return self->generation != self->saved_generation;
}

/**
 * nd_autosave_is_saving:
 * @self: a #NdAutosave
 *
 * Returns: whether the save function is running; the store's signals
 *   emitted meanwhile are about the owner's own write
 */
gboolean
nd_autosave_is_saving (NdAutosave *self)
{
  g_return_val_if_fail (ND_IS_AUTOSAVE (self), FALSE);

  return self->saving;
}

NdSaveState
nd_autosave_get_state (NdAutosave *self)
{
  g_return_val_if_fail (ND_IS_AUTOSAVE (self), ND_SAVE_STATE_SAVED);

  return self->state;
}

/**
 * nd_autosave_get_error:
 * @self: a #NdAutosave
 *
 * Returns: (nullable): why the last save failed, while the state is
 *   %ND_SAVE_STATE_FAILED
 */
const GError *
nd_autosave_get_error (NdAutosave *self)
{
  g_return_val_if_fail (ND_IS_AUTOSAVE (self), NULL);

  return self->error;
}

/**
 * nd_autosave_set_delays:
 * @self: a #NdAutosave
 * @delay_ms: the pause in typing after which changes are saved
 * @retry_ms: the wait before a failed save is tried again
 *
 * Tests shorten the waits; the defaults suit people.
 */
void
nd_autosave_set_delays (NdAutosave *self,
                        guint       delay_ms,
                        guint       retry_ms)
{
  g_return_if_fail (ND_IS_AUTOSAVE (self));

  self->delay_ms = delay_ms;
  self->retry_ms = retry_ms;
}
