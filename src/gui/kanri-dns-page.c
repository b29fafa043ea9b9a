/* kanri-dns-page.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-dns-page"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "kanri-dmarc.h"
#include "kanri-dns-page.h"
#include "kanri-default-resolver.h"
#include "kanri-dns-resolver.h"
#include "kanri-eop-lookup.h"
#include "kanri-ip-classifier.h"
#include "kanri-spf-trace-item.h"
#include "kanri-spf.h"
#include "kanri-spinner.h"
#include "kanri-zone-resolver.h"

/* DNS & IP Tools (PRODUCT.md): SPF and DMARC checks, the Exchange Online
 * Protection ranges (live, with the bundled snapshot as the fallback) and
 * the IP classifier. Every lookup runs in the background, can be cancelled,
 * and is cancelled when the page is left or another tenant is chosen. */

/* The widgets and the running lookup of one of the page's tools. */
typedef struct
{
  GCancellable *cancellable;
  KanriSpinner *spinner;
  GtkButton    *cancel_button;
  GtkButton    *check_button;
  GtkLabel     *message_label;
  gboolean      showing_problems;
} Section;

struct _KanriDnsPage
{
  KanriPage          parent_instance;

  KanriResolver     *resolver;
  KanriIpClassifier *live_classifier;
  GDateTime         *live_time;
  gboolean           eop_failed;
  gpointer           last_tenant;

  Section            spf;
  Section            dmarc;
  Section            eop;

  /* Template widgets */
  AdwPreferencesGroup *zone_group;
  GtkLabel            *zone_label;
  AdwEntryRow         *spf_domain_row;
  AdwEntryRow         *spf_ip_row;
  AdwEntryRow         *spf_sender_row;
  AdwEntryRow         *spf_helo_row;
  AdwPreferencesGroup *spf_result_group;
  AdwActionRow        *spf_result_row;
  AdwActionRow        *spf_lookups_row;
  AdwActionRow        *spf_reason_row;
  AdwActionRow        *spf_explanation_row;
  GtkListView         *spf_trace_view;
  AdwEntryRow         *dmarc_domain_row;
  AdwEntryRow         *dmarc_spf_row;
  AdwEntryRow         *dmarc_dkim_row;
  AdwPreferencesGroup *dmarc_result_group;
  AdwActionRow        *dmarc_result_row;
  AdwActionRow        *dmarc_record_row;
  AdwActionRow        *dmarc_policy_row;
  AdwActionRow        *dmarc_org_row;
  AdwActionRow        *dmarc_spf_align_row;
  AdwActionRow        *dmarc_dkim_align_row;
  AdwActionRow        *dmarc_warnings_row;
  AdwActionRow        *eop_source_row;
  AdwActionRow        *eop_relay_row;
  GtkLabel            *eop_ranges_label;
  AdwEntryRow         *ip_row;
  AdwActionRow        *ip_result_row;
  GtkLabel            *ip_message_label;
};

G_DEFINE_FINAL_TYPE (KanriDnsPage, kanri_dns_page, KANRI_TYPE_PAGE)

enum {
  PROP_0,
  PROP_RESOLVER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const outcome_classes[] = { "success", "warning", "error", "dim-label" };

static void
set_outcome_class (GtkWidget  *widget,
                   const char *css_class)
{
  for (guint i = 0; i < G_N_ELEMENTS (outcome_classes); i++)
    gtk_widget_remove_css_class (widget, outcome_classes[i]);
  if (css_class != NULL)
    gtk_widget_add_css_class (widget, css_class);
}

/* Rows show markup; what the network or the user wrote is shown as text. */
static void
set_subtitle (AdwActionRow *row,
              const char   *text)
{
  g_autofree char *escaped = text != NULL ? g_markup_escape_text (text, -1) : NULL;

  adw_action_row_set_subtitle (row, escaped);
}

static char *
entry_text (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

static void
mark_row (AdwEntryRow *row,
          gboolean     bad)
{
  if (bad)
    gtk_widget_add_css_class (GTK_WIDGET (row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
}

static void
show_message (Section    *section,
              const char *message,
              const char *css_class)
{
  section->showing_problems = FALSE;
  gtk_label_set_label (section->message_label, message != NULL ? message : "");
  set_outcome_class (GTK_WIDGET (section->message_label), css_class);
  gtk_widget_set_visible (GTK_WIDGET (section->message_label), message != NULL);
}

static gboolean
section_running (Section *section)
{
  return section->cancellable != NULL;
}

static void
set_running (Section  *section,
             gboolean  running)
{
  if (!running)
    g_clear_object (&section->cancellable);
  gtk_widget_set_visible (GTK_WIDGET (section->spinner), running);
  kanri_spinner_set_spinning (section->spinner, running);
  gtk_widget_set_visible (GTK_WIDGET (section->cancel_button), running);
}

static GCancellable *
start_section (Section *section)
{
  g_cancellable_cancel (section->cancellable);
  g_clear_object (&section->cancellable);
  section->cancellable = g_cancellable_new ();
  set_running (section, TRUE);
  gtk_widget_set_sensitive (GTK_WIDGET (section->check_button), FALSE);
  show_message (section, NULL, NULL);

  return section->cancellable;
}

static void
cancel_section (Section *section)
{
  /* The callback still runs, with G_IO_ERROR_CANCELLED, and settles the
   * section. */
  g_cancellable_cancel (section->cancellable);
}

/* Words for a failed lookup: the resolver can say that DNS could not be
 * reached, not that the computer has no network at all. */
static char *
describe_failure (KanriDnsPage *self,
                  const char   *message)
{
  if (KANRI_IS_DNS_RESOLVER (self->resolver) &&
      !g_network_monitor_get_network_available (g_network_monitor_get_default ()))
    return g_strdup_printf (_("No network connection: DNS lookups cannot be made (%s)"), message);

  return g_strdup (message);
}

/* Validation */

static gboolean
check_domain (AdwEntryRow  *row,
              gboolean      required,
              GString      *problems)
{
  g_autofree char *text = entry_text (row);
  gboolean ok;

  if (*text == '\0')
    {
      mark_row (row, FALSE);
      return !required;
    }

  ok = kanri_dns_name_is_valid (text) && strchr (text, '.') != NULL;
  mark_row (row, !ok);
  if (!ok)
    {
      if (problems->len > 0)
        g_string_append_c (problems, '\n');
      g_string_append_printf (problems, _("“%s” is not a domain name such as contoso.com"), text);
    }

  return ok;
}

static gboolean
check_ip (AdwEntryRow *row,
          gboolean     required,
          GString     *problems)
{
  g_autofree char *text = entry_text (row);
  KanriIp ip;
  gboolean ok;

  if (*text == '\0')
    {
      mark_row (row, FALSE);
      return !required;
    }

  ok = kanri_ip_parse (text, &ip, NULL);
  mark_row (row, !ok);
  if (!ok)
    {
      if (problems->len > 0)
        g_string_append_c (problems, '\n');
      g_string_append_printf (problems, _("“%s” is not an IPv4 or IPv6 address"), text);
    }

  return ok;
}

static gboolean
check_sender (AdwEntryRow *row,
              GString     *problems)
{
  g_autofree char *text = entry_text (row);
  const char *at = strrchr (text, '@');
  gboolean ok;

  if (*text == '\0')
    {
      mark_row (row, FALSE);
      return TRUE;
    }

  ok = at != NULL && at != text && kanri_dns_name_is_valid (at + 1) && strchr (text, ' ') == NULL;
  mark_row (row, !ok);
  if (!ok)
    {
      if (problems->len > 0)
        g_string_append_c (problems, '\n');
      g_string_append_printf (problems, _("“%s” is not an address such as bounces@contoso.com"), text);
    }

  return ok;
}

static gboolean
check_helo (AdwEntryRow *row,
            GString     *problems)
{
  g_autofree char *text = entry_text (row);
  gboolean ok;

  /* A HELO name is a host name or an address literal such as [192.0.2.1]
   * (RFC 5321 §4.1.1.1); either way, one word. */
  ok = strpbrk (text, " \t") == NULL;
  mark_row (row, !ok);
  if (!ok)
    {
      if (problems->len > 0)
        g_string_append_c (problems, '\n');
      g_string_append_printf (problems, _("“%s” is not a host name"), text);
    }

  return ok;
}

static gboolean
validate_spf (KanriDnsPage *self)
{
  g_autoptr(GString) problems = g_string_new (NULL);
  gboolean ok;

  ok = check_domain (self->spf_domain_row, TRUE, problems);
  ok = check_ip (self->spf_ip_row, TRUE, problems) && ok;
  ok = check_sender (self->spf_sender_row, problems) && ok;
  ok = check_helo (self->spf_helo_row, problems) && ok;

  /* The input's problems replace any other message; once they are fixed,
   * the last outcome (cancelled, an error) is not brought back. */
  if (problems->len > 0)
    {
      show_message (&self->spf, problems->str, "error");
      self->spf.showing_problems = TRUE;
    }
  else if (self->spf.showing_problems)
    show_message (&self->spf, NULL, NULL);

  return ok;
}

static gboolean
validate_dmarc (KanriDnsPage *self)
{
  g_autoptr(GString) problems = g_string_new (NULL);
  gboolean ok;

  ok = check_domain (self->dmarc_domain_row, TRUE, problems);
  ok = check_domain (self->dmarc_spf_row, FALSE, problems) && ok;
  ok = check_domain (self->dmarc_dkim_row, FALSE, problems) && ok;

  /* The input's problems replace any other message; once they are fixed,
   * the last outcome (cancelled, an error) is not brought back. */
  if (problems->len > 0)
    {
      show_message (&self->dmarc, problems->str, "error");
      self->dmarc.showing_problems = TRUE;
    }
  else if (self->dmarc.showing_problems)
    show_message (&self->dmarc, NULL, NULL);

  return ok;
}

static void
update_buttons (KanriDnsPage *self)
{
  gboolean spf_ok = validate_spf (self);
  gboolean dmarc_ok = validate_dmarc (self);
  gboolean have_resolver = self->resolver != NULL;

  gtk_widget_set_sensitive (GTK_WIDGET (self->spf.check_button),
                            spf_ok && have_resolver && !section_running (&self->spf));
  gtk_widget_set_sensitive (GTK_WIDGET (self->dmarc.check_button),
                            dmarc_ok && have_resolver && !section_running (&self->dmarc));
  gtk_widget_set_sensitive (GTK_WIDGET (self->eop.check_button),
                            have_resolver && !section_running (&self->eop));
}

static void
inputs_changed_cb (KanriDnsPage *self)
{
  update_buttons (self);
}

/* SPF */

static const char *
spf_result_label (KanriSpfResult result)
{
  switch (result)
    {
    case KANRI_SPF_RESULT_PASS:
      return C_("spf-result", "Pass");
    case KANRI_SPF_RESULT_FAIL:
      return C_("spf-result", "Fail");
    case KANRI_SPF_RESULT_SOFTFAIL:
      return C_("spf-result", "Soft fail");
    case KANRI_SPF_RESULT_NEUTRAL:
      return C_("spf-result", "Neutral");
    case KANRI_SPF_RESULT_TEMPERROR:
      return C_("spf-result", "Temporary error");
    case KANRI_SPF_RESULT_PERMERROR:
      return C_("spf-result", "Permanent error");
    case KANRI_SPF_RESULT_NONE:
    default:
      return C_("spf-result", "None");
    }
}

static const char *
spf_result_class (KanriSpfResult result)
{
  switch (result)
    {
    case KANRI_SPF_RESULT_PASS:
      return "success";
    case KANRI_SPF_RESULT_FAIL:
    case KANRI_SPF_RESULT_PERMERROR:
      return "error";
    case KANRI_SPF_RESULT_SOFTFAIL:
    case KANRI_SPF_RESULT_TEMPERROR:
      return "warning";
    case KANRI_SPF_RESULT_NEUTRAL:
    case KANRI_SPF_RESULT_NONE:
    default:
      return NULL;
    }
}

static GListModel *
create_trace_children (gpointer item,
                       gpointer user_data)
{
  return kanri_spf_trace_item_get_children (KANRI_SPF_TRACE_ITEM (item));
}

static GtkWidget *
add_trace_label (GtkWidget *box)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_box_append (GTK_BOX (box), label);

  return label;
}

/* A row of the trace: the subject, the detail, then for a record its
 * result and for a term its place among the DNS lookups. */
static void
trace_setup_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item)
{
  GtkWidget *expander = gtk_tree_expander_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_add_css_class (add_trace_label (box), "monospace");
  add_trace_label (box);
  gtk_widget_add_css_class (add_trace_label (box), "heading");
  gtk_widget_add_css_class (add_trace_label (box), "caption");

  gtk_tree_expander_set_child (GTK_TREE_EXPANDER (expander), box);
  gtk_list_item_set_child (list_item, expander);
  gtk_list_item_set_activatable (list_item, FALSE);
}

static void
trace_bind_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item)
{
  GtkTreeListRow *row = gtk_list_item_get_item (list_item);
  GtkWidget *expander = gtk_list_item_get_child (list_item);
  g_autoptr(KanriSpfTraceItem) item = gtk_tree_list_row_get_item (row);
  GtkWidget *box = gtk_tree_expander_get_child (GTK_TREE_EXPANDER (expander));
  GtkWidget *subject = gtk_widget_get_first_child (box);
  GtkWidget *detail = gtk_widget_get_next_sibling (subject);
  GtkWidget *result = gtk_widget_get_next_sibling (detail);
  GtkWidget *count = gtk_widget_get_next_sibling (result);
  KanriSpfStepKind kind = kanri_spf_trace_item_get_kind (item);
  guint lookup = kanri_spf_trace_item_get_lookup_number (item);
  const char *detail_class = "dim-label";

  gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (expander), row);
  gtk_label_set_label (GTK_LABEL (subject), kanri_spf_trace_item_get_subject (item));
  gtk_label_set_label (GTK_LABEL (detail), kanri_spf_trace_item_get_detail (item));
  gtk_widget_set_visible (detail, kanri_spf_trace_item_get_detail (item) != NULL);

  if (kind == KANRI_SPF_STEP_RECORD)
    {
      /* Translators: the result of one SPF record in the trace */
      g_autofree char *text = g_strdup_printf (_("Result: %s"),
                                               spf_result_label (kanri_spf_trace_item_get_result (item)));

      gtk_label_set_label (GTK_LABEL (result), text);
      set_outcome_class (result, spf_result_class (kanri_spf_trace_item_get_result (item)));
      detail_class = NULL;
    }
  else if (kind == KANRI_SPF_STEP_TERM && kanri_spf_trace_item_get_matched (item))
    detail_class = spf_result_class (kanri_spf_trace_item_get_result (item));
  gtk_widget_set_visible (result, kind == KANRI_SPF_STEP_RECORD);
  set_outcome_class (detail, detail_class);

  if (lookup > 0)
    {
      /* Translators: which of the 10 DNS-querying terms an SPF check may
       * use this one is */
      g_autofree char *text = g_strdup_printf (_("DNS lookup %u of %u"), lookup,
                                               KANRI_SPF_MAX_DNS_MECHANISMS);
      gtk_label_set_label (GTK_LABEL (count), text);
    }
  gtk_widget_set_visible (count, lookup > 0);

  gtk_accessible_update_property (GTK_ACCESSIBLE (expander),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  kanri_spf_trace_item_get_subject (item),
                                  -1);
}

static void
show_spf_report (KanriDnsPage   *self,
                 KanriSpfReport *report)
{
  g_autoptr(GListModel) root = kanri_spf_trace_item_new_root (report);
  GtkTreeListModel *tree;
  g_autofree char *result = NULL;
  g_autofree char *lookups = NULL;

  /* Translators: an SPF result and what it means, e.g. "Fail: This IP
   * address is not authorized to send for the domain." */
  result = g_strdup_printf (_("%s: %s"), spf_result_label (report->result),
                            kanri_spf_result_describe (report->result));
  set_subtitle (self->spf_result_row, result);
  set_outcome_class (GTK_WIDGET (self->spf_result_row), spf_result_class (report->result));

  /* Translators: RFC 7208's limits: at most 10 terms that query DNS and 2
   * lookups that find nothing */
  lookups = g_strdup_printf (_("%u of %u, of which void: %u of %u"),
                             report->lookups, KANRI_SPF_MAX_DNS_MECHANISMS,
                             report->void_lookups, KANRI_SPF_MAX_VOID_LOOKUPS);
  set_subtitle (self->spf_lookups_row, lookups);

  if (report->reason != NULL)
    {
      g_autofree char *reason = report->result == KANRI_SPF_RESULT_TEMPERROR
                                ? describe_failure (self, report->reason)
                                : g_strdup (report->reason);

      set_subtitle (self->spf_reason_row, reason);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->spf_reason_row), report->reason != NULL);
  set_subtitle (self->spf_explanation_row, report->explanation);
  gtk_widget_set_visible (GTK_WIDGET (self->spf_explanation_row), report->explanation != NULL);

  tree = gtk_tree_list_model_new (g_steal_pointer (&root), FALSE, TRUE,
                                  create_trace_children, NULL, NULL);
  gtk_list_view_set_model (self->spf_trace_view,
                           GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (tree))));
  gtk_widget_set_visible (GTK_WIDGET (self->spf_result_group), TRUE);
}

static void
spf_checked_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(KanriDnsPage) self = user_data;
  g_autoptr(KanriSpfReport) report = NULL;
  g_autoptr(GError) error = NULL;

  report = kanri_spf_check_host_finish (result, &error);
  /* A lookup that was replaced, or a page that was disposed. */
  if (self->spf.message_label == NULL ||
      g_task_get_cancellable (G_TASK (result)) != self->spf.cancellable)
    return;

  set_running (&self->spf, FALSE);
  show_message (&self->spf, NULL, NULL);
  update_buttons (self);

  if (report == NULL)
    {
      g_autofree char *message = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          show_message (&self->spf, _("The SPF check was cancelled."), "dim-label");
          return;
        }
      message = describe_failure (self, error->message);
      show_message (&self->spf, message, "error");
      return;
    }

  show_spf_report (self, report);
}

static void
spf_check_cb (KanriDnsPage *self)
{
  g_autofree char *domain = entry_text (self->spf_domain_row);
  g_autofree char *ip = entry_text (self->spf_ip_row);
  g_autofree char *sender = entry_text (self->spf_sender_row);
  g_autofree char *helo = entry_text (self->spf_helo_row);
  KanriSpfQuery query = { 0 };
  GCancellable *cancellable;

  if (self->resolver == NULL || !validate_spf (self))
    return;

  query.ip = ip;
  query.domain = domain;
  query.sender = *sender != '\0' ? sender : NULL;
  query.helo = *helo != '\0' ? helo : NULL;

  cancellable = start_section (&self->spf);
  show_message (&self->spf, _("Checking…"), "dim-label");
  kanri_spf_check_host_async (self->resolver, &query, cancellable, spf_checked_cb, g_object_ref (self));
}

static void
spf_cancel_cb (KanriDnsPage *self)
{
  cancel_section (&self->spf);
}

/* DMARC */

static char *
describe_identifier (KanriDmarcIdentifier  identifier,
                     KanriDmarcRecord     *record,
                     gboolean              spf)
{
  KanriDmarcAlignment mode = KANRI_DMARC_ALIGNMENT_RELAXED;
  const char *mode_text;

  if (identifier == KANRI_DMARC_IDENTIFIER_NOT_GIVEN)
    return g_strdup (_("Not checked: no domain given"));

  if (record != NULL)
    mode = spf ? record->spf_alignment : record->dkim_alignment;
  mode_text = mode == KANRI_DMARC_ALIGNMENT_STRICT ? _("strict") : _("relaxed");

  /* Translators: %s is "strict" or "relaxed", the record's aspf=/adkim= */
  if (identifier == KANRI_DMARC_IDENTIFIER_ALIGNED)
    return g_strdup_printf (_("Aligned (%s)"), mode_text);
  return g_strdup_printf (_("Not aligned (%s)"), mode_text);
}

static void
show_dmarc_report (KanriDnsPage     *self,
                   KanriDmarcReport *report)
{
  KanriDmarcRecord *record = report->record;
  gboolean found = report->status == KANRI_DMARC_STATUS_FOUND && record != NULL;
  g_autofree char *result = NULL;
  g_autofree char *spf = NULL;
  g_autofree char *dkim = NULL;
  const char *css_class;

  if (!found)
    {
      const char *what;

      switch (report->status)
        {
        case KANRI_DMARC_STATUS_NO_RECORD:
          what = _("No DMARC record: the domain publishes no DMARC policy");
          break;
        case KANRI_DMARC_STATUS_MULTIPLE_RECORDS:
          what = _("More than one DMARC record: receivers ignore them all");
          break;
        case KANRI_DMARC_STATUS_INVALID_RECORD:
          what = _("The DMARC record is invalid");
          break;
        case KANRI_DMARC_STATUS_TEMPERROR:
        case KANRI_DMARC_STATUS_FOUND:
        default:
          what = _("The DMARC record could not be read for now");
          break;
        }
      if (report->reason != NULL)
        {
          g_autofree char *reason = report->status == KANRI_DMARC_STATUS_TEMPERROR
                                    ? describe_failure (self, report->reason)
                                    : g_strdup (report->reason);

          result = g_strdup_printf ("%s (%s)", what, reason);
        }
      else
        result = g_strdup (what);
      css_class = report->status == KANRI_DMARC_STATUS_TEMPERROR ? "warning" : "error";
    }
  else if (report->spf == KANRI_DMARC_IDENTIFIER_NOT_GIVEN &&
           report->dkim == KANRI_DMARC_IDENTIFIER_NOT_GIVEN)
    {
      result = g_strdup (_("Record found; give the domains that passed SPF or DKIM to check alignment"));
      css_class = NULL;
    }
  else if (report->passed)
    {
      result = g_strdup (_("Pass: an authenticated domain is aligned with the From domain"));
      css_class = "success";
    }
  else
    {
      result = g_strdup (_("Fail: neither the SPF nor the DKIM domain is aligned with the From domain"));
      css_class = "error";
    }
  set_subtitle (self->dmarc_result_row, result);
  set_outcome_class (GTK_WIDGET (self->dmarc_result_row), css_class);

  gtk_widget_set_visible (GTK_WIDGET (self->dmarc_record_row), found);
  gtk_widget_set_visible (GTK_WIDGET (self->dmarc_policy_row), found);
  if (found)
    {
      g_autofree char *policy = NULL;
      g_autofree char *record_text = NULL;

      /* Translators: the policy for the domain, then the record's tags, e.g.
       * "reject (p=reject, sp=quarantine, pct=50)"; the tags stay as they are */
      policy = g_strdup_printf (_("%s (p=%s, sp=%s, pct=%u)"),
                                kanri_dmarc_policy_to_string (report->effective_policy),
                                kanri_dmarc_policy_to_string (record->policy),
                                kanri_dmarc_policy_to_string (record->subdomain_policy),
                                record->percent);
      if (report->from_organizational_domain)
        {
          g_autofree char *with_note = NULL;

          /* Translators: after the policy; RFC 7489 §6.6.3 */
          with_note = g_strdup_printf (_("%s — the organizational domain’s record, so sp= applies"), policy);
          g_free (policy);
          policy = g_steal_pointer (&with_note);
        }
      set_subtitle (self->dmarc_policy_row, policy);

      /* Translators: a DMARC record, then the name it was found at */
      record_text = g_strdup_printf (_("%s\nat %s"), record->text,
                                     report->record_domain != NULL ? report->record_domain : "");
      set_subtitle (self->dmarc_record_row, record_text);
    }

  set_subtitle (self->dmarc_org_row, report->organizational_domain);

  spf = describe_identifier (report->spf, record, TRUE);
  dkim = describe_identifier (report->dkim, record, FALSE);
  set_subtitle (self->dmarc_spf_align_row, spf);
  set_subtitle (self->dmarc_dkim_align_row, dkim);
  set_outcome_class (GTK_WIDGET (self->dmarc_spf_align_row),
                     report->spf == KANRI_DMARC_IDENTIFIER_ALIGNED ? "success" : NULL);
  set_outcome_class (GTK_WIDGET (self->dmarc_dkim_align_row),
                     report->dkim == KANRI_DMARC_IDENTIFIER_ALIGNED ? "success" : NULL);

  if (found && record->warnings != NULL && record->warnings[0] != NULL)
    {
      g_autofree char *warnings = g_strjoinv ("\n", record->warnings);

      set_subtitle (self->dmarc_warnings_row, warnings);
      gtk_widget_set_visible (GTK_WIDGET (self->dmarc_warnings_row), TRUE);
    }
  else
    gtk_widget_set_visible (GTK_WIDGET (self->dmarc_warnings_row), FALSE);

  gtk_widget_set_visible (GTK_WIDGET (self->dmarc_result_group), TRUE);
}

static void
dmarc_checked_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(KanriDnsPage) self = user_data;
  g_autoptr(KanriDmarcReport) report = NULL;
  g_autoptr(GError) error = NULL;

  report = kanri_dmarc_check_finish (result, &error);
  /* A lookup that was replaced, or a page that was disposed. */
  if (self->dmarc.message_label == NULL ||
      g_task_get_cancellable (G_TASK (result)) != self->dmarc.cancellable)
    return;

  set_running (&self->dmarc, FALSE);
  show_message (&self->dmarc, NULL, NULL);
  update_buttons (self);

  if (report == NULL)
    {
      g_autofree char *message = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          show_message (&self->dmarc, _("The DMARC check was cancelled."), "dim-label");
          return;
        }
      message = describe_failure (self, error->message);
      show_message (&self->dmarc, message, "error");
      return;
    }

  show_dmarc_report (self, report);
}

static void
dmarc_check_cb (KanriDnsPage *self)
{
  g_autofree char *domain = entry_text (self->dmarc_domain_row);
  g_autofree char *spf_domain = entry_text (self->dmarc_spf_row);
  g_autofree char *dkim_domain = entry_text (self->dmarc_dkim_row);
  KanriDmarcQuery query = { 0 };
  GCancellable *cancellable;

  if (self->resolver == NULL || !validate_dmarc (self))
    return;

  query.domain = domain;
  query.spf_domain = *spf_domain != '\0' ? spf_domain : NULL;
  query.dkim_domain = *dkim_domain != '\0' ? dkim_domain : NULL;

  cancellable = start_section (&self->dmarc);
  show_message (&self->dmarc, _("Checking…"), "dim-label");
  kanri_dmarc_check_async (self->resolver, &query, cancellable, dmarc_checked_cb, g_object_ref (self));
}

static void
dmarc_cancel_cb (KanriDnsPage *self)
{
  cancel_section (&self->dmarc);
}

static void
entry_activated_cb (KanriDnsPage *self,
                    AdwEntryRow  *row)
{
  if (row == self->dmarc_domain_row || row == self->dmarc_spf_row || row == self->dmarc_dkim_row)
    {
      if (gtk_widget_get_sensitive (GTK_WIDGET (self->dmarc.check_button)))
        dmarc_check_cb (self);
    }
  else if (gtk_widget_get_sensitive (GTK_WIDGET (self->spf.check_button)))
    spf_check_cb (self);
}

/* Exchange Online Protection ranges and the IP classifier */

static KanriIpClassifier *
current_classifier (KanriDnsPage *self)
{
  return self->live_classifier != NULL ? self->live_classifier : kanri_ip_classifier_get_default ();
}

static void
show_ranges (KanriDnsPage *self)
{
  KanriIpClassifier *classifier = current_classifier (self);
  g_autoptr(GString) v4 = g_string_new (NULL);
  g_autoptr(GString) v6 = g_string_new (NULL);
  g_autofree char *text = NULL;
  const KanriIpRange *ranges;
  gsize n_ranges;

  ranges = kanri_ip_classifier_get_eop_ranges (classifier, &n_ranges);
  for (gsize i = 0; i < n_ranges; i++)
    {
      g_autofree char *range = kanri_ip_range_to_string (&ranges[i]);
      GString *list = ranges[i].first.family == KANRI_IP_FAMILY_V4 ? v4 : v6;

      g_string_append_printf (list, "\n%s", range);
    }

  text = g_strdup_printf ("%s%s\n\n%s%s", _("IPv4"), v4->str, _("IPv6"), v6->str);
  gtk_label_set_label (self->eop_ranges_label, text);
}

static void
show_eop_source (KanriDnsPage *self,
                 const char   *problem,
                 gboolean      cancelled)
{
  KanriIpClassifier *snapshot = kanri_ip_classifier_get_default ();
  g_autofree char *text = NULL;

  if (self->live_classifier != NULL)
    {
      g_autofree char *when = g_date_time_format (self->live_time, "%x %X");

      /* Translators: %s is the date and time of the lookup */
      text = g_strdup_printf (_("Live, resolved at %s"), when);
      set_outcome_class (GTK_WIDGET (self->eop_source_row), "success");
    }
  else if (problem != NULL)
    {
      /* Translators: the first %s is the snapshot's date, the second why the
       * live lookup did not give the ranges */
      text = g_strdup_printf (_("Snapshot of %s — live lookup failed: %s"),
                              kanri_ip_classifier_get_date (snapshot), problem);
      set_outcome_class (GTK_WIDGET (self->eop_source_row), "warning");
    }
  else if (cancelled)
    {
      /* Translators: %s is the snapshot's date */
      text = g_strdup_printf (_("Snapshot of %s — live lookup cancelled"),
                              kanri_ip_classifier_get_date (snapshot));
      set_outcome_class (GTK_WIDGET (self->eop_source_row), NULL);
    }
  else
    {
      text = g_strdup_printf (_("Snapshot of %s"), kanri_ip_classifier_get_date (snapshot));
      set_outcome_class (GTK_WIDGET (self->eop_source_row), NULL);
    }

  set_subtitle (self->eop_source_row, text);
}

static void
ip_changed_cb (KanriDnsPage *self)
{
  g_autofree char *text = entry_text (self->ip_row);
  g_autofree char *subtitle = NULL;
  g_autofree char *against = NULL;
  KanriIpClass klass;
  KanriIp ip;

  if (*text == '\0')
    {
      mark_row (self->ip_row, FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->ip_message_label), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->ip_result_row), FALSE);
      return;
    }

  if (!kanri_ip_parse (text, &ip, NULL))
    {
      g_autofree char *message = g_strdup_printf (_("“%s” is not an IPv4 or IPv6 address"), text);

      mark_row (self->ip_row, TRUE);
      gtk_label_set_label (self->ip_message_label, message);
      gtk_widget_set_visible (GTK_WIDGET (self->ip_message_label), TRUE);
      gtk_widget_set_visible (GTK_WIDGET (self->ip_result_row), FALSE);
      return;
    }

  mark_row (self->ip_row, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->ip_message_label), FALSE);

  klass = kanri_ip_classifier_classify (current_classifier (self), &ip);
  if (self->live_classifier != NULL)
    against = g_strdup (_("Compared with the live Exchange Online Protection ranges."));
  else
    against = g_strdup_printf (_("Compared with the Exchange Online Protection ranges of the snapshot of %s."),
                               kanri_ip_classifier_get_date (kanri_ip_classifier_get_default ()));
  /* Translators: the class of an address, what it means, and which list of
   * ranges it was compared with */
  subtitle = g_strdup_printf (_("%s: %s\n%s"), kanri_ip_class_get_label (klass),
                              kanri_ip_class_get_description (klass), against);
  set_subtitle (self->ip_result_row, subtitle);
  set_outcome_class (GTK_WIDGET (self->ip_result_row),
                     klass == KANRI_IP_CLASS_EOP_OUTBOUND || klass == KANRI_IP_CLASS_RELAY_POOL ||
                     klass == KANRI_IP_CLASS_MICROSOFT_365
                     ? "success" : NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->ip_result_row), TRUE);
}

static void
eop_looked_up_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(KanriDnsPage) self = user_data;
  g_autoptr(GArray) ranges = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *date = NULL;

  ranges = kanri_eop_lookup_finish (result, &error);
  /* A lookup that was replaced, or a page that was disposed. */
  if (self->eop.message_label == NULL ||
      g_task_get_cancellable (G_TASK (result)) != self->eop.cancellable)
    return;

  set_running (&self->eop, FALSE);
  update_buttons (self);
  show_message (&self->eop, NULL, NULL);

  if (ranges == NULL)
    {
      g_autofree char *message = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          show_eop_source (self, NULL, TRUE);
          return;
        }
      self->eop_failed = TRUE;
      message = describe_failure (self, error->message);
      show_eop_source (self, message, FALSE);
      return;
    }

  now = g_date_time_new_now_local ();
  date = g_date_time_format (now, "%Y-%m-%d");
  g_clear_object (&self->live_classifier);
  self->live_classifier = kanri_ip_classifier_new_from_ranges ((const KanriIpRange *)ranges->data, ranges->len,
                                                               date, KANRI_EOP_SPF_NAME);
  g_clear_pointer (&self->live_time, g_date_time_unref);
  self->live_time = g_steal_pointer (&now);
  self->eop_failed = FALSE;

  show_eop_source (self, NULL, FALSE);
  show_ranges (self);
  ip_changed_cb (self);
}

static void
eop_check_cb (KanriDnsPage *self)
{
  GCancellable *cancellable;

  if (self->resolver == NULL)
    return;

  cancellable = start_section (&self->eop);
  show_message (&self->eop, _("Looking up spf.protection.outlook.com…"), "dim-label");
  kanri_eop_lookup_async (self->resolver, KANRI_EOP_SPF_NAME, cancellable,
                          eop_looked_up_cb, g_object_ref (self));
}

static void
eop_cancel_cb (KanriDnsPage *self)
{
  cancel_section (&self->eop);
}

/* The page */

/**
 * kanri_dns_page_cancel:
 *
 * Cancels every lookup the page is running. The page stays usable.
 */
void
kanri_dns_page_cancel (KanriDnsPage *self)
{
  g_return_if_fail (KANRI_IS_DNS_PAGE (self));

  cancel_section (&self->spf);
  cancel_section (&self->dmarc);
  cancel_section (&self->eop);
}

KanriResolver *
kanri_dns_page_get_resolver (KanriDnsPage *self)
{
  g_return_val_if_fail (KANRI_IS_DNS_PAGE (self), NULL);

  return self->resolver;
}

/**
 * kanri_dns_page_set_resolver:
 * @resolver: (nullable): where the page's lookups go
 *
 * Running lookups are cancelled; the live ranges are looked up again with
 * @resolver the next time the page is shown.
 */
void
kanri_dns_page_set_resolver (KanriDnsPage  *self,
                             KanriResolver *resolver)
{
  g_return_if_fail (KANRI_IS_DNS_PAGE (self));
  g_return_if_fail (resolver == NULL || KANRI_IS_RESOLVER (resolver));

  if (self->resolver == resolver)
    return;

  kanri_dns_page_cancel (self);
  g_set_object (&self->resolver, resolver);
  g_clear_object (&self->live_classifier);
  self->eop_failed = FALSE;
  show_eop_source (self, NULL, FALSE);
  show_ranges (self);
  update_buttons (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RESOLVER]);
}

static void
open_default_resolver (KanriDnsPage *self)
{
  g_autofree char *notice = NULL;
  g_autoptr(KanriResolver) resolver = kanri_default_resolver_open (&notice);

  if (notice != NULL)
    {
      gtk_label_set_label (self->zone_label, notice);
      gtk_widget_set_visible (GTK_WIDGET (self->zone_group), TRUE);
    }
  kanri_dns_page_set_resolver (self, resolver);
}

static void
kanri_dns_page_tenant_changed (KanriPage *page)
{
  KanriDnsPage *self = KANRI_DNS_PAGE (page);
  KanriTenant *tenant = kanri_page_get_tenant (page);

  /* The first tenant the window hands over is no change of mind: a lookup
   * started when the page first showed goes on. */
  if (self->last_tenant != NULL && self->last_tenant != tenant)
    kanri_dns_page_cancel (self);
  g_set_weak_pointer (&self->last_tenant, tenant);
}

static void
kanri_dns_page_map (GtkWidget *widget)
{
  KanriDnsPage *self = KANRI_DNS_PAGE (widget);

  GTK_WIDGET_CLASS (kanri_dns_page_parent_class)->map (widget);

  /* The live ranges are looked up when the page is first shown, and again
   * after a cancelled lookup; a failure waits for Look Up Live. */
  if (self->live_classifier == NULL && !self->eop_failed &&
      !section_running (&self->eop) && self->resolver != NULL)
    eop_check_cb (self);
}

static void
kanri_dns_page_unmap (GtkWidget *widget)
{
  kanri_dns_page_cancel (KANRI_DNS_PAGE (widget));

  GTK_WIDGET_CLASS (kanri_dns_page_parent_class)->unmap (widget);
}

static void
kanri_dns_page_dispose (GObject *object)
{
  KanriDnsPage *self = (KanriDnsPage *)object;
  Section *sections[] = { &self->spf, &self->dmarc, &self->eop };

  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    {
      g_cancellable_cancel (sections[i]->cancellable);
      g_clear_object (&sections[i]->cancellable);
    }
  g_clear_weak_pointer (&self->last_tenant);
  gtk_widget_dispose_template (GTK_WIDGET (self), KANRI_TYPE_DNS_PAGE);
  /* Callbacks still on their way find no widgets and do nothing. */
  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    sections[i]->message_label = NULL;

  G_OBJECT_CLASS (kanri_dns_page_parent_class)->dispose (object);
}

static void
kanri_dns_page_finalize (GObject *object)
{
  KanriDnsPage *self = (KanriDnsPage *)object;

  g_clear_object (&self->resolver);
  g_clear_object (&self->live_classifier);
  g_clear_pointer (&self->live_time, g_date_time_unref);

  G_OBJECT_CLASS (kanri_dns_page_parent_class)->finalize (object);
}

static void
kanri_dns_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  KanriDnsPage *self = KANRI_DNS_PAGE (object);

  switch (prop_id)
    {
    case PROP_RESOLVER:
      g_value_set_object (value, self->resolver);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kanri_dns_page_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  KanriDnsPage *self = KANRI_DNS_PAGE (object);

  switch (prop_id)
    {
    case PROP_RESOLVER:
      kanri_dns_page_set_resolver (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

#define BIND_SECTION(name) \
  gtk_widget_class_bind_template_child_full (widget_class, #name "_spinner", FALSE, \
                                             G_STRUCT_OFFSET (KanriDnsPage, name.spinner)); \
  gtk_widget_class_bind_template_child_full (widget_class, #name "_cancel_button", FALSE, \
                                             G_STRUCT_OFFSET (KanriDnsPage, name.cancel_button)); \
  gtk_widget_class_bind_template_child_full (widget_class, #name "_check_button", FALSE, \
                                             G_STRUCT_OFFSET (KanriDnsPage, name.check_button)); \
  gtk_widget_class_bind_template_child_full (widget_class, #name "_message_label", FALSE, \
                                             G_STRUCT_OFFSET (KanriDnsPage, name.message_label)); \
  gtk_widget_class_bind_template_callback (widget_class, name ## _check_cb); \
  gtk_widget_class_bind_template_callback (widget_class, name ## _cancel_cb)

static void
kanri_dns_page_class_init (KanriDnsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  KanriPageClass *page_class = KANRI_PAGE_CLASS (klass);

  object_class->dispose = kanri_dns_page_dispose;
  object_class->finalize = kanri_dns_page_finalize;
  object_class->get_property = kanri_dns_page_get_property;
  object_class->set_property = kanri_dns_page_set_property;

  widget_class->map = kanri_dns_page_map;
  widget_class->unmap = kanri_dns_page_unmap;

  page_class->tenant_changed = kanri_dns_page_tenant_changed;
  kanri_page_class_set_info (page_class, "dns", N_("DNS & IP Tools"), "network-workgroup-symbolic", 60);

  properties[PROP_RESOLVER] =
    g_param_spec_object ("resolver", NULL, NULL,
                         KANRI_TYPE_RESOLVER,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (KANRI_TYPE_SPINNER);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/kanri-dns-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KanriDnsPage, zone_group);
  gtk_widget_class_bind_template_child (widget_class, KanriDnsPage, zone_label);
  gtk_widget_class_bind_template_child (widget_class, KanriDnsPage, spf_domain_row);
  gtk_widget_class_bind_template_child (widget_class, KanriDnsPage, spf_ip_row);
  gtk_widget_class_bind_template_child (widget_class, KanriDnsPage, spf_sender_row);
  gtk_widget_class_bind_template_child (widget_class, KanriDnsPage, spf_helo_row);
  gtk_widget_class_bind_template_child (widget_class, KanriDnsPage, spf_result_group);
  gtk_widget_class_bind_template_child (widget_class, KanriDnsPage, spf_result_row);
  gtk_widget_class_bind_template_child (widget_class, KanriDnsPage, spf_lookups_row);
  gtk_widget_class_bind_template_child (widget_class, KanriDnsPage, spf_reason_row);
  gtk_widget_class_bind_template_child (widget_class, KanriDnsPage, spf_explanation_row);
  gtk_widget_class_bind_template_child (widget_class, KanriDnsPage, spf_trace_view);
  gtk_widget_class_bind_template_child (widget_class, KanriDnsPage, dmarc_domain_row);
  gtk_widget_class_bind_template_child (widget_class, KanriDnsPage, dmarc_spf_row);
  gtk_widget_class_bind_template_child (widget_class, KanriDnsPage, dmarc_dkim_row);
  gtk_widget_class_bind_template_child (widget_class, KanriDnsPage, dmarc_result_group);
  gtk_widget_class_bind_template_child (widget_class, KanriDnsPage, dmarc_result_row);
  gtk_widget_class_bind_template_child (widget_class, KanriDnsPage, dmarc_record_row);
  gtk_widget_class_bind_template_child (widget_class, KanriDnsPage, dmarc_policy_row);
  gtk_widget_class_bind_template_child (widget_class, KanriDnsPage, dmarc_org_row);
  gtk_widget_class_bind_template_child (widget_class, KanriDnsPage, dmarc_spf_align_row);
  gtk_widget_class_bind_template_child (widget_class, KanriDnsPage, dmarc_dkim_align_row);
  gtk_widget_class_bind_template_child (widget_class, KanriDnsPage, dmarc_warnings_row);
  gtk_widget_class_bind_template_child (widget_class, KanriDnsPage, eop_source_row);
  gtk_widget_class_bind_template_child (widget_class, KanriDnsPage, eop_relay_row);
  gtk_widget_class_bind_template_child (widget_class, KanriDnsPage, eop_ranges_label);
  gtk_widget_class_bind_template_child (widget_class, KanriDnsPage, ip_row);
  gtk_widget_class_bind_template_child (widget_class, KanriDnsPage, ip_result_row);
  gtk_widget_class_bind_template_child (widget_class, KanriDnsPage, ip_message_label);
  BIND_SECTION (spf);
  BIND_SECTION (dmarc);
  BIND_SECTION (eop);
  gtk_widget_class_bind_template_callback (widget_class, inputs_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, ip_changed_cb);
}

static void
kanri_dns_page_init (KanriDnsPage *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autofree char *relay = NULL;
  g_autofree char *relay_pool = kanri_ip_range_to_string (kanri_ip_classifier_get_relay_pool ());

  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect (factory, "setup", G_CALLBACK (trace_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (trace_bind_cb), NULL);
  gtk_list_view_set_factory (self->spf_trace_view, factory);
  /* Looking the ranges up again is a secondary action: the page does it
   * on its own when it is first shown. */
  gtk_widget_remove_css_class (GTK_WIDGET (self->eop.check_button), "suggested-action");

  /* PRODUCT.md's correction of the notes, from Microsoft Learn "High-risk
   * delivery pool for outbound messages". */
  relay = g_strdup_printf (_("%s: Exchange Online’s pool for forwarded and relayed mail. It is not in the "
                             "SPF record, and it is not the high-risk delivery pool, whose addresses are "
                             "not published."), relay_pool);
  set_subtitle (self->eop_relay_row, relay);

  open_default_resolver (self);
}
