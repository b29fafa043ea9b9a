/* kanri-cli-batch.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <stdio.h>

#include "kanri-batch-analysis.h"
#include "kanri-cli-batch.h"
#include "kanri-cli-commands.h"
#include "kanri-csv.h"

/* kanri-cli analyze --batch [--csv|--json] PATH…: one row per message of
 * message files, mbox files and folders (a Maildir among them), analysed
 * on every core, in input order. CSV for a spreadsheet; JSON Lines (one
 * object per line) for a script, which reads it as it comes. Rows are
 * written as they come: the output of 100,000 messages is never held. */

/* The columns, as CSV names them and JSON's members. */
static const char *const columns[] = {
  "source", "offset", "number", "date", "from", "subject", "message_id",
  "cip", "cip_class", "original_ip", "spf", "dkim", "dmarc", "compauth",
  "scl", "bcl", "sfv", "direction", "findings", "duplicate", "error",
};

enum {
  COLUMN_SOURCE, COLUMN_OFFSET, COLUMN_NUMBER, COLUMN_DATE, COLUMN_FROM, COLUMN_SUBJECT,
  COLUMN_MESSAGE_ID, COLUMN_CIP, COLUMN_CIP_CLASS, COLUMN_ORIGINAL_IP, COLUMN_SPF,
  COLUMN_DKIM, COLUMN_DMARC, COLUMN_COMPAUTH, COLUMN_SCL, COLUMN_BCL, COLUMN_SFV,
  COLUMN_DIRECTION, COLUMN_FINDINGS, COLUMN_DUPLICATE, COLUMN_ERROR, N_COLUMNS
};

G_STATIC_ASSERT (G_N_ELEMENTS (columns) == N_COLUMNS);

typedef struct
{
  KanriCliBatchFormat  format;
  GString             *out;
} Output;

static const char *
or_empty (const char *text)
{
  return text != NULL ? text : "";
}

/* The row's cells; @numbers holds the text of the numeric ones. */
static void
fill_row (const KanriBatchItem *item,
          const KanriBatchRow  *row,
          const char           *cells[N_COLUMNS],
          char                  numbers[4][24])
{
  for (guint i = 0; i < N_COLUMNS; i++)
    cells[i] = "";

  cells[COLUMN_SOURCE] = item->path;
  g_snprintf (numbers[0], 24, "%" G_GINT64_FORMAT, (gint64)item->offset);
  g_snprintf (numbers[1], 24, "%u", item->number);
  cells[COLUMN_OFFSET] = item->offset >= 0 ? numbers[0] : "";
  cells[COLUMN_NUMBER] = numbers[1];
  cells[COLUMN_DUPLICATE] = item->duplicate ? "true" : "false";
  if (item->error != NULL)
    cells[COLUMN_ERROR] = item->error->message;
  if (item->report == NULL)
    return;

  cells[COLUMN_DATE] = or_empty (row->date_text);
  cells[COLUMN_FROM] = or_empty (row->from);
  cells[COLUMN_SUBJECT] = or_empty (row->subject);
  cells[COLUMN_MESSAGE_ID] = or_empty (row->message_id);
  cells[COLUMN_CIP] = or_empty (row->cip);
  cells[COLUMN_CIP_CLASS] = or_empty (row->cip_class);
  cells[COLUMN_ORIGINAL_IP] = or_empty (row->original_ip);
  cells[COLUMN_SPF] = or_empty (row->spf);
  cells[COLUMN_DKIM] = or_empty (row->dkim);
  cells[COLUMN_DMARC] = or_empty (row->dmarc);
  cells[COLUMN_COMPAUTH] = or_empty (row->compauth);
  if (row->has_scl)
    {
      g_snprintf (numbers[2], 24, "%d", row->scl);
      cells[COLUMN_SCL] = numbers[2];
    }
  if (row->has_bcl)
    {
      g_snprintf (numbers[3], 24, "%d", row->bcl);
      cells[COLUMN_BCL] = numbers[3];
    }
  cells[COLUMN_SFV] = or_empty (row->sfv);
  cells[COLUMN_DIRECTION] = or_empty (row->direction);
  cells[COLUMN_FINDINGS] = or_empty (row->findings);
}

static void
append_json_row (GString           *out,
                 const char *const *cells)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_object (builder);
  for (guint i = 0; i < N_COLUMNS; i++)
    {
      json_builder_set_member_name (builder, columns[i]);
      if (i == COLUMN_DUPLICATE)
        json_builder_add_boolean_value (builder, g_str_equal (cells[i], "true"));
      else if ((i == COLUMN_OFFSET || i == COLUMN_NUMBER || i == COLUMN_SCL || i == COLUMN_BCL) &&
               *cells[i] != '\0')
        json_builder_add_int_value (builder, g_ascii_strtoll (cells[i], NULL, 10));
      else if (*cells[i] == '\0')
        json_builder_add_null_value (builder);
      else
        json_builder_add_string_value (builder, cells[i]);
    }
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);
  g_string_append (out, text);
  g_string_append_c (out, '\n');
}

static void
item_cb (const KanriBatchItem *item,
         gpointer              user_data)
{
  Output *output = user_data;
  const char *cells[N_COLUMNS];
  char numbers[4][24];
  KanriBatchRow row;

  kanri_batch_row_init (&row, item->report);
  fill_row (item, &row, cells, numbers);
  if (output->format == KANRI_CLI_BATCH_JSON)
    append_json_row (output->out, cells);
  else
    kanri_csv_append_row (output->out, cells, N_COLUMNS);
  kanri_batch_row_clear (&row);

  if (output->out->len > 1024 * 1024)
    {
      fwrite (output->out->str, 1, output->out->len, stdout);
      g_string_truncate (output->out, 0);
    }
}

int
kanri_cli_analyze_batch (char                **paths,
                         KanriCliBatchFormat   format)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) out = g_string_sized_new (2 * 1024 * 1024);
  Output output = { format, out };
  KanriBatchStats stats = { 0 };
  gint64 started = g_get_monotonic_time ();
  double seconds;
  gboolean ran;

  if (format == KANRI_CLI_BATCH_CSV)
    {
      g_string_append (out, KANRI_CSV_UTF8_BOM);
      kanri_csv_append_row (out, columns, N_COLUMNS);
    }

  ran = kanri_batch_analysis_run ((const char *const *)paths, 0, item_cb, &output, &stats, NULL, &error);
  fwrite (out->str, 1, out->len, stdout);
  fflush (stdout);

  seconds = MAX (1e-6, (g_get_monotonic_time () - started) / 1e6);
  {
    g_autofree char *messages = g_strdup_printf ("%" G_GUINT64_FORMAT, stats.messages);
    g_autofree char *files = g_strdup_printf ("%" G_GUINT64_FORMAT, stats.files);
    g_autofree char *duplicates = g_strdup_printf ("%" G_GUINT64_FORMAT, stats.duplicates);
    g_autofree char *errors = g_strdup_printf ("%" G_GUINT64_FORMAT, stats.errors);
    g_autofree char *megabytes = g_strdup_printf ("%.1f", stats.bytes / 1e6);
    g_autofree char *elapsed = g_strdup_printf ("%.2f", seconds);
    g_autofree char *rate = g_strdup_printf ("%.0f", stats.messages / seconds);
    g_autofree char *throughput = g_strdup_printf ("%.1f", stats.bytes / 1e6 / seconds);

    /* TRANSLATORS: what kanri-cli analyze --batch writes to standard error
     * at the end: messages, files, duplicates, messages not analyzed, MB
     * read, seconds, messages per second, MB per second. */
    fprintf (stderr, _("kanri-cli analyze: %1$s messages from %2$s files (%3$s duplicates, %4$s not analyzed), "
                       "%5$s MB in %6$s s: %7$s messages/s, %8$s MB/s\n"),
             messages, files, duplicates, errors, megabytes, elapsed, rate, throughput);
  }

  if (!ran)
    {
      fprintf (stderr, "kanri-cli analyze: %s\n", error->message);
      return KANRI_CLI_EXIT_FAILED;
    }

  return stats.errors > 0 ? KANRI_CLI_EXIT_FAILED : KANRI_CLI_EXIT_OK;
}
