/* nd-bench-text.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * Made-up but realistic-looking newspaper text in Russian, English and
 * Arabic for the benchmarks. Each language has a vocabulary built from a
 * seed: real function words at the top, then words made of the language's
 * syllables, ranked so that words are drawn with a Zipf-like frequency
 * (rank r with weight 1/(r+1)). The generator and the store benchmark build
 * the same vocabulary from the same seed, so the benchmark can search for
 * words it knows to be common or rare in the database.
 *
 * Words are written as a newsroom would: Russian with ё and sometimes with
 * е in its place, Arabic with occasional harakat, shadda, tatweel and bare
 * alef for hamza forms, English with some accented words and names.
 */

#define ND_BENCH_VOCABULARY_SIZE 50000

typedef struct _NdBenchVocabulary NdBenchVocabulary;

NdBenchVocabulary *nd_bench_vocabulary_new       (const char        *lang,
                                                  guint32            seed,
                                                  guint              size);
void               nd_bench_vocabulary_free      (NdBenchVocabulary *vocabulary);
const char        *nd_bench_vocabulary_get_lang  (NdBenchVocabulary *vocabulary);
guint              nd_bench_vocabulary_get_size  (NdBenchVocabulary *vocabulary);
const char        *nd_bench_vocabulary_get_word  (NdBenchVocabulary *vocabulary,
                                                  guint              rank);
double             nd_bench_vocabulary_get_share (NdBenchVocabulary *vocabulary,
                                                  guint              rank);

void               nd_bench_text_headline        (NdBenchVocabulary *vocabulary,
                                                  GRand             *rand,
                                                  GString           *out);
void               nd_bench_text_standfirst      (NdBenchVocabulary *vocabulary,
                                                  GRand             *rand,
                                                  GString           *out);
guint              nd_bench_text_body            (NdBenchVocabulary *vocabulary,
                                                  GRand             *rand,
                                                  guint              n_words,
                                                  GString           *out);
guint              nd_bench_text_sentence        (NdBenchVocabulary *vocabulary,
                                                  GRand             *rand,
                                                  guint              n_words,
                                                  GString           *out);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NdBenchVocabulary, nd_bench_vocabulary_free)

G_END_DECLS
