/* fuzz-html-to-markdown.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdint.h>
#include <stdlib.h>

#include "nd-html-to-markdown.h"

/* libFuzzer target: any text pasted or pulled from a site as HTML, into
 * Markdown: UTF-8 out or an error, and no crash, leak or GLib critical. */

int LLVMFuzzerInitialize (int    *argc,
                          char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

/* A critical or a warning means a contract was broken: abort, which
 * libFuzzer catches and saves the input for (GLib's own fatal logs trap
 * instead, which it does not). Debug output is dropped, for speed. */
static GLogWriterOutput
abort_writer (GLogLevelFlags   level,
              const GLogField *fields,
              gsize            n_fields,
              gpointer         user_data)
{
  if ((level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING)) != 0)
    {
      g_log_writer_standard_streams (level, fields, n_fields, user_data);
      abort ();
    }
  return G_LOG_WRITER_HANDLED;
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_setenv ("G_SLICE", "always-malloc", TRUE);
  g_log_set_writer_func (abort_writer, NULL, NULL);
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *html = NULL;
  g_autofree char *markdown = NULL;

  if (size > G_MAXSSIZE)
    return 0;

  /* The input is documented as UTF-8 and both callers make it so (the
   * clipboard with g_utf8_make_valid(), posts through the strict reader),
   * passing it nul-terminated: so does this. */
  html = g_utf8_make_valid ((const char *) data, (gssize) size);
  markdown = nd_html_to_markdown (html, -1, &error);
  g_assert ((markdown == NULL) != (error == NULL));
  if (markdown != NULL)
    g_assert (g_utf8_validate (markdown, -1, NULL));
  return 0;
}
