/* kanri-analysis.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-analysis"

#include "config.h"

#include <glib/gi18n.h>

#include "kanri-analysis.h"
#include "kanri-mbox.h"
#include "kanri-dkim-verify.h"
#include "kanri-header-analyzer.h"

/* One input of the Header Analyzer page: a file, pasted text or a report
 * from the history, analyzed in a worker thread (a 25 MB message must not
 * stop the window), then either a report or the reason there is none.
 *
 * The page shows the report's JSON object (the one "Export JSON" writes and
 * the history keeps), so that a report reopened from the history looks the
 * same as a fresh one; the KanriHeaderReport, when there is one, adds what
 * the JSON does not hold: every header field, and the text rendering. */
struct _KanriAnalysis
{
  GObject             parent_instance;

  char               *title;
  char               *subtitle;
  KanriAnalysisState  state;

  GFile              *file;
  /* A message of an mbox file: where its From_ line is, or -1. */
  goffset             offset;
  GBytes             *text;
  KanriResolver      *resolver;

  KanriHeaderReport  *report;
  char               *json;
  JsonNode           *root;
  GError             *error;
};

G_DEFINE_FINAL_TYPE (KanriAnalysis, kanri_analysis, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_SUBTITLE,
  PROP_STATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* What the worker thread hands back. */
typedef struct
{
  KanriHeaderReport *report;
  char              *json;
  JsonNode          *root;
} Outcome;

static void
outcome_free (Outcome *outcome)
{
  g_clear_object (&outcome->report);
  g_clear_pointer (&outcome->json, g_free);
  g_clear_pointer (&outcome->root, json_node_unref);
  g_free (outcome);
}

static JsonNode *
parse_report (const char  *json,
              GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;

  if (!json_parser_load_from_data (parser, json, -1, error))
    return NULL;

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_DATA,
                           _("The stored report is not a JSON object"));
      return NULL;
    }

  return json_node_ref (root);
}

static void
set_subject_subtitle (KanriAnalysis *self)
{
  JsonNode *summary = json_object_get_member (json_node_get_object (self->root), "summary");
  JsonNode *node = NULL;
  const char *subject = NULL;

  if (summary != NULL && JSON_NODE_HOLDS_OBJECT (summary))
    node = json_object_get_member (json_node_get_object (summary), "subject");
  if (node != NULL && json_node_get_value_type (node) == G_TYPE_STRING)
    subject = json_node_get_string (node);

  g_free (self->subtitle);
  self->subtitle = g_strdup (subject != NULL && *subject != '\0' ? subject : _("No subject"));
}

static void
kanri_analysis_finalize (GObject *object)
{
  KanriAnalysis *self = (KanriAnalysis *)object;

  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->subtitle, g_free);
  g_clear_object (&self->file);
  g_clear_object (&self->resolver);
  g_clear_pointer (&self->text, g_bytes_unref);
  g_clear_object (&self->report);
  g_clear_pointer (&self->json, g_free);
  g_clear_pointer (&self->root, json_node_unref);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (kanri_analysis_parent_class)->finalize (object);
}

static void
kanri_analysis_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  KanriAnalysis *self = KANRI_ANALYSIS (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_SUBTITLE:
      g_value_set_string (value, self->subtitle);
      break;

    case PROP_STATE:
      g_value_set_int (value, self->state);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kanri_analysis_class_init (KanriAnalysisClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kanri_analysis_finalize;
  object_class->get_property = kanri_analysis_get_property;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_SUBTITLE] =
    g_param_spec_string ("subtitle", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_STATE] =
    g_param_spec_int ("state", NULL, NULL,
                      KANRI_ANALYSIS_BUSY, KANRI_ANALYSIS_FAILED, KANRI_ANALYSIS_BUSY,
                      (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kanri_analysis_init (KanriAnalysis *self)
{
  self->offset = -1;
  self->state = KANRI_ANALYSIS_BUSY;
  self->subtitle = g_strdup (_("Analyzing…"));
}

/**
 * kanri_analysis_new_for_file:
 *
 * Returns: (transfer full): an analysis of @file, to start with
 *   kanri_analysis_start()
 */
KanriAnalysis *
kanri_analysis_new_for_file (GFile *file)
{
  KanriAnalysis *self;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  self = g_object_new (KANRI_TYPE_ANALYSIS, NULL);
  self->file = g_object_ref (file);
  self->title = g_file_get_basename (file);
  if (self->title == NULL || !g_utf8_validate (self->title, -1, NULL))
    {
      g_free (self->title);
      self->title = g_file_get_parse_name (file);
    }

  return self;
}

/**
 * kanri_analysis_new_for_mbox_message:
 * @file: an mbox file
 * @offset: where the message's From_ line starts (a batch analysis keeps it)
 * @number: its place in the file, from 0, for the title
 *
 * Returns: (transfer full): an analysis of one message of @file, to start
 *   with kanri_analysis_start()
 */
KanriAnalysis *
kanri_analysis_new_for_mbox_message (GFile   *file,
                                     goffset  offset,
                                     guint    number)
{
  KanriAnalysis *self;
  g_autofree char *name = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (offset >= 0, NULL);

  self = kanri_analysis_new_for_file (file);
  self->offset = offset;
  name = g_steal_pointer (&self->title);
  /* Translators: the title of one message of an mbox file opened from a
   * batch analysis: the file's name and the message's number, from 1 */
  self->title = g_strdup_printf (_("%s, message %u"), name, number + 1);

  return self;
}

/* The message of an mbox file at @offset, read in the worker thread: the
 * file is mapped, and only the message is copied. */
static GBytes *
read_mbox_message (GFile         *file,
                   goffset        offset,
                   GError       **error)
{
  g_autofree char *path = g_file_get_path (file);
  g_autoptr(GMappedFile) mapped = NULL;
  KanriMboxIter iter;
  const char *message;
  gsize length;
  goffset found;

  if (path == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, _("Only local mbox files can be opened"));
      return NULL;
    }
  mapped = g_mapped_file_new (path, FALSE, error);
  if (mapped == NULL)
    return NULL;

  if ((gsize)offset < g_mapped_file_get_length (mapped))
    {
      kanri_mbox_iter_init (&iter, g_mapped_file_get_contents (mapped) + offset,
                            g_mapped_file_get_length (mapped) - offset);
      if (kanri_mbox_iter_next (&iter, &message, &length, &found) && found == 0)
        return g_bytes_new (message, length);
    }

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
               _("The mbox file changed since the batch analysis: no message starts where it was"));
  return NULL;
}

/**
 * kanri_analysis_new_for_text:
 *
 * Returns: (transfer full): an analysis of pasted or dropped text, to start
 *   with kanri_analysis_start()
 */
KanriAnalysis *
kanri_analysis_new_for_text (const char *text)
{
  KanriAnalysis *self;

  g_return_val_if_fail (text != NULL, NULL);

  self = g_object_new (KANRI_TYPE_ANALYSIS, NULL);
  self->text = g_bytes_new (text, strlen (text));
  self->title = g_strdup (_("Pasted text"));

  return self;
}

/**
 * kanri_analysis_new_for_report:
 *
 * Returns: (transfer full): a finished analysis showing @report (the
 *   original message attached to a non-delivery report)
 */
KanriAnalysis *
kanri_analysis_new_for_report (KanriHeaderReport *report,
                               const char        *title)
{
  KanriAnalysis *self;

  g_return_val_if_fail (KANRI_IS_HEADER_REPORT (report), NULL);
  g_return_val_if_fail (title != NULL, NULL);

  self = g_object_new (KANRI_TYPE_ANALYSIS, NULL);
  self->title = g_strdup (title);
  self->report = g_object_ref (report);
  self->json = kanri_header_report_to_json (report, TRUE);
  self->root = parse_report (self->json, &self->error);
  if (self->root == NULL)
    {
      self->state = KANRI_ANALYSIS_FAILED;
      g_free (self->subtitle);
      self->subtitle = g_strdup (self->error->message);
      return self;
    }
  self->state = KANRI_ANALYSIS_DONE;
  set_subject_subtitle (self);

  return self;
}

/**
 * kanri_analysis_new_from_json:
 * @title: what the report was made from
 * @json: the report's JSON, as kanri_header_report_to_json() wrote it
 *
 * A report from the history: no KanriHeaderReport, only its JSON.
 *
 * Returns: (transfer full): a finished analysis, or %NULL if @json is not
 *   a report
 */
KanriAnalysis *
kanri_analysis_new_from_json (const char  *title,
                              const char  *json,
                              GError     **error)
{
  g_autoptr(KanriAnalysis) self = NULL;
  JsonNode *root;

  g_return_val_if_fail (title != NULL, NULL);
  g_return_val_if_fail (json != NULL, NULL);

  root = parse_report (json, error);
  if (root == NULL)
    return NULL;

  self = g_object_new (KANRI_TYPE_ANALYSIS, NULL);
  self->title = g_strdup (title);
  self->json = g_strdup (json);
  self->root = root;
  self->state = KANRI_ANALYSIS_DONE;
  set_subject_subtitle (self);

  return g_steal_pointer (&self);
}

static void
analyze_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  KanriAnalysis *self = source_object;
  g_autoptr(GError) error = NULL;
  Outcome *outcome = g_new0 (Outcome, 1);

  /* Only the input, set before the task started and never changed, is
   * read here. */
  /* The verifier caches keys without locks: one per analysis, in its
   * thread. Its DNS lookups block this thread, never the main loop. */
  g_autoptr(KanriDkimVerifier) verifier = self->resolver != NULL ?
                                          kanri_dkim_verifier_new (self->resolver) : NULL;
  g_autoptr(GBytes) text = self->text != NULL ? g_bytes_ref (self->text) : NULL;
  GFile *file = self->file;

  if (self->offset >= 0)
    {
      text = read_mbox_message (self->file, self->offset, &error);
      file = NULL;
      if (text == NULL)
        {
          outcome_free (outcome);
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
    }

  if (file != NULL && verifier != NULL)
    outcome->report = kanri_header_analyzer_analyze_file_verified (file, verifier, cancellable, &error);
  else if (file != NULL)
    outcome->report = kanri_header_analyzer_analyze_file (file, cancellable, &error);
  else if (verifier != NULL)
    outcome->report = kanri_header_analyzer_analyze_verified (g_bytes_get_data (text, NULL),
                                                              g_bytes_get_size (text),
                                                              self->title, KANRI_MESSAGE_FORMAT_AUTO,
                                                              verifier, cancellable, &error);
  else
    outcome->report = kanri_header_analyzer_analyze (g_bytes_get_data (text, NULL),
                                                     g_bytes_get_size (text),
                                                     self->title, KANRI_MESSAGE_FORMAT_AUTO,
                                                     cancellable, &error);
  if (outcome->report == NULL)
    {
      outcome_free (outcome);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* Writing and reading the JSON of the largest report takes as long as
   * the analysis: a closed input stops before each. */
  if (!g_cancellable_set_error_if_cancelled (cancellable, &error))
    outcome->json = kanri_header_report_to_json (outcome->report, TRUE);
  if (outcome->json != NULL && !g_cancellable_set_error_if_cancelled (cancellable, &error))
    outcome->root = parse_report (outcome->json, &error);
  if (outcome->root == NULL)
    {
      outcome_free (outcome);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, outcome, (GDestroyNotify)outcome_free);
}

static void
analyzed_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  KanriAnalysis *self = KANRI_ANALYSIS (object);
  g_autoptr(GError) error = NULL;
  Outcome *outcome = g_task_propagate_pointer (G_TASK (result), &error);

  if (outcome == NULL)
    {
      self->state = KANRI_ANALYSIS_FAILED;
      self->error = g_steal_pointer (&error);
      g_free (self->subtitle);
      self->subtitle = g_strdup (self->error->message);
    }
  else
    {
      self->report = g_steal_pointer (&outcome->report);
      self->json = g_steal_pointer (&outcome->json);
      self->root = g_steal_pointer (&outcome->root);
      outcome_free (outcome);
      self->state = KANRI_ANALYSIS_DONE;
      set_subject_subtitle (self);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUBTITLE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

/**
 * kanri_analysis_set_resolver:
 * @resolver: (nullable): where the signatures' keys are looked up; %NULL
 *   leaves the signatures unverified
 *
 * Set before kanri_analysis_start().
 */
void
kanri_analysis_set_resolver (KanriAnalysis *self,
                             KanriResolver *resolver)
{
  g_return_if_fail (KANRI_IS_ANALYSIS (self));
  g_return_if_fail (resolver == NULL || KANRI_IS_RESOLVER (resolver));
  g_return_if_fail (self->state == KANRI_ANALYSIS_BUSY);

  g_set_object (&self->resolver, resolver);
}

/**
 * kanri_analysis_start:
 *
 * Analyzes the input in a worker thread; "state" changes when done.
 */
void
kanri_analysis_start (KanriAnalysis *self,
                      GCancellable  *cancellable)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (KANRI_IS_ANALYSIS (self));
  g_return_if_fail (self->state == KANRI_ANALYSIS_BUSY);
  g_return_if_fail (self->file != NULL || self->text != NULL);

  task = g_task_new (self, cancellable, analyzed_cb, NULL);
  g_task_set_source_tag (task, kanri_analysis_start);
  g_task_run_in_thread (task, analyze_thread);
}

const char *
kanri_analysis_get_title (KanriAnalysis *self)
{
  g_return_val_if_fail (KANRI_IS_ANALYSIS (self), NULL);

  return self->title;
}

const char *
kanri_analysis_get_subtitle (KanriAnalysis *self)
{
  g_return_val_if_fail (KANRI_IS_ANALYSIS (self), NULL);

  return self->subtitle;
}

KanriAnalysisState
kanri_analysis_get_state (KanriAnalysis *self)
{
  g_return_val_if_fail (KANRI_IS_ANALYSIS (self), KANRI_ANALYSIS_FAILED);

  return self->state;
}

/**
 * kanri_analysis_get_report:
 *
 * Returns: (nullable) (transfer none): the report; %NULL while busy, after
 *   a failure, and for a report from the history
 */
KanriHeaderReport *
kanri_analysis_get_report (KanriAnalysis *self)
{
  g_return_val_if_fail (KANRI_IS_ANALYSIS (self), NULL);

  return self->report;
}

/**
 * kanri_analysis_get_json:
 *
 * Returns: (nullable): the report's JSON, as "Export JSON" writes it
 */
const char *
kanri_analysis_get_json (KanriAnalysis *self)
{
  g_return_val_if_fail (KANRI_IS_ANALYSIS (self), NULL);

  return self->json;
}

/**
 * kanri_analysis_get_object:
 *
 * Returns: (nullable) (transfer none): the report's JSON object
 */
JsonObject *
kanri_analysis_get_object (KanriAnalysis *self)
{
  g_return_val_if_fail (KANRI_IS_ANALYSIS (self), NULL);

  return self->root != NULL ? json_node_get_object (self->root) : NULL;
}

/**
 * kanri_analysis_get_error:
 *
 * Returns: (nullable): why the input could not be analyzed
 */
const GError *
kanri_analysis_get_error (KanriAnalysis *self)
{
  g_return_val_if_fail (KANRI_IS_ANALYSIS (self), NULL);

  return self->error;
}
