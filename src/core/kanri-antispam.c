/* kanri-antispam.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-antispam"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "kanri-antispam.h"
#include "kanri-translation-cache.h"
#include "kanri-utf8.h"

/* The "decoder ring" for Exchange Online's anti-spam headers. Sources:
 * Microsoft Learn "Anti-spam message headers" (X-Forefront-Antispam-Report,
 * X-Microsoft-Antispam), "Spam confidence level (SCL)", "Bulk complaint level
 * (BCL)"; University of Oxford IT Services "Examine junk mail delivery" for
 * the dest and OFR fields of X-Microsoft-Antispam-Mailbox-Delivery. Fields
 * that are not documented are kept with no meaning, never dropped.
 *
 * Microsoft documents none of the other Mailbox-Delivery fields (Microsoft Q&A
 * 416100, "What is meanings of X-Microsoft-Antispam-Mailbox-Delivery",
 * 2021). Kanri reads ucf and jmr from the messages that thread compares:
 * ucf:1 goes with OFR:CustomRules (an inbox rule chose the folder), jmr:1
 * with a message the spam filter had marked, moved by the junk email rule.
 * OFR:TrustedListsOnly is named after Set-MailboxJunkEmailConfiguration
 * -TrustedListsOnly. The list fields (wl, pcwl, kl…) are said to be
 * undocumented rather than guessed at. */

G_DEFINE_QUARK (kanri-antispam-error-quark, kanri_antispam_error)

typedef struct
{
  const char          *name;
  KanriAntispamHeader  header;
} HeaderName;

static const HeaderName header_names[] = {
  { "X-Forefront-Antispam-Report", KANRI_ANTISPAM_HEADER_FOREFRONT },
  { "X-Forefront-Antispam-Report-Untrusted", KANRI_ANTISPAM_HEADER_FOREFRONT_UNTRUSTED },
  { "X-Microsoft-Antispam", KANRI_ANTISPAM_HEADER_MICROSOFT },
  { "X-Microsoft-Antispam-Untrusted", KANRI_ANTISPAM_HEADER_MICROSOFT_UNTRUSTED },
  { "X-MS-Exchange-Organization-SCL", KANRI_ANTISPAM_HEADER_ORGANIZATION_SCL },
  { "X-Microsoft-Antispam-Mailbox-Delivery", KANRI_ANTISPAM_HEADER_MAILBOX_DELIVERY },
};

/**
 * kanri_antispam_header_from_name:
 * @name: a header field name, matched case-insensitively and exactly
 *
 * Returns: which anti-spam header @name is, or %KANRI_ANTISPAM_HEADER_NONE
 */
KanriAntispamHeader
kanri_antispam_header_from_name (const char *name)
{
  gsize length;

  g_return_val_if_fail (name != NULL, KANRI_ANTISPAM_HEADER_NONE);

  /* Called for every field of every message: compare lengths first. */
  length = strlen (name);
  for (guint i = 0; i < G_N_ELEMENTS (header_names); i++)
    {
      /* As written, the names match the table byte for byte. */
      if (strlen (header_names[i].name) == length &&
          (memcmp (name, header_names[i].name, length) == 0 || g_ascii_strcasecmp (name, header_names[i].name) == 0))
        return header_names[i].header;
    }

  return KANRI_ANTISPAM_HEADER_NONE;
}

/**
 * kanri_antispam_header_get_name:
 *
 * Returns: the canonical spelling of @header's name
 */
const char *
kanri_antispam_header_get_name (KanriAntispamHeader header)
{
  for (guint i = 0; i < G_N_ELEMENTS (header_names); i++)
    {
      if (header_names[i].header == header)
        return header_names[i].name;
    }

  return NULL;
}

/**
 * kanri_antispam_header_is_trusted:
 *
 * Returns: %FALSE for the -Untrusted variants, stamped by another
 *   organization on the way
 */
gboolean
kanri_antispam_header_is_trusted (KanriAntispamHeader header)
{
  return header != KANRI_ANTISPAM_HEADER_FOREFRONT_UNTRUSTED &&
         header != KANRI_ANTISPAM_HEADER_MICROSOFT_UNTRUSTED &&
         header != KANRI_ANTISPAM_HEADER_NONE;
}

typedef enum
{
  FAMILY_FOREFRONT,
  FAMILY_MICROSOFT,
  FAMILY_SCL,
  FAMILY_DELIVERY,
} Family;

/* A value of a field and its meaning. */
typedef struct
{
  const char *value;
  const char *meaning;
} ValueMeaning;

/* A field of one header family, what it means, and its documented values. */
typedef struct
{
  Family              family;
  const char         *field;
  const char         *meaning;
  const ValueMeaning *values;
  guint               n_values;
} FieldMeaning;

static const ValueMeaning cat_values[] = {
  { "NONE", N_("No protection category applied.") },
  { "AMP", N_("Category: anti-malware.") },
  { "BULK", N_("Category: bulk mail.") },
  { "DIMP", N_("Category: domain impersonation (Defender for Office 365).") },
  { "FTBP", N_("Category: blocked by the anti-malware file type filter.") },
  { "GIMP", N_("Category: impersonation detected by mailbox intelligence (Defender for Office 365).") },
  { "HPHSH", N_("Category: high confidence phishing.") },
  { "HPHISH", N_("Category: high confidence phishing.") },
  { "HSPM", N_("Category: high confidence spam.") },
  { "INTOS", N_("Category: intra-organization phishing.") },
  { "MALW", N_("Category: malware.") },
  { "OSPM", N_("Category: outbound spam.") },
  { "PHSH", N_("Category: phishing.") },
  { "SAP", N_("Category: Safe Attachments (Defender for Office 365).") },
  { "SPM", N_("Category: spam.") },
  { "SPOOF", N_("Category: spoofing.") },
  { "UIMP", N_("Category: user impersonation (Defender for Office 365).") },
};

static const ValueMeaning dir_values[] = {
  { "INB", N_("Direction: inbound, from outside the organization.") },
  { "OUT", N_("Direction: outbound, to outside the organization.") },
  { "INT", N_("Direction: internal, within the organization.") },
};

static const ValueMeaning ipv_values[] = {
  { "CAL", N_("The connecting IP address is in the IP Allow List of the connection filter policy, so spam filtering was skipped.") },
  { "NLI", N_("The connecting IP address is not on any IP reputation list.") },
};

static const ValueMeaning sfty_values[] = {
  { "9.19", N_("Safety tip for domain impersonation: the sending domain tries to impersonate a protected domain.") },
  { "9.20", N_("Safety tip for user impersonation: the sender tries to impersonate a protected user.") },
  { "9.25", N_("First contact safety tip: the recipient rarely or never receives mail from this sender.") },
};

static const ValueMeaning sfv_values[] = {
  { "BLK", N_("Filtering was skipped and the message was blocked: the sender is in the recipient’s Blocked Senders list.") },
  { "NSPM", N_("Spam filtering found the message not to be spam.") },
  { "SFE", N_("Filtering was skipped and the message was allowed: the sender is in the recipient’s Safe Senders list.") },
  { "SKA", N_("Spam filtering was skipped and the message delivered to the inbox: the sender is in the allowed senders or allowed domains of an anti-spam policy.") },
  { "SKB", N_("The message was marked as spam: the sender is in the blocked senders or blocked domains of an anti-spam policy.") },
  { "SKI", N_("Spam filtering was skipped for another reason, for example mail within the organization.") },
  { "SKN", N_("The message was marked as not spam before spam filtering, for example by a mail flow rule that set SCL -1 or bypasses spam filtering.") },
  { "SKQ", N_("The message was released from quarantine and sent to its recipients.") },
  { "SKS", N_("The message was marked as spam before spam filtering, for example by a mail flow rule that set an SCL of 5 to 9.") },
  { "SPM", N_("Spam filtering marked the message as spam.") },
};

static const ValueMeaning srv_values[] = {
  { "BULK", N_("The message was identified as bulk mail by its bulk complaint level (BCL). With MarkAsSpamBulkMail on, the default, it is treated as spam.") },
};

static const ValueMeaning dest_values[] = {
  { "I", N_("Delivered to the Inbox.") },
  { "J", N_("Delivered to the Junk Email folder.") },
  { "C", N_("Delivered to a custom folder chosen by a rule.") },
};

static const ValueMeaning ofr_values[] = {
  { "CustomRules", N_("An inbox rule of the mailbox (Outlook or Outlook on the web) chose the folder.") },
  { "SpamFilterAuthJ", N_("Exchange Online chose the folder from the spam filtering verdict, applying the mailbox’s junk email settings.") },
  { "TrustedListsOnly", N_("The mailbox trusts only its safe lists (Set-MailboxJunkEmailConfiguration -TrustedListsOnly): mail from any other sender goes to the Junk Email folder.") },
};

static const ValueMeaning ucf_values[] = {
  { "0", N_("No inbox rule of the mailbox chose the folder.") },
  { "1", N_("An inbox rule of the mailbox chose the folder (OFR is then CustomRules).") },
};

static const ValueMeaning jmr_values[] = {
  { "0", N_("The mailbox’s junk email rule did not move the message.") },
  { "1", N_("The mailbox’s junk email rule moved the message, which spam filtering had marked, to the Junk Email folder.") },
};

/* Fields of X-Microsoft-Antispam-Mailbox-Delivery that Microsoft does not
 * document and that no public message explains: shown as they are, with
 * this note, never with a guessed meaning. */
#define UNDOCUMENTED_LIST_FIELD \
  N_("Not documented by Microsoft: one of the mailbox-level list signals of mailbox delivery (wl, pcwl, kl, iwl, ijl, dwl, dkl, rwl, ex). Compare the mailbox’s safe and blocked senders (Get-MailboxJunkEmailConfiguration) instead of reading meaning into it.")

static const FieldMeaning field_meanings[] = {
  { FAMILY_FOREFRONT, "ARC",
    N_("ARC data recorded by Microsoft 365: AAR holds the Authentication-Results, AMS and AS the signatures of the message and of its headers."),
    NULL, 0 },
  { FAMILY_FOREFRONT, "CAT",
    N_("Category of the protection policy applied to the message. When several apply, the one with the highest priority is recorded."),
    cat_values, G_N_ELEMENTS (cat_values) },
  { FAMILY_FOREFRONT, "CIP",
    N_("Connecting IP address: the server that handed the message to Exchange Online. Connection filter allow and block lists, and mail flow rules that match the sender’s IP address, work on this address."),
    NULL, 0 },
  { FAMILY_FOREFRONT, "CTRY",
    N_("Country or region of the connecting IP address, which can differ from the original sender’s."),
    NULL, 0 },
  { FAMILY_FOREFRONT, "DIR",
    N_("Direction of the message."),
    dir_values, G_N_ELEMENTS (dir_values) },
  { FAMILY_FOREFRONT, "H",
    N_("The HELO or EHLO name the connecting server announced."),
    NULL, 0 },
  { FAMILY_FOREFRONT, "IPV",
    N_("Reputation verdict of the connecting IP address."),
    ipv_values, G_N_ELEMENTS (ipv_values) },
  { FAMILY_FOREFRONT, "LANG",
    N_("The language the message is written in, as detected."),
    NULL, 0 },
  { FAMILY_FOREFRONT, "PTR",
    N_("The reverse DNS (PTR) name of the connecting IP address."),
    NULL, 0 },
  { FAMILY_FOREFRONT, "SFS",
    N_("Identifiers of the spam filter rules that matched; Microsoft uses them for diagnostics."),
    NULL, 0 },
  { FAMILY_FOREFRONT, "SFTY",
    N_("Safety tip: the message was identified as phishing or impersonation."),
    sfty_values, G_N_ELEMENTS (sfty_values) },
  { FAMILY_FOREFRONT, "SFV",
    N_("Spam filtering verdict."),
    sfv_values, G_N_ELEMENTS (sfv_values) },
  { FAMILY_FOREFRONT, "SRV",
    N_("Special handling by spam filtering; empty when there was none."),
    srv_values, G_N_ELEMENTS (srv_values) },
  { FAMILY_FOREFRONT, "X-CustomSpam",
    N_("The message matched an Advanced Spam Filter (ASF) setting of the anti-spam policy."),
    NULL, 0 },
  { FAMILY_DELIVERY, "dest",
    N_("The folder the message was delivered to."),
    dest_values, G_N_ELEMENTS (dest_values) },
  { FAMILY_DELIVERY, "OFR",
    N_("What chose the delivery folder, for example CustomRules (an Outlook rule) or SpamFilterAuthJ (Exchange Online spam filtering)."),
    ofr_values, G_N_ELEMENTS (ofr_values) },
  { FAMILY_DELIVERY, "RF",
    N_("The folder the message was delivered to, by its well-known name (JunkEmail for the Junk Email folder)."),
    NULL, 0 },
  { FAMILY_DELIVERY, "ucf",
    N_("Whether an inbox rule of the mailbox chose the delivery folder."),
    ucf_values, G_N_ELEMENTS (ucf_values) },
  { FAMILY_DELIVERY, "jmr",
    N_("Whether the mailbox’s junk email rule moved the message."),
    jmr_values, G_N_ELEMENTS (jmr_values) },
  { FAMILY_DELIVERY, "auth",
    N_("Whether mailbox delivery treated the message as authenticated, as for mail sent inside the organization (1), or not (0). Not documented by Microsoft."),
    NULL, 0 },
  { FAMILY_DELIVERY, "ENG",
    N_("Identifiers of the filters that ran at mailbox delivery; Microsoft uses them for diagnostics."),
    NULL, 0 },
  { FAMILY_DELIVERY, "wl", UNDOCUMENTED_LIST_FIELD, NULL, 0 },
  { FAMILY_DELIVERY, "pcwl", UNDOCUMENTED_LIST_FIELD, NULL, 0 },
  { FAMILY_DELIVERY, "kl", UNDOCUMENTED_LIST_FIELD, NULL, 0 },
  { FAMILY_DELIVERY, "iwl", UNDOCUMENTED_LIST_FIELD, NULL, 0 },
  { FAMILY_DELIVERY, "ijl", UNDOCUMENTED_LIST_FIELD, NULL, 0 },
  { FAMILY_DELIVERY, "dwl", UNDOCUMENTED_LIST_FIELD, NULL, 0 },
  { FAMILY_DELIVERY, "dkl", UNDOCUMENTED_LIST_FIELD, NULL, 0 },
  { FAMILY_DELIVERY, "rwl", UNDOCUMENTED_LIST_FIELD, NULL, 0 },
  { FAMILY_DELIVERY, "ex", UNDOCUMENTED_LIST_FIELD, NULL, 0 },
};

static Family
family_of (KanriAntispamHeader header)
{
  switch (header)
    {
    case KANRI_ANTISPAM_HEADER_MICROSOFT:
    case KANRI_ANTISPAM_HEADER_MICROSOFT_UNTRUSTED:
      return FAMILY_MICROSOFT;
    case KANRI_ANTISPAM_HEADER_ORGANIZATION_SCL:
      return FAMILY_SCL;
    case KANRI_ANTISPAM_HEADER_MAILBOX_DELIVERY:
      return FAMILY_DELIVERY;
    case KANRI_ANTISPAM_HEADER_FOREFRONT:
    case KANRI_ANTISPAM_HEADER_FOREFRONT_UNTRUSTED:
    case KANRI_ANTISPAM_HEADER_NONE:
    default:
      return FAMILY_FOREFRONT;
    }
}

static gboolean
parse_level (const char *value,
             int        *level)
{
  char *end = NULL;
  long parsed;

  if (value == NULL || *value == '\0')
    return FALSE;

  parsed = strtol (value, &end, 10);
  if (*end != '\0' || parsed < -1000000 || parsed > 1000000)
    return FALSE;

  *level = (int)parsed;
  return TRUE;
}

/* Microsoft Learn "Spam confidence level (SCL)". */
static const char *
describe_scl (KanriTranslationCache *cache,
              const char            *value)
{
  int level;

  if (!parse_level (value, &level))
    return kanri_translation_cache_lookup (cache, N_("Spam confidence level (SCL) of the message."));

  if (level == -1)
    return kanri_translation_cache_lookup (cache, N_("SCL -1: spam filtering was skipped because the sender or message was trusted (for example by a mail flow rule or an allow list); delivered to the inbox."));
  if (level == 0 || level == 1)
    return kanri_translation_cache_lookup (cache, N_("SCL 0–1: not spam; delivered to the inbox."));
  if (level >= 2 && level <= 4)
    return kanri_translation_cache_lookup (cache, N_("SCL 2–4: a value Exchange Online does not use."));
  if (level == 5 || level == 6)
    return kanri_translation_cache_lookup (cache, N_("SCL 5–6: spam; handled by the spam action of the anti-spam policy (by default, the Junk Email folder)."));
  if (level >= 7 && level <= 9)
    return kanri_translation_cache_lookup (cache, N_("SCL 7–9: high confidence spam; handled by the high confidence spam action of the anti-spam policy."));

  return kanri_translation_cache_lookup (cache, N_("Spam confidence level (SCL) of the message."));
}

/* Microsoft Learn "Bulk complaint level (BCL)". */
static const char *
describe_bcl (KanriTranslationCache *cache,
              const char            *value)
{
  int level;

  if (!parse_level (value, &level))
    return kanri_translation_cache_lookup (cache, N_("Bulk complaint level (BCL) of the message."));

  if (level == 0)
    return kanri_translation_cache_lookup (cache, N_("BCL 0: not bulk mail."));
  if (level >= 1 && level <= 3)
    return kanri_translation_cache_lookup (cache, N_("BCL 1–3: bulk mail from a sender that generates few complaints."));
  if (level >= 4 && level <= 7)
    return kanri_translation_cache_lookup (cache, N_("BCL 4–7: bulk mail from a sender that generates a mixed number of complaints. The default anti-spam policy treats BCL 7 and above as bulk spam (the Standard preset 6, Strict 5)."));
  if (level == 8 || level == 9)
    return kanri_translation_cache_lookup (cache, N_("BCL 8–9: bulk mail from a sender that generates many complaints."));

  return kanri_translation_cache_lookup (cache, N_("Bulk complaint level (BCL) of the message."));
}

static const char *
describe_pcl (KanriTranslationCache *cache,
              const char            *value)
{
  int level;

  if (parse_level (value, &level))
    {
      if (level >= 0 && level <= 3)
        return kanri_translation_cache_lookup (cache, N_("PCL 0–3: the content is not likely to be phishing."));
      if (level >= 4 && level <= 8)
        return kanri_translation_cache_lookup (cache, N_("PCL 4–8: the content is likely to be phishing."));
    }

  return kanri_translation_cache_lookup (cache, N_("Phishing confidence level (PCL): how likely the content is to be phishing."));
}

/* g_ascii_tolower() without the call: every field is tried against the
 * first letter of thirty names. */
static inline char
ascii_lower (char c)
{
  return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

/* g_ascii_strcasecmp () == 0 without the call, for the short names and
 * values of the tables, which mostly differ within two letters. */
static inline gboolean
ascii_equal (const char *a,
             const char *b)
{
  for (; *a != '\0' && ascii_lower (*a) == ascii_lower (*b); a++, b++)
    ;

  return *a == '\0' && *b == '\0';
}

/* The meanings come through @cache (kanri-translation-cache.c): looked up
 * for every field of every anti-spam header, gettext would cost more than
 * the parse. */
static const char *
describe (KanriTranslationCache *cache,
          KanriAntispamHeader    header,
          const char            *field,
          const char            *value)
{
  Family family = family_of (header);
  const char *field_meaning = NULL;
  gboolean three_letters;
  char first;

  /* Every field of every anti-spam header comes here: the levels are
   * three letters, most fields are not. */
  three_letters = field[0] != '\0' && field[1] != '\0' && field[2] != '\0' && field[3] == '\0';
  if (three_letters && ascii_equal (field, "SCL") && (family == FAMILY_FOREFRONT || family == FAMILY_SCL))
    return describe_scl (cache, value);
  if (three_letters && family == FAMILY_MICROSOFT && ascii_equal (field, "BCL"))
    return describe_bcl (cache, value);
  if (three_letters && family == FAMILY_MICROSOFT && ascii_equal (field, "PCL"))
    return describe_pcl (cache, value);

  first = ascii_lower (field[0]);
  for (guint i = 0; i < G_N_ELEMENTS (field_meanings); i++)
    {
      const FieldMeaning *meaning = &field_meanings[i];

      if (meaning->family != family || ascii_lower (meaning->field[0]) != first ||
          !ascii_equal (meaning->field, field))
        continue;

      for (guint j = 0; value != NULL && j < meaning->n_values; j++)
        {
          if (ascii_equal (meaning->values[j].value, value))
            return kanri_translation_cache_lookup (cache, meaning->values[j].meaning);
        }

      field_meaning = meaning->meaning;
      break;
    }

  return field_meaning != NULL ? kanri_translation_cache_lookup (cache, field_meaning) : NULL;
}

/**
 * kanri_antispam_describe:
 *
 * Returns: (nullable): the translated meaning of @field (and of @value when it
 *   is a documented value), or %NULL for an undocumented field
 */
const char *
kanri_antispam_describe (KanriAntispamHeader  header,
                         const char          *field,
                         const char          *value)
{
  g_return_val_if_fail (field != NULL, NULL);

  return describe (kanri_translation_cache_get (), header, field, value);
}

void
kanri_antispam_field_free (KanriAntispamField *field)
{
  g_free (field);
}

/* One allocation holds the field and both its strings: a message has dozens
 * of fields. */
static KanriAntispamField *
new_field (KanriTranslationCache *cache,
           KanriAntispamHeader    header,
           const char            *name,
           gsize                  name_length,
           const char            *value,
           gsize                  value_length,
           KanriAntispamAlloc     alloc,
           gpointer               alloc_data)
{
  gsize size = sizeof (KanriAntispamField) + name_length + 1 + value_length + 1;
  KanriAntispamField *field = alloc != NULL ? alloc (size, alloc_data) : g_malloc (size);
  char *strings = (char *)(field + 1);

  memcpy (strings, name, name_length);
  strings[name_length] = '\0';
  memcpy (strings + name_length + 1, value, value_length);
  strings[name_length + 1 + value_length] = '\0';

  field->header = header;
  field->field = strings;
  field->value = strings + name_length + 1;
  field->meaning = describe (cache, header, field->field, field->value);

  return field;
}

static void
trim (const char **start,
      const char **end)
{
  while (*start < *end && g_ascii_isspace (**start))
    (*start)++;
  while (*end > *start && g_ascii_isspace ((*end)[-1]))
    (*end)--;
}

static char *
shown_value (const char *value,
             gsize       length)
{
  g_autofree char *copy = g_strndup (value, MIN (length, 80));

  return g_strconcat (g_strstrip (copy), length > 80 ? "…" : "", NULL);
}

/**
 * kanri_antispam_parse_into:
 * @fields: (element-type KanriAntispamField): where the fields go, after
 *   those it holds
 * @alloc: (nullable): where each field's memory comes from, or %NULL for
 *   g_malloc() (then @fields must free its elements with
 *   kanri_antispam_field_free())
 *
 * Like kanri_antispam_parse(), appending the fields to @fields: the
 * analyzer keeps the fields of every header in one array, in the report's
 * memory.
 *
 * Returns: %TRUE, or %FALSE with @error set and @fields as it was when
 *   @value holds no field
 */
gboolean
kanri_antispam_parse_into (KanriAntispamHeader   header,
                           const char           *value,
                           gssize                length,
                           GPtrArray            *fields,
                           KanriAntispamAlloc    alloc,
                           gpointer              alloc_data,
                           GError              **error)
{
  g_autofree char *valid = NULL;
  KanriTranslationCache *cache;
  guint first;
  const char *p;
  const char *end;

  g_return_val_if_fail (header != KANRI_ANTISPAM_HEADER_NONE, FALSE);
  g_return_val_if_fail (value != NULL || length == 0, FALSE);
  g_return_val_if_fail (fields != NULL, FALSE);

  if (length < 0)
    length = strlen (value);

  if (!kanri_utf8_validate (value, length))
    {
      valid = g_utf8_make_valid (value, length);
      value = valid;
      length = strlen (valid);
    }

  /* The language is checked once per header, not once per field. */
  cache = kanri_translation_cache_get ();
  first = fields->len;
  p = value;
  end = value + length;

  if (header == KANRI_ANTISPAM_HEADER_ORGANIZATION_SCL)
    {
      int level;
      g_autofree char *number = NULL;

      trim (&p, &end);
      number = g_strndup (p, end - p);
      if (!parse_level (number, &level))
        {
          g_autofree char *shown = shown_value (value, length);

          g_set_error (error, KANRI_ANTISPAM_ERROR, KANRI_ANTISPAM_ERROR_INVALID,
                       _("“%s” is not a spam confidence level (a number from -1 to 9)"), shown);
          return FALSE;
        }

      g_ptr_array_add (fields, new_field (cache, header, "SCL", 3, p, end - p, alloc, alloc_data));
      return TRUE;
    }

  while (p < end)
    {
      const char *item_end = memchr (p, ';', end - p);
      const char *item_start = p;
      const char *colon;

      if (item_end == NULL)
        item_end = end;
      p = item_end + (item_end < end ? 1 : 0);

      trim (&item_start, &item_end);
      if (item_start == item_end)
        continue;

      colon = memchr (item_start, ':', item_end - item_start);
      if (colon == NULL || colon == item_start)
        {
          /* A lone word is kept as a field without a value. */
          g_ptr_array_add (fields, new_field (cache, header, item_start, item_end - item_start, "", 0, alloc, alloc_data));
          continue;
        }

      {
        const char *name_end = colon;
        const char *value_start = colon + 1;
        const char *value_end = item_end;

        trim (&item_start, &name_end);
        trim (&value_start, &value_end);
        g_ptr_array_add (fields, new_field (cache, header, item_start, name_end - item_start,
                                            value_start, value_end - value_start, alloc, alloc_data));
      }
    }

  if (fields->len == first)
    {
      g_autofree char *shown = shown_value (value, length);

      g_set_error (error, KANRI_ANTISPAM_ERROR, KANRI_ANTISPAM_ERROR_INVALID,
                   _("“%s” holds no anti-spam fields (FIELD:value)"), shown);
      return FALSE;
    }

  return TRUE;
}

/**
 * kanri_antispam_parse:
 * @header: which anti-spam header @value belongs to
 * @value: the unfolded value
 * @length: its length, or -1 if NUL-terminated
 *
 * Splits "FIELD:value" pairs at ";" (with or without a following space) and
 * each pair at its first ":" (CIP holds IPv6 colons). X-MS-Exchange-
 * Organization-SCL holds a bare number and becomes one "SCL" field.
 *
 * Returns: (transfer full) (element-type KanriAntispamField): the fields in
 *   order, or %NULL with @error set when @value holds none
 */
GPtrArray *
kanri_antispam_parse (KanriAntispamHeader   header,
                      const char           *value,
                      gssize                length,
                      GError              **error)
{
  g_autoptr(GPtrArray) fields = NULL;

  g_return_val_if_fail (header != KANRI_ANTISPAM_HEADER_NONE, NULL);
  g_return_val_if_fail (value != NULL || length == 0, NULL);

  fields = g_ptr_array_new_with_free_func ((GDestroyNotify)kanri_antispam_field_free);
  if (!kanri_antispam_parse_into (header, value, length, fields, NULL, NULL, error))
    return NULL;

  return g_steal_pointer (&fields);
}
