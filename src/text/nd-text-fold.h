/* nd-text-fold.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char     *nd_text_fold            (const char *text,
                                   gssize      length);
gboolean  nd_text_fold_next_token (const char *text,
                                   gsize       length,
                                   gsize      *position,
                                   GString    *token,
                                   gsize      *start,
                                   gsize      *end);

G_END_DECLS
