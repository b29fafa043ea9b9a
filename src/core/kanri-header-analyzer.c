/* kanri-header-analyzer.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-header-analyzer"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "kanri-header-analyzer.h"
#include "kanri-header-report-private.h"
#include "kanri-ip.h"
#include "kanri-mime.h"
#include "kanri-steps.h"
#include "kanri-translation-cache.h"

/* Turns a header section into a KanriHeaderReport in one pass over the
 * fields: every field is looked at once, by name, and the parts that need
 * the whole picture (hop delays, verdicts, findings) are computed after.
 * Every stage is linear in the input, so the largest header section the
 * limits admit takes a fraction of a second; a cancellation is still seen
 * within a thousand fields or hops, at every stage. */

/* How often the loops over fields and hops look at the cancellable: often
 * enough to stop within a millisecond, seldom enough to cost nothing. */
#define CANCEL_CHECK_INTERVAL 1024

typedef struct
{
  KanriHeaderReport *report;
  KanriIpClassifier *classifier;
  GPtrArray         *hops_newest_first;
  KanriAuthResults  *trusted_auth;
  KanriReceivedSpf  *received_spf;
  const char        *enhanced_filtering;
  guint              arc_seal_instance;
  char              *arc_seal_cv;
  const char        *auth_as;
  const char        *auth_source;
  const char        *subject;
  const char        *from;
  const char        *to;
  const char        *date;
  const char        *message_id;
  gboolean           forefront_seen;
  gboolean           microsoft_seen;
  gboolean           has_organization_scl;
  int                organization_scl;
} Analysis;

static gboolean
cancelled_at (GCancellable *cancellable,
              guint         index)
{
  return index % CANCEL_CHECK_INTERVAL == 0 && g_cancellable_is_cancelled (cancellable);
}

static gboolean
name_is (const char *name,
         const char *expected)
{
  return g_ascii_strcasecmp (name, expected) == 0;
}

/* For the dispatch over every field: lengths differ far more often than
 * names are equal, and a name that matches is nearly always written as the
 * literal is, which memcmp() confirms at a fraction of the cost of
 * g_ascii_strcasecmp() (most fields of an Exchange Online header match).
 * Names of one length that differ mostly differ in their first byte (the
 * anti-spam fields, CIP, SFV, SCL…): with the 0x20 bit set, two bytes that
 * differ in any case still differ, so that rules them out without the
 * call. */
#define field_is(name, length, literal) \
  ((length) == sizeof (literal) - 1 && \
   (memcmp ((name), (literal), (length)) == 0 || \
    (((name)[0] | 0x20) == ((literal)[0] | 0x20) && g_ascii_strcasecmp ((name), (literal)) == 0)))

static gboolean
parse_int (const char *text,
           int        *value)
{
  char *end = NULL;
  long parsed;

  if (text == NULL || *text == '\0')
    return FALSE;

  parsed = strtol (text, &end, 10);
  if (*end != '\0' || parsed < -100 || parsed > 100)
    return FALSE;

  *value = (int)parsed;
  return TRUE;
}

/* The canonical text of @ip, in the report's strings. */
static char *
intern_ip (KanriHeaderReport *report,
           const KanriIp     *ip)
{
  char text[KANRI_IP_STRING_MAX];

  kanri_ip_format (ip, text);
  return kanri_header_report_intern (report, text);
}

static void
add_received (Analysis               *analysis,
              const KanriHeaderField *field,
              guint                   index)
{
  KanriReceived *received = kanri_received_parse_in (field->value, -1, &analysis->report->arena, NULL);
  KanriHop *hop;

  /* An empty Received field says nothing about the path. */
  if (received == NULL)
    return;

  hop = kanri_header_report_alloc (analysis->report, sizeof *hop);
  hop->received = received;
  hop->field_index = index;
  g_ptr_array_add (analysis->hops_newest_first, hop);
}

static void
add_auth_results (Analysis               *analysis,
                  const KanriHeaderField *field,
                  const char             *canonical_name,
                  guint                   index,
                  gboolean                may_be_trusted)
{
  KanriAuthResults *results = kanri_auth_results_parse (field->value, -1, NULL);
  KanriAuthHeader *header;

  if (results == NULL)
    return;

  header = kanri_header_report_alloc (analysis->report, sizeof *header);
  header->name = canonical_name;
  header->field_index = index;
  header->results = results;

  /* The topmost Authentication-Results is the one Exchange Online wrote on
   * arrival; those below came from earlier servers. */
  if (may_be_trusted && analysis->trusted_auth == NULL)
    {
      header->trusted = TRUE;
      analysis->trusted_auth = results;
    }

  g_ptr_array_add (analysis->report->auth_headers, header);
}

/* g_strstrip() on a slice. */
static void
strip_slice (const char **start,
             const char **end)
{
  while (*start < *end && g_ascii_isspace (**start))
    (*start)++;
  while (*end > *start && g_ascii_isspace ((*end)[-1]))
    (*end)--;
}

/* Whether the @length bytes at @text start with @prefix, in any case. */
static gboolean
slice_has_prefix (const char *text,
                  gsize       length,
                  const char *prefix,
                  gsize       prefix_length)
{
  return length >= prefix_length && g_ascii_strncasecmp (text, prefix, prefix_length) == 0;
}

/* "i=1; a=rsa-sha256; d=…; cv=none; b=…" (RFC 8617 §4.1.3): the chain
 * validation status of the highest instance. Read in place: the seal's
 * signature, hundreds of bytes, is not copied. */
static void
add_arc_seal (Analysis   *analysis,
              const char *value)
{
  const char *p = value;
  const char *end = value + strlen (value);
  guint instance = 0;
  const char *cv = NULL;
  gsize cv_length = 0;

  while (p <= end)
    {
      const char *tag = p;
      const char *tag_end = memchr (p, ';', end - p);

      if (tag_end == NULL)
        tag_end = end;
      p = tag_end + 1;
      strip_slice (&tag, &tag_end);

      if (tag_end - tag >= 2 && memcmp (tag, "i=", 2) == 0)
        /* The digits end at the ";" or the end of the value at the latest. */
        instance = (guint)MIN (g_ascii_strtoull (tag + 2, NULL, 10), G_MAXUINT);
      else if (tag_end - tag >= 3 && memcmp (tag, "cv=", 3) == 0)
        {
          cv = tag + 3;
          strip_slice (&cv, &tag_end);
          cv_length = tag_end - cv;
        }
    }

  if (cv != NULL && instance >= analysis->arc_seal_instance)
    {
      analysis->arc_seal_instance = instance;
      g_free (analysis->arc_seal_cv);
      analysis->arc_seal_cv = g_ascii_strdown (cv, cv_length);
    }
}

static void
add_antispam (Analysis            *analysis,
              const char          *value,
              KanriAntispamHeader  header)
{
  KanriHeaderReport *report = analysis->report;
  GPtrArray *fields = report->antispam;
  guint first = fields->len;
  gboolean first_forefront;
  gboolean first_microsoft;

  /* Straight into the report's list: no array per header. */
  if (!kanri_antispam_parse_into (header, value, -1, fields, kanri_header_report_alloc_func, report, NULL))
    return;

  first_forefront = header == KANRI_ANTISPAM_HEADER_FOREFRONT && !analysis->forefront_seen;
  first_microsoft = header == KANRI_ANTISPAM_HEADER_MICROSOFT && !analysis->microsoft_seen;
  if (header == KANRI_ANTISPAM_HEADER_FOREFRONT)
    analysis->forefront_seen = TRUE;
  if (header == KANRI_ANTISPAM_HEADER_MICROSOFT)
    analysis->microsoft_seen = TRUE;
  if (!kanri_antispam_header_is_trusted (header))
    report->has_untrusted_antispam = TRUE;

  for (guint i = first; i < fields->len; i++)
    {
      KanriAntispamField *field = g_ptr_array_index (fields, i);
      /* A report has a dozen fields, each tried against five names: the
       * length rules out most of them without a comparison. */
      gsize length = strlen (field->field);

      /* Verdicts come from the topmost trusted headers only. */
      if (first_forefront)
        {
          if (field_is (field->field, length, "SCL") && !report->has_scl)
            report->has_scl = parse_int (field->value, &report->scl);
          else if (field_is (field->field, length, "SFV") && report->sfv == NULL && field->value[0] != '\0')
            report->sfv = kanri_header_report_intern (report, field->value);
          else if (field_is (field->field, length, "CIP") && report->cip == NULL)
            {
              KanriIp ip;

              if (kanri_ip_parse (field->value, &ip, NULL))
                {
                  report->cip = intern_ip (report, &ip);
                  report->cip_class = kanri_ip_classifier_classify (analysis->classifier, &ip);
                }
            }
          else if (field_is (field->field, length, "SRV") && name_is (field->value, "BULK"))
            report->srv_bulk = TRUE;
          else if (field_is (field->field, length, "CAT") && name_is (field->value, "BULK"))
            report->cat_bulk = TRUE;
        }
      else if (first_microsoft && field_is (field->field, length, "BCL") && !report->has_bcl)
        report->has_bcl = parse_int (field->value, &report->bcl);
      else if (header == KANRI_ANTISPAM_HEADER_ORGANIZATION_SCL && !analysis->has_organization_scl)
        analysis->has_organization_scl = parse_int (field->value, &analysis->organization_scl);
    }
}

static void
keep_first (const char **slot,
            const char  *value)
{
  if (*slot == NULL)
    *slot = value;
}

static void
read_field (Analysis               *analysis,
            const KanriHeaderField *field,
            guint                   index)
{
  const char *name = field->name;
  gsize length = strlen (name);
  KanriAntispamHeader antispam;

  switch (g_ascii_tolower (name[0]))
    {
    case 'r':
      if (field_is (name, length, "Received"))
        add_received (analysis, field, index);
      else if (field_is (name, length, "Received-SPF") && analysis->received_spf == NULL)
        analysis->received_spf = kanri_received_spf_parse (field->value, -1, NULL);
      break;

    case 'a':
      if (field_is (name, length, "Authentication-Results"))
        add_auth_results (analysis, field, "Authentication-Results", index, TRUE);
      else if (field_is (name, length, "ARC-Authentication-Results"))
        add_auth_results (analysis, field, "ARC-Authentication-Results", index, FALSE);
      else if (field_is (name, length, "Authentication-Results-Original"))
        add_auth_results (analysis, field, "Authentication-Results-Original", index, FALSE);
      else if (field_is (name, length, "ARC-Seal"))
        add_arc_seal (analysis, field->value);
      break;

    case 'x':
      if (field_is (name, length, "X-MS-Exchange-Organization-AuthAs"))
        keep_first (&analysis->auth_as, field->value);
      else if (field_is (name, length, "X-MS-Exchange-Organization-AuthSource"))
        keep_first (&analysis->auth_source, field->value);
      else if (field_is (name, length, "X-MS-Exchange-ExternalOriginalInternetSender") ||
               field_is (name, length, "X-MS-Exchange-SkipListedInternetSender"))
        keep_first (&analysis->enhanced_filtering, field->value);
      else if ((antispam = kanri_antispam_header_from_name (name)) != KANRI_ANTISPAM_HEADER_NONE)
        add_antispam (analysis, field->value, antispam);
      break;

    case 's':
      if (field_is (name, length, "Subject"))
        keep_first (&analysis->subject, field->value);
      break;

    case 'f':
      if (field_is (name, length, "From"))
        keep_first (&analysis->from, field->value);
      break;

    case 't':
      if (field_is (name, length, "To"))
        keep_first (&analysis->to, field->value);
      break;

    case 'd':
      if (field_is (name, length, "Date"))
        keep_first (&analysis->date, field->value);
      break;

    case 'm':
      if (field_is (name, length, "Message-ID"))
        keep_first (&analysis->message_id, field->value);
      break;

    default:
      break;
    }
}

static char *
decode_or_null (const char *value)
{
  return value != NULL ? kanri_mime_decode_words (value) : NULL;
}

static void
fill_summary (Analysis *analysis)
{
  KanriHeaderReport *report = analysis->report;

  report->subject = kanri_header_report_take (report, decode_or_null (analysis->subject));
  report->from = kanri_header_report_take (report, decode_or_null (analysis->from));
  report->to = kanri_header_report_take (report, decode_or_null (analysis->to));
  report->message_id = kanri_header_report_intern (report, analysis->message_id);
  report->date_text = kanri_header_report_intern (report, analysis->date);

  if (analysis->date != NULL)
    report->has_date = kanri_date_parse (analysis->date, -1, &report->date, NULL);
}

/* The sender's address of one hop, classified and noted: each hop is its
 * own place, so it is noted without looking at the others. */
static void
classify_hop (Analysis *analysis,
              KanriHop *hop,
              guint     number)
{
  const char *from_ip = hop->received->from_ip;
  KanriIp ip;

  if (from_ip == NULL || !kanri_ip_parse (from_ip, &ip, NULL))
    return;

  hop->from_ip_class = kanri_ip_classifier_classify (analysis->classifier, &ip);
  kanri_header_report_add_ip (analysis->report, from_ip, hop->from_ip_class,
                              KANRI_IP_SEEN_HOP_SENDER, number);
}

static gboolean
fill_hops (Analysis     *analysis,
           GCancellable *cancellable)
{
  KanriHeaderReport *report = analysis->report;
  const KanriHop *oldest_dated = NULL;
  const KanriHop *newest_dated = NULL;
  const KanriHop *previous_dated = NULL;

  /* Oldest first; the report owns the hops from here on, so that a
   * cancellation below frees them with it. */
  while (analysis->hops_newest_first->len > 0)
    g_ptr_array_add (report->hops, g_ptr_array_steal_index (analysis->hops_newest_first,
                                                            analysis->hops_newest_first->len - 1));

  for (guint i = 0; i < report->hops->len; i++)
    {
      KanriHop *hop = g_ptr_array_index (report->hops, i);
      const KanriReceived *received = hop->received;

      if (cancelled_at (cancellable, i))
        return FALSE;

      KANRI_STEP ();
      classify_hop (analysis, hop, i + 1);

      if (received->has_date)
        {
          /* Against the closest older hop with a time: signed, never
           * clamped, so that clock skew shows. */
          if (previous_dated != NULL)
            {
              char text[KANRI_DATE_DIFFERENCE_MAX];

              hop->has_delay = TRUE;
              hop->delay_seconds = kanri_date_difference (&received->date, &previous_dated->received->date);
              kanri_date_format_difference (&received->date, &previous_dated->received->date, text);
              hop->delay_text = kanri_header_report_intern (report, text);
            }

          previous_dated = hop;
          if (oldest_dated == NULL)
            oldest_dated = hop;
          newest_dated = hop;
        }
    }

  if (oldest_dated != NULL && newest_dated != oldest_dated)
    {
      char text[KANRI_DATE_DIFFERENCE_MAX];

      report->has_total_delay = TRUE;
      report->total_delay = kanri_date_difference (&newest_dated->received->date,
                                                   &oldest_dated->received->date);
      kanri_date_format_difference (&newest_dated->received->date,
                                    &oldest_dated->received->date, text);
      report->total_delay_text = kanri_header_report_intern (report, text);
    }

  return TRUE;
}

/* "ip=[198.51.100.23];domain=mail.example.net", read in place: its parts
 * split and copied cost more than the rest of its handling. */
static void
fill_enhanced_filtering (Analysis *analysis)
{
  KanriHeaderReport *report = analysis->report;
  const char *p;
  const char *end;

  if (analysis->enhanced_filtering == NULL)
    return;

  report->ef_applied = TRUE;
  p = analysis->enhanced_filtering;
  end = p + strlen (p);

  while (p <= end)
    {
      const char *part = p;
      const char *part_end = memchr (p, ';', end - p);

      if (part_end == NULL)
        part_end = end;
      p = part_end + 1;
      strip_slice (&part, &part_end);

      if (slice_has_prefix (part, part_end - part, "ip=", 3) && report->ef_original_ip == NULL)
        {
          const char *address = part + 3;
          const char *address_end = part_end;
          KanriIp ip;

          strip_slice (&address, &address_end);
          if (address_end - address >= 2 && address[0] == '[' && address_end[-1] == ']')
            {
              address++;
              address_end--;
            }

          if (kanri_ip_parse_len (address, address_end - address, &ip))
            {
              report->ef_original_ip = intern_ip (report, &ip);
              kanri_header_report_add_ip (report, report->ef_original_ip,
                                          kanri_ip_classifier_classify (analysis->classifier, &ip),
                                          KANRI_IP_SEEN_ORIGINAL_SENDER, 0);
            }
        }
      else if (slice_has_prefix (part, part_end - part, "domain=", 7) && report->ef_original_host == NULL)
        {
          const char *host = part + 7;
          const char *host_end = part_end;

          strip_slice (&host, &host_end);
          if (host < host_end)
            report->ef_original_host = kanri_header_report_intern_len (report, host, host_end - host);
        }
    }
}

/* "user@example.com" → "example.com"; a bare domain stays. */
static char *
domain_of (KanriHeaderReport *report,
           const char        *address)
{
  const char *at;

  if (address == NULL || *address == '\0')
    return NULL;

  at = strrchr (address, '@');
  if (at != NULL)
    address = at + 1;

  return *address != '\0' ? kanri_header_report_intern (report, address) : NULL;
}

/* Exchange Online writes "(sender IP is 40.107.117.112)". */
static char *
spf_ip_from_comment (KanriHeaderReport *report,
                     const char        *comment)
{
  static const char marker[] = "sender ip is ";
  const char *p;
  KanriIp ip;

  if (comment == NULL)
    return NULL;

  for (p = comment; *p != '\0'; p++)
    {
      if (g_ascii_strncasecmp (p, marker, sizeof marker - 1) == 0)
        {
          const char *start = p + sizeof marker - 1;
          const char *end = start;

          while (*end != '\0' && *end != ' ' && *end != ')' && *end != ';')
            end++;
          if (kanri_ip_parse_len (start, end - start, &ip))
            return intern_ip (report, &ip);
          return NULL;
        }
    }

  return NULL;
}

static void
fill_auth (Analysis *analysis)
{
  KanriHeaderReport *report = analysis->report;
  KanriAuthSummary *auth = &report->auth;
  const KanriAuthResult *result;

  if (analysis->trusted_auth != NULL)
    {
      KanriAuthResults *trusted = analysis->trusted_auth;
      const KanriAuthResult *dkim = NULL;

      result = kanri_auth_results_find (trusted, "spf");
      if (result != NULL)
        {
          auth->spf = kanri_header_report_intern (report, result->result);
          auth->spf_ip = spf_ip_from_comment (report, result->comment);
          auth->spf_domain = domain_of (report, kanri_auth_result_get (result, "smtp.mailfrom"));
          if (auth->spf_domain == NULL)
            auth->spf_domain = domain_of (report, kanri_auth_result_get (result, "smtp.helo"));
        }

      /* With several signatures, one that verified is the one that counts. */
      for (guint i = 0; i < trusted->results->len; i++)
        {
          const KanriAuthResult *candidate = g_ptr_array_index (trusted->results, i);

          if (!g_str_equal (candidate->method, "dkim"))
            continue;
          if (dkim == NULL || (g_str_equal (candidate->result, "pass") && !g_str_equal (dkim->result, "pass")))
            dkim = candidate;
        }
      if (dkim != NULL)
        {
          const char *domain = kanri_auth_result_get (dkim, "header.d");

          auth->dkim = kanri_header_report_intern (report, dkim->result);
          if (domain != NULL && *domain != '\0' && !name_is (domain, "none"))
            auth->dkim_domain = kanri_header_report_intern (report, domain);
          else
            auth->dkim_domain = domain_of (report, kanri_auth_result_get (dkim, "header.i"));
          auth->dkim_selector = kanri_header_report_intern (report, kanri_auth_result_get (dkim, "header.s"));
        }

      result = kanri_auth_results_find (trusted, "dmarc");
      if (result != NULL)
        {
          auth->dmarc = kanri_header_report_intern (report, result->result);
          auth->dmarc_action = kanri_header_report_intern (report, kanri_auth_result_get (result, "action"));
          auth->dmarc_domain = domain_of (report, kanri_auth_result_get (result, "header.from"));
        }

      result = kanri_auth_results_find (trusted, "compauth");
      if (result != NULL)
        {
          auth->compauth = kanri_header_report_intern (report, result->result);
          auth->compauth_reason = kanri_header_report_intern (report, result->reason);
        }

      result = kanri_auth_results_find (trusted, "arc");
      if (result != NULL)
        auth->arc = kanri_header_report_intern (report, result->result);
    }

  if (analysis->received_spf != NULL)
    {
      if (auth->spf == NULL)
        auth->spf = kanri_header_report_intern (report, analysis->received_spf->result);
      if (auth->spf_ip == NULL)
        {
          const char *client_ip = kanri_received_spf_get (analysis->received_spf, "client-ip");
          KanriIp ip;

          if (client_ip != NULL && kanri_ip_parse (client_ip, &ip, NULL))
            auth->spf_ip = intern_ip (report, &ip);
        }
    }

  if (auth->arc == NULL && analysis->arc_seal_cv != NULL)
    auth->arc = kanri_header_report_intern (report, analysis->arc_seal_cv);

  auth->auth_as = kanri_header_report_intern (report, analysis->auth_as);
  auth->auth_source = kanri_header_report_intern (report, analysis->auth_source);

  if (auth->spf_ip != NULL)
    {
      KanriIp ip;

      if (kanri_ip_parse (auth->spf_ip, &ip, NULL))
        kanri_header_report_add_ip (report, auth->spf_ip,
                                    kanri_ip_classifier_classify (analysis->classifier, &ip),
                                    KANRI_IP_SEEN_SPF, 0);
    }
}

static void
analysis_clear (Analysis *analysis)
{
  g_clear_pointer (&analysis->hops_newest_first, g_ptr_array_unref);
  g_clear_pointer (&analysis->received_spf, kanri_received_spf_free);
  g_clear_pointer (&analysis->arc_seal_cv, g_free);
}

static gboolean
read_fields (Analysis         *analysis,
             KanriHeaderBlock *headers,
             GCancellable     *cancellable)
{
  guint n_fields = kanri_header_block_get_n_fields (headers);

  for (guint i = 0; i < n_fields; i++)
    {
      if (cancelled_at (cancellable, i))
        return FALSE;

      KANRI_STEP ();
      read_field (analysis, kanri_header_block_get_field (headers, i), i);
    }

  return TRUE;
}

/* Everything but the findings, which may depend on the message body.
 * Returns FALSE, and leaves the report half filled, when cancelled. */
static gboolean
analyze_block (KanriHeaderReport *report,
               GCancellable      *cancellable)
{
  Analysis analysis = { 0 };
  gboolean completed;

  analysis.report = report;
  analysis.classifier = kanri_ip_classifier_get_default ();
  analysis.hops_newest_first = g_ptr_array_new ();

  completed = read_fields (&analysis, report->headers, cancellable) &&
              fill_hops (&analysis, cancellable);
  if (completed)
    {
      fill_summary (&analysis);

      if (report->cip != NULL)
        kanri_header_report_add_ip (report, report->cip, report->cip_class, KANRI_IP_SEEN_CIP, 0);

      fill_enhanced_filtering (&analysis);
      fill_auth (&analysis);

      /* The Forefront report's SCL first; the organization's SCL when there
       * is no report, as on mail that skipped filtering. */
      if (!report->has_scl && analysis.has_organization_scl)
        {
          report->has_scl = TRUE;
          report->scl = analysis.organization_scl;
        }
    }

  analysis_clear (&analysis);
  return completed;
}

static KanriHeaderReport *
finish_report (KanriHeaderReport  *report,
               GCancellable       *cancellable,
               GError            **error)
{
  g_autoptr(KanriHeaderReport) owned = report;

  if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
      !kanri_header_findings_compute (owned, cancellable) ||
      g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  return g_steal_pointer (&owned);
}

/**
 * kanri_header_analyzer_analyze_headers:
 * @headers: a header section
 * @source: (nullable): what it came from, for the report
 * @format: the format it was read from
 * @cancellable: (nullable): stops the analysis
 *
 * Returns: (transfer full): the analysis of @headers, or %NULL with @error
 *   set when cancelled
 */
KanriHeaderReport *
kanri_header_analyzer_analyze_headers (KanriHeaderBlock    *headers,
                                       const char          *source,
                                       KanriMessageFormat   format,
                                       GCancellable        *cancellable,
                                       GError             **error)
{
  KanriHeaderReport *report;

  g_return_val_if_fail (KANRI_IS_HEADER_BLOCK (headers), NULL);

  report = kanri_header_report_new (source, format, headers);
  analyze_block (report, cancellable);
  return finish_report (report, cancellable, error);
}

static KanriDeliveryStatus *
copy_delivery_status (const KanriDeliveryStatus *status)
{
  KanriDeliveryStatus *copy = g_new0 (KanriDeliveryStatus, 1);

  copy->reporting_mta = g_strdup (status->reporting_mta);
  copy->recipient = g_strdup (status->recipient);
  copy->original_recipient = g_strdup (status->original_recipient);
  copy->action = g_strdup (status->action);
  copy->status = g_strdup (status->status);
  copy->diagnostic = g_strdup (status->diagnostic);
  copy->remote_mta = g_strdup (status->remote_mta);
  copy->original_is_headers_only = status->original_is_headers_only;
  if (status->original != NULL)
    copy->original = g_object_ref (status->original);

  return copy;
}

/* Signatures cover the message as received, body included: only a stored
 * message (.eml) has it. An Outlook .msg keeps the transport headers of a
 * message but not its body as it arrived, and pasted text is rarely whole. */
static KanriSignatureCheck *
check_signatures (KanriMessageFile  *file,
                  const char        *data,
                  gsize              length,
                  KanriDkimVerifier *verifier,
                  GCancellable      *cancellable)
{
  switch (kanri_message_file_get_format (file))
    {
    case KANRI_MESSAGE_FORMAT_EML:
      return kanri_signature_check_run (data, length, verifier, cancellable);
    case KANRI_MESSAGE_FORMAT_MSG:
      return kanri_signature_check_new_status (KANRI_SIGNATURES_BODY_NEEDED,
                                               _("An Outlook message (.msg) keeps only the headers of the message as it arrived, not its body: DKIM and ARC signatures can only be verified on the whole message as received. Save it as an .eml file (in Outlook on the web: Download) and open that."));
    case KANRI_MESSAGE_FORMAT_TEXT:
    case KANRI_MESSAGE_FORMAT_AUTO:
    default:
      return kanri_signature_check_new_status (KANRI_SIGNATURES_BODY_NEEDED,
                                               _("Only headers were given: DKIM and ARC signatures can only be verified on the whole message as received, with its body (an .eml file)."));
    }
}

static KanriHeaderReport *
analyze_message_file_in_language (KanriMessageFile     *file,
                                  const char           *source,
                                  KanriSignatureCheck  *signatures,
                                  GCancellable         *cancellable,
                                  GError              **error)
{
  const KanriDeliveryStatus *status = kanri_message_file_get_delivery_status (file);
  KanriHeaderReport *report;

  report = kanri_header_report_new (source, kanri_message_file_get_format (file),
                                    kanri_message_file_get_headers (file));
  /* The report owns the verdicts from here, whatever happens next. */
  if (signatures != NULL)
    {
      kanri_signature_check_free (report->signatures);
      report->signatures = signatures;
    }
  if (!analyze_block (report, cancellable))
    return finish_report (report, cancellable, error);

  if (report->subject == NULL && kanri_message_file_get_msg_subject (file) != NULL)
    report->subject = kanri_header_report_intern (report, kanri_message_file_get_msg_subject (file));

  if (status != NULL)
    {
      report->ndr = copy_delivery_status (status);
      if (status->original != NULL)
        report->ndr_original = kanri_header_analyzer_analyze_headers (status->original, source,
                                                                      status->original_is_headers_only ?
                                                                      KANRI_MESSAGE_FORMAT_TEXT :
                                                                      KANRI_MESSAGE_FORMAT_EML,
                                                                      cancellable, NULL);
    }

  return finish_report (report, cancellable, error);
}

/* The language is looked up once per analysis, not once per anti-spam
 * header (kanri-translation-cache.c). */
static KanriHeaderReport *
analyze_message_file (KanriMessageFile     *file,
                      const char           *source,
                      KanriSignatureCheck  *signatures,
                      GCancellable         *cancellable,
                      GError              **error)
{
  KanriTranslationCache *translations = kanri_translation_cache_hold ();
  KanriHeaderReport *report = analyze_message_file_in_language (file, source, signatures, cancellable, error);

  kanri_translation_cache_release (translations);
  return report;
}

/**
 * kanri_header_analyzer_analyze:
 * @data: a message file's bytes or pasted text
 * @length: the length of @data
 * @source: (nullable): what the data came from ("message.eml", "-", …)
 * @format: %KANRI_MESSAGE_FORMAT_AUTO to recognize the format from the
 *   content, or %KANRI_MESSAGE_FORMAT_TEXT for pasted text
 * @cancellable: (nullable): stops the analysis, which then fails with
 *   %G_IO_ERROR_CANCELLED
 *
 * Returns: (transfer full): the analysis, or %NULL with @error set when the
 *   input holds no readable headers or the analysis was cancelled
 */
KanriHeaderReport *
kanri_header_analyzer_analyze (const char          *data,
                               gsize                length,
                               const char          *source,
                               KanriMessageFormat   format,
                               GCancellable        *cancellable,
                               GError             **error)
{
  g_autoptr(KanriMessageFile) file = NULL;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  file = kanri_message_file_load (data, length, format, error);
  if (file == NULL)
    return NULL;

  return analyze_message_file (file, source, NULL, cancellable, error);
}

/**
 * kanri_header_analyzer_analyze_verified:
 * @verifier: looks up the signatures' keys
 *
 * Like kanri_header_analyzer_analyze(), and verifies the DKIM signatures
 * and the ARC chain of a message given whole (an .eml), or says why it
 * cannot. Blocks on the verifier's DNS lookups: call it from a worker
 * thread when they go to the network.
 *
 * Returns: (transfer full): the analysis, or %NULL with @error set
 */
KanriHeaderReport *
kanri_header_analyzer_analyze_verified (const char          *data,
                                        gsize                length,
                                        const char          *source,
                                        KanriMessageFormat   format,
                                        KanriDkimVerifier   *verifier,
                                        GCancellable        *cancellable,
                                        GError             **error)
{
  g_autoptr(KanriMessageFile) file = NULL;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (KANRI_IS_DKIM_VERIFIER (verifier), NULL);

  file = kanri_message_file_load (data, length, format, error);
  if (file == NULL)
    return NULL;

  return analyze_message_file (file, source, check_signatures (file, data, length, verifier, cancellable),
                               cancellable, error);
}

static gboolean
check_file_size (GFile         *file,
                 GCancellable  *cancellable,
                 GError       **error)
{
  g_autoptr(GFileInfo) info = NULL;
  goffset size;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE,
                            cancellable, error);
  if (info == NULL)
    return FALSE;

  size = g_file_info_get_size (info);
  if (size > KANRI_MESSAGE_FILE_MAX_SIZE)
    {
      g_autofree char *shown = g_format_size (size);

      g_set_error (error, KANRI_MESSAGE_FILE_ERROR, KANRI_MESSAGE_FILE_ERROR_TOO_LARGE,
                   _("The file is %s; Kanri analyzes messages up to 25 MB, the largest Exchange Online accepts by default"),
                   shown);
      return FALSE;
    }

  return TRUE;
}

static KanriHeaderReport *
analyze_file (GFile              *file,
              KanriDkimVerifier  *verifier,
              GCancellable       *cancellable,
              GError            **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *name = NULL;
  gsize length = 0;

  if (!check_file_size (file, cancellable, error))
    return NULL;

  if (!g_file_load_contents (file, cancellable, &contents, &length, NULL, error))
    return NULL;

  name = g_file_get_basename (file);
  if (verifier != NULL)
    return kanri_header_analyzer_analyze_verified (contents, length, name, KANRI_MESSAGE_FORMAT_AUTO,
                                                   verifier, cancellable, error);
  return kanri_header_analyzer_analyze (contents, length, name, KANRI_MESSAGE_FORMAT_AUTO,
                                        cancellable, error);
}

/**
 * kanri_header_analyzer_analyze_file:
 *
 * Reads and analyzes @file, refusing files over the size limit before
 * reading them. The report's source is the file's base name.
 *
 * Returns: (transfer full): the analysis, or %NULL with @error set
 */
KanriHeaderReport *
kanri_header_analyzer_analyze_file (GFile         *file,
                                    GCancellable  *cancellable,
                                    GError       **error)
{
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  return analyze_file (file, NULL, cancellable, error);
}

/**
 * kanri_header_analyzer_analyze_file_verified:
 * @verifier: looks up the signatures' keys
 *
 * Like kanri_header_analyzer_analyze_file(), and verifies the signatures as
 * kanri_header_analyzer_analyze_verified() does. Blocks on the file and on
 * the verifier's DNS lookups: call it from a worker thread.
 *
 * Returns: (transfer full): the analysis, or %NULL with @error set
 */
KanriHeaderReport *
kanri_header_analyzer_analyze_file_verified (GFile              *file,
                                             KanriDkimVerifier  *verifier,
                                             GCancellable       *cancellable,
                                             GError            **error)
{
  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (KANRI_IS_DKIM_VERIFIER (verifier), NULL);

  return analyze_file (file, verifier, cancellable, error);
}

static void
analyze_file_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  GError *error = NULL;
  KanriHeaderReport *report;

  report = kanri_header_analyzer_analyze_file (G_FILE (task_data), cancellable, &error);
  if (report == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, report, g_object_unref);
}

/**
 * kanri_header_analyzer_analyze_file_async:
 *
 * Reads and analyzes @file in a worker thread, so that the main loop never
 * waits for a large file.
 */
void
kanri_header_analyzer_analyze_file_async (GFile               *file,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, kanri_header_analyzer_analyze_file_async);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, analyze_file_thread);
}

/**
 * kanri_header_analyzer_analyze_file_finish:
 *
 * Returns: (transfer full): the analysis, or %NULL with @error set
 */
KanriHeaderReport *
kanri_header_analyzer_analyze_file_finish (GAsyncResult  *result,
                                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
