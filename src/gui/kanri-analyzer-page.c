/* kanri-analyzer-page.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-analyzer-page"

#include "config.h"

#include <glib/gi18n.h>

#include "kanri-analyzer-page.h"
#include "kanri-batch-input.h"
#include "kanri-batch-runs-group.h"
#include "kanri-batch-view.h"
#include "kanri-default-resolver.h"
#include "kanri-file-chooser.h"
#include "kanri-history.h"
#include "kanri-hop-chart.h"
#include "kanri-ip.h"
#include "kanri-record-list.h"
#include "kanri-report-row.h"
#include "kanri-signatures-group.h"
#include "kanri-split-layout.h"
#include "kanri-spinner.h"
#include "kanri-trace-group.h"
#include "kanri-wrap-box.h"

/* The Header Analyzer (PRODUCT.md "Header Analyzer page"): files dropped,
 * opened or pasted are analyzed locally, each in a worker thread, and listed
 * beside the report of the one selected. A report is shown from its JSON
 * object, the same one "Export JSON" writes and the history keeps; the
 * header fields themselves come from the live analysis only. */
struct _KanriAnalyzerPage
{
  KanriPage           parent_instance;

  GSettings          *settings;
  KanriHistory       *history;
  GCancellable       *cancellable;
  KanriResolver      *resolver;
  /* Where the resolver's answers come from, when not from DNS. */
  char               *resolver_notice;
  GListStore         *inputs;
  GtkSingleSelection *inputs_selection;
  KanriAnalysis      *current;
  GListStore         *hops;
  GListStore         *antispam;
  GListStore         *headers;
  GtkStringFilter    *headers_filter;
  /* Files dropped or opened whose kind (a batch or inputs) is being told. */
  guint               sorting;
  /* The batch view is shown rather than the inputs. */
  gboolean            showing_batch;
  /* A batch asked for before the local model was open (files given on
   * the command line at start-up): started when it opens. */
  char              **pending_batch;

  /* Template widgets */
  GtkToggleButton    *inputs_button;
  GtkStack           *main_stack;
  GtkLabel           *history_status;
  GtkListBox         *history_list;
  KanriSplitLayout   *split;
  GtkListView        *inputs_view;
  GtkStack           *report_stack;
  KanriSpinner       *spinner;
  AdwStatusPage      *error_page;
  AdwPreferencesPage *report_page;
  AdwActionRow       *subject_row;
  AdwActionRow       *from_row;
  AdwActionRow       *to_row;
  AdwActionRow       *date_row;
  AdwActionRow       *message_id_row;
  AdwActionRow       *total_delay_row;
  AdwActionRow       *source_row;
  GtkListBox         *findings_list;
  AdwActionRow       *cip_row;
  GtkLabel           *cip_class_label;
  AdwActionRow       *ef_row;
  GtkListBox         *ips_list;
  AdwActionRow       *spf_row;
  AdwActionRow       *dkim_row;
  AdwActionRow       *dmarc_row;
  AdwActionRow       *compauth_row;
  AdwActionRow       *auth_as_row;
  AdwActionRow       *arc_row;
  KanriSignaturesGroup *signatures_group;
  GtkWidget          *ndr_group;
  AdwActionRow       *ndr_status_row;
  AdwActionRow       *ndr_action_row;
  AdwActionRow       *ndr_diagnostic_row;
  AdwActionRow       *ndr_recipient_row;
  AdwActionRow       *ndr_meaning_row;
  AdwActionRow       *ndr_original_row;
  KanriHopChart      *hop_chart;
  KanriRecordList    *hops_list;
  KanriTraceGroup    *trace_group;
  KanriRecordList    *antispam_list;
  KanriRecordList    *headers_list;
  GtkLabel           *headers_note;
  GtkSearchEntry     *headers_search;
  KanriBatchRunsGroup *runs_group;
  KanriBatchView     *batch_view;
};

G_DEFINE_FINAL_TYPE (KanriAnalyzerPage, kanri_analyzer_page, KANRI_TYPE_PAGE)

/* At most this many past analyses are listed. */
#define HISTORY_SHOWN 20

/* The JSON report's members, tolerant of null and of reports from older
 * versions that lack a member. */
static const char *
member_string (JsonObject *object,
               const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static JsonObject *
member_object (JsonObject *object,
               const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static JsonArray *
member_array (JsonObject *object,
              const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static gboolean
member_number (JsonObject *object,
               const char *name,
               double     *value)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  type = json_node_get_value_type (node);
  if (type != G_TYPE_INT64 && type != G_TYPE_DOUBLE)
    return FALSE;
  *value = json_node_get_double (node);
  return TRUE;
}

static gboolean
member_boolean (JsonObject *object,
                const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_BOOLEAN && json_node_get_boolean (node);
}

static const char *
or_dash (const char *text)
{
  return text != NULL && *text != '\0' ? text : "—";
}

static void
set_row (AdwActionRow *row,
         const char   *value)
{
  adw_action_row_set_subtitle (row, or_dash (value));
}

/* "198.51.100.23" → "Public", from the built-in snapshot of ranges. */
static const char *
ip_class_label (const char *text)
{
  KanriIp ip;

  if (text == NULL || !kanri_ip_parse (text, &ip, NULL))
    return NULL;
  return kanri_ip_class_get_label (kanri_ip_classifier_classify (kanri_ip_classifier_get_default (), &ip));
}

/* "2024-05-07T01:02:04Z" → "2024-05-07 01:02:04 UTC" or, with @local,
 * the same moment in the computer's time zone. */
static char *
format_time (const char *iso,
             gboolean    local)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) shown = NULL;

  if (iso == NULL)
    return NULL;
  utc = g_date_time_new_from_iso8601 (iso, NULL);
  if (utc == NULL)
    return g_strdup (iso);
  if (!local)
    return g_date_time_format (utc, "%Y-%m-%d %H:%M:%S UTC");
  shown = g_date_time_to_local (utc);
  return g_date_time_format (shown, "%Y-%m-%d %H:%M:%S %Z");
}

/* Rows show text from the message as it is, never as markup. */
static GtkWidget *
new_row (void)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  return row;
}

static void
list_box_clear (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static KanriAnalysis *
selected_analysis (KanriAnalyzerPage *self)
{
  return gtk_single_selection_get_selected_item (self->inputs_selection);
}

static void
update_actions (KanriAnalyzerPage *self)
{
  KanriAnalysis *analysis = self->current;
  gboolean done = analysis != NULL && kanri_analysis_get_state (analysis) == KANRI_ANALYSIS_DONE;
  JsonObject *ndr = done ? member_object (kanri_analysis_get_object (analysis), "ndr") : NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "analyzer.export-json", done);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "analyzer.copy-text",
                                 done && kanri_analysis_get_report (analysis) != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "analyzer.show-original",
                                 member_object (ndr, "original") != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "analyzer.close-all",
                                 g_list_model_get_n_items (G_LIST_MODEL (self->inputs)) > 0);
}

/* -- the report ---------------------------------------------------------- */

static void
show_summary (KanriAnalyzerPage *self,
              JsonObject        *report)
{
  JsonObject *summary = member_object (report, "summary");
  g_autofree char *date = format_time (member_string (summary, "date"), FALSE);
  g_autofree char *total = NULL;
  g_autofree char *source = NULL;
  double seconds;

  set_row (self->subject_row, member_string (summary, "subject"));
  set_row (self->from_row, member_string (summary, "from"));
  set_row (self->to_row, member_string (summary, "to"));
  set_row (self->date_row, date);
  set_row (self->message_id_row, member_string (summary, "message_id"));

  if (member_number (report, "total_delay_seconds", &seconds))
    total = kanri_format_delay (seconds);
  set_row (self->total_delay_row, total);

  /* Translators: the file a report was made from and its format, e.g. "notice.eml (eml)" */
  source = g_strdup_printf (_("%s (%s)"), or_dash (member_string (report, "source")),
                            or_dash (member_string (report, "format")));
  set_row (self->source_row, source);
}

static void
show_findings (KanriAnalyzerPage *self,
               JsonObject        *report)
{
  JsonArray *findings = member_array (report, "findings");
  guint n = findings != NULL ? json_array_get_length (findings) : 0;

  list_box_clear (self->findings_list);

  for (guint i = 0; i < n; i++)
    {
      JsonObject *finding = json_array_get_object_element (findings, i);
      const char *severity = member_string (finding, "severity");
      const char *icon = "dialog-information-symbolic";
      const char *style = "accent";
      const char *described = _("Information");
      GtkWidget *row = new_row ();
      GtkWidget *image;

      if (g_strcmp0 (severity, "error") == 0)
        {
          icon = "dialog-error-symbolic";
          style = "error";
          described = _("Error");
        }
      else if (g_strcmp0 (severity, "warning") == 0)
        {
          icon = "dialog-warning-symbolic";
          style = "warning";
          described = _("Warning");
        }

      image = gtk_image_new_from_icon_name (icon);
      gtk_widget_add_css_class (image, style);
      gtk_accessible_update_property (GTK_ACCESSIBLE (image), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      described, -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), image);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), or_dash (member_string (finding, "message")));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), or_dash (member_string (finding, "id")));
      gtk_list_box_append (self->findings_list, row);
    }

  if (n == 0)
    {
      GtkWidget *row = new_row ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Nothing to report"));
      gtk_list_box_append (self->findings_list, row);
    }
}

static void
show_cip (KanriAnalyzerPage *self,
          KanriAnalysis     *analysis,
          JsonObject        *report)
{
  KanriHeaderReport *live = kanri_analysis_get_report (analysis);
  JsonObject *ef = member_object (report, "enhanced_filtering");
  const char *cip = member_string (report, "cip");
  const char *klass = ip_class_label (cip);
  GPtrArray *ips = live != NULL ? kanri_header_report_get_ips (live) : NULL;

  set_row (self->cip_row, cip);
  gtk_label_set_label (self->cip_class_label, klass != NULL ? klass : "");

  if (member_boolean (ef, "applied"))
    {
      g_autofree char *text = NULL;
      const char *host = member_string (ef, "original_host");

      if (host != NULL)
        /* Translators: enhanced filtering found the original sender, e.g.
         * "Applied: the original sender is 198.51.100.23 (mail.example.com)" */
        text = g_strdup_printf (_("Applied: the original sender is %s (%s)"),
                                or_dash (member_string (ef, "original_ip")), host);
      else
        text = g_strdup_printf (_("Applied: the original sender is %s"),
                                or_dash (member_string (ef, "original_ip")));
      adw_action_row_set_subtitle (self->ef_row, text);
    }
  else
    adw_action_row_set_subtitle (self->ef_row, _("Not applied"));

  /* Every address seen, and what it is: from the live analysis, which
   * knows where each one was seen. */
  list_box_clear (self->ips_list);
  gtk_widget_set_visible (GTK_WIDGET (self->ips_list), ips != NULL && ips->len > 0);
  for (guint i = 0; ips != NULL && i < ips->len; i++)
    {
      const KanriIpNote *note = g_ptr_array_index (ips, i);
      g_autofree char *described = kanri_ip_note_describe (note);
      GtkWidget *row = new_row ();

      GtkWidget *klass_label = gtk_label_new (kanri_ip_class_get_label (note->klass));

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), note->ip);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), described);
      gtk_widget_set_tooltip_text (klass_label, kanri_ip_class_get_description (note->klass));
      gtk_label_set_wrap (GTK_LABEL (klass_label), TRUE);
      gtk_label_set_justify (GTK_LABEL (klass_label), GTK_JUSTIFY_RIGHT);
      gtk_widget_add_css_class (klass_label, "dim-label");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), klass_label);
      gtk_list_box_append (self->ips_list, row);
    }
}

static void
show_auth (KanriAnalyzerPage *self,
           KanriAnalysis     *analysis,
           JsonObject        *report)
{
  KanriHeaderReport *live = kanri_analysis_get_report (analysis);
  const KanriAuthSummary *summary = live != NULL ? kanri_header_report_get_auth (live) : NULL;
  JsonObject *auth = member_object (report, "auth");
  const char *spf = member_string (auth, "spf");
  const char *dkim = member_string (auth, "dkim");
  const char *dmarc = member_string (auth, "dmarc");
  const char *compauth = member_string (auth, "compauth");
  const char *reason = member_string (auth, "compauth_reason");
  g_autofree char *spf_text = NULL;
  g_autofree char *dkim_text = NULL;
  g_autofree char *dmarc_text = NULL;
  g_autofree char *compauth_text = NULL;
  g_autofree char *auth_as_text = NULL;

  if (spf != NULL)
    /* Translators: an SPF result, the IP address it judged and the domain, e.g.
     * "fail (IP 203.0.113.10, domain fabrikam.example)" */
    spf_text = g_strdup_printf (_("%s (IP %s, domain %s)"), spf,
                                or_dash (member_string (auth, "spf_ip")),
                                or_dash (member_string (auth, "spf_domain")));
  set_row (self->spf_row, spf_text);

  if (dkim != NULL && summary != NULL && summary->dkim_selector != NULL)
    /* Translators: a DKIM result, the signing domain and selector, e.g.
     * "pass (domain fabrikam.example, selector s1)" */
    dkim_text = g_strdup_printf (_("%s (domain %s, selector %s)"), dkim,
                                 or_dash (member_string (auth, "dkim_domain")), summary->dkim_selector);
  else if (dkim != NULL)
    /* Translators: a DKIM result and the signing domain, e.g. "pass (domain fabrikam.example)" */
    dkim_text = g_strdup_printf (_("%s (domain %s)"), dkim, or_dash (member_string (auth, "dkim_domain")));
  set_row (self->dkim_row, dkim_text);

  if (dmarc != NULL)
    /* Translators: a DMARC result, the action of the domain's policy and the domain, e.g.
     * "fail (action quarantine, domain fabrikam.example)" */
    dmarc_text = g_strdup_printf (_("%s (action %s, domain %s)"), dmarc,
                                  or_dash (member_string (auth, "dmarc_action")),
                                  or_dash (member_string (auth, "dmarc_domain")));
  set_row (self->dmarc_row, dmarc_text);

  if (compauth != NULL && reason != NULL)
    {
      const char *meaning = kanri_auth_explain_compauth_reason (reason);

      /* Translators: a composite authentication result, its reason code
       * and what the code means, e.g. "pass (reason 100: …)" */
      compauth_text = g_strdup_printf (_("%s (reason %s: %s)"), compauth, reason, or_dash (meaning));
    }
  set_row (self->compauth_row, compauth_text != NULL ? compauth_text : compauth);

  set_row (self->arc_row, member_string (auth, "arc"));

  gtk_widget_set_visible (GTK_WIDGET (self->auth_as_row), summary != NULL && summary->auth_as != NULL);
  if (summary != NULL && summary->auth_as != NULL)
    {
      const char *meaning = kanri_auth_explain_auth_as (summary->auth_as);

      auth_as_text = meaning != NULL ? g_strdup_printf ("%s: %s", summary->auth_as, meaning)
                                     : g_strdup (summary->auth_as);
      set_row (self->auth_as_row, auth_as_text);
    }
}

static void
show_hops (KanriAnalyzerPage *self,
           JsonObject        *report)
{
  JsonArray *hops = member_array (report, "hops");
  guint n = hops != NULL ? json_array_get_length (hops) : 0;

  kanri_hop_chart_set_hops (self->hop_chart, hops);
  g_list_store_remove_all (self->hops);

  for (guint i = 0; i < n; i++)
    {
      JsonObject *hop = json_array_get_object_element (hops, i);
      const char *ip = member_string (hop, "from_ip");
      const char *klass = ip_class_label (ip);
      g_autofree char *number = g_strdup_printf ("%u", i + 1);
      g_autofree char *from_ip = NULL;
      g_autofree char *utc = format_time (member_string (hop, "time_utc"), FALSE);
      g_autofree char *local = format_time (member_string (hop, "time_utc"), TRUE);
      g_autofree char *delay = NULL;
      g_autoptr(KanriReportRow) row = NULL;
      double seconds;
      gboolean skewed = FALSE;

      if (ip != NULL && klass != NULL)
        /* Translators: an IP address and what it is, e.g. "10.0.0.1 — Private (RFC 1918)" */
        from_ip = g_strdup_printf (_("%s — %s"), ip, klass);
      else
        from_ip = g_strdup (ip);

      if (member_number (hop, "delay_seconds", &seconds))
        {
          g_autofree char *text = kanri_format_delay (seconds);

          skewed = seconds < 0;
          /* Translators: a negative delay in the hops table, e.g. "−3 s (clock skew)" */
          delay = skewed ? g_strdup_printf (_("%s (clock skew)"), text) : g_steal_pointer (&text);
        }

      {
        const char *cells[] = {
          number,
          or_dash (member_string (hop, "from")),
          or_dash (from_ip),
          or_dash (member_string (hop, "by")),
          or_dash (member_string (hop, "with")),
          or_dash (utc),
          or_dash (local),
          or_dash (delay),
          NULL
        };

        row = kanri_report_row_new (cells, skewed);
      }
      g_list_store_append (self->hops, row);
    }
}

static void
show_antispam (KanriAnalyzerPage *self,
               JsonObject        *report)
{
  JsonArray *fields = member_array (report, "antispam");
  guint n = fields != NULL ? json_array_get_length (fields) : 0;

  g_list_store_remove_all (self->antispam);
  for (guint i = 0; i < n; i++)
    {
      JsonObject *field = json_array_get_object_element (fields, i);
      const char *header = or_dash (member_string (field, "header"));
      const char *cells[] = {
        header,
        or_dash (member_string (field, "field")),
        or_dash (member_string (field, "value")),
        or_dash (member_string (field, "meaning")),
        NULL
      };
      g_autoptr(KanriReportRow) row = NULL;

      /* The -Untrusted headers were written by another tenant: shown apart. */
      row = kanri_report_row_new (cells, g_str_has_suffix (header, "-Untrusted"));
      g_list_store_append (self->antispam, row);
    }
}

static void
show_ndr (KanriAnalyzerPage *self,
          JsonObject        *report)
{
  JsonObject *ndr = member_object (report, "ndr");
  JsonObject *original = member_object (ndr, "original");

  gtk_widget_set_visible (self->ndr_group, ndr != NULL);
  if (ndr == NULL)
    return;

  set_row (self->ndr_status_row, member_string (ndr, "status"));
  set_row (self->ndr_action_row, member_string (ndr, "action"));
  set_row (self->ndr_diagnostic_row, member_string (ndr, "diagnostic"));
  set_row (self->ndr_recipient_row, member_string (ndr, "recipient"));
  set_row (self->ndr_meaning_row, member_string (ndr, "meaning"));

  if (original != NULL)
    {
      const char *subject = member_string (member_object (original, "summary"), "subject");
      const char *cip = member_string (original, "cip");
      g_autofree char *text = NULL;

      /* Translators: the message attached to a non-delivery report, e.g.
       * "“Price list”, connecting IP 203.0.113.10" */
      text = g_strdup_printf (_("“%s”, connecting IP %s"), or_dash (subject), or_dash (cip));
      adw_action_row_set_subtitle (self->ndr_original_row, text);
    }
  else
    adw_action_row_set_subtitle (self->ndr_original_row, _("Not attached"));
}

static void
show_headers (KanriAnalyzerPage *self,
              KanriAnalysis     *analysis)
{
  KanriHeaderReport *live = kanri_analysis_get_report (analysis);
  KanriHeaderBlock *block = live != NULL ? kanri_header_report_get_headers (live) : NULL;
  guint n = block != NULL ? kanri_header_block_get_n_fields (block) : 0;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);

  g_list_store_remove_all (self->headers);
  gtk_widget_set_visible (GTK_WIDGET (self->headers_search), block != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->headers_list), block != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->headers_note), block == NULL);

  for (guint i = 0; i < n; i++)
    {
      const KanriHeaderField *field = kanri_header_block_get_field (block, i);
      g_autofree char *value = kanri_header_block_decode_value (block, i);
      const char *cells[] = { field->name, value != NULL ? value : field->value, NULL };

      g_ptr_array_add (rows, kanri_report_row_new (cells, FALSE));
    }
  g_list_store_splice (self->headers, 0, 0, rows->pdata, rows->len);
}

static void
show_current (KanriAnalyzerPage *self)
{
  KanriAnalysis *analysis = self->current;
  JsonObject *report;

  update_actions (self);
  kanri_spinner_set_spinning (self->spinner, FALSE);

  if (analysis == NULL)
    return;

  switch (kanri_analysis_get_state (analysis))
    {
    case KANRI_ANALYSIS_BUSY:
      kanri_spinner_set_spinning (self->spinner, TRUE);
      gtk_stack_set_visible_child_name (self->report_stack, "busy");
      return;

    case KANRI_ANALYSIS_FAILED:
      adw_status_page_set_description (self->error_page, kanri_analysis_get_error (analysis)->message);
      gtk_stack_set_visible_child_name (self->report_stack, "error");
      return;

    case KANRI_ANALYSIS_DONE:
    default:
      break;
    }

  report = kanri_analysis_get_object (analysis);
  show_summary (self, report);
  show_findings (self, report);
  show_cip (self, analysis, report);
  show_auth (self, analysis, report);
  kanri_signatures_group_show (self->signatures_group, member_object (report, "signatures"));
  show_hops (self, report);
  kanri_trace_group_set_report (self->trace_group, kanri_analysis_get_report (analysis),
                                _("This report was opened from the history, without its message. "
                                  "Open the message again to run its message trace."));
  show_antispam (self, report);
  show_ndr (self, report);
  show_headers (self, analysis);
  gtk_stack_set_visible_child_name (self->report_stack, "report");
}

/* The hops chart shows the merged timeline once the service's events are
 * in, and the hops alone otherwise. */
static void
trace_state_changed_cb (KanriAnalyzerPage *self)
{
  KanriMessageTraceSession *session = kanri_trace_group_get_session (self->trace_group);
  JsonObject *report = self->current != NULL ? kanri_analysis_get_object (self->current) : NULL;

  if (kanri_message_trace_session_get_state (session) == KANRI_TRACE_STATE_DONE)
    kanri_hop_chart_set_timeline (self->hop_chart, kanri_message_trace_session_get_timeline (session));
  else
    kanri_hop_chart_set_hops (self->hop_chart, member_array (report, "hops"));
}

/* A trace run for the report shown goes into its export, as "message_trace". */
static gboolean
trace_belongs_to_current (KanriAnalyzerPage *self)
{
  KanriMessageTraceSession *session = kanri_trace_group_get_session (self->trace_group);
  KanriHeaderReport *report = self->current != NULL ? kanri_analysis_get_report (self->current) : NULL;

  switch (kanri_message_trace_session_get_state (session))
    {
    case KANRI_TRACE_STATE_DONE:
    case KANRI_TRACE_STATE_NOT_FOUND:
    case KANRI_TRACE_STATE_FAILED:
      return report != NULL && kanri_message_trace_session_get_report (session) == report;
    default:
      return FALSE;
    }
}

static void
current_state_changed_cb (KanriAnalyzerPage *self)
{
  show_current (self);
}

static void
scroll_report_to_top (KanriAnalyzerPage *self)
{
#if ADW_CHECK_VERSION (1, 3, 0)
  adw_preferences_page_scroll_to_top (self->report_page);
#else
  /* libadwaita 1.2 has no call for it: its page is a scrolled window. */
  GtkWidget *scrolled = gtk_widget_get_first_child (GTK_WIDGET (self->report_page));

  if (GTK_IS_SCROLLED_WINDOW (scrolled))
    gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled)), 0);
#endif
}

static void
selection_changed_cb (KanriAnalyzerPage *self)
{
  KanriAnalysis *analysis = selected_analysis (self);

  if (analysis == self->current)
    return;

  if (self->current != NULL)
    g_signal_handlers_disconnect_by_func (self->current, current_state_changed_cb, self);
  g_set_object (&self->current, analysis);
  if (self->current != NULL)
    g_signal_connect_object (self->current, "notify::state",
                             G_CALLBACK (current_state_changed_cb), self, G_CONNECT_SWAPPED);

  /* A new report starts at its top, without an old search. */
  gtk_editable_set_text (GTK_EDITABLE (self->headers_search), "");
  show_current (self);
  scroll_report_to_top (self);

  if (kanri_split_layout_get_collapsed (self->split))
    kanri_split_layout_set_show_sidebar (self->split, FALSE);
}

/* -- inputs -------------------------------------------------------------- */

static void
update_main_stack (KanriAnalyzerPage *self)
{
  gboolean empty = g_list_model_get_n_items (G_LIST_MODEL (self->inputs)) == 0;

  if (self->showing_batch)
    gtk_stack_set_visible_child_name (self->main_stack, "batch");
  else
    gtk_stack_set_visible_child_name (self->main_stack, empty ? "empty" : "results");
  gtk_widget_set_visible (GTK_WIDGET (self->inputs_button),
                          !self->showing_batch && !empty && kanri_split_layout_get_collapsed (self->split));
  update_actions (self);
}

static void
record_in_history (KanriAnalyzerPage *self,
                   KanriAnalysis     *analysis)
{
  g_autoptr(GError) error = NULL;
  KanriHeaderReport *report = kanri_analysis_get_report (analysis);

  /* The preference is read when each analysis ends: turning it off stops
   * the very next one from being kept. */
  if (self->history == NULL || !g_settings_get_boolean (self->settings, "analysis-history"))
    return;

  if (kanri_history_add (self->history, kanri_analysis_get_title (analysis),
                         kanri_header_report_get_subject (report),
                         kanri_analysis_get_json (analysis), &error) == 0)
    {
      g_autofree char *message = g_strdup_printf (_("Could not keep the analysis in the history: %s"),
                                                  error->message);

      kanri_page_show_toast (KANRI_PAGE (self), message);
    }
}

static void
analysis_state_changed_cb (KanriAnalysis     *analysis,
                           GParamSpec        *pspec,
                           KanriAnalyzerPage *self)
{
  g_signal_handlers_disconnect_by_func (analysis, analysis_state_changed_cb, self);

  if (kanri_analysis_get_state (analysis) == KANRI_ANALYSIS_DONE)
    record_in_history (self, analysis);
}

static void
add_analysis (KanriAnalyzerPage *self,
              KanriAnalysis     *analysis,
              gboolean           select)
{
  guint position = g_list_model_get_n_items (G_LIST_MODEL (self->inputs));

  g_list_store_append (self->inputs, analysis);
  if (kanri_analysis_get_state (analysis) == KANRI_ANALYSIS_BUSY)
    {
      /* Verifying asks DNS for the signers' keys: only if the admin lets it. */
      if (g_settings_get_boolean (self->settings, "verify-signatures"))
        kanri_analysis_set_resolver (analysis, self->resolver);
      g_signal_connect_object (analysis, "notify::state",
                               G_CALLBACK (analysis_state_changed_cb), self, 0);
      kanri_analysis_start (analysis, self->cancellable);
    }
  if (select)
    gtk_single_selection_set_selected (self->inputs_selection, position);
  self->showing_batch = FALSE;
  update_main_stack (self);
}

/**
 * kanri_analyzer_page_add_file:
 *
 * Analyzes @file (an .eml, a .msg or text) in a worker thread and shows it.
 */
void
kanri_analyzer_page_add_file (KanriAnalyzerPage *self,
                              GFile             *file)
{
  g_autoptr(KanriAnalysis) analysis = NULL;

  g_return_if_fail (KANRI_IS_ANALYZER_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  analysis = kanri_analysis_new_for_file (file);
  add_analysis (self, analysis, TRUE);
}

/**
 * kanri_analyzer_page_add_text:
 *
 * Analyzes pasted or dropped text in a worker thread and shows it.
 */
void
kanri_analyzer_page_add_text (KanriAnalyzerPage *self,
                              const char        *text)
{
  g_autoptr(KanriAnalysis) analysis = NULL;

  g_return_if_fail (KANRI_IS_ANALYZER_PAGE (self));
  g_return_if_fail (text != NULL);

  analysis = kanri_analysis_new_for_text (text);
  add_analysis (self, analysis, TRUE);
}

static void
update_signatures_notice (KanriAnalyzerPage *self)
{
  if (!g_settings_get_boolean (self->settings, "verify-signatures"))
    kanri_signatures_group_set_notice (self->signatures_group,
                                       _("Verifying signatures is turned off in Preferences: messages opened from now on are not verified."));
  else
    kanri_signatures_group_set_notice (self->signatures_group, self->resolver_notice);
}

/**
 * kanri_analyzer_page_set_resolver:
 * @resolver: (nullable): where the signatures' keys of the analyses added
 *   from now on are looked up; %NULL leaves them unverified
 */
void
kanri_analyzer_page_set_resolver (KanriAnalyzerPage *self,
                                  KanriResolver     *resolver)
{
  g_return_if_fail (KANRI_IS_ANALYZER_PAGE (self));
  g_return_if_fail (resolver == NULL || KANRI_IS_RESOLVER (resolver));

  g_set_object (&self->resolver, resolver);
  g_clear_pointer (&self->resolver_notice, g_free);
  update_signatures_notice (self);
}

static void
add_inputs (KanriAnalyzerPage *self,
            GSList            *files)
{
  guint first = g_list_model_get_n_items (G_LIST_MODEL (self->inputs));

  for (GSList *l = files; l != NULL; l = l->next)
    {
      g_autoptr(KanriAnalysis) analysis = kanri_analysis_new_for_file (l->data);

      add_analysis (self, analysis, FALSE);
    }
  /* Several at once: the first is shown, the others are a click away. */
  if (files != NULL)
    gtk_single_selection_set_selected (self->inputs_selection, first);
}

/* -- batch analyses -------------------------------------------------------- */

static void
start_batch (KanriAnalyzerPage *self,
             char             **paths)
{
  if (kanri_page_get_store (KANRI_PAGE (self)) == NULL)
    {
      /* At start-up the local model opens after the first frame. */
      g_strfreev (self->pending_batch);
      self->pending_batch = g_strdupv (paths);
      return;
    }
  if (kanri_batch_view_get_running (self->batch_view))
    {
      kanri_page_show_toast (KANRI_PAGE (self), _("A batch analysis is running: cancel it or wait for it first"));
      self->showing_batch = TRUE;
      update_main_stack (self);
      return;
    }

  kanri_batch_view_start (self->batch_view, (const char *const *)paths);
  self->showing_batch = TRUE;
  update_main_stack (self);
  kanri_batch_runs_group_update (self->runs_group);
}

typedef struct
{
  KanriAnalyzerPage *page;
  GSList            *files;
  /* Inputs of their own: the last one shown ("Open With"), else the first. */
  gboolean           show_last;
} Sorting;

static void
sorted_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Sorting *sorting = user_data;
  g_autoptr(KanriAnalyzerPage) self = sorting->page;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) paths = kanri_batch_input_sort_finish (result, &error);

  self->sorting--;
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      if (paths != NULL)
        start_batch (self, paths);
      else if (sorting->show_last)
        {
          for (GSList *l = sorting->files; l != NULL; l = l->next)
            kanri_analyzer_page_add_file (self, l->data);
        }
      else
        add_inputs (self, sorting->files);
    }

  g_slist_free_full (sorting->files, g_object_unref);
  g_free (sorting);
}

/* Files dropped, pasted or opened: a batch analysis if they are folders,
 * an mbox file or many files (kanri-batch-input.c), else an input each. */
static void
sort_files (KanriAnalyzerPage *self,
            GSList            *files,
            gboolean           show_last)
{
  Sorting *sorting;

  if (files == NULL)
    return;

  sorting = g_new0 (Sorting, 1);
  sorting->show_last = show_last;
  sorting->page = g_object_ref (self);
  for (GSList *l = files; l != NULL; l = l->next)
    sorting->files = g_slist_prepend (sorting->files, g_object_ref (l->data));
  sorting->files = g_slist_reverse (sorting->files);
  self->sorting++;
  kanri_batch_input_sort_async (files, self->cancellable, sorted_cb, sorting);
}

static void
add_files (KanriAnalyzerPage *self,
           GSList            *files)
{
  sort_files (self, files, FALSE);
}

/**
 * kanri_analyzer_page_open_files:
 * @files: (array length=n_files): files given to the app ("Open With
 *   Kanri", the command line)
 *
 * Messages become inputs, the last of them shown; folders and mbox files
 * a batch analysis.
 */
void
kanri_analyzer_page_open_files (KanriAnalyzerPage  *self,
                                GFile             **files,
                                int                 n_files)
{
  g_autoptr(GSList) list = NULL;

  g_return_if_fail (KANRI_IS_ANALYZER_PAGE (self));

  for (int i = n_files; i > 0; i--)
    list = g_slist_prepend (list, files[i - 1]);
  sort_files (self, list, TRUE);
}

static void
open_run_cb (KanriAnalyzerPage *self,
             gint64             run_id)
{
  if (kanri_batch_view_get_running (self->batch_view) &&
      kanri_batch_view_get_run_id (self->batch_view) != run_id)
    {
      kanri_page_show_toast (KANRI_PAGE (self), _("A batch analysis is running: cancel it or wait for it first"));
      return;
    }

  if (kanri_batch_view_get_run_id (self->batch_view) != run_id)
    kanri_batch_view_open_run (self->batch_view, run_id);
  self->showing_batch = TRUE;
  update_main_stack (self);
}

static void
batch_closed_cb (KanriAnalyzerPage *self)
{
  self->showing_batch = FALSE;
  update_main_stack (self);
  kanri_batch_runs_group_update (self->runs_group);
}

static void
batch_open_message_cb (KanriAnalyzerPage *self,
                       const char        *path,
                       gint64             offset,
                       guint              number)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(KanriAnalysis) analysis = offset >= 0 ? kanri_analysis_new_for_mbox_message (file, offset, number)
                                                  : kanri_analysis_new_for_file (file);

  add_analysis (self, analysis, TRUE);
}

/**
 * kanri_analyzer_page_get_sorting:
 *
 * Returns: whether files dropped or opened are still being told apart
 *   (a batch, or inputs of their own)
 */
gboolean
kanri_analyzer_page_get_sorting (KanriAnalyzerPage *self)
{
  g_return_val_if_fail (KANRI_IS_ANALYZER_PAGE (self), FALSE);

  return self->sorting > 0;
}

/**
 * kanri_analyzer_page_get_batch_view:
 *
 * Returns: (transfer none): the batch analysis's view
 */
KanriBatchView *
kanri_analyzer_page_get_batch_view (KanriAnalyzerPage *self)
{
  g_return_val_if_fail (KANRI_IS_ANALYZER_PAGE (self), NULL);

  return self->batch_view;
}

/**
 * kanri_analyzer_page_get_showing_batch:
 *
 * Returns: whether the batch view is shown rather than the inputs
 */
gboolean
kanri_analyzer_page_get_showing_batch (KanriAnalyzerPage *self)
{
  g_return_val_if_fail (KANRI_IS_ANALYZER_PAGE (self), FALSE);

  return self->showing_batch;
}

/* Text dropped by a browser or a file manager may be a list of URIs
 * (RFC 2483 text/uri-list): files, not headers. */
static GSList *
parse_uri_list (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  GSList *files = NULL;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_strstrip (lines[i]);
      if (*lines[i] == '\0' || *lines[i] == '#')
        continue;
      if (!g_str_has_prefix (lines[i], "file://"))
        {
          g_slist_free_full (files, g_object_unref);
          return NULL;
        }
      files = g_slist_prepend (files, g_file_new_for_uri (lines[i]));
    }

  return g_slist_reverse (files);
}

/**
 * kanri_analyzer_page_add_value:
 * @value: what was dropped or pasted: a #GdkFileList, a #GFile or a string
 *
 * The drop target's handler.
 *
 * Returns: whether @value was something to analyze
 */
gboolean
kanri_analyzer_page_add_value (KanriAnalyzerPage *self,
                               const GValue      *value)
{
  g_return_val_if_fail (KANRI_IS_ANALYZER_PAGE (self), FALSE);
  g_return_val_if_fail (G_IS_VALUE (value), FALSE);

  if (G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    {
      GdkFileList *list = g_value_get_boxed (value);
      g_autoptr(GSList) files = list != NULL ? gdk_file_list_get_files (list) : NULL;

      if (files == NULL)
        return FALSE;
      add_files (self, files);
      return TRUE;
    }

  if (G_VALUE_HOLDS (value, G_TYPE_FILE))
    {
      GFile *file = g_value_get_object (value);

      if (file == NULL)
        return FALSE;
      kanri_analyzer_page_add_file (self, file);
      return TRUE;
    }

  if (G_VALUE_HOLDS_STRING (value))
    {
      const char *text = g_value_get_string (value);
      GSList *files;

      if (text == NULL || *text == '\0')
        return FALSE;
      files = parse_uri_list (text);
      if (files != NULL)
        {
          add_files (self, files);
          g_slist_free_full (files, g_object_unref);
        }
      else
        kanri_analyzer_page_add_text (self, text);
      return TRUE;
    }

  return FALSE;
}

static gboolean
drop_cb (GtkDropTarget     *target,
         const GValue      *value,
         double             x,
         double             y,
         KanriAnalyzerPage *self)
{
  return kanri_analyzer_page_add_value (self, value);
}

GListModel *
kanri_analyzer_page_get_inputs (KanriAnalyzerPage *self)
{
  g_return_val_if_fail (KANRI_IS_ANALYZER_PAGE (self), NULL);

  return G_LIST_MODEL (self->inputs);
}

/**
 * kanri_analyzer_page_get_current:
 *
 * Returns: (nullable) (transfer none): the input whose report is shown
 */
KanriAnalysis *
kanri_analyzer_page_get_current (KanriAnalyzerPage *self)
{
  g_return_val_if_fail (KANRI_IS_ANALYZER_PAGE (self), NULL);

  return self->current;
}

void
kanri_analyzer_page_select (KanriAnalyzerPage *self,
                            guint              position)
{
  g_return_if_fail (KANRI_IS_ANALYZER_PAGE (self));

  gtk_single_selection_set_selected (self->inputs_selection, position);
}

/* -- history ------------------------------------------------------------- */

static void
update_history (KanriAnalyzerPage *self)
{
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  gboolean enabled = g_settings_get_boolean (self->settings, "analysis-history");
  const char *description = NULL;

  list_box_clear (self->history_list);

  if (self->history != NULL)
    items = kanri_history_list (self->history, HISTORY_SHOWN, &error);

  if (items == NULL && error != NULL)
    description = error->message;
  else if (!enabled)
    description = _("Analyses are not kept: the history is off in Preferences.");
  else if (items == NULL || items->len == 0)
    description = _("Each analysis is kept here, on this computer only.");

  for (guint i = 0; items != NULL && i < items->len; i++)
    {
      KanriHistoryItem *item = g_ptr_array_index (items, i);
      g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (item->created_usec / G_USEC_PER_SEC);
      g_autoptr(GDateTime) local = utc != NULL ? g_date_time_to_local (utc) : NULL;
      g_autofree char *when = local != NULL ? g_date_time_format (local, "%Y-%m-%d %H:%M") : NULL;
      g_autofree char *subtitle = g_strdup_printf ("%s · %s", or_dash (item->source), or_dash (when));
      GtkWidget *row = new_row ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     item->subject != NULL && *item->subject != '\0' ? item->subject
                                                                                     : _("No subject"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      g_object_set_data_full (G_OBJECT (row), "kanri-history-source", g_strdup (item->source), g_free);
      g_object_set_data_full (G_OBJECT (row), "kanri-history-row-id", g_memdup2 (&item->id, sizeof item->id),
                              g_free);
      gtk_list_box_append (self->history_list, row);
    }

  /* A label of its own rather than the group's description: GTK 4.8
   * measures a changing group description inconsistently in some fonts
   * ("reports a minimum width of 18, but minimum width for height … is 20"). */
  gtk_label_set_label (self->history_status, description != NULL ? description : "");
  gtk_widget_set_visible (GTK_WIDGET (self->history_status), description != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->history_list), items != NULL && items->len > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "analyzer.clear-history",
                                 items != NULL && items->len > 0);
}

static void
history_row_activated_cb (KanriAnalyzerPage *self,
                          GtkListBoxRow     *row)
{
  const gint64 *id = g_object_get_data (G_OBJECT (row), "kanri-history-row-id");
  const char *source = g_object_get_data (G_OBJECT (row), "kanri-history-source");
  g_autoptr(GError) error = NULL;
  g_autoptr(KanriAnalysis) analysis = NULL;
  g_autofree char *json = NULL;

  if (id == NULL || self->history == NULL)
    return;

  json = kanri_history_get_report (self->history, *id, &error);
  if (json != NULL)
    analysis = kanri_analysis_new_from_json (source != NULL ? source : "", json, &error);
  if (analysis == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Could not open the analysis: %s"), error->message);

      kanri_page_show_toast (KANRI_PAGE (self), message);
      return;
    }

  add_analysis (self, analysis, TRUE);
}

static void
clear_history_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  KanriAnalyzerPage *self = KANRI_ANALYZER_PAGE (widget);
  g_autoptr(GError) error = NULL;

  if (self->history == NULL)
    return;

  if (!kanri_history_clear (self->history, &error))
    {
      g_autofree char *message = g_strdup_printf (_("Could not clear the history: %s"), error->message);

      kanri_page_show_toast (KANRI_PAGE (self), message);
      return;
    }

  kanri_page_show_toast (KANRI_PAGE (self), _("History cleared"));
  update_history (self);
}

static void
kanri_analyzer_page_store_changed (KanriPage *page)
{
  KanriAnalyzerPage *self = KANRI_ANALYZER_PAGE (page);
  KanriStore *store = kanri_page_get_store (page);

  if (self->history != NULL)
    g_signal_handlers_disconnect_by_func (self->history, update_history, self);
  g_clear_object (&self->history);

  if (store != NULL)
    {
      self->history = g_object_ref (kanri_history_get_for_store (store));
      g_signal_connect_object (self->history, "changed", G_CALLBACK (update_history), self,
                               G_CONNECT_SWAPPED);
    }

  kanri_batch_view_set_store (self->batch_view, store);
  kanri_batch_runs_group_set_store (self->runs_group, store);
  if (store == NULL)
    self->showing_batch = FALSE;
  update_main_stack (self);
  if (store != NULL && self->pending_batch != NULL)
    {
      g_auto(GStrv) paths = g_steal_pointer (&self->pending_batch);

      start_batch (self, paths);
    }
  update_history (self);
}

/* -- actions ------------------------------------------------------------- */

static void
open_chosen_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(KanriAnalyzerPage) self = user_data;
  g_autoptr(GListModel) files = kanri_file_chooser_open_finish (result, NULL);
  g_autoptr(GSList) list = NULL;
  guint n;

  if (files == NULL)
    return;

  n = g_list_model_get_n_items (files);
  for (guint i = n; i > 0; i--)
    list = g_slist_prepend (list, g_list_model_get_item (files, i - 1));
  add_files (self, list);
  g_slist_free_full (g_steal_pointer (&list), g_object_unref);
}

static void
folders_chosen_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(KanriAnalyzerPage) self = user_data;
  g_autoptr(GListModel) folders = kanri_file_chooser_open_finish (result, NULL);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) paths = NULL;

  if (folders == NULL || g_list_model_get_n_items (folders) == 0)
    return;

  for (guint i = 0; i < g_list_model_get_n_items (folders); i++)
    {
      g_autoptr(GFile) folder = g_list_model_get_item (folders, i);
      g_autofree char *path = g_file_get_path (folder);

      if (path == NULL)
        {
          kanri_page_show_toast (KANRI_PAGE (self), _("Only folders on this computer can be analyzed"));
          return;
        }
      g_strv_builder_add (builder, path);
    }
  paths = g_strv_builder_end (builder);
  start_batch (self, paths);
}

static void
open_folder_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  KanriAnalyzerPage *self = KANRI_ANALYZER_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);

  kanri_file_chooser_open_folders_async (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         _("Analyze Folders"), self->cancellable,
                                         folders_chosen_cb, g_object_ref (self));
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  KanriAnalyzerPage *self = KANRI_ANALYZER_PAGE (widget);

  kanri_file_chooser_open_async (GTK_WINDOW (gtk_widget_get_root (widget)),
                                 _("Open Messages"), self->cancellable, open_chosen_cb,
                                 g_object_ref (self));
}

static void
paste_text_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(KanriAnalyzerPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (object), result, &error);

  if (text == NULL || *text == '\0')
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        kanri_page_show_toast (KANRI_PAGE (self), _("The clipboard holds no text to analyze"));
      return;
    }

  kanri_analyzer_page_add_text (self, text);
}

static void
paste_files_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(KanriAnalyzerPage) self = user_data;
  const GValue *value = gdk_clipboard_read_value_finish (GDK_CLIPBOARD (object), result, NULL);

  if (value == NULL || !kanri_analyzer_page_add_value (self, value))
    kanri_page_show_toast (KANRI_PAGE (self), _("The clipboard holds no files to analyze"));
}

static void
paste_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  KanriAnalyzerPage *self = KANRI_ANALYZER_PAGE (widget);
  GdkClipboard *clipboard = gtk_widget_get_clipboard (widget);
  GdkContentFormats *formats = gdk_clipboard_get_formats (clipboard);
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (widget));

  /* Ctrl+V in a text field (the header search) pastes into the field. */
  if (focus != NULL && GTK_IS_TEXT (focus))
    {
      gtk_widget_activate_action (focus, "clipboard.paste", NULL);
      return;
    }

  /* Files copied in a file manager are analyzed as files. */
  if (gdk_content_formats_contain_gtype (formats, GDK_TYPE_FILE_LIST))
    gdk_clipboard_read_value_async (clipboard, GDK_TYPE_FILE_LIST, G_PRIORITY_DEFAULT,
                                    self->cancellable, paste_files_cb, g_object_ref (self));
  else
    gdk_clipboard_read_text_async (clipboard, self->cancellable, paste_text_cb, g_object_ref (self));
}

static void
close_all_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  KanriAnalyzerPage *self = KANRI_ANALYZER_PAGE (widget);

  g_list_store_remove_all (self->inputs);
  update_main_stack (self);
}

static void
show_original_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  KanriAnalyzerPage *self = KANRI_ANALYZER_PAGE (widget);
  KanriHeaderReport *live;
  JsonObject *original;
  g_autoptr(KanriAnalysis) analysis = NULL;
  g_autofree char *title = NULL;

  if (self->current == NULL)
    return;

  live = kanri_analysis_get_report (self->current);
  original = member_object (member_object (kanri_analysis_get_object (self->current), "ndr"), "original");
  if (original == NULL)
    return;

  /* Translators: the input that is the message attached to a non-delivery
   * report, e.g. "Original of bounce.eml" */
  title = g_strdup_printf (_("Original of %s"), kanri_analysis_get_title (self->current));
  if (live != NULL && kanri_header_report_get_ndr_original (live) != NULL)
    analysis = kanri_analysis_new_for_report (kanri_header_report_get_ndr_original (live), title);
  else
    {
      g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), original);
      g_autofree char *json = json_to_string (node, TRUE);

      analysis = kanri_analysis_new_from_json (title, json, NULL);
    }

  if (analysis != NULL)
    add_analysis (self, analysis, TRUE);
}

static void
write_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (object), result, NULL, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * kanri_analyzer_page_export_json_async:
 *
 * Writes the report shown to @file, exactly as `kanri-cli analyze --json`
 * prints it, and with the message trace as "message_trace" when one was run
 * (as `kanri-cli trace --json` prints it).
 */
void
kanri_analyzer_page_export_json_async (KanriAnalyzerPage   *self,
                                       GFile               *file,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GBytes) bytes = NULL;
  const char *json;
  gsize end;

  g_return_if_fail (KANRI_IS_ANALYZER_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, kanri_analyzer_page_export_json_async);

  json = self->current != NULL ? kanri_analysis_get_json (self->current) : NULL;
  if (json == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("No report to export"));
      return;
    }

  end = strlen (json);
  while (end > 0 && g_ascii_isspace (json[end - 1]))
    end--;
  /* The report is one object: the trace becomes its last member. */
  if (trace_belongs_to_current (self) && end > 1 && json[end - 1] == '}')
    {
      GString *out = g_string_new_len (json, end - 1);

      g_string_append (out, ",\"message_trace\":");
      kanri_message_trace_session_append_json (kanri_trace_group_get_session (self->trace_group), out);
      g_string_append (out, "}\n");
      bytes = g_string_free_to_bytes (out);
    }
  else
    /* The CLI ends its output with a newline; so does the file. */
    bytes = g_bytes_new_take (g_strconcat (json, "\n", NULL), strlen (json) + 1);
  g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                       cancellable, write_done_cb, g_steal_pointer (&task));
}

gboolean
kanri_analyzer_page_export_json_finish (KanriAnalyzerPage  *self,
                                        GAsyncResult       *result,
                                        GError            **error)
{
  g_return_val_if_fail (KANRI_IS_ANALYZER_PAGE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
exported_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  KanriAnalyzerPage *self = KANRI_ANALYZER_PAGE (object);
  g_autoptr(GFile) file = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (!kanri_analyzer_page_export_json_finish (self, result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      message = g_strdup_printf (_("Could not export the report: %s"), error->message);
    }
  else
    {
      g_autofree char *name = g_file_get_basename (file);

      message = g_strdup_printf (_("Report exported to %s"), name);
    }
  kanri_page_show_toast (KANRI_PAGE (self), message);
}

static void
export_chosen_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(KanriAnalyzerPage) self = user_data;
  g_autoptr(GFile) file = kanri_file_chooser_save_finish (result, NULL);

  if (file == NULL)
    return;

  kanri_analyzer_page_export_json_async (self, file, self->cancellable, exported_cb,
                                         g_object_ref (file));
}

static void
export_json_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  KanriAnalyzerPage *self = KANRI_ANALYZER_PAGE (widget);
  g_autofree char *base = NULL;
  g_autofree char *name = NULL;
  char *dot;

  if (self->current == NULL)
    return;

  base = g_strdup (kanri_analysis_get_title (self->current));
  dot = strrchr (base, '.');
  if (dot != NULL && dot != base)
    *dot = '\0';
  /* Translators: the file name offered for an exported report, e.g. "notice-report.json" */
  name = g_strdup_printf (_("%s-report.json"), base);
  kanri_file_chooser_save_async (GTK_WINDOW (gtk_widget_get_root (widget)), _("Export Report"),
                                 name, self->cancellable, export_chosen_cb, g_object_ref (self));
}

static void
copy_text_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  KanriAnalyzerPage *self = KANRI_ANALYZER_PAGE (widget);
  KanriHeaderReport *report = self->current != NULL ? kanri_analysis_get_report (self->current) : NULL;
  g_autofree char *text = NULL;

  if (report == NULL)
    return;

  text = kanri_header_report_to_text (report);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
  kanri_page_show_toast (KANRI_PAGE (self), _("Report copied as text"));
}

static void
headers_search_changed_cb (KanriAnalyzerPage *self)
{
  gtk_string_filter_set_search (self->headers_filter,
                                gtk_editable_get_text (GTK_EDITABLE (self->headers_search)));
}

static void
split_collapsed_cb (KanriAnalyzerPage *self)
{
  update_main_stack (self);
}

/* -- tables ---------------------------------------------------------------- */

/* The cells of a hop: number, from, from IP, by, with, UTC, local, delay. */
static const KanriRecordLayout hop_layout = {
  /* Translators: a hop of the message's way, e.g. "3. gateway.contoso.example" */
  .heading = N_("%1$s. %2$s"),
  .heading_cells = { 0, 1 },
  .subtitle_cell = -1,
  .body_cell = -1,
  .detail_titles = { N_("From IP"), N_("By"), N_("With"), N_("Time (UTC)"), N_("Local Time"),
                     N_("Delay"), NULL },
  .detail_cells = { 2, 3, 4, 5, 6, 7 },
};

/* The cells of an anti-spam field: header, field, value, meaning. */
static const KanriRecordLayout antispam_layout = {
  /* Translators: an anti-spam field and its value, e.g. "SFV: NSPM" */
  .heading = N_("%1$s: %2$s"),
  .heading_cells = { 1, 2 },
  .subtitle_cell = 0,
  .body_cell = 3,
  .detail_titles = { NULL },
};

/* The cells of a header: name, value. */
static const KanriRecordLayout header_layout = {
  .heading = "%1$s",
  .heading_cells = { 0, -1 },
  .subtitle_cell = -1,
  .body_cell = 1,
  .monospace_body = TRUE,
  .detail_titles = { NULL },
};

static void
set_up_tables (KanriAnalyzerPage *self)
{
  g_autoptr(GtkFilterListModel) filtered = NULL;

  self->hops = g_list_store_new (KANRI_TYPE_REPORT_ROW);
  self->antispam = g_list_store_new (KANRI_TYPE_REPORT_ROW);
  self->headers = g_list_store_new (KANRI_TYPE_REPORT_ROW);

  kanri_record_list_set_layout (self->hops_list, &hop_layout);
  kanri_record_list_set_model (self->hops_list, G_LIST_MODEL (self->hops));

  kanri_record_list_set_layout (self->antispam_list, &antispam_layout);
  kanri_record_list_set_model (self->antispam_list, G_LIST_MODEL (self->antispam));

  self->headers_filter = gtk_string_filter_new (gtk_property_expression_new (KANRI_TYPE_REPORT_ROW, NULL, "text"));
  gtk_string_filter_set_match_mode (self->headers_filter, GTK_STRING_FILTER_MATCH_MODE_SUBSTRING);
  gtk_string_filter_set_ignore_case (self->headers_filter, TRUE);
  filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->headers)),
                                        GTK_FILTER (g_object_ref (self->headers_filter)));
  kanri_record_list_set_layout (self->headers_list, &header_layout);
  kanri_record_list_set_model (self->headers_list, G_LIST_MODEL (filtered));
}

static void
input_setup_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *subtitle = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_MIDDLE);
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_label_set_ellipsize (GTK_LABEL (subtitle), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), subtitle);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_list_item_set_child (item, box);
}

static void
update_input_row (GtkWidget     *box,
                  KanriAnalysis *analysis)
{
  GtkWidget *title = gtk_widget_get_first_child (box);
  GtkWidget *subtitle = gtk_widget_get_next_sibling (title);
  gboolean failed = kanri_analysis_get_state (analysis) == KANRI_ANALYSIS_FAILED;

  gtk_label_set_label (GTK_LABEL (title), kanri_analysis_get_title (analysis));
  gtk_label_set_label (GTK_LABEL (subtitle), kanri_analysis_get_subtitle (analysis));
  gtk_widget_set_tooltip_text (subtitle, kanri_analysis_get_subtitle (analysis));
  if (failed)
    {
      gtk_widget_add_css_class (subtitle, "error");
      gtk_widget_remove_css_class (subtitle, "dim-label");
    }
  else
    {
      gtk_widget_add_css_class (subtitle, "dim-label");
      gtk_widget_remove_css_class (subtitle, "error");
    }
}

static void
input_state_changed_cb (KanriAnalysis *analysis,
                        GParamSpec    *pspec,
                        GtkWidget     *box)
{
  update_input_row (box, analysis);
}

static void
input_bind_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  KanriAnalysis *analysis = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);

  update_input_row (box, analysis);
  g_signal_connect_object (analysis, "notify::subtitle", G_CALLBACK (input_state_changed_cb), box, 0);
}

static void
input_unbind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 gpointer                  user_data)
{
  KanriAnalysis *analysis = gtk_list_item_get_item (item);

  g_signal_handlers_disconnect_by_func (analysis, input_state_changed_cb, gtk_list_item_get_child (item));
}

/* -- life ---------------------------------------------------------------- */

static void
kanri_analyzer_page_tenant_changed (KanriPage *page)
{
  KanriAnalyzerPage *self = KANRI_ANALYZER_PAGE (page);

  kanri_message_trace_session_set_tenant (kanri_trace_group_get_session (self->trace_group),
                                          kanri_page_get_tenant (page));
  kanri_batch_view_set_tenant (self->batch_view, kanri_page_get_tenant (page));
}

static void
kanri_analyzer_page_dispose (GObject *object)
{
  KanriAnalyzerPage *self = (KanriAnalyzerPage *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->resolver);
  g_clear_pointer (&self->resolver_notice, g_free);
  if (self->history != NULL)
    g_signal_handlers_disconnect_by_func (self->history, update_history, self);
  g_clear_object (&self->history);
  g_clear_object (&self->settings);
  g_clear_object (&self->current);
  g_clear_pointer (&self->pending_batch, g_strfreev);
  gtk_widget_dispose_template (GTK_WIDGET (self), KANRI_TYPE_ANALYZER_PAGE);
  g_clear_object (&self->inputs_selection);
  g_clear_object (&self->inputs);
  g_clear_object (&self->hops);
  g_clear_object (&self->antispam);
  g_clear_object (&self->headers);
  g_clear_object (&self->headers_filter);

  G_OBJECT_CLASS (kanri_analyzer_page_parent_class)->dispose (object);
}

static void
kanri_analyzer_page_class_init (KanriAnalyzerPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  KanriPageClass *page_class = KANRI_PAGE_CLASS (klass);

  object_class->dispose = kanri_analyzer_page_dispose;

  page_class->store_changed = kanri_analyzer_page_store_changed;
  page_class->tenant_changed = kanri_analyzer_page_tenant_changed;
  kanri_page_class_set_info (page_class, "analyzer", N_("Header Analyzer"), "mail-unread-symbolic", 20);

  g_type_ensure (KANRI_TYPE_BATCH_RUNS_GROUP);
  g_type_ensure (KANRI_TYPE_BATCH_VIEW);
  g_type_ensure (KANRI_TYPE_HOP_CHART);
  g_type_ensure (KANRI_TYPE_SPLIT_LAYOUT);
  g_type_ensure (KANRI_TYPE_RECORD_LIST);
  g_type_ensure (KANRI_TYPE_SIGNATURES_GROUP);
  g_type_ensure (KANRI_TYPE_SPINNER);
  g_type_ensure (KANRI_TYPE_TRACE_GROUP);
  g_type_ensure (KANRI_TYPE_WRAP_BOX);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/kanri-analyzer-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KanriAnalyzerPage, inputs_button);
  gtk_widget_class_bind_template_child (widget_class, KanriAnalyzerPage, main_stack);
  gtk_widget_class_bind_template_child (widget_class, KanriAnalyzerPage, history_status);
  gtk_widget_class_bind_template_child (widget_class, KanriAnalyzerPage, history_list);
  gtk_widget_class_bind_template_child (widget_class, KanriAnalyzerPage, split);
  gtk_widget_class_bind_template_child (widget_class, KanriAnalyzerPage, inputs_view);
  gtk_widget_class_bind_template_child (widget_class, KanriAnalyzerPage, report_stack);
  gtk_widget_class_bind_template_child (widget_class, KanriAnalyzerPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, KanriAnalyzerPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, KanriAnalyzerPage, report_page);
  gtk_widget_class_bind_template_child (widget_class, KanriAnalyzerPage, subject_row);
  gtk_widget_class_bind_template_child (widget_class, KanriAnalyzerPage, from_row);
  gtk_widget_class_bind_template_child (widget_class, KanriAnalyzerPage, to_row);
  gtk_widget_class_bind_template_child (widget_class, KanriAnalyzerPage, date_row);
  gtk_widget_class_bind_template_child (widget_class, KanriAnalyzerPage, message_id_row);
  gtk_widget_class_bind_template_child (widget_class, KanriAnalyzerPage, total_delay_row);
  gtk_widget_class_bind_template_child (widget_class, KanriAnalyzerPage, source_row);
  gtk_widget_class_bind_template_child (widget_class, KanriAnalyzerPage, findings_list);
  gtk_widget_class_bind_template_child (widget_class, KanriAnalyzerPage, cip_row);
  gtk_widget_class_bind_template_child (widget_class, KanriAnalyzerPage, cip_class_label);
  gtk_widget_class_bind_template_child (widget_class, KanriAnalyzerPage, ef_row);
  gtk_widget_class_bind_template_child (widget_class, KanriAnalyzerPage, ips_list);
  gtk_widget_class_bind_template_child (widget_class, KanriAnalyzerPage, spf_row);
  gtk_widget_class_bind_template_child (widget_class, KanriAnalyzerPage, dkim_row);
  gtk_widget_class_bind_template_child (widget_class, KanriAnalyzerPage, dmarc_row);
  gtk_widget_class_bind_template_child (widget_class, KanriAnalyzerPage, compauth_row);
  gtk_widget_class_bind_template_child (widget_class, KanriAnalyzerPage, auth_as_row);
  gtk_widget_class_bind_template_child (widget_class, KanriAnalyzerPage, arc_row);
  gtk_widget_class_bind_template_child (widget_class, KanriAnalyzerPage, signatures_group);
  gtk_widget_class_bind_template_child (widget_class, KanriAnalyzerPage, ndr_group);
  gtk_widget_class_bind_template_child (widget_class, KanriAnalyzerPage, ndr_status_row);
  gtk_widget_class_bind_template_child (widget_class, KanriAnalyzerPage, ndr_action_row);
  gtk_widget_class_bind_template_child (widget_class, KanriAnalyzerPage, ndr_diagnostic_row);
  gtk_widget_class_bind_template_child (widget_class, KanriAnalyzerPage, ndr_recipient_row);
  gtk_widget_class_bind_template_child (widget_class, KanriAnalyzerPage, ndr_meaning_row);
  gtk_widget_class_bind_template_child (widget_class, KanriAnalyzerPage, ndr_original_row);
  gtk_widget_class_bind_template_child (widget_class, KanriAnalyzerPage, hop_chart);
  gtk_widget_class_bind_template_child (widget_class, KanriAnalyzerPage, hops_list);
  gtk_widget_class_bind_template_child (widget_class, KanriAnalyzerPage, trace_group);
  gtk_widget_class_bind_template_child (widget_class, KanriAnalyzerPage, antispam_list);
  gtk_widget_class_bind_template_child (widget_class, KanriAnalyzerPage, headers_list);
  gtk_widget_class_bind_template_child (widget_class, KanriAnalyzerPage, headers_note);
  gtk_widget_class_bind_template_child (widget_class, KanriAnalyzerPage, headers_search);
  gtk_widget_class_bind_template_child (widget_class, KanriAnalyzerPage, runs_group);
  gtk_widget_class_bind_template_child (widget_class, KanriAnalyzerPage, batch_view);
  gtk_widget_class_bind_template_callback (widget_class, open_run_cb);
  gtk_widget_class_bind_template_callback (widget_class, batch_closed_cb);
  gtk_widget_class_bind_template_callback (widget_class, batch_open_message_cb);
  gtk_widget_class_bind_template_callback (widget_class, history_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, headers_search_changed_cb);

  gtk_widget_class_install_action (widget_class, "analyzer.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "analyzer.open-folder", NULL, open_folder_action);
  gtk_widget_class_install_action (widget_class, "analyzer.paste", NULL, paste_action);
  gtk_widget_class_install_action (widget_class, "analyzer.close-all", NULL, close_all_action);
  gtk_widget_class_install_action (widget_class, "analyzer.show-original", NULL, show_original_action);
  gtk_widget_class_install_action (widget_class, "analyzer.export-json", NULL, export_json_action);
  gtk_widget_class_install_action (widget_class, "analyzer.copy-text", NULL, copy_text_action);
  gtk_widget_class_install_action (widget_class, "analyzer.clear-history", NULL, clear_history_action);
}

static void
kanri_analyzer_page_init (KanriAnalyzerPage *self)
{
  GtkDropTarget *target;
  GtkEventController *shortcuts;
  GtkListItemFactory *factory;
  GType types[] = { GDK_TYPE_FILE_LIST, G_TYPE_FILE, G_TYPE_STRING };

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  /* Signature keys are looked up where the DNS page looks names up. */
  self->resolver = kanri_default_resolver_open (&self->resolver_notice);
  self->settings = g_settings_new (APP_ID);
  g_signal_connect_object (self->settings, "changed::verify-signatures",
                           G_CALLBACK (update_signatures_notice), self, G_CONNECT_SWAPPED);
  update_signatures_notice (self);
  g_signal_connect_object (self->settings, "changed::analysis-history",
                           G_CALLBACK (update_history), self, G_CONNECT_SWAPPED);

  self->inputs = g_list_store_new (KANRI_TYPE_ANALYSIS);
  self->inputs_selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->inputs)));
  gtk_single_selection_set_autoselect (self->inputs_selection, TRUE);
  g_signal_connect_object (self->inputs_selection, "notify::selected-item",
                           G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);
  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (input_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (input_bind_cb), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (input_unbind_cb), NULL);
  gtk_list_view_set_factory (self->inputs_view, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->inputs_view, GTK_SELECTION_MODEL (self->inputs_selection));

  g_object_bind_property (self->split, "show-sidebar", self->inputs_button, "active",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_signal_connect_object (self->split, "notify::collapsed", G_CALLBACK (split_collapsed_cb), self,
                           G_CONNECT_SWAPPED);

  set_up_tables (self);
  g_signal_connect_object (kanri_trace_group_get_session (self->trace_group), "notify::state",
                           G_CALLBACK (trace_state_changed_cb), self, G_CONNECT_SWAPPED);

  /* Ctrl+O and Ctrl+V work wherever the focus is in the window while the
   * page shows (after a click in the page list, the focus is there), and
   * after a text field had its go at Ctrl+V. */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (shortcuts), GTK_SHORTCUT_SCOPE_GLOBAL);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_o, GDK_CONTROL_MASK),
                                                          gtk_named_action_new ("analyzer.open")));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_o, GDK_CONTROL_MASK | GDK_SHIFT_MASK),
                                                          gtk_named_action_new ("analyzer.open-folder")));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_v, GDK_CONTROL_MASK),
                                                          gtk_named_action_new ("analyzer.paste")));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);

  /* Files from a file manager, a single file, or text (headers, or a
   * list of URIs); the area shows :drop(active) while something is over it. */
  target = gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_COPY);
  gtk_drop_target_set_gtypes (target, types, G_N_ELEMENTS (types));
  g_signal_connect_object (target, "drop", G_CALLBACK (drop_cb), self, 0);
  /* On the page's child: a template child that is the page's own child
   * would be unparented behind AdwBin's back when the template goes. */
  gtk_widget_add_controller (adw_bin_get_child (ADW_BIN (self)), GTK_EVENT_CONTROLLER (target));

  update_main_stack (self);
  update_history (self);
}
