/* nd-dateline.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "nd-dateline.h"

/**
 * nd_dateline_render:
 * @format: the language's house style, e.g. "{CITY} ({PUBLICATION})."
 * @city: the city as the editor typed it
 * @publication_name: the publication's name in that language
 *
 * Renders the dateline that opens an edition's first paragraph. In @format,
 * `{CITY}` is the city in capitals (MOSCOW), `{City}` the city as typed (for
 * scripts without capitals), `{PUBLICATION}` the publication's name.
 *
 * Returns: (transfer full): the dateline, or "" when there is no city
 */
char *
nd_dateline_render (const char *format,
                    const char *city,
                    const char *publication_name)
{
  g_autoptr(GString) out = NULL;
  g_autofree char *stripped = NULL;

  g_return_val_if_fail (format != NULL, NULL);

  stripped = g_strstrip (g_strdup (city != NULL ? city : ""));
  if (*stripped == '\0')
    return g_strdup ("");

  out = g_string_new (NULL);
  for (const char *p = format; *p != '\0';)
    {
      if (g_str_has_prefix (p, "{CITY}"))
        {
          g_autofree char *upper = g_utf8_strup (stripped, -1);

          g_string_append (out, upper);
          p += strlen ("{CITY}");
        }
      else if (g_str_has_prefix (p, "{City}"))
        {
          g_string_append (out, stripped);
          p += strlen ("{City}");
        }
      else if (g_str_has_prefix (p, "{PUBLICATION}"))
        {
          g_string_append (out, publication_name != NULL ? publication_name : "");
          p += strlen ("{PUBLICATION}");
        }
      else
        g_string_append_c (out, *p++);
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}
