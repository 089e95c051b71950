/* nd-filter-popover.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nd-filter-popover.h"

/**
 * NdFilterPopover:
 *
 * The desk's filters: status, language, section, tag, schedule, needs
 * translation and stale. The window keeps the choice and makes the popover
 * when the filter button is first pressed (five drop-downs are a good part
 * of a window made at start-up for nothing); the popover shows the choice
 * and emits #NdFilterPopover::changed when the editor changes it.
 */
struct _NdFilterPopover
{
  GtkPopover      parent_instance;

  GtkDropDown    *status_dropdown;
  GtkDropDown    *language_dropdown;
  GtkDropDown    *section_dropdown;
  GtkDropDown    *tag_dropdown;
  GtkDropDown    *schedule_dropdown;
  GtkCheckButton *needs_translation_check;
  GtkCheckButton *stale_check;

  gboolean        setting;  /* the window's choice is being shown */
};

G_DEFINE_FINAL_TYPE (NdFilterPopover, nd_filter_popover, GTK_TYPE_POPOVER)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
on_choice_changed_cb (NdFilterPopover *self)
{
  if (!self->setting)
    g_signal_emit (self, signals[CHANGED], 0);
}

static void
nd_filter_popover_class_init (NdFilterPopoverClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  /**
   * NdFilterPopover::changed:
   *
   * The editor changed a filter; nd_filter_popover_get_choice() tells the
   * choice now.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/newsdesk/Newsdesk/nd-filter-popover.ui");
  gtk_widget_class_bind_template_child (widget_class, NdFilterPopover, status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, NdFilterPopover, language_dropdown);
  gtk_widget_class_bind_template_child (widget_class, NdFilterPopover, section_dropdown);
  gtk_widget_class_bind_template_child (widget_class, NdFilterPopover, tag_dropdown);
  gtk_widget_class_bind_template_child (widget_class, NdFilterPopover, schedule_dropdown);
  gtk_widget_class_bind_template_child (widget_class, NdFilterPopover, needs_translation_check);
  gtk_widget_class_bind_template_child (widget_class, NdFilterPopover, stale_check);
  gtk_widget_class_bind_template_callback (widget_class, on_choice_changed_cb);
}

static void
nd_filter_popover_init (NdFilterPopover *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
nd_filter_popover_new (void)
{
  return g_object_new (ND_TYPE_FILTER_POPOVER, NULL);
}

/**
 * nd_filter_popover_set_models:
 * @self: a #NdFilterPopover
 * @statuses: the status choices, "any" first
 * @languages: the language choices, "any" first
 * @sections: the section choices, "any" first
 * @tags: the tag choices, "any" first
 *
 * Sets the choices (the schedule's are fixed). Follow with
 * nd_filter_popover_set_choice(): a new list of choices selects its first.
 */
void
nd_filter_popover_set_models (NdFilterPopover *self,
                              GListModel      *statuses,
                              GListModel      *languages,
                              GListModel      *sections,
                              GListModel      *tags)
{
  g_return_if_fail (ND_IS_FILTER_POPOVER (self));

  self->setting = TRUE;
  gtk_drop_down_set_model (self->status_dropdown, statuses);
  gtk_drop_down_set_model (self->language_dropdown, languages);
  gtk_drop_down_set_model (self->section_dropdown, sections);
  gtk_drop_down_set_model (self->tag_dropdown, tags);
  self->setting = FALSE;
}

/**
 * nd_filter_popover_set_choice:
 * @self: a #NdFilterPopover
 * @choice: the choice to show
 *
 * Shows @choice, without emitting #NdFilterPopover::changed.
 */
void
nd_filter_popover_set_choice (NdFilterPopover      *self,
                              const NdFilterChoice *choice)
{
  g_return_if_fail (ND_IS_FILTER_POPOVER (self));
  g_return_if_fail (choice != NULL);

  self->setting = TRUE;
  gtk_drop_down_set_selected (self->status_dropdown, choice->status);
  gtk_drop_down_set_selected (self->language_dropdown, choice->language);
  gtk_drop_down_set_selected (self->section_dropdown, choice->section);
  gtk_drop_down_set_selected (self->tag_dropdown, choice->tag);
  gtk_drop_down_set_selected (self->schedule_dropdown, choice->schedule);
  gtk_check_button_set_active (self->needs_translation_check, choice->needs_translation);
  gtk_check_button_set_active (self->stale_check, choice->stale);
  self->setting = FALSE;
}

/* A drop-down without a selection (its list empty) chooses "any". */
static guint
selected_or_any (GtkDropDown *dropdown)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  return selected != GTK_INVALID_LIST_POSITION ? selected : 0;
}

/**
 * nd_filter_popover_get_choice:
 * @self: a #NdFilterPopover
 * @choice: (out caller-allocates): the choice shown
 *
 * Tells the choice shown, as the editor left it.
 */
void
nd_filter_popover_get_choice (NdFilterPopover *self,
                              NdFilterChoice  *choice)
{
  g_return_if_fail (ND_IS_FILTER_POPOVER (self));
  g_return_if_fail (choice != NULL);

  choice->status = selected_or_any (self->status_dropdown);
  choice->language = selected_or_any (self->language_dropdown);
  choice->section = selected_or_any (self->section_dropdown);
  choice->tag = selected_or_any (self->tag_dropdown);
  choice->schedule = selected_or_any (self->schedule_dropdown);
  choice->needs_translation = gtk_check_button_get_active (self->needs_translation_check);
  choice->stale = gtk_check_button_get_active (self->stale_check);
}
