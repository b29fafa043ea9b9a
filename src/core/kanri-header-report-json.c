/* kanri-header-report-json.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-header-report-json"

#include "config.h"

#include <string.h>

#include "kanri-header-report-private.h"
#include "kanri-ndr.h"
#include "kanri-utf8.h"
#include "kanri-steps.h"

/* The report as the JSON object of `kanri-cli analyze --json` and the GUI's
 * "Export JSON". Written directly rather than through json-glib: numbers must
 * come out exactly ("0.321", not 0.32100000000000001), and ten thousand
 * reports in a row should not build ten thousand trees. Every member is
 * always present, null when it does not apply. */

static void
separate (GString *out)
{
  char last = out->len > 0 ? out->str[out->len - 1] : '\0';

  if (last != '{' && last != '[' && last != ':' && last != '\0')
    g_string_append_c (out, ',');
}

/* RFC 8259 §7; runs of plain characters are copied whole. */
static void
append_string (GString    *out,
               const char *value)
{
  g_autofree char *valid = NULL;
  const char *p;

  if (!kanri_utf8_validate (value, strlen (value)))
    value = valid = g_utf8_make_valid (value, -1);

  g_string_append_c (out, '"');
  p = value;
  while (*p != '\0')
    {
      const char *run = p;
      guchar c;

      while (*p != '\0' && *p != '"' && *p != '\\' && (guchar)*p >= 0x20)
        p++;
      g_string_append_len (out, run, p - run);
      if (*p == '\0')
        break;

      c = (guchar)*p++;
      switch (c)
        {
        case '"':
          g_string_append (out, "\\\"");
          break;
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        case '\r':
          g_string_append (out, "\\r");
          break;
        case '\t':
          g_string_append (out, "\\t");
          break;
        default:
          g_string_append_printf (out, "\\u%04x", c);
          break;
        }
    }
  g_string_append_c (out, '"');
}

static void
key (GString    *out,
     const char *name)
{
  separate (out);
  g_string_append_c (out, '"');
  g_string_append (out, name);
  g_string_append (out, "\":");
}

static void
member_string (GString    *out,
               const char *name,
               const char *value)
{
  key (out, name);
  if (value != NULL)
    append_string (out, value);
  else
    g_string_append (out, "null");
}

/* @number is already a JSON number. */
static void
member_number (GString    *out,
               const char *name,
               const char *number)
{
  key (out, name);
  g_string_append (out, number != NULL ? number : "null");
}

static void
member_int (GString    *out,
            const char *name,
            gboolean    present,
            int         value)
{
  key (out, name);
  if (present)
    g_string_append_printf (out, "%d", value);
  else
    g_string_append (out, "null");
}

static void
append_summary (KanriHeaderReport *self,
                GString           *out)
{
  char iso[KANRI_DATE_ISO8601_MAX];

  key (out, "summary");
  g_string_append_c (out, '{');
  member_string (out, "subject", self->subject);
  member_string (out, "from", self->from);
  member_string (out, "to", self->to);
  if (self->has_date)
    {
      kanri_date_format_iso8601 (&self->date, iso);
      member_string (out, "date", iso);
    }
  else
    member_string (out, "date", self->date_text);
  member_string (out, "message_id", self->message_id);
  g_string_append_c (out, '}');
}

static void
append_hops (KanriHeaderReport *self,
             GString           *out)
{
  key (out, "hops");
  g_string_append_c (out, '[');

  for (guint i = 0; i < self->hops->len; i++)
    {
      const KanriHop *hop = g_ptr_array_index (self->hops, i);
      const KanriReceived *received = hop->received;
      char iso[KANRI_DATE_ISO8601_MAX];

      KANRI_STEP ();
      separate (out);
      g_string_append_c (out, '{');
      member_string (out, "from", received->from);
      member_string (out, "from_ip", received->from_ip);
      member_string (out, "by", received->by);
      member_string (out, "with", received->with);
      member_string (out, "id", received->id);
      member_string (out, "for", received->recipient);
      if (received->has_date)
        {
          kanri_date_format_iso8601 (&received->date, iso);
          member_string (out, "time_utc", iso);
        }
      else
        member_string (out, "time_utc", NULL);
      member_number (out, "delay_seconds", hop->has_delay ? hop->delay_text : NULL);
      g_string_append_c (out, '}');
    }

  g_string_append_c (out, ']');
}

static const char *
seen_to_string (KanriIpSeen seen)
{
  switch (seen)
    {
    case KANRI_IP_SEEN_CIP:
      return "cip";
    case KANRI_IP_SEEN_HOP_SENDER:
      return "hop-sender";
    case KANRI_IP_SEEN_ORIGINAL_SENDER:
      return "original-sender";
    case KANRI_IP_SEEN_SPF:
    default:
      return "spf";
    }
}

/* Every address seen and what it is: the Header Analyzer's address list,
 * with the class's stable id and its label. */
static void
append_addresses (KanriHeaderReport *self,
                  GString           *out)
{
  key (out, "addresses");
  g_string_append_c (out, '[');

  for (guint i = 0; i < self->ips->len; i++)
    {
      const KanriIpNote *note = g_ptr_array_index (self->ips, i);

      separate (out);
      g_string_append_c (out, '{');
      member_string (out, "ip", note->ip);
      member_string (out, "class", kanri_ip_class_to_string (note->klass));
      member_string (out, "label", kanri_ip_class_get_label (note->klass));
      member_string (out, "seen", seen_to_string (note->seen));
      member_int (out, "hop", note->seen == KANRI_IP_SEEN_HOP_SENDER, (int)note->hop);
      g_string_append_c (out, '}');
    }

  g_string_append_c (out, ']');
}

static void
append_auth (KanriHeaderReport *self,
             GString           *out)
{
  const KanriAuthSummary *auth = &self->auth;

  key (out, "auth");
  g_string_append_c (out, '{');
  member_string (out, "spf", auth->spf);
  member_string (out, "spf_ip", auth->spf_ip);
  member_string (out, "spf_domain", auth->spf_domain);
  member_string (out, "dkim", auth->dkim);
  member_string (out, "dkim_domain", auth->dkim_domain);
  member_string (out, "dmarc", auth->dmarc);
  member_string (out, "dmarc_action", auth->dmarc_action);
  member_string (out, "dmarc_domain", auth->dmarc_domain);
  member_string (out, "compauth", auth->compauth);
  member_string (out, "compauth_reason", auth->compauth_reason);
  member_string (out, "arc", auth->arc);
  g_string_append_c (out, '}');
}

/* Built with json-glib (kanri-signature-check-json.c), shared with
 * `kanri-cli verify`: written compact here, indented with the rest. */
static void
member_node (GString    *out,
             const char *name,
             JsonNode   *node)
{
  g_autofree char *text = json_to_string (node, FALSE);

  key (out, name);
  g_string_append (out, text);
}

static void
append_signatures (KanriHeaderReport *self,
                   GString           *out)
{
  g_autoptr(JsonNode) signatures = kanri_signature_check_to_json (self->signatures);

  member_node (out, "signatures", signatures);
}

static void
append_antispam (KanriHeaderReport *self,
                 GString           *out)
{
  key (out, "antispam");
  g_string_append_c (out, '[');

  for (guint i = 0; i < self->antispam->len; i++)
    {
      const KanriAntispamField *field = g_ptr_array_index (self->antispam, i);

      KANRI_STEP ();
      separate (out);
      g_string_append_c (out, '{');
      member_string (out, "header", kanri_antispam_header_get_name (field->header));
      member_string (out, "field", field->field);
      member_string (out, "value", field->value);
      member_string (out, "meaning", field->meaning);
      g_string_append_c (out, '}');
    }

  g_string_append_c (out, ']');
}

static void append_report (KanriHeaderReport *self,
                           GString           *out);

static void
append_ndr (KanriHeaderReport *self,
            GString           *out)
{
  const KanriDeliveryStatus *ndr = self->ndr;
  const KanriNdrCode *code;

  key (out, "ndr");
  if (ndr == NULL)
    {
      g_string_append (out, "null");
      return;
    }

  code = ndr->status != NULL ? kanri_ndr_lookup (ndr->status, NULL) : NULL;

  g_string_append_c (out, '{');
  member_string (out, "status", ndr->status);
  member_string (out, "action", ndr->action);
  member_string (out, "diagnostic", ndr->diagnostic);
  member_string (out, "recipient", ndr->recipient);
  member_string (out, "meaning", code != NULL ? kanri_ndr_code_get_meaning (code) : NULL);
  key (out, "original");
  if (self->ndr_original != NULL)
    append_report (self->ndr_original, out);
  else
    g_string_append (out, "null");
  g_string_append_c (out, '}');
}

static void
append_findings (KanriHeaderReport *self,
                 GString           *out)
{
  key (out, "findings");
  g_string_append_c (out, '[');

  for (guint i = 0; i < self->findings->len; i++)
    {
      const KanriHeaderFinding *finding = g_ptr_array_index (self->findings, i);

      KANRI_STEP ();
      separate (out);
      g_string_append_c (out, '{');
      member_string (out, "id", finding->id);
      member_string (out, "severity", kanri_severity_to_string (finding->severity));
      member_string (out, "message", finding->message);
      g_string_append_c (out, '}');
    }

  g_string_append_c (out, ']');
}

static void
append_report (KanriHeaderReport *self,
               GString           *out)
{
  separate (out);
  g_string_append_c (out, '{');

  member_string (out, "source", self->source);
  member_string (out, "format", kanri_message_format_to_string (self->format));
  append_summary (self, out);
  append_hops (self, out);
  member_number (out, "total_delay_seconds", self->has_total_delay ? self->total_delay_text : NULL);
  member_string (out, "cip", self->cip);
  append_addresses (self, out);

  key (out, "enhanced_filtering");
  g_string_append_c (out, '{');
  key (out, "applied");
  g_string_append (out, self->ef_applied ? "true" : "false");
  member_string (out, "original_ip", self->ef_original_ip);
  member_string (out, "original_host", self->ef_original_host);
  g_string_append_c (out, '}');

  append_auth (self, out);
  append_signatures (self, out);
  append_antispam (self, out);
  member_int (out, "scl", self->has_scl, self->scl);
  member_int (out, "bcl", self->has_bcl, self->bcl);
  member_string (out, "sfv", self->sfv);
  append_ndr (self, out);
  append_findings (self, out);

  g_string_append_c (out, '}');
}

static void
newline (GString *out,
         int      depth)
{
  g_string_append_c (out, '\n');
  for (int i = 0; i < depth; i++)
    g_string_append (out, "  ");
}

/* Indents compact JSON; strings are skipped over, escapes included. */
static void
append_pretty (GString    *out,
               const char *compact)
{
  int depth = 0;

  for (const char *p = compact; *p != '\0'; p++)
    {
      char c = *p;

      if (c == '"')
        {
          const char *start = p++;

          while (*p != '\0' && *p != '"')
            p += (*p == '\\' && p[1] != '\0') ? 2 : 1;
          g_string_append_len (out, start, p - start + (*p != '\0'));
          if (*p == '\0')
            break;
          continue;
        }

      if ((c == '{' || c == '[') && (p[1] == '}' || p[1] == ']'))
        {
          g_string_append_c (out, c);
          g_string_append_c (out, *++p);
          continue;
        }

      if (c == '}' || c == ']')
        newline (out, --depth);

      g_string_append_c (out, c);

      if (c == '{' || c == '[')
        newline (out, ++depth);
      else if (c == ',')
        newline (out, depth);
      else if (c == ':')
        g_string_append_c (out, ' ');
    }
}

/**
 * kanri_header_report_append_json:
 * @out: where to append the object
 * @pretty: whether to indent it
 *
 * Appends the report as one JSON object, so that a caller can write many in
 * a row (an array for several files) without holding them all.
 */
void
kanri_header_report_append_json (KanriHeaderReport *self,
                                 GString           *out,
                                 gboolean           pretty)
{
  g_autoptr(GString) compact = NULL;

  g_return_if_fail (KANRI_IS_HEADER_REPORT (self));
  g_return_if_fail (out != NULL);

  /* Built apart: separate() decides on commas from the previous character,
   * which must not be the caller's. */
  compact = g_string_sized_new (8192);
  append_report (self, compact);

  if (pretty)
    append_pretty (out, compact->str);
  else
    g_string_append_len (out, compact->str, compact->len);
}

/**
 * kanri_header_report_to_json:
 * @pretty: whether to indent it
 *
 * Returns: (transfer full): the report as a JSON object
 */
char *
kanri_header_report_to_json (KanriHeaderReport *self,
                             gboolean           pretty)
{
  GString *out;

  g_return_val_if_fail (KANRI_IS_HEADER_REPORT (self), NULL);

  out = g_string_sized_new (8192);
  kanri_header_report_append_json (self, out, pretty);
  return g_string_free (out, FALSE);
}
