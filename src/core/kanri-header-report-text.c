/* kanri-header-report-text.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-header-report-text"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "kanri-header-report-private.h"
#include "kanri-ndr.h"
#include "kanri-steps.h"

/* The report as plain text, for people: `kanri-cli analyze` without --json
 * and the Header Analyzer's "Copy as text". */

static void
line (GString    *out,
      int         indent,
      const char *label,
      const char *value)
{
  if (value == NULL)
    return;

  for (int i = 0; i < indent; i++)
    g_string_append (out, "  ");
  g_string_append_printf (out, "%s: %s\n", label, value);
}

static void
heading (GString    *out,
         int         indent,
         const char *title)
{
  g_string_append_c (out, '\n');
  for (int i = 0; i < indent; i++)
    g_string_append (out, "  ");
  g_string_append_printf (out, "%s\n", title);
}

static void
append_summary (KanriHeaderReport *self,
                GString           *out,
                int                indent)
{
  char iso[KANRI_DATE_ISO8601_MAX];

  heading (out, indent, _("Summary"));
  line (out, indent + 1, _("Subject"), self->subject);
  line (out, indent + 1, _("From"), self->from);
  line (out, indent + 1, _("To"), self->to);
  if (self->has_date)
    {
      kanri_date_format_iso8601 (&self->date, iso);
      line (out, indent + 1, _("Date (UTC)"), iso);
    }
  else
    line (out, indent + 1, _("Date"), self->date_text);
  line (out, indent + 1, _("Message-ID"), self->message_id);

  if (self->has_total_delay)
    {
      g_autofree char *total = g_strdup_printf (_("%s s"), self->total_delay_text);

      line (out, indent + 1, _("Total delivery time"), total);
    }
}

static void
append_findings (KanriHeaderReport *self,
                 GString           *out,
                 int                indent)
{
  if (self->findings->len == 0)
    return;

  heading (out, indent, _("Findings"));
  for (guint i = 0; i < self->findings->len; i++)
    {
      const KanriHeaderFinding *finding = g_ptr_array_index (self->findings, i);

      KANRI_STEP ();
      for (int j = 0; j <= indent; j++)
        g_string_append (out, "  ");
      g_string_append_printf (out, "[%s] %s: %s\n", kanri_severity_to_string (finding->severity),
                              finding->id, finding->message);
    }
}

static void
append_hops (KanriHeaderReport *self,
             GString           *out,
             int                indent)
{
  if (self->hops->len == 0)
    return;

  heading (out, indent, _("Hops (oldest first)"));
  for (guint i = 0; i < self->hops->len; i++)
    {
      const KanriHop *hop = g_ptr_array_index (self->hops, i);
      const KanriReceived *received = hop->received;
      char iso[KANRI_DATE_ISO8601_MAX];

      KANRI_STEP ();
      for (int j = 0; j <= indent; j++)
        g_string_append (out, "  ");
      g_string_append_printf (out, "%u.", i + 1);
      if (received->from != NULL || received->from_ip != NULL)
        {
          g_string_append_printf (out, " %s %s", _("from"), received->from != NULL ? received->from : received->from_ip);
          /* The address once, even when the host is written as a literal. */
          if (received->from_ip != NULL && received->from != NULL && strstr (received->from, received->from_ip) == NULL)
            g_string_append_printf (out, " [%s, %s]", received->from_ip,
                                    kanri_ip_class_get_label (hop->from_ip_class));
          else if (received->from_ip != NULL)
            g_string_append_printf (out, " [%s]", kanri_ip_class_get_label (hop->from_ip_class));
        }
      if (received->by != NULL)
        g_string_append_printf (out, " %s %s", _("by"), received->by);
      if (received->with != NULL)
        g_string_append_printf (out, " %s %s", _("with"), received->with);
      g_string_append_c (out, '\n');

      for (int j = 0; j <= indent + 1; j++)
        g_string_append (out, "  ");
      if (received->has_date)
        {
          kanri_date_format_iso8601 (&received->date, iso);
          g_string_append (out, iso);
          if (hop->has_delay)
            {
              g_autofree char *signed_delay = g_strconcat (hop->delay_seconds >= 0 ? "+" : "", hop->delay_text, NULL);
              g_autofree char *delay = g_strdup_printf (_("%s s"), signed_delay);

              g_string_append_printf (out, " (%s)", delay);
            }
        }
      else if (received->date_error != NULL)
        g_string_append (out, received->date_error);
      else
        g_string_append (out, _("no time"));
      g_string_append_c (out, '\n');
    }
}

static void
append_addresses (KanriHeaderReport *self,
                  GString           *out,
                  int                indent)
{
  if (self->cip == NULL && !self->ef_applied && self->ips->len == 0)
    return;

  heading (out, indent, _("Connecting IP and addresses"));
  if (self->cip != NULL)
    {
      g_autofree char *cip = g_strdup_printf ("%s (%s)", self->cip, kanri_ip_class_get_label (self->cip_class));

      line (out, indent + 1, _("CIP"), cip);
    }

  if (self->ef_applied)
    {
      g_autofree char *original = g_strdup_printf ("%s (%s)",
                                                   self->ef_original_ip != NULL ? self->ef_original_ip : "?",
                                                   self->ef_original_host != NULL ? self->ef_original_host : "?");

      line (out, indent + 1, _("Enhanced filtering, original sender"), original);
    }

  for (guint i = 0; i < self->ips->len; i++)
    {
      const KanriIpNote *note = g_ptr_array_index (self->ips, i);
      g_autofree char *text = g_strdup_printf ("%s — %s", note->ip, kanri_ip_class_get_label (note->klass));
      g_autofree char *where = kanri_ip_note_describe (note);

      KANRI_STEP ();
      line (out, indent + 1, where, text);
    }
}

static void
auth_line (GString    *out,
           int         indent,
           const char *label,
           const char *method,
           const char *result,
           const char *detail)
{
  const char *explanation;
  g_autofree char *text = NULL;

  if (result == NULL)
    return;

  explanation = kanri_auth_explain_result (method, result);
  text = detail != NULL ? g_strdup_printf ("%s (%s)", result, detail) : g_strdup (result);
  line (out, indent, label, text);
  if (explanation != NULL)
    {
      for (int i = 0; i < indent + 1; i++)
        g_string_append (out, "  ");
      g_string_append_printf (out, "%s\n", explanation);
    }
}

static void
append_auth (KanriHeaderReport *self,
             GString           *out,
             int                indent)
{
  const KanriAuthSummary *auth = &self->auth;
  g_autofree char *spf_detail = NULL;
  g_autofree char *dkim_detail = NULL;
  g_autofree char *dmarc_detail = NULL;

  if (auth->spf == NULL && auth->dkim == NULL && auth->dmarc == NULL && auth->compauth == NULL &&
      auth->arc == NULL && auth->auth_as == NULL)
    return;

  heading (out, indent, _("Authentication"));

  if (auth->spf_ip != NULL || auth->spf_domain != NULL)
    spf_detail = g_strjoin (", ", auth->spf_domain != NULL ? auth->spf_domain : auth->spf_ip,
                            auth->spf_domain != NULL ? auth->spf_ip : NULL, NULL);
  auth_line (out, indent + 1, "SPF", "spf", auth->spf, spf_detail);

  if (auth->dkim_domain != NULL)
    dkim_detail = auth->dkim_selector != NULL ?
                  g_strdup_printf ("d=%s, s=%s", auth->dkim_domain, auth->dkim_selector) :
                  g_strdup_printf ("d=%s", auth->dkim_domain);
  auth_line (out, indent + 1, "DKIM", "dkim", auth->dkim, dkim_detail);

  if (auth->dmarc_domain != NULL || auth->dmarc_action != NULL)
    dmarc_detail = g_strdup_printf ("%s, action=%s", auth->dmarc_domain != NULL ? auth->dmarc_domain : "?",
                                    auth->dmarc_action != NULL ? auth->dmarc_action : "?");
  auth_line (out, indent + 1, "DMARC", "dmarc", auth->dmarc, dmarc_detail);
  if (auth->dmarc_action != NULL && kanri_auth_explain_dmarc_action (auth->dmarc_action) != NULL)
    {
      for (int i = 0; i < indent + 2; i++)
        g_string_append (out, "  ");
      g_string_append_printf (out, "%s\n", kanri_auth_explain_dmarc_action (auth->dmarc_action));
    }

  if (auth->compauth != NULL)
    {
      g_autofree char *reason = auth->compauth_reason != NULL ?
                                g_strdup_printf ("reason=%s", auth->compauth_reason) : NULL;

      auth_line (out, indent + 1, "compauth", "compauth", auth->compauth, reason);
      if (auth->compauth_reason != NULL &&
          kanri_auth_explain_compauth_reason (auth->compauth_reason) != NULL)
        {
          for (int i = 0; i < indent + 2; i++)
            g_string_append (out, "  ");
          g_string_append_printf (out, "%s\n", kanri_auth_explain_compauth_reason (auth->compauth_reason));
        }
    }

  auth_line (out, indent + 1, "ARC", "arc", auth->arc, NULL);

  if (auth->auth_as != NULL)
    {
      line (out, indent + 1, "AuthAs", auth->auth_as);
      if (kanri_auth_explain_auth_as (auth->auth_as) != NULL)
        {
          for (int i = 0; i < indent + 2; i++)
            g_string_append (out, "  ");
          g_string_append_printf (out, "%s\n", kanri_auth_explain_auth_as (auth->auth_as));
        }
    }
  line (out, indent + 1, "AuthSource", auth->auth_source);
}

/* Only once there is something to say: a report whose signatures nobody
 * asked to verify reads as it did. */
static void
append_signatures (KanriHeaderReport *self,
                   GString           *out,
                   int                indent)
{
  if (self->signatures->status == KANRI_SIGNATURES_NOT_CHECKED)
    return;

  heading (out, indent, _("Signatures (verified by Kanri)"));
  kanri_signature_check_append_text (self->signatures, out, indent + 1);
}

static void
append_antispam (KanriHeaderReport *self,
                 GString           *out,
                 int                indent)
{
  KanriAntispamHeader current = KANRI_ANTISPAM_HEADER_NONE;

  if (self->antispam->len == 0)
    return;

  heading (out, indent, _("Anti-spam"));
  for (guint i = 0; i < self->antispam->len; i++)
    {
      const KanriAntispamField *field = g_ptr_array_index (self->antispam, i);

      KANRI_STEP ();
      if (field->header != current)
        {
          current = field->header;
          for (int j = 0; j <= indent; j++)
            g_string_append (out, "  ");
          g_string_append_printf (out, "%s%s\n", kanri_antispam_header_get_name (current),
                                  kanri_antispam_header_is_trusted (current) ? "" : _(" (not used for verdicts)"));
        }

      for (int j = 0; j <= indent + 1; j++)
        g_string_append (out, "  ");
      g_string_append_printf (out, "%s:%s — %s\n", field->field, field->value,
                              field->meaning != NULL ? field->meaning : _("not documented by Microsoft"));
    }
}

static void append_report (KanriHeaderReport *self,
                           GString           *out,
                           int                indent);

static void
append_ndr (KanriHeaderReport *self,
            GString           *out,
            int                indent)
{
  const KanriDeliveryStatus *ndr = self->ndr;
  const KanriNdrCode *code;

  if (ndr == NULL)
    return;

  heading (out, indent, _("Non-delivery report"));
  line (out, indent + 1, _("Status"), ndr->status);
  code = ndr->status != NULL ? kanri_ndr_lookup (ndr->status, NULL) : NULL;
  if (code != NULL)
    {
      line (out, indent + 1, _("Meaning"), kanri_ndr_code_get_meaning (code));
      line (out, indent + 1, _("Likely cause"), kanri_ndr_code_get_cause (code));
      line (out, indent + 1, _("What to do"), kanri_ndr_code_get_fix (code));
    }
  line (out, indent + 1, _("Action"), ndr->action);
  line (out, indent + 1, _("Recipient"), ndr->recipient);
  line (out, indent + 1, _("Diagnostic"), ndr->diagnostic);
  line (out, indent + 1, _("Reporting server"), ndr->reporting_mta);

  if (self->ndr_original != NULL)
    {
      heading (out, indent + 1, _("Returned message"));
      append_report (self->ndr_original, out, indent + 2);
    }
}

static void
append_report (KanriHeaderReport *self,
               GString           *out,
               int                indent)
{
  append_summary (self, out, indent);
  append_findings (self, out, indent);
  append_hops (self, out, indent);
  append_addresses (self, out, indent);
  append_auth (self, out, indent);
  append_signatures (self, out, indent);
  append_antispam (self, out, indent);
  append_ndr (self, out, indent);
}

/**
 * kanri_header_report_to_text:
 *
 * Returns: (transfer full): the report as translated plain text
 */
char *
kanri_header_report_to_text (KanriHeaderReport *self)
{
  GString *out;

  g_return_val_if_fail (KANRI_IS_HEADER_REPORT (self), NULL);

  out = g_string_sized_new (4096);
  g_string_append_printf (out, "%s (%s)\n", self->source != NULL ? self->source : "-",
                          kanri_message_format_to_string (self->format));
  append_report (self, out, 0);

  return g_string_free (out, FALSE);
}
