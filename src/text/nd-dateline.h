/* nd-dateline.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *nd_dateline_render (const char *format,
                          const char *city,
                          const char *publication_name);

G_END_DECLS
