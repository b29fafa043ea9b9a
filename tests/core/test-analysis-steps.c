/* test-analysis-steps.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "kanri-header-analyzer.h"
#include "kanri-message-file.h"
#include "kanri-steps.h"
#include "kanri-worst-case.h"

/* Every stage of the Header Analyzer is linear in its input: on the worst
 * input of each shape that the limits admit (kanri-worst-case.c), the
 * analysis, its JSON and its text take at most a few steps per repeated
 * part. This file is built with its own copy of the analyzer's stages, with
 * their loop steps counted (kanri-steps.h): a count, not a time, so that the
 * test means the same on a loaded machine or under a sanitizer. The times
 * are bench/headers/bench-worst-case's. */

guint64 kanri_steps;
guint64 kanri_step_limit = G_MAXUINT64;

void
kanri_steps_exceeded (void)
{
  g_error ("More than %" G_GUINT64_FORMAT " steps: a stage is not linear", kanri_step_limit);
}

/* Each stage looks at a part once or twice (a line, a field, a hop, its
 * finding, its JSON and its text); a stage that compared each part with the
 * others would take thousands of steps per part on these inputs. */
#define STEPS_PER_PART 16
#define STEPS_FIXED    4096

static guint64
count_steps (const GString  *input,
             GCancellable   *cancellable,
             GError        **error,
             guint          *n_hops)
{
  g_autoptr(KanriHeaderReport) report = NULL;
  g_autofree char *json = NULL;
  g_autofree char *text = NULL;

  kanri_steps = 0;
  report = kanri_header_analyzer_analyze (input->str, input->len, "worst-case",
                                          KANRI_MESSAGE_FORMAT_AUTO, cancellable, error);
  if (report == NULL)
    return kanri_steps;

  json = kanri_header_report_to_json (report, TRUE);
  text = kanri_header_report_to_text (report);
  g_assert_true (json[0] == '{');
  g_assert_nonnull (text);
  *n_hops = kanri_header_report_get_hops (report)->len;

  return kanri_steps;
}

static void
test_worst_case (gconstpointer data)
{
  const KanriWorstCase *worst = data;
  g_autoptr(GString) input = NULL;
  g_autoptr(GError) error = NULL;
  guint n_parts = 0;
  guint n_hops = 0;
  guint64 steps;

  input = kanri_worst_case_build (worst, 0, &n_parts);
  g_assert_cmpuint (input->len, <=, worst->cap);
  g_assert_cmpuint (n_parts, >, worst->cap / 64);

  kanri_step_limit = (guint64)STEPS_PER_PART * n_parts + STEPS_FIXED;
  steps = count_steps (input, NULL, &error, &n_hops);
  kanri_step_limit = G_MAXUINT64;
  g_assert_no_error (error);
  g_test_message ("%s: %u parts in %zu bytes, %u hops, %" G_GUINT64_FORMAT " steps (%.2f per part)",
                  worst->name, n_parts, input->len, n_hops, steps, (double)steps / n_parts);

  g_assert_cmpuint (steps, <=, (guint64)STEPS_PER_PART * n_parts + STEPS_FIXED);
  if (g_str_has_prefix (worst->name, "hops-"))
    g_assert_cmpuint (n_hops, ==, n_parts);
}

/* A cancelled analysis stops at the first check of its first loop, however
 * large the input: the GUI's worker thread ends at once when the input is
 * closed. Reading the input comes before that check, and is counted apart. */
static void
test_cancelled (void)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(KanriMessageFile) file = NULL;
  g_autoptr(GString) input = NULL;
  g_autoptr(GError) error = NULL;
  guint n_parts = 0;
  guint n_hops = 0;
  guint64 reading;
  guint64 steps;

  input = kanri_worst_case_build (kanri_worst_case_lookup ("hops-address"), 0, &n_parts);

  kanri_steps = 0;
  file = kanri_message_file_load (input->str, input->len, KANRI_MESSAGE_FORMAT_AUTO, &error);
  g_assert_no_error (error);
  reading = kanri_steps;

  g_cancellable_cancel (cancellable);
  steps = count_steps (input, cancellable, &error, &n_hops);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_test_message ("%" G_GUINT64_FORMAT " steps to read the input, %" G_GUINT64_FORMAT " in all",
                  reading, steps);
  g_assert_cmpuint (steps, <=, reading + 16);
}

int
main (int   argc,
      char *argv[])
{
  const KanriWorstCase *all;
  guint n_cases;

  g_test_init (&argc, &argv, NULL);

  all = kanri_worst_case_get_all (&n_cases);
  for (guint i = 0; i < n_cases; i++)
    {
      g_autofree char *path = g_strdup_printf ("/analysis-steps/%s", all[i].name);

      g_test_add_data_func (path, &all[i], test_worst_case);
    }
  g_test_add_func ("/analysis-steps/cancelled", test_cancelled);

  return g_test_run ();
}
