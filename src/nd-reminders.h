/* nd-reminders.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "nd-story-store.h"

G_BEGIN_DECLS

/**
 * NdReminder:
 * @story_id: the story
 * @edition_id: the scheduled edition
 * @lang: its language code
 * @publish_at: when it goes live, seconds UTC
 * @title: the notification's title
 * @body: why the edition is not ready, one reason a line
 *
 * A scheduled edition that is due soon and is not ready to go.
 */
typedef struct
{
  gint64  story_id;
  gint64  edition_id;
  char   *lang;
  gint64  publish_at;
  char   *title;
  char   *body;
} NdReminder;

void nd_reminder_free (NdReminder *reminder);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NdReminder, nd_reminder_free)

GPtrArray   *nd_reminders_collect       (NdStoryStore  *store,
                                         gint64         now_utc,
                                         int            minutes,
                                         GError       **error);
char        *nd_reminders_notification_id (gint64       edition_id);

#define ND_TYPE_REMINDERS (nd_reminders_get_type ())

G_DECLARE_FINAL_TYPE (NdReminders, nd_reminders, ND, REMINDERS, GObject)

NdReminders *nd_reminders_new           (GApplication  *application,
                                         NdStoryStore  *store,
                                         GSettings     *settings);
void         nd_reminders_start         (NdReminders   *self);
void         nd_reminders_check         (NdReminders   *self);
void         nd_reminders_set_now       (NdReminders   *self,
                                         gint64         now_utc);
GList       *nd_reminders_get_sent      (NdReminders   *self);

G_END_DECLS
