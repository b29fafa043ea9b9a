/* kanri-header-findings.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-header-findings"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libpsl.h>
#include <string.h>

#include "kanri-header-report-private.h"
#include "kanri-ip.h"
#include "kanri-ndr.h"
#include "kanri-signature-compare.h"
#include "kanri-steps.h"
#include "kanri-translation-cache.h"

/* The findings of a report, each with a stable id:
 *
 *   spf-fail                   SPF fail (error) or softfail (warning)
 *   dkim-fail                  a DKIM signature was present and did not
 *                              verify, and none did; dkim=none is not one
 *   dmarc-fail                 DMARC fail
 *   compauth-fail              composite authentication failed
 *   enhanced-filtering-applied the enhanced filtering headers are present
 *   cip-is-relay               the CIP is a relay in front of Exchange Online,
 *                              not the origin
 *   relay-pool                 the CIP or a hop's sender is in 40.95.0.0/16
 *   eop-outbound               the same for the EOP outbound ranges
 *   client-submitted           the CIP is 255.255.255.255
 *   clock-skew                 a hop is stamped earlier than the one before
 *   date-unreadable            a hop's time cannot be read
 *   spam-verdict               SFV:SPM or SCL 5 and above
 *   bulk                       SRV:BULK, CAT:BULK or BCL 7 and above
 *   untrusted-antispam         -Untrusted anti-spam headers are present
 *   internal-message           X-MS-Exchange-Organization-AuthAs: Internal
 *   no-hops                    no Received field at all
 *   ndr                        the message is a delivery-status report
 *   dkim-verify-mismatch, dkim-body-modified, dkim-header-modified,
 *   dkim-content-appended, dkim-rsa-sha1, arc-verify-mismatch, arc-fail
 *                              Kanri's own verification of the signatures,
 *                              beside what the server claimed (see
 *                              kanri-signature-compare.c)
 *
 * Verdicts come from the trusted headers only: Exchange Online's topmost
 * Authentication-Results and the anti-spam headers without "-Untrusted". */

/* The default BCL threshold of the anti-spam policy (Microsoft Learn "Bulk
 * complaint level (BCL)"). */
#define BULK_THRESHOLD 7

/* _() through the translation cache, which the analysis holds
 * (kanri-translation-cache.c): a finding's sentence is looked up for every
 * message that has it. */
static const char * G_GNUC_FORMAT (1)
translated (const char *msgid)
{
  return kanri_translation_cache_lookup (kanri_translation_cache_get (), msgid);
}

static const char *
or_unknown (const char *value)
{
  return value != NULL && *value != '\0' ? value : translated (N_("unknown"));
}

/* Up to nine strings, as a message names them. */
#define MAX_STRINGS 9

/* Whether @format holds no conversion but "%s", "%N$s" and "%%", all "%s"
 * or all numbered; sets @n_strings to how many strings it takes. */
static gboolean
takes_only_strings (const char *format,
                    guint      *n_strings)
{
  guint sequential = 0;
  guint numbered = 0;

  for (const char *p = strchr (format, '%'); p != NULL; p = strchr (p, '%'))
    {
      if (p[1] == '%')
        p += 2;
      else if (p[1] == 's')
        {
          sequential++;
          p += 2;
        }
      else if (p[1] >= '1' && p[1] <= '9' && p[2] == '$' && p[3] == 's')
        {
          numbered = MAX (numbered, (guint)(p[1] - '0'));
          p += 4;
        }
      else
        return FALSE;
    }

  if ((sequential > 0 && numbered > 0) || sequential > MAX_STRINGS)
    return FALSE;

  *n_strings = MAX (sequential, numbered);
  return TRUE;
}

/* Writes @format with its conversions replaced by @strings into @out, or
 * only measures it when @out is %NULL; returns the length. */
static gsize
expand (const char        *format,
        const char *const *strings,
        const gsize       *lengths,
        char              *out)
{
  gsize length = 0;
  guint next = 0;

  for (const char *p = format; *p != '\0';)
    {
      const char *percent = strchr (p, '%');
      guint index;

      if (percent == NULL)
        percent = p + strlen (p);
      if (out != NULL)
        memcpy (out + length, p, percent - p);
      length += percent - p;
      if (*percent == '\0')
        break;

      if (percent[1] == '%')
        {
          if (out != NULL)
            out[length] = '%';
          length++;
          p = percent + 2;
          continue;
        }
      if (percent[1] == 's')
        {
          index = next++;
          p = percent + 2;
        }
      else
        {
          index = percent[1] - '1';
          p = percent + 4;
        }
      if (out != NULL)
        memcpy (out + length, strings[index], lengths[index]);
      length += lengths[index];
    }

  return length;
}

/* g_strdup_printf() for the findings' messages: nearly all of them only
 * put strings into a translated sentence, which vasprintf() takes 2,000
 * instructions to do, a tenth of the analysis of a small message. Any
 * other conversion goes to g_strdup_vprintf(). */
static char * G_GNUC_PRINTF (1, 2)
format_message (const char *format,
                ...)
{
  const char *strings[MAX_STRINGS];
  gsize lengths[MAX_STRINGS];
  guint n_strings;
  va_list args;
  char *message;
  gsize length;

  va_start (args, format);
  if (!takes_only_strings (format, &n_strings))
    {
      message = g_strdup_vprintf (format, args);
      va_end (args);
      return message;
    }

  for (guint i = 0; i < n_strings; i++)
    {
      strings[i] = va_arg (args, const char *);
      /* As glibc's printf() writes it. */
      if (strings[i] == NULL)
        strings[i] = "(null)";
      lengths[i] = strlen (strings[i]);
    }
  va_end (args);

  length = expand (format, strings, lengths, NULL);
  message = g_malloc (length + 1);
  expand (format, strings, lengths, message);
  message[length] = '\0';

  return message;
}

static void
check_spf (KanriHeaderReport *self)
{
  const KanriAuthSummary *auth = &self->auth;

  if (auth->spf == NULL)
    return;

  if (g_str_equal (auth->spf, "fail"))
    kanri_header_report_add_finding (self, "spf-fail", KANRI_SEVERITY_ERROR,
                                     format_message (translated (N_("SPF failed for %s: its SPF record says the sending IP address %s is not authorized to send its mail.")),
                                                      or_unknown (auth->spf_domain), or_unknown (auth->spf_ip)));
  else if (g_str_equal (auth->spf, "softfail"))
    kanri_header_report_add_finding (self, "spf-fail", KANRI_SEVERITY_WARNING,
                                     format_message (translated (N_("SPF soft-failed for %s: its SPF record says the sending IP address %s is probably not authorized (~all).")),
                                                      or_unknown (auth->spf_domain), or_unknown (auth->spf_ip)));
}

static gboolean
is_dkim_failure (const char *result)
{
  return g_str_equal (result, "fail") || g_str_equal (result, "permerror") ||
         g_str_equal (result, "neutral") || g_str_equal (result, "temperror");
}

static void
check_dkim (KanriHeaderReport *self)
{
  const KanriAuthSummary *auth = &self->auth;

  /* The summary holds a passing signature if there is one. */
  if (auth->dkim == NULL || !is_dkim_failure (auth->dkim))
    return;

  kanri_header_report_add_finding (self, "dkim-fail", KANRI_SEVERITY_WARNING,
                                   format_message (translated (N_("The DKIM signature of %s did not verify (dkim=%s): the message was changed on the way, or the signing key does not match.")),
                                                    or_unknown (auth->dkim_domain), auth->dkim));
}

static void
check_dmarc (KanriHeaderReport *self)
{
  const KanriAuthSummary *auth = &self->auth;

  if (auth->dmarc == NULL || !g_str_equal (auth->dmarc, "fail"))
    return;

  if (auth->dmarc_action != NULL)
    kanri_header_report_add_finding (self, "dmarc-fail", KANRI_SEVERITY_ERROR,
                                     format_message (translated (N_("DMARC failed for %s: neither SPF nor DKIM passed for a domain aligned with the From address. Exchange Online’s action: %s.")),
                                                      or_unknown (auth->dmarc_domain), auth->dmarc_action));
  else
    kanri_header_report_add_finding (self, "dmarc-fail", KANRI_SEVERITY_ERROR,
                                     format_message (translated (N_("DMARC failed for %s: neither SPF nor DKIM passed for a domain aligned with the From address.")),
                                                      or_unknown (auth->dmarc_domain)));
}

static void
check_compauth (KanriHeaderReport *self)
{
  const KanriAuthSummary *auth = &self->auth;
  const char *explanation;

  if (auth->compauth == NULL || !g_str_equal (auth->compauth, "fail"))
    return;

  explanation = auth->compauth_reason != NULL ? kanri_auth_explain_compauth_reason (auth->compauth_reason) : NULL;
  if (explanation != NULL)
    kanri_header_report_add_finding (self, "compauth-fail", KANRI_SEVERITY_WARNING,
                                     format_message (translated (N_("Composite authentication failed (reason %s): Microsoft 365 considers the sender spoofed. %s")),
                                                      auth->compauth_reason, explanation));
  else
    kanri_header_report_add_finding (self, "compauth-fail", KANRI_SEVERITY_WARNING,
                                     g_strdup (translated (N_("Composite authentication failed: Microsoft 365 considers the sender spoofed."))));
}

static void
check_enhanced_filtering (KanriHeaderReport *self)
{
  if (!self->ef_applied)
    return;

  kanri_header_report_add_finding (self, "enhanced-filtering-applied", KANRI_SEVERITY_INFO,
                                   format_message (translated (N_("Enhanced filtering for connectors was applied: Exchange Online evaluated the original sender %s (%s) instead of the server that connected, %s.")),
                                                    or_unknown (self->ef_original_ip),
                                                    or_unknown (self->ef_original_host),
                                                    or_unknown (self->cip)));
}

static gboolean
is_submission (const KanriReceived *received)
{
  static const char *const submission[] = {
    "ESMTPA", "ESMTPSA", "LMTPA", "LMTPSA", "UTF8SMTPA", "UTF8SMTPSA", "UTF8LMTPA", "UTF8LMTPSA",
  };
  g_autofree char *protocol = NULL;

  if (received->with == NULL)
    return FALSE;

  /* RFC 3848 names authenticated submission; webmail and Outlook use HTTP(S)
   * and MAPI. None of these is one server relaying for another. */
  protocol = g_ascii_strup (received->with, strcspn (received->with, " "));
  for (guint i = 0; i < G_N_ELEMENTS (submission); i++)
    {
      if (g_str_equal (protocol, submission[i]))
        return TRUE;
    }

  return g_str_has_prefix (protocol, "HTTP") || g_str_equal (protocol, "MAPI");
}

/* The first word of @text, split at white space, parentheses and brackets,
 * that has a dot once its trailing dots are gone and is not an address. */
static char *
first_host_in (const char *text)
{
  static const char delimiters[] = " \t()[]";
  const char *p = text != NULL ? text : "";

  while (*p != '\0')
    {
      const char *start;
      gsize length;
      KanriIp ip;

      p += strspn (p, delimiters);
      start = p;
      p += strcspn (p, delimiters);
      length = p - start;

      while (length > 0 && start[length - 1] == '.')
        length--;

      if (length == 0 || memchr (start, '.', length) == NULL || kanri_ip_parse_len (start, length, &ip))
        continue;
      return g_ascii_strdown (start, length);
    }

  return NULL;
}

/* The name a hop's sender gave or was found under: the first word with a
 * dot that is neither an address nor "unknown" ("from unknown (HELO
 * app.example.com) (192.0.2.10)" gives app.example.com). The words are
 * read in place: splitting them into a vector cost more than the Public
 * Suffix List lookup that follows. */
static char *
sender_host (const KanriReceived *received)
{
  char *host = first_host_in (received->from);

  return host != NULL ? host : first_host_in (received->from_detail);
}

/* The last two labels of @host ("example.net" of "mx.example.net"), or all
 * of it. */
static const char *
last_two_labels (const char *host)
{
  const char *dot = strrchr (host, '.');
  const char *start = dot;

  if (dot == NULL)
    return host;
  while (start > host && start[-1] != '.')
    start--;

  return start;
}

/* Whether the two hosts have the same registrable domain (example.co.jp
 * for mx.example.co.jp), by the Public Suffix List. A registrable domain is
 * a label and a public suffix, so two hosts with one share at least their
 * last two labels: hosts that do not are told apart without the two
 * lookups, which cost as much as the rest of the analysis of a relayed
 * message together. */
static gboolean
same_organization (const char *first,
                   const char *second)
{
  const char *first_domain;
  const char *second_domain;

  if (g_ascii_strcasecmp (last_two_labels (first), last_two_labels (second)) != 0)
    return FALSE;

  first_domain = psl_registrable_domain (psl_builtin (), first);
  second_domain = psl_registrable_domain (psl_builtin (), second);
  return first_domain != NULL && second_domain != NULL && g_ascii_strcasecmp (first_domain, second_domain) == 0;
}

/* The hop before Exchange Online's ingress (the newest hop sent from the
 * CIP), skipping hops inside the relay's own network, shows where the relay
 * got the message from. Returns that hop when it is another organization's
 * public server, or NULL. */
static const KanriHop *
find_relay_origin (KanriHeaderReport *self)
{
  const KanriHop *ingress = NULL;
  int ingress_index = -1;

  for (guint i = 0; i < self->hops->len; i++)
    {
      const KanriHop *hop = g_ptr_array_index (self->hops, i);

      if (hop->received->from_ip != NULL && g_str_equal (hop->received->from_ip, self->cip))
        {
          ingress = hop;
          ingress_index = (int)i;
        }
    }

  for (int i = ingress_index - 1; i >= 0; i--)
    {
      const KanriHop *hop = g_ptr_array_index (self->hops, i);
      const char *ip = hop->received->from_ip;
      g_autofree char *relay_host = NULL;
      g_autofree char *origin_host = NULL;

      if (ip == NULL || g_str_equal (ip, self->cip) || kanri_ip_class_is_internal (hop->from_ip_class))
        continue;
      if (is_submission (hop->received) || hop->from_ip_class == KANRI_IP_CLASS_CLIENT_SUBMITTED)
        return NULL;

      /* A sender's own outbound chain (an application behind its mail
       * service, one company's servers) is not a relay in front of
       * Exchange Online. */
      relay_host = sender_host (ingress->received);
      origin_host = sender_host (hop->received);
      if (relay_host != NULL && origin_host != NULL && same_organization (relay_host, origin_host))
        return NULL;

      return hop;
    }

  return NULL;
}

static void
check_cip_is_relay (KanriHeaderReport *self)
{
  const KanriHop *origin;

  /* Microsoft's own servers and client submission are not relays in front
   * of the organization; they have their own findings. */
  if (self->cip == NULL || self->cip_class == KANRI_IP_CLASS_EOP_OUTBOUND ||
      self->cip_class == KANRI_IP_CLASS_RELAY_POOL || self->cip_class == KANRI_IP_CLASS_CLIENT_SUBMITTED)
    return;

  if (self->ef_applied)
    {
      if (self->ef_original_ip == NULL || g_str_equal (self->ef_original_ip, self->cip))
        return;

      kanri_header_report_add_finding (self, "cip-is-relay", KANRI_SEVERITY_WARNING,
                                       format_message (translated (N_("The connecting IP (CIP) %s is a relay in front of Exchange Online, not the original sender %s. Mail flow rules that match the sender’s IP address must use the CIP, %s, not the original sender’s address.")),
                                                        self->cip, self->ef_original_ip, self->cip));
      return;
    }

  /* SPF judged on another address means Exchange Online looked past the CIP. */
  if (self->auth.spf_ip != NULL && !g_str_equal (self->auth.spf_ip, self->cip))
    return;

  origin = find_relay_origin (self);
  if (origin == NULL)
    return;

  if (self->auth.spf != NULL && g_str_equal (self->auth.spf, "pass"))
    kanri_header_report_add_finding (self, "cip-is-relay", KANRI_SEVERITY_WARNING,
                                     format_message (translated (N_("The connecting IP (CIP) %s is a relay in front of Exchange Online: it received the message from %s. Mail flow rules that match the sender’s IP address must use the CIP, %s.")),
                                                      self->cip, origin->received->from_ip, self->cip));
  else
    kanri_header_report_add_finding (self, "cip-is-relay", KANRI_SEVERITY_WARNING,
                                     format_message (translated (N_("The connecting IP (CIP) %s is a relay in front of Exchange Online: it received the message from %s. SPF, DKIM and DMARC were evaluated on the relay’s address, which can make legitimate mail fail DMARC; enhanced filtering for the relay’s inbound connector makes Exchange Online evaluate the original sender instead. Mail flow rules that match the sender’s IP address must use the CIP, %s.")),
                                                      self->cip, origin->received->from_ip, self->cip));
}

/* Notes @ip in @found once. The array and the set are made on the first
 * address: most messages have none in the class asked for. */
static void
add_address_once (GPtrArray  **found,
                  GHashTable **seen,
                  const char  *ip)
{
  if (*found == NULL)
    {
      *found = g_ptr_array_new ();
      *seen = g_hash_table_new (g_str_hash, g_str_equal);
    }

  if (g_hash_table_add (*seen, (gpointer)ip))
    g_ptr_array_add (*found, (gpointer)ip);
}

/* The CIP and every hop's sender, once each, in @klass. */
static char *
addresses_in_class (KanriHeaderReport *self,
                    KanriIpClass       klass)
{
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GHashTable) seen = NULL;

  if (self->cip != NULL && self->cip_class == klass)
    add_address_once (&found, &seen, self->cip);

  for (guint i = 0; i < self->hops->len; i++)
    {
      const KanriHop *hop = g_ptr_array_index (self->hops, i);
      const char *ip = hop->received->from_ip;

      if (ip == NULL || hop->from_ip_class != klass)
        continue;
      KANRI_STEP ();
      add_address_once (&found, &seen, ip);
    }

  if (found == NULL)
    return NULL;

  g_ptr_array_add (found, NULL);
  return g_strjoinv (", ", (char **)found->pdata);
}

static void
check_microsoft_ranges (KanriHeaderReport *self)
{
  g_autofree char *relay_pool = addresses_in_class (self, KANRI_IP_CLASS_RELAY_POOL);
  g_autofree char *eop = addresses_in_class (self, KANRI_IP_CLASS_EOP_OUTBOUND);

  if (relay_pool != NULL)
    kanri_header_report_add_finding (self, "relay-pool", KANRI_SEVERITY_INFO,
                                     format_message (translated (N_("%s is in Exchange Online’s relay pool (40.95.0.0/16): Exchange Online forwarded or relayed this message. The relay pool is not part of the Exchange Online Protection SPF record, so SPF can fail for relayed mail.")),
                                                      relay_pool));

  if (eop != NULL)
    kanri_header_report_add_finding (self, "eop-outbound", KANRI_SEVERITY_INFO,
                                     format_message (translated (N_("%s is an outbound address of Exchange Online Protection: the message came from a Microsoft 365 organization.")),
                                                      eop));

  if (self->cip != NULL && self->cip_class == KANRI_IP_CLASS_CLIENT_SUBMITTED)
    kanri_header_report_add_finding (self, "client-submitted", KANRI_SEVERITY_INFO,
                                     g_strdup (translated (N_("The connecting IP is 255.255.255.255: a client such as Outlook submitted this message for sending; it did not arrive from another server."))));
}

static const char *
hop_name (const KanriHop *hop)
{
  if (hop->received->by != NULL)
    return hop->received->by;
  if (hop->received->from != NULL)
    return hop->received->from;
  return translated (N_("unnamed server"));
}

static gboolean
check_hops (KanriHeaderReport *self,
            GCancellable      *cancellable)
{
  if (self->hops->len == 0)
    {
      kanri_header_report_add_finding (self, "no-hops", KANRI_SEVERITY_INFO,
                                       g_strdup (translated (N_("The headers have no Received fields, so the path of the message cannot be traced."))));
      return TRUE;
    }

  for (guint i = 0; i < self->hops->len; i++)
    {
      const KanriHop *hop = g_ptr_array_index (self->hops, i);

      if (i % 1024 == 0 && g_cancellable_is_cancelled (cancellable))
        return FALSE;

      KANRI_STEP ();

      if (hop->has_delay && hop->delay_seconds < 0)
        kanri_header_report_add_finding (self, "clock-skew", KANRI_SEVERITY_WARNING,
                                         format_message (translated (N_("Hop %u (%s) is stamped %s s earlier than the hop before it: the two servers’ clocks disagree (clock skew). The delay is shown as negative, not corrected.")),
                                                          i + 1, hop_name (hop), hop->delay_text + 1));

      if (!hop->received->has_date && hop->received->date_error != NULL)
        kanri_header_report_add_finding (self, "date-unreadable", KANRI_SEVERITY_WARNING,
                                         format_message (translated (N_("The time of hop %u (%s) cannot be read: %s")),
                                                          i + 1, hop_name (hop), hop->received->date_error));
    }

  return TRUE;
}

static void
check_antispam (KanriHeaderReport *self)
{
  gboolean spam = (self->sfv != NULL && g_ascii_strcasecmp (self->sfv, "SPM") == 0) ||
                  (self->has_scl && self->scl >= 5);

  if (spam)
    {
      if (self->has_scl && self->scl >= 7)
        kanri_header_report_add_finding (self, "spam-verdict", KANRI_SEVERITY_ERROR,
                                         format_message (translated (N_("Exchange Online classified the message as high confidence spam (SCL %d).")),
                                                          self->scl));
      else if (self->has_scl && self->scl >= 5)
        kanri_header_report_add_finding (self, "spam-verdict", KANRI_SEVERITY_WARNING,
                                         format_message (translated (N_("Exchange Online classified the message as spam (SCL %d).")),
                                                          self->scl));
      else
        kanri_header_report_add_finding (self, "spam-verdict", KANRI_SEVERITY_WARNING,
                                         g_strdup (translated (N_("Exchange Online’s spam filter marked the message as spam (SFV:SPM)."))));
    }

  if (self->has_bcl && self->bcl >= BULK_THRESHOLD)
    kanri_header_report_add_finding (self, "bulk", KANRI_SEVERITY_WARNING,
                                     format_message (translated (N_("The message is bulk mail with a bulk complaint level of %d; the default anti-spam policy treats BCL 7 and above as spam.")),
                                                      self->bcl));
  else if (self->srv_bulk || self->cat_bulk)
    kanri_header_report_add_finding (self, "bulk", KANRI_SEVERITY_WARNING,
                                     g_strdup (translated (N_("Exchange Online identified the message as bulk mail."))));

  if (self->has_untrusted_antispam)
    kanri_header_report_add_finding (self, "untrusted-antispam", KANRI_SEVERITY_INFO,
                                     g_strdup (translated (N_("The message carries -Untrusted anti-spam headers, stamped earlier on its way (by the sending organization or another Microsoft 365 organization). They are shown, but the verdicts here come only from the trusted headers."))));

  if (self->auth.auth_as != NULL && g_ascii_strcasecmp (self->auth.auth_as, "Internal") == 0)
    kanri_header_report_add_finding (self, "internal-message", KANRI_SEVERITY_INFO,
                                     g_strdup (translated (N_("Exchange Online treated the message as internal (AuthAs: Internal): it was sent from inside the organization, so it has no Authentication-Results."))));
}

static void
check_ndr (KanriHeaderReport *self)
{
  const KanriNdrCode *code;
  KanriSeverity severity = KANRI_SEVERITY_INFO;

  if (self->ndr == NULL)
    return;

  if (self->ndr->status == NULL)
    {
      kanri_header_report_add_finding (self, "ndr", KANRI_SEVERITY_WARNING,
                                       g_strdup (translated (N_("This message is a delivery status report, but it gives no status code."))));
      return;
    }

  if (self->ndr->status[0] == '5')
    severity = KANRI_SEVERITY_ERROR;
  else if (self->ndr->status[0] == '4')
    severity = KANRI_SEVERITY_WARNING;

  code = kanri_ndr_lookup (self->ndr->status, NULL);
  kanri_header_report_add_finding (self, "ndr", severity,
                                   format_message (translated (N_("This message is a non-delivery report: delivery to %s failed with status %s (%s).")),
                                                    or_unknown (self->ndr->recipient), self->ndr->status,
                                                    code != NULL ? kanri_ndr_code_get_title (code) : translated (N_("unknown code"))));
}

G_STATIC_ASSERT (KANRI_SEVERITY_INFO == 0 && KANRI_SEVERITY_WARNING == 1 && KANRI_SEVERITY_ERROR == 2);

static void
add_signature_finding (const char *id,
                       int         severity,
                       char       *message,
                       gpointer    user_data)
{
  kanri_header_report_add_finding (user_data, id, (KanriSeverity)severity, message);
}

/* Against the Authentication-Results the verdicts come from. */
static void
check_signatures (KanriHeaderReport *self)
{
  const KanriAuthResults *claimed = NULL;

  for (guint i = 0; i < self->auth_headers->len && claimed == NULL; i++)
    {
      const KanriAuthHeader *header = g_ptr_array_index (self->auth_headers, i);

      if (header->trusted)
        claimed = header->results;
    }

  kanri_signature_compare (self->signatures, claimed, add_signature_finding, self);
}

/* Most severe first, in the order found within one severity: a stable
 * pass per severity, linear however many findings a message has (a
 * comparison sort of the findings of 300,000 hops costs 18 steps each). */
static void
sort_by_severity (KanriHeaderReport *self)
{
  GPtrArray *findings = self->findings;
  g_autofree gpointer *found = g_memdup2 (findings->pdata, findings->len * sizeof (gpointer));
  guint next = 0;

  for (int severity = KANRI_SEVERITY_ERROR; severity >= KANRI_SEVERITY_INFO; severity--)
    {
      for (guint i = 0; i < findings->len; i++)
        {
          KanriHeaderFinding *finding = found[i];

          KANRI_STEP ();
          if ((int)finding->severity == severity)
            findings->pdata[next++] = finding;
        }
    }
}

/**
 * kanri_header_findings_compute:
 * @cancellable: (nullable): stops the computation
 *
 * Adds the findings of a fully analyzed report, most severe first (in the
 * order above within one severity).
 *
 * Returns: %FALSE when cancelled
 */
gboolean
kanri_header_findings_compute (KanriHeaderReport *self,
                               GCancellable      *cancellable)
{
  g_return_val_if_fail (KANRI_IS_HEADER_REPORT (self), FALSE);

  check_ndr (self);
  check_spf (self);
  check_dkim (self);
  check_signatures (self);
  check_dmarc (self);
  check_compauth (self);
  check_cip_is_relay (self);
  check_enhanced_filtering (self);
  check_microsoft_ranges (self);
  check_antispam (self);
  if (!check_hops (self, cancellable))
    return FALSE;

  sort_by_severity (self);
  return TRUE;
}
