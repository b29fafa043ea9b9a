/* kanri-header-report.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-header-report"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "kanri-header-report-private.h"
#include "kanri-steps.h"
#include "kanri-translation-cache.h"

/* The result of analyzing one message's headers. Immutable once the analyzer
 * returns it, so it can be handed from a worker thread to the GUI. */

G_DEFINE_FINAL_TYPE (KanriHeaderReport, kanri_header_report, G_TYPE_OBJECT)

/* The parts of a report are in its arena: these free what they own. */
static void
auth_header_free (gpointer data)
{
  KanriAuthHeader *header = data;

  kanri_auth_results_free (header->results);
}

static void
finding_free (gpointer data)
{
  KanriHeaderFinding *finding = data;

  g_free (finding->message);
}

/**
 * kanri_header_report_alloc:
 *
 * Returns: @size zeroed bytes, aligned for any part, that live as long as
 *   the report
 */
gpointer
kanri_header_report_alloc (KanriHeaderReport *self,
                           gsize              size)
{
  return kanri_arena_alloc (&self->arena, size);
}

/* kanri_header_report_alloc() for the parsers that take an allocator. */
gpointer
kanri_header_report_alloc_func (gsize    size,
                                gpointer report)
{
  return kanri_header_report_alloc (report, size);
}

/* The index of the notes by place and address, so that noting one costs
 * the same however many are noted already. A report notes a dozen addresses
 * or so, which a look at each finds sooner than a hash table is built: the
 * index is only built once there are IP_INDEX_MIN notes. */
#define IP_INDEX_MIN 16

static guint
ip_note_hash (gconstpointer data)
{
  const KanriIpNote *note = data;

  return (g_str_hash (note->ip) * 31 + note->seen) * 31 + note->hop;
}

static gboolean
ip_note_equal (gconstpointer a,
               gconstpointer b)
{
  const KanriIpNote *first = a;
  const KanriIpNote *second = b;

  return first->seen == second->seen && first->hop == second->hop &&
         g_str_equal (first->ip, second->ip);
}

static void
kanri_header_report_finalize (GObject *object)
{
  KanriHeaderReport *self = (KanriHeaderReport *)object;

  g_clear_object (&self->headers);
  g_clear_pointer (&self->hops, g_ptr_array_unref);
  g_clear_pointer (&self->auth_headers, g_ptr_array_unref);
  g_clear_pointer (&self->antispam, g_ptr_array_unref);
  g_clear_pointer (&self->ndr, kanri_delivery_status_free);
  g_clear_object (&self->ndr_original);
  g_clear_pointer (&self->ip_index, g_hash_table_unref);
  g_clear_pointer (&self->ips, g_ptr_array_unref);
  g_clear_pointer (&self->findings, g_ptr_array_unref);
  g_clear_pointer (&self->signatures, kanri_signature_check_free);
  kanri_arena_clear (&self->arena);

  G_OBJECT_CLASS (kanri_header_report_parent_class)->finalize (object);
}

static void
kanri_header_report_class_init (KanriHeaderReportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kanri_header_report_finalize;
}

static void
kanri_header_report_init (KanriHeaderReport *self)
{
  self->hops = g_ptr_array_new ();
  self->auth_headers = g_ptr_array_new_with_free_func (auth_header_free);
  /* An Exchange Online message has two to three dozen anti-spam fields. */
  self->antispam = g_ptr_array_new_full (32, NULL);
  self->ips = g_ptr_array_new ();
  self->findings = g_ptr_array_new_with_free_func (finding_free);
  /* Through the translation cache: a report is made for every message. */
  self->signatures = kanri_signature_check_new_status (KANRI_SIGNATURES_NOT_CHECKED,
                                                       kanri_translation_cache_lookup (kanri_translation_cache_get (),
                                                                                       N_("The signatures were not verified: their keys were not looked up in DNS.")));
}

KanriHeaderReport *
kanri_header_report_new (const char         *source,
                         KanriMessageFormat  format,
                         KanriHeaderBlock   *headers)
{
  KanriHeaderReport *self = g_object_new (KANRI_TYPE_HEADER_REPORT, NULL);

  self->source = kanri_header_report_intern (self, source);
  self->format = format;
  self->headers = g_object_ref (headers);

  return self;
}

/**
 * kanri_header_report_intern:
 * @text: (nullable): a string
 *
 * Returns: (nullable): a copy of @text that lives as long as the report
 */
char *
kanri_header_report_intern (KanriHeaderReport *self,
                            const char        *text)
{
  return text != NULL ? kanri_header_report_intern_len (self, text, strlen (text)) : NULL;
}

char *
kanri_header_report_intern_len (KanriHeaderReport *self,
                                const char        *text,
                                gsize              length)
{
  return kanri_arena_strndup (&self->arena, text, length);
}

/* Frees @text, and returns its copy in the report's strings. */
char *
kanri_header_report_take (KanriHeaderReport *self,
                          char              *text)
{
  char *copy = kanri_header_report_intern (self, text);

  g_free (text);
  return copy;
}

/* Takes @message. */
void
kanri_header_report_add_finding (KanriHeaderReport *self,
                                 const char        *id,
                                 KanriSeverity      severity,
                                 char              *message)
{
  KanriHeaderFinding *finding = kanri_header_report_alloc (self, sizeof *finding);

  finding->id = id;
  finding->severity = severity;
  finding->message = message;
  g_ptr_array_add (self->findings, finding);
}

/* The same address seen twice in the same place is noted once. */
void
kanri_header_report_add_ip (KanriHeaderReport *self,
                            const char        *ip,
                            KanriIpClass       klass,
                            KanriIpSeen        seen,
                            guint              hop)
{
  KanriIpNote key = { .ip = (char *)ip, .seen = seen, .hop = hop };
  KanriIpNote *note;
  gsize length;

  KANRI_STEP ();
  if (self->ip_index != NULL)
    {
      if (g_hash_table_contains (self->ip_index, &key))
        return;
    }
  else
    {
      for (guint i = 0; i < self->ips->len; i++)
        {
          if (ip_note_equal (g_ptr_array_index (self->ips, i), &key))
            return;
        }
    }

  /* The note and its address in one piece: a report notes every address
   * of every hop. */
  length = strlen (ip);
  note = kanri_header_report_alloc (self, sizeof *note + length + 1);
  note->ip = memcpy (note + 1, ip, length + 1);
  note->klass = klass;
  note->seen = seen;
  note->hop = hop;
  g_ptr_array_add (self->ips, note);
  if (self->ip_index != NULL)
    g_hash_table_add (self->ip_index, note);
  else if (self->ips->len == IP_INDEX_MIN)
    {
      self->ip_index = g_hash_table_new (ip_note_hash, ip_note_equal);
      for (guint i = 0; i < self->ips->len; i++)
        g_hash_table_add (self->ip_index, g_ptr_array_index (self->ips, i));
    }
}

/**
 * kanri_ip_note_describe:
 *
 * Returns: (transfer full): where the address was seen, translated
 *   ("Connecting IP (CIP)", "Hop 2, sending server", …)
 */
char *
kanri_ip_note_describe (const KanriIpNote *note)
{
  g_return_val_if_fail (note != NULL, NULL);

  switch (note->seen)
    {
    case KANRI_IP_SEEN_CIP:
      return g_strdup (_("Connecting IP (CIP)"));
    case KANRI_IP_SEEN_HOP_SENDER:
      return g_strdup_printf (_("Hop %u, sending server"), note->hop);
    case KANRI_IP_SEEN_ORIGINAL_SENDER:
      return g_strdup (_("Original sender (enhanced filtering)"));
    case KANRI_IP_SEEN_SPF:
    default:
      return g_strdup (_("Evaluated by SPF"));
    }
}

/**
 * kanri_severity_to_string:
 *
 * Returns: "info", "warning" or "error", as in the JSON report
 */
const char *
kanri_severity_to_string (KanriSeverity severity)
{
  switch (severity)
    {
    case KANRI_SEVERITY_ERROR:
      return "error";
    case KANRI_SEVERITY_WARNING:
      return "warning";
    case KANRI_SEVERITY_INFO:
    default:
      return "info";
    }
}

/**
 * kanri_header_report_get_source:
 *
 * Returns: the name of what was analyzed: a file name, "-" for standard
 *   input, or whatever the caller gave
 */
const char *
kanri_header_report_get_source (KanriHeaderReport *self)
{
  g_return_val_if_fail (KANRI_IS_HEADER_REPORT (self), NULL);

  return self->source;
}

KanriMessageFormat
kanri_header_report_get_format (KanriHeaderReport *self)
{
  g_return_val_if_fail (KANRI_IS_HEADER_REPORT (self), KANRI_MESSAGE_FORMAT_AUTO);

  return self->format;
}

/**
 * kanri_header_report_get_headers:
 *
 * Returns: (transfer none): every header field, in order, for the "all
 *   headers" view
 */
KanriHeaderBlock *
kanri_header_report_get_headers (KanriHeaderReport *self)
{
  g_return_val_if_fail (KANRI_IS_HEADER_REPORT (self), NULL);

  return self->headers;
}

/**
 * kanri_header_report_get_subject:
 *
 * Returns: (nullable): the subject, RFC 2047 words decoded
 */
const char *
kanri_header_report_get_subject (KanriHeaderReport *self)
{
  g_return_val_if_fail (KANRI_IS_HEADER_REPORT (self), NULL);

  return self->subject;
}

/**
 * kanri_header_report_get_from:
 *
 * Returns: (nullable): the From field, RFC 2047 words decoded
 */
const char *
kanri_header_report_get_from (KanriHeaderReport *self)
{
  g_return_val_if_fail (KANRI_IS_HEADER_REPORT (self), NULL);

  return self->from;
}

/**
 * kanri_header_report_get_to:
 *
 * Returns: (nullable): the To field, RFC 2047 words decoded
 */
const char *
kanri_header_report_get_to (KanriHeaderReport *self)
{
  g_return_val_if_fail (KANRI_IS_HEADER_REPORT (self), NULL);

  return self->to;
}

/**
 * kanri_header_report_get_message_id:
 *
 * Returns: (nullable): the Message-ID field
 */
const char *
kanri_header_report_get_message_id (KanriHeaderReport *self)
{
  g_return_val_if_fail (KANRI_IS_HEADER_REPORT (self), NULL);

  return self->message_id;
}

/**
 * kanri_header_report_get_date_text:
 *
 * Returns: (nullable): the Date field as written
 */
const char *
kanri_header_report_get_date_text (KanriHeaderReport *self)
{
  g_return_val_if_fail (KANRI_IS_HEADER_REPORT (self), NULL);

  return self->date_text;
}

/**
 * kanri_header_report_get_date:
 *
 * Returns: (nullable): the Date field, when it could be read
 */
const KanriDate *
kanri_header_report_get_date (KanriHeaderReport *self)
{
  g_return_val_if_fail (KANRI_IS_HEADER_REPORT (self), NULL);

  return self->has_date ? &self->date : NULL;
}

/**
 * kanri_header_report_get_hops:
 *
 * Returns: (transfer none) (element-type KanriHop): the Received fields,
 *   oldest first
 */
GPtrArray *
kanri_header_report_get_hops (KanriHeaderReport *self)
{
  g_return_val_if_fail (KANRI_IS_HEADER_REPORT (self), NULL);

  return self->hops;
}

/**
 * kanri_header_report_get_total_delay:
 * @seconds: (out) (optional): the newest hop's time minus the oldest's
 *
 * Returns: whether at least two hops have a readable time
 */
gboolean
kanri_header_report_get_total_delay (KanriHeaderReport *self,
                                     double            *seconds)
{
  g_return_val_if_fail (KANRI_IS_HEADER_REPORT (self), FALSE);

  if (seconds != NULL)
    *seconds = self->total_delay;
  return self->has_total_delay;
}

/**
 * kanri_header_report_get_total_delay_text:
 *
 * Returns: (nullable): the total delay, exact, as in the JSON report
 */
const char *
kanri_header_report_get_total_delay_text (KanriHeaderReport *self)
{
  g_return_val_if_fail (KANRI_IS_HEADER_REPORT (self), NULL);

  return self->total_delay_text;
}

/**
 * kanri_header_report_get_cip:
 *
 * Returns: (nullable): the connecting IP of the trusted
 *   X-Forefront-Antispam-Report, canonical
 */
const char *
kanri_header_report_get_cip (KanriHeaderReport *self)
{
  g_return_val_if_fail (KANRI_IS_HEADER_REPORT (self), NULL);

  return self->cip;
}

/**
 * kanri_header_report_get_cip_class:
 *
 * Returns: what the CIP is; meaningful only when there is one
 */
KanriIpClass
kanri_header_report_get_cip_class (KanriHeaderReport *self)
{
  g_return_val_if_fail (KANRI_IS_HEADER_REPORT (self), KANRI_IP_CLASS_PUBLIC);

  return self->cip_class;
}

/**
 * kanri_header_report_get_enhanced_filtering:
 * @original_ip: (out) (optional) (transfer none) (nullable): the original
 *   sender's IP address Exchange Online evaluated
 * @original_host: (out) (optional) (transfer none) (nullable): its host name
 *
 * Returns: whether enhanced filtering for connectors was applied
 */
gboolean
kanri_header_report_get_enhanced_filtering (KanriHeaderReport  *self,
                                            const char        **original_ip,
                                            const char        **original_host)
{
  g_return_val_if_fail (KANRI_IS_HEADER_REPORT (self), FALSE);

  if (original_ip != NULL)
    *original_ip = self->ef_original_ip;
  if (original_host != NULL)
    *original_host = self->ef_original_host;
  return self->ef_applied;
}

/**
 * kanri_header_report_get_auth:
 *
 * Returns: (transfer none): the authentication verdicts
 */
const KanriAuthSummary *
kanri_header_report_get_auth (KanriHeaderReport *self)
{
  g_return_val_if_fail (KANRI_IS_HEADER_REPORT (self), NULL);

  return &self->auth;
}

/**
 * kanri_header_report_get_auth_headers:
 *
 * Returns: (transfer none) (element-type KanriAuthHeader): every
 *   authentication results field that could be read, in header order
 */
GPtrArray *
kanri_header_report_get_auth_headers (KanriHeaderReport *self)
{
  g_return_val_if_fail (KANRI_IS_HEADER_REPORT (self), NULL);

  return self->auth_headers;
}

/**
 * kanri_header_report_get_antispam:
 *
 * Returns: (transfer none) (element-type KanriAntispamField): every field of
 *   every anti-spam header, in header order, -Untrusted ones included
 */
GPtrArray *
kanri_header_report_get_antispam (KanriHeaderReport *self)
{
  g_return_val_if_fail (KANRI_IS_HEADER_REPORT (self), NULL);

  return self->antispam;
}

/**
 * kanri_header_report_get_scl:
 *
 * Returns: whether the trusted headers give a spam confidence level
 */
gboolean
kanri_header_report_get_scl (KanriHeaderReport *self,
                             int               *scl)
{
  g_return_val_if_fail (KANRI_IS_HEADER_REPORT (self), FALSE);

  if (scl != NULL)
    *scl = self->scl;
  return self->has_scl;
}

/**
 * kanri_header_report_get_bcl:
 *
 * Returns: whether the trusted headers give a bulk complaint level
 */
gboolean
kanri_header_report_get_bcl (KanriHeaderReport *self,
                             int               *bcl)
{
  g_return_val_if_fail (KANRI_IS_HEADER_REPORT (self), FALSE);

  if (bcl != NULL)
    *bcl = self->bcl;
  return self->has_bcl;
}

/**
 * kanri_header_report_get_sfv:
 *
 * Returns: (nullable): the spam filtering verdict of the trusted
 *   X-Forefront-Antispam-Report ("NSPM", "SPM", "SKN", …)
 */
const char *
kanri_header_report_get_sfv (KanriHeaderReport *self)
{
  g_return_val_if_fail (KANRI_IS_HEADER_REPORT (self), NULL);

  return self->sfv;
}

/**
 * kanri_header_report_get_ndr:
 *
 * Returns: (transfer none) (nullable): the delivery status when the message
 *   is a non-delivery report
 */
const KanriDeliveryStatus *
kanri_header_report_get_ndr (KanriHeaderReport *self)
{
  g_return_val_if_fail (KANRI_IS_HEADER_REPORT (self), NULL);

  return self->ndr;
}

/**
 * kanri_header_report_get_ndr_original:
 *
 * Returns: (transfer none) (nullable): the analysis of the headers of the
 *   message the non-delivery report returned
 */
KanriHeaderReport *
kanri_header_report_get_ndr_original (KanriHeaderReport *self)
{
  g_return_val_if_fail (KANRI_IS_HEADER_REPORT (self), NULL);

  return self->ndr_original;
}

/**
 * kanri_header_report_get_ips:
 *
 * Returns: (transfer none) (element-type KanriIpNote): every IP address in
 *   the CIP, the hops, enhanced filtering and SPF, classified
 */
GPtrArray *
kanri_header_report_get_ips (KanriHeaderReport *self)
{
  g_return_val_if_fail (KANRI_IS_HEADER_REPORT (self), NULL);

  return self->ips;
}

/**
 * kanri_header_report_get_findings:
 *
 * Returns: (transfer none) (element-type KanriHeaderFinding): the findings, most
 *   severe first
 */
GPtrArray *
kanri_header_report_get_findings (KanriHeaderReport *self)
{
  g_return_val_if_fail (KANRI_IS_HEADER_REPORT (self), NULL);

  return self->findings;
}

/**
 * kanri_header_report_find_finding:
 *
 * Returns: (transfer none) (nullable): the first finding with @id
 */
const KanriHeaderFinding *
kanri_header_report_find_finding (KanriHeaderReport *self,
                                  const char        *id)
{
  g_return_val_if_fail (KANRI_IS_HEADER_REPORT (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  for (guint i = 0; i < self->findings->len; i++)
    {
      const KanriHeaderFinding *finding = g_ptr_array_index (self->findings, i);

      if (g_str_equal (finding->id, id))
        return finding;
    }

  return NULL;
}

/**
 * kanri_header_report_get_signatures:
 *
 * Returns: (transfer none): Kanri's own verdict on the DKIM signatures and
 *   the ARC chain, or why there is none
 */
const KanriSignatureCheck *
kanri_header_report_get_signatures (KanriHeaderReport *self)
{
  g_return_val_if_fail (KANRI_IS_HEADER_REPORT (self), NULL);

  return self->signatures;
}
