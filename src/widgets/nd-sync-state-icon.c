/* nd-sync-state-icon.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "newsdesk-sync-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "nd-sync-state-icon.h"

/**
 * NdSyncStateIcon:
 *
 * A small icon telling where an edition (or a story) stands with its
 * WordPress site: only here, waiting to be sent, synced, in conflict or
 * failed. The icon alone means nothing to a screen reader or to someone
 * who does not know the icons, so the words are its accessible label and
 * its tooltip, with the detail (the last error, say) after them.
 *
 * Rows of the story list and the editor place one each; the words and icon
 * names are also available as functions for places that draw their own.
 */
struct _NdSyncStateIcon
{
  GtkWidget           parent_instance;

  GtkWidget          *image;
  NdEditionSyncState  state;
  char               *detail;
  char               *label;
};

G_DEFINE_FINAL_TYPE (NdSyncStateIcon, nd_sync_state_icon, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STATE,
  PROP_DETAIL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *css_classes[] = { "local", "pending", "synced", "conflict", "error" };

static void
update (NdSyncStateIcon *self)
{
  const char *words = nd_edition_sync_state_get_label (self->state);

  for (guint i = 0; i < G_N_ELEMENTS (css_classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self), css_classes[i]);
  gtk_widget_add_css_class (GTK_WIDGET (self), nd_edition_sync_state_get_css_class (self->state));

  gtk_image_set_from_icon_name (GTK_IMAGE (self->image), nd_edition_sync_state_get_icon_name (self->state));

  g_clear_pointer (&self->label, g_free);
  if (self->detail != NULL && *self->detail != '\0')
    /* Translators: a sync state ("Sync failed") and why ("The server
     * answered with an error") */
    self->label = g_strdup_printf (C_("sync state", "%s: %s"), words, self->detail);
  else
    self->label = g_strdup (words);

  gtk_widget_set_tooltip_text (GTK_WIDGET (self), self->label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, self->label,
                                  -1);
}

static void
nd_sync_state_icon_dispose (GObject *object)
{
  NdSyncStateIcon *self = (NdSyncStateIcon *)object;

  g_clear_pointer (&self->image, gtk_widget_unparent);

  G_OBJECT_CLASS (nd_sync_state_icon_parent_class)->dispose (object);
}

static void
nd_sync_state_icon_finalize (GObject *object)
{
  NdSyncStateIcon *self = (NdSyncStateIcon *)object;

  g_clear_pointer (&self->detail, g_free);
  g_clear_pointer (&self->label, g_free);

  G_OBJECT_CLASS (nd_sync_state_icon_parent_class)->finalize (object);
}

static void
nd_sync_state_icon_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  NdSyncStateIcon *self = ND_SYNC_STATE_ICON (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_int (value, self->state);
      break;

    case PROP_DETAIL:
      g_value_set_string (value, self->detail);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nd_sync_state_icon_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  NdSyncStateIcon *self = ND_SYNC_STATE_ICON (object);

  switch (prop_id)
    {
    case PROP_STATE:
      nd_sync_state_icon_set_state (self, g_value_get_int (value));
      break;

    case PROP_DETAIL:
      nd_sync_state_icon_set_detail (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nd_sync_state_icon_class_init (NdSyncStateIconClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = nd_sync_state_icon_dispose;
  object_class->finalize = nd_sync_state_icon_finalize;
  object_class->get_property = nd_sync_state_icon_get_property;
  object_class->set_property = nd_sync_state_icon_set_property;

  /**
   * NdSyncStateIcon:state:
   *
   * The #NdEditionSyncState shown.
   */
  properties[PROP_STATE] =
    g_param_spec_int ("state", NULL, NULL, ND_EDITION_SYNC_LOCAL, ND_EDITION_SYNC_ERROR, ND_EDITION_SYNC_LOCAL,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * NdSyncStateIcon:detail:
   *
   * What to add to the state's words, such as the last error.
   */
  properties[PROP_DETAIL] =
    g_param_spec_string ("detail", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "syncstate");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
nd_sync_state_icon_init (NdSyncStateIcon *self)
{
  self->image = gtk_image_new ();
  /* The widget itself carries the words; the image is decoration. */
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->image), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  gtk_widget_set_parent (self->image, GTK_WIDGET (self));
  self->state = ND_EDITION_SYNC_LOCAL;
  update (self);
}

/**
 * nd_edition_sync_state_get_icon_name:
 * @state: a sync state
 *
 * Returns: the symbolic icon that shows @state
 */
const char *
nd_edition_sync_state_get_icon_name (NdEditionSyncState state)
{
  switch (state)
    {
    case ND_EDITION_SYNC_PENDING:
      return "emblem-synchronizing-symbolic";
    case ND_EDITION_SYNC_SYNCED:
      return "emblem-ok-symbolic";
    case ND_EDITION_SYNC_CONFLICT:
      return "dialog-warning-symbolic";
    case ND_EDITION_SYNC_ERROR:
      return "dialog-error-symbolic";
    case ND_EDITION_SYNC_LOCAL:
    default:
      return "computer-symbolic";
    }
}

/**
 * nd_edition_sync_state_get_label:
 * @state: a sync state
 *
 * Returns: @state in a few translated words, for labels, tooltips and
 *   screen readers
 */
const char *
nd_edition_sync_state_get_label (NdEditionSyncState state)
{
  switch (state)
    {
    case ND_EDITION_SYNC_PENDING:
      return _("Waiting to be sent");
    case ND_EDITION_SYNC_SYNCED:
      return _("Synced");
    case ND_EDITION_SYNC_CONFLICT:
      return _("Changed on both sides: needs your choice");
    case ND_EDITION_SYNC_ERROR:
      return _("Not synced: the last attempt failed");
    case ND_EDITION_SYNC_LOCAL:
    default:
      return _("Only on this computer");
    }
}

/**
 * nd_edition_sync_state_get_css_class:
 * @state: a sync state
 *
 * Returns: the style class (in ui/style.css) that colours @state
 */
const char *
nd_edition_sync_state_get_css_class (NdEditionSyncState state)
{
  if ((guint) state >= G_N_ELEMENTS (css_classes))
    state = ND_EDITION_SYNC_LOCAL;
  return css_classes[state];
}

/**
 * nd_sync_state_icon_new:
 *
 * Returns: (transfer floating): a new #NdSyncStateIcon showing
 *   %ND_EDITION_SYNC_LOCAL
 */
GtkWidget *
nd_sync_state_icon_new (void)
{
  return g_object_new (ND_TYPE_SYNC_STATE_ICON, NULL);
}

NdEditionSyncState
nd_sync_state_icon_get_state (NdSyncStateIcon *self)
{
  g_return_val_if_fail (ND_IS_SYNC_STATE_ICON (self), ND_EDITION_SYNC_LOCAL);

  return self->state;
}

/**
 * nd_sync_state_icon_set_state:
 * @self: a #NdSyncStateIcon
 * @state: the state to show
 *
 * Shows @state.
 */
void
nd_sync_state_icon_set_state (NdSyncStateIcon    *self,
                              NdEditionSyncState  state)
{
  g_return_if_fail (ND_IS_SYNC_STATE_ICON (self));
  g_return_if_fail (state >= ND_EDITION_SYNC_LOCAL && state <= ND_EDITION_SYNC_ERROR);

  if (self->state == state)
    return;

  self->state = state;
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

const char *
nd_sync_state_icon_get_detail (NdSyncStateIcon *self)
{
  g_return_val_if_fail (ND_IS_SYNC_STATE_ICON (self), NULL);

  return self->detail;
}

/**
 * nd_sync_state_icon_set_detail:
 * @self: a #NdSyncStateIcon
 * @detail: (nullable): words to add, such as the last error
 *
 * Adds @detail to the tooltip and the accessible label.
 */
void
nd_sync_state_icon_set_detail (NdSyncStateIcon *self,
                               const char      *detail)
{
  g_return_if_fail (ND_IS_SYNC_STATE_ICON (self));

  if (g_strcmp0 (self->detail, detail) == 0)
    return;

  g_free (self->detail);
  self->detail = g_strdup (detail);
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DETAIL]);
}

/**
 * nd_sync_state_icon_get_label:
 * @self: a #NdSyncStateIcon
 *
 * Returns: the words the icon stands for (its accessible label)
 */
const char *
nd_sync_state_icon_get_label (NdSyncStateIcon *self)
{
  g_return_val_if_fail (ND_IS_SYNC_STATE_ICON (self), NULL);

  return self->label;
}
