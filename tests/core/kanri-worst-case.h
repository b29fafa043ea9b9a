/* kanri-worst-case.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The largest inputs the Header Analyzer admits, each shaped to make one
 * stage do the most work per byte: the most hops, the most findings, the
 * longest field, the longest run of line ends. Shared by the test that
 * counts the analysis's steps and by the benchmark that times them. */
typedef struct
{
  const char *name;
  const char *description;
  const char *prefix;
  const char *suffix;
  /* Appends the @index-th repeated part. */
  void      (*append_unit) (GString *out,
                            guint    index);
  /* The limit that bounds this shape: the header section's or the input's. */
  gsize       cap;
} KanriWorstCase;

const KanriWorstCase *kanri_worst_case_get_all   (guint                *n_cases);
const KanriWorstCase *kanri_worst_case_lookup    (const char           *name);
GString              *kanri_worst_case_build     (const KanriWorstCase *worst,
                                                  gsize                 max_bytes,
                                                  guint                *n_units);

G_END_DECLS
