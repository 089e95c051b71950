/* nd-search-tokenizer.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/**
 * ND_SEARCH_TOKENIZER_ERROR:
 *
 * The error domain of nd_search_tokenizer_register().
 */
#define ND_SEARCH_TOKENIZER_ERROR (nd_search_tokenizer_error_quark ())

/**
 * NdSearchTokenizerError:
 * @ND_SEARCH_TOKENIZER_ERROR_UNAVAILABLE: the SQLite library was built
 *   without FTS5
 * @ND_SEARCH_TOKENIZER_ERROR_FAILED: FTS5 refused the tokenizer
 *
 * Errors of nd_search_tokenizer_register().
 */
typedef enum
{
  ND_SEARCH_TOKENIZER_ERROR_UNAVAILABLE,
  ND_SEARCH_TOKENIZER_ERROR_FAILED,
} NdSearchTokenizerError;

/**
 * ND_SEARCH_TOKENIZER_NAME:
 *
 * The name under which nd_search_tokenizer_register() registers the
 * tokenizer, for `tokenize=` in `CREATE VIRTUAL TABLE ... USING fts5`.
 */
#define ND_SEARCH_TOKENIZER_NAME "newsdesk"

GQuark    nd_search_tokenizer_error_quark (void);

gboolean  nd_search_tokenizer_register    (sqlite3     *db,
                                           GError     **error);

char     *nd_search_query_from_text       (const char  *typed);

G_END_DECLS
