/* kanri-dmarc.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-dmarc"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libpsl.h>
#include <string.h>

#include "kanri-dmarc.h"

/* DMARC policy records, discovery and identifier alignment (RFC 7489). */

G_DEFINE_QUARK (kanri-dmarc-error-quark, kanri_dmarc_error)

/* RFC 7489 §6.3: the defaults of the optional tags. */
#define DEFAULT_PERCENT         100
#define DEFAULT_REPORT_INTERVAL 86400

static const char *policy_names[] = { "none", "quarantine", "reject" };

const char *
kanri_dmarc_policy_to_string (KanriDmarcPolicy policy)
{
  g_return_val_if_fail (policy < G_N_ELEMENTS (policy_names), "none");

  return policy_names[policy];
}

const char *
kanri_dmarc_alignment_to_string (KanriDmarcAlignment alignment)
{
  return alignment == KANRI_DMARC_ALIGNMENT_STRICT ? "strict" : "relaxed";
}

const char *
kanri_dmarc_status_to_string (KanriDmarcStatus status)
{
  static const char *names[] = {
    "found", "no-record", "multiple-records", "invalid-record", "temperror",
  };

  g_return_val_if_fail (status < G_N_ELEMENTS (names), "invalid-record");

  return names[status];
}

void
kanri_dmarc_record_free (KanriDmarcRecord *record)
{
  if (record == NULL)
    return;

  g_free (record->text);
  g_free (record->failure_options);
  g_free (record->report_format);
  g_strfreev (record->aggregate_uris);
  g_strfreev (record->failure_uris);
  g_strfreev (record->warnings);
  g_free (record);
}

static gboolean
tag_error (GError     **error,
           const char  *tag,
           const char  *reason)
{
  g_set_error (error, KANRI_DMARC_ERROR, KANRI_DMARC_ERROR_SYNTAX,
               _("Tag “%s”: %s"), tag, reason);
  return FALSE;
}

static gboolean
parse_policy (const char        *tag,
              const char        *value,
              KanriDmarcPolicy  *policy,
              GError           **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (policy_names); i++)
    {
      if (g_ascii_strcasecmp (value, policy_names[i]) == 0)
        {
          *policy = i;
          return TRUE;
        }
    }

  return tag_error (error, tag, _("must be none, quarantine or reject"));
}

static gboolean
parse_alignment (const char           *tag,
                 const char           *value,
                 KanriDmarcAlignment  *alignment,
                 GError              **error)
{
  if (g_ascii_strcasecmp (value, "r") == 0)
    *alignment = KANRI_DMARC_ALIGNMENT_RELAXED;
  else if (g_ascii_strcasecmp (value, "s") == 0)
    *alignment = KANRI_DMARC_ALIGNMENT_STRICT;
  else
    return tag_error (error, tag, _("must be r (relaxed) or s (strict)"));

  return TRUE;
}

static gboolean
parse_number (const char  *tag,
              const char  *value,
              guint32      max,
              guint64     *number,
              GError     **error)
{
  g_autofree char *reason = NULL;

  if (g_ascii_string_to_unsigned (value, 10, 0, max, number, NULL))
    return TRUE;

  reason = g_strdup_printf (_("must be a whole number from 0 to %u"), max);
  return tag_error (error, tag, reason);
}

static gboolean
uri_is_valid (const char *uri)
{
  const char *bang;
  const char *colon = strchr (uri, ':');
  gsize digits;

  /* RFC 7489 §6.4: dmarc-uri = URI [ "!" 1*DIGIT [ "k" / "m" / "g" / "t" ] ];
   * a URI starts with a scheme (RFC 3986 §3.1) and cannot hold a comma or
   * a "!" unescaped. */
  if (colon == NULL || colon == uri || !g_ascii_isalpha (uri[0]) || colon[1] == '\0')
    return FALSE;
  for (const char *p = uri; p < colon; p++)
    {
      if (!g_ascii_isalnum (*p) && strchr ("+-.", *p) == NULL)
        return FALSE;
    }

  bang = strchr (colon, '!');
  if (bang == NULL)
    return TRUE;

  digits = strspn (bang + 1, "0123456789");
  if (digits == 0)
    return FALSE;
  return bang[1 + digits] == '\0' ||
         (strchr ("kKmMgGtT", bang[1 + digits]) != NULL && bang[2 + digits] == '\0');
}

static GStrv
parse_uris (const char  *tag,
            const char  *value,
            GError     **error)
{
  g_auto(GStrv) uris = g_strsplit (value, ",", -1);

  for (guint i = 0; uris[i] != NULL; i++)
    {
      g_strstrip (uris[i]);
      if (!uri_is_valid (uris[i]))
        {
          g_autofree char *reason =
            g_strdup_printf (_("“%s” is not a URI such as mailto:dmarc@example.com"), uris[i]);
          tag_error (error, tag, reason);
          return NULL;
        }
    }

  return g_steal_pointer (&uris);
}

static gboolean
parse_keyword_list (const char  *tag,
                    const char  *value,
                    const char  *allowed,
                    GError     **error)
{
  g_auto(GStrv) items = g_strsplit (value, ":", -1);

  for (guint i = 0; items[i] != NULL; i++)
    {
      g_strstrip (items[i]);
      if (allowed != NULL && (strlen (items[i]) != 1 || strchr (allowed, items[i][0]) == NULL))
        {
          g_autofree char *reason =
            g_strdup_printf (_("“%s” is not one of 0, 1, d or s"), items[i]);
          return tag_error (error, tag, reason);
        }
      if (allowed == NULL && !g_ascii_isalpha (items[i][0]))
        return tag_error (error, tag, _("must be a colon-separated list of report formats"));
    }

  return TRUE;
}

typedef struct
{
  gboolean policy_valid;
  gboolean subdomain_valid;
  char    *policy_error;
} PolicyState;

static void
policy_state_clear (PolicyState *state)
{
  g_clear_pointer (&state->policy_error, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PolicyState, policy_state_clear)

static gboolean
apply_tag (KanriDmarcRecord  *record,
           PolicyState       *state,
           GPtrArray         *warnings,
           const char        *tag,
           const char        *value,
           GError           **error)
{
  guint64 number;

  if (g_str_equal (tag, "p") || g_str_equal (tag, "sp"))
    {
      g_autoptr(GError) policy_error = NULL;
      gboolean subdomain = g_str_equal (tag, "sp");
      KanriDmarcPolicy policy;

      /* RFC 7489 §6.6.3 step 6: a bad p= or sp= is not fatal when rua=
       * is usable, so it is judged after all tags are read. */
      if (!parse_policy (tag, value, &policy, &policy_error))
        {
          g_free (state->policy_error);
          state->policy_error = g_strdup (policy_error->message);
          return TRUE;
        }
      if (subdomain)
        {
          record->subdomain_policy = policy;
          record->has_subdomain_policy = TRUE;
          state->subdomain_valid = TRUE;
        }
      else
        {
          record->policy = policy;
          state->policy_valid = TRUE;
        }
      return TRUE;
    }
  if (g_str_equal (tag, "adkim"))
    return parse_alignment (tag, value, &record->dkim_alignment, error);
  if (g_str_equal (tag, "aspf"))
    return parse_alignment (tag, value, &record->spf_alignment, error);
  if (g_str_equal (tag, "pct"))
    {
      if (!parse_number (tag, value, 100, &number, error))
        return FALSE;
      record->percent = number;
      return TRUE;
    }
  if (g_str_equal (tag, "ri"))
    {
      if (!parse_number (tag, value, G_MAXUINT32, &number, error))
        return FALSE;
      record->report_interval = number;
      return TRUE;
    }
  if (g_str_equal (tag, "fo"))
    {
      if (!parse_keyword_list (tag, value, "01ds", error))
        return FALSE;
      g_free (record->failure_options);
      record->failure_options = g_strdup (value);
      return TRUE;
    }
  if (g_str_equal (tag, "rf"))
    {
      if (!parse_keyword_list (tag, value, NULL, error))
        return FALSE;
      g_free (record->report_format);
      record->report_format = g_strdup (value);
      return TRUE;
    }
  if (g_str_equal (tag, "rua") || g_str_equal (tag, "ruf"))
    {
      GStrv uris = parse_uris (tag, value, error);

      if (uris == NULL)
        return FALSE;
      if (g_str_equal (tag, "rua"))
        {
          g_strfreev (record->aggregate_uris);
          record->aggregate_uris = uris;
        }
      else
        {
          g_strfreev (record->failure_uris);
          record->failure_uris = uris;
        }
      return TRUE;
    }

  /* RFC 7489 §6.3: unknown tags must be ignored. */
  g_ptr_array_add (warnings, g_strdup_printf (_("Unknown tag “%s” is ignored"), tag));
  return TRUE;
}

static gboolean
tag_name_is_valid (const char *name)
{
  /* RFC 6376 §3.2 (which RFC 7489 §6.4 uses): ALPHA *ALNUMPUNC. */
  if (!g_ascii_isalpha (name[0]))
    return FALSE;
  for (const char *p = name; *p != '\0'; p++)
    {
      if (!g_ascii_isalnum (*p) && *p != '_')
        return FALSE;
    }
  return TRUE;
}

static gboolean
value_is_valid (const char *value)
{
  /* RFC 6376 §3.2: tval = 1*VALCHAR, VALCHAR = %x21-3A / %x3C-7E, with
   * folding whitespace between them. */
  if (*value == '\0')
    return FALSE;
  for (const char *p = value; *p != '\0'; p++)
    {
      guchar c = *p;

      if ((c < 0x21 || c > 0x7e) && c != ' ' && c != '\t')
        return FALSE;
    }
  return TRUE;
}

/**
 * kanri_dmarc_record_parse:
 * @text: the text of a `_dmarc` TXT record
 * @error: return location for a #KANRI_DMARC_ERROR
 *
 * Parses and validates every tag of RFC 7489 §6.3.
 *
 * Returns: (transfer full) (nullable): the record, or %NULL with @error set
 */
KanriDmarcRecord *
kanri_dmarc_record_parse (const char  *text,
                          GError     **error)
{
  g_autoptr(KanriDmarcRecord) record = NULL;
  g_autoptr(GHashTable) seen = NULL;
  g_autoptr(GPtrArray) warnings = NULL;
  g_auto(GStrv) pairs = NULL;
  g_auto(PolicyState) state = { FALSE, FALSE, NULL };
  g_autofree char *policy_error = NULL;
  guint n = 0;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (strlen (text) > KANRI_DMARC_RECORD_MAX_LENGTH)
    {
      g_set_error (error, KANRI_DMARC_ERROR, KANRI_DMARC_ERROR_SYNTAX,
                   _("The record is longer than %d characters"), KANRI_DMARC_RECORD_MAX_LENGTH);
      return NULL;
    }

  record = g_new0 (KanriDmarcRecord, 1);
  record->text = g_strdup (text);
  record->percent = DEFAULT_PERCENT;
  record->report_interval = DEFAULT_REPORT_INTERVAL;
  record->failure_options = g_strdup ("0");
  record->report_format = g_strdup ("afrf");
  seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  warnings = g_ptr_array_new_with_free_func (g_free);

  pairs = g_strsplit (text, ";", -1);
  for (guint i = 0; pairs[i] != NULL; i++)
    {
      g_autofree char *tag = NULL;
      g_autofree char *value = NULL;
      char *equals;

      g_strstrip (pairs[i]);
      if (pairs[i][0] == '\0')
        {
          /* A trailing ";" is allowed, an empty pair elsewhere is not. */
          if (pairs[i + 1] == NULL && n > 0)
            break;
          g_set_error (error, KANRI_DMARC_ERROR, KANRI_DMARC_ERROR_SYNTAX,
                       _("Empty tag at position %u"), i + 1);
          return NULL;
        }

      equals = strchr (pairs[i], '=');
      if (equals == NULL)
        {
          g_autofree char *shown = g_utf8_make_valid (pairs[i], -1);

          g_set_error (error, KANRI_DMARC_ERROR, KANRI_DMARC_ERROR_SYNTAX,
                       _("“%s” is not a tag=value pair"), shown);
          return NULL;
        }
      tag = g_strstrip (g_strndup (pairs[i], equals - pairs[i]));
      value = g_strstrip (g_strdup (equals + 1));

      if (!tag_name_is_valid (tag))
        {
          g_autofree char *shown = g_utf8_make_valid (tag, -1);

          g_set_error (error, KANRI_DMARC_ERROR, KANRI_DMARC_ERROR_SYNTAX,
                       _("“%s” is not a valid tag name"), shown);
          return NULL;
        }
      if (!value_is_valid (value))
        {
          tag_error (error, tag, *value == '\0' ? _("the value is empty")
                                               : _("the value holds characters other than visible ASCII"));
          return NULL;
        }

      /* RFC 7489 §6.4: the record starts with v=DMARC1, exactly. */
      if (n == 0)
        {
          if (!g_str_equal (tag, "v") || !g_str_equal (value, "DMARC1"))
            {
              g_set_error_literal (error, KANRI_DMARC_ERROR, KANRI_DMARC_ERROR_NOT_DMARC,
                                   _("The record does not begin with “v=DMARC1”"));
              return NULL;
            }
          n++;
          g_hash_table_add (seen, g_strdup (tag));
          continue;
        }
      n++;

      if (!g_hash_table_add (seen, g_strdup (tag)))
        {
          tag_error (error, tag, _("appears more than once"));
          return NULL;
        }
      if (g_str_equal (tag, "v"))
        {
          tag_error (error, tag, _("must come first, once"));
          return NULL;
        }
      if (!apply_tag (record, &state, warnings, tag, value, error))
        return NULL;
    }

  policy_error = g_steal_pointer (&state.policy_error);
  if (!state.policy_valid || policy_error != NULL)
    {
      if (record->aggregate_uris == NULL)
        {
          g_set_error (error, KANRI_DMARC_ERROR, KANRI_DMARC_ERROR_SYNTAX, "%s",
                       policy_error != NULL ? policy_error : _("The required tag p= is missing"));
          return NULL;
        }
      /* RFC 7489 §6.6.3 step 6: with a usable rua=, act as if p=none. */
      if (!state.policy_valid)
        record->policy = KANRI_DMARC_POLICY_NONE;
      if (!state.subdomain_valid)
        record->has_subdomain_policy = FALSE;
      g_ptr_array_add (warnings,
                       g_strdup_printf (_("%s; treated as p=none because rua= is given "
                                          "(RFC 7489 §6.6.3)"),
                                        policy_error != NULL ? policy_error
                                                             : _("The required tag p= is missing")));
    }

  if (!record->has_subdomain_policy)
    record->subdomain_policy = record->policy;
  if (record->aggregate_uris == NULL)
    record->aggregate_uris = g_new0 (char *, 1);
  if (record->failure_uris == NULL)
    record->failure_uris = g_new0 (char *, 1);
  g_ptr_array_add (warnings, NULL);
  record->warnings = (GStrv) g_ptr_array_free (g_steal_pointer (&warnings), FALSE);

  return g_steal_pointer (&record);
}

static const psl_ctx_t *
public_suffixes (void)
{
  static const psl_ctx_t *psl;
  static gsize loaded;

  /* The system's newest list when installed, else the one built in. */
  if (g_once_init_enter (&loaded))
    {
      psl = psl_latest (NULL);
      if (psl == NULL)
        psl = psl_builtin ();
      g_once_init_leave (&loaded, 1);
    }
  return psl;
}

/**
 * kanri_dmarc_organizational_domain:
 * @domain: a domain name
 * @error: return location for a %KANRI_DMARC_ERROR_INVALID_DOMAIN error
 *
 * The organizational domain (RFC 7489 §3.2): the public suffix of @domain
 * and one more label, found with the Public Suffix List through libpsl. A
 * domain that is itself a public suffix is its own.
 *
 * Returns: (transfer full) (nullable): the organizational domain in lower
 *   case, or %NULL with @error set
 */
char *
kanri_dmarc_organizational_domain (const char  *domain,
                                   GError     **error)
{
  g_autofree char *normalized = NULL;
  g_autofree char *lower = NULL;
  const char *registrable;

  g_return_val_if_fail (domain != NULL, NULL);

  if (!kanri_dns_name_is_valid (domain))
    {
      g_set_error (error, KANRI_DMARC_ERROR, KANRI_DMARC_ERROR_INVALID_DOMAIN,
                   _("“%s” is not a valid domain name"), domain);
      return NULL;
    }

  normalized = kanri_dns_name_normalize (domain);
  lower = g_ascii_strdown (normalized, -1);
  registrable = psl_registrable_domain (public_suffixes (), lower);
  return g_strdup (registrable != NULL ? registrable : lower);
}

/**
 * kanri_dmarc_domains_aligned:
 * @from_domain: the RFC5322.From domain
 * @domain: an authenticated domain (SPF or DKIM)
 * @alignment: the mode
 *
 * Identifier alignment (RFC 7489 §3.1): strict needs the same name; relaxed
 * needs the same organizational domain.
 */
gboolean
kanri_dmarc_domains_aligned (const char          *from_domain,
                             const char          *domain,
                             KanriDmarcAlignment  alignment)
{
  g_autofree char *from = NULL;
  g_autofree char *other = NULL;
  g_autofree char *from_org = NULL;
  g_autofree char *other_org = NULL;

  g_return_val_if_fail (from_domain != NULL, FALSE);
  g_return_val_if_fail (domain != NULL, FALSE);

  from = kanri_dns_name_normalize (from_domain);
  other = kanri_dns_name_normalize (domain);
  if (g_ascii_strcasecmp (from, other) == 0)
    return TRUE;
  if (alignment == KANRI_DMARC_ALIGNMENT_STRICT)
    return FALSE;

  from_org = kanri_dmarc_organizational_domain (from, NULL);
  other_org = kanri_dmarc_organizational_domain (other, NULL);
  return from_org != NULL && other_org != NULL && g_str_equal (from_org, other_org);
}

typedef struct
{
  KanriDmarcReport report;
  gatomicrefcount  ref_count;
} ReportBox;

G_DEFINE_BOXED_TYPE (KanriDmarcReport, kanri_dmarc_report, kanri_dmarc_report_ref, kanri_dmarc_report_unref)

static void
lookup_free (gpointer data)
{
  KanriDmarcLookup *lookup = data;

  g_free (lookup->query);
  g_free (lookup->detail);
  g_free (lookup);
}

KanriDmarcReport *
kanri_dmarc_report_ref (KanriDmarcReport *report)
{
  g_return_val_if_fail (report != NULL, NULL);

  g_atomic_ref_count_inc (&((ReportBox *) report)->ref_count);
  return report;
}

void
kanri_dmarc_report_unref (KanriDmarcReport *report)
{
  if (report == NULL || !g_atomic_ref_count_dec (&((ReportBox *) report)->ref_count))
    return;

  g_free (report->domain);
  g_free (report->organizational_domain);
  g_free (report->reason);
  g_free (report->record_domain);
  g_clear_pointer (&report->record, kanri_dmarc_record_free);
  g_clear_pointer (&report->lookups, g_ptr_array_unref);
  g_free (report);
}

typedef enum
{
  FETCH_FOUND,
  FETCH_NONE,
  FETCH_DONE,
} Fetch;

/* One step of RFC 7489 §6.6.3: the DMARC records at _dmarc.@domain. */
static Fetch
fetch (KanriDmarcReport  *report,
       KanriResolver     *resolver,
       const char        *domain,
       GCancellable      *cancellable,
       char             **text,
       GError           **error)
{
  g_autofree char *name = g_strconcat ("_dmarc.", domain, NULL);
  KanriDmarcLookup *lookup = g_new0 (KanriDmarcLookup, 1);
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) local_error = NULL;
  guint found = 0;

  lookup->query = g_strdup_printf ("TXT %s", name);
  g_ptr_array_add (report->lookups, lookup);

  records = kanri_resolver_lookup (resolver, name, KANRI_DNS_TYPE_TXT, cancellable, &local_error);
  if (records == NULL)
    {
      lookup->detail = g_strdup (local_error->message);
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FETCH_DONE;
        }
      if (kanri_resolver_error_is_void (local_error))
        return FETCH_NONE;

      report->status = g_error_matches (local_error, KANRI_RESOLVER_ERROR,
                                        KANRI_RESOLVER_ERROR_INVALID_NAME)
                       ? KANRI_DMARC_STATUS_NO_RECORD : KANRI_DMARC_STATUS_TEMPERROR;
      report->reason = g_strdup (local_error->message);
      return FETCH_DONE;
    }

  /* Records not starting with "v=DMARC1" are someone else's (§6.6.3). */
  for (guint i = 0; i < records->len; i++)
    {
      const KanriDnsRecord *record = g_ptr_array_index (records, i);
      const char *p = record->text;

      while (*p == ' ' || *p == '\t')
        p++;
      if (g_str_has_prefix (p, "v=DMARC1") &&
          (p[8] == '\0' || p[8] == ';' || p[8] == ' ' || p[8] == '\t'))
        {
          found++;
          g_free (*text);
          *text = g_strdup (record->text);
        }
    }

  lookup->detail = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u DMARC record",
                                                 "%u DMARC records", found), found);
  if (found == 0)
    return FETCH_NONE;
  if (found == 1)
    {
      report->record_domain = g_steal_pointer (&name);
      return FETCH_FOUND;
    }

  /* More than one record ends discovery without a policy. */
  report->status = KANRI_DMARC_STATUS_MULTIPLE_RECORDS;
  report->reason = g_strdup_printf (_("%s has %u DMARC records; there must be only one "
                                      "(RFC 7489 §6.6.3)"), name, found);
  g_clear_pointer (text, g_free);
  return FETCH_DONE;
}

static KanriDmarcIdentifier
identifier (const char          *from_domain,
            const char          *domain,
            KanriDmarcAlignment  alignment)
{
  if (domain == NULL || *domain == '\0')
    return KANRI_DMARC_IDENTIFIER_NOT_GIVEN;

  return kanri_dmarc_domains_aligned (from_domain, domain, alignment)
         ? KANRI_DMARC_IDENTIFIER_ALIGNED : KANRI_DMARC_IDENTIFIER_NOT_ALIGNED;
}

/**
 * kanri_dmarc_check:
 * @resolver: where to look names up
 * @query: the From domain and the authenticated identifiers
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an error
 *
 * Discovers the DMARC policy of @query's domain (RFC 7489 §6.6.3: its own
 * record, else its organizational domain's) and checks the alignment of the
 * given SPF and DKIM domains, blocking: call it from a worker thread, or
 * use kanri_dmarc_check_async(). DNS trouble is reported in the report's
 * status; errors are an invalid domain and cancellation.
 *
 * Returns: (transfer full) (nullable): the report, or %NULL with @error set
 */
KanriDmarcReport *
kanri_dmarc_check (KanriResolver         *resolver,
                   const KanriDmarcQuery *query,
                   GCancellable          *cancellable,
                   GError               **error)
{
  g_autoptr(KanriDmarcReport) report = NULL;
  g_autoptr(GError) parse_error = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *org = NULL;
  g_autofree char *text = NULL;
  KanriDmarcAlignment spf_mode = KANRI_DMARC_ALIGNMENT_RELAXED;
  KanriDmarcAlignment dkim_mode = KANRI_DMARC_ALIGNMENT_RELAXED;
  ReportBox *box;
  Fetch fetched;

  g_return_val_if_fail (KANRI_IS_RESOLVER (resolver), NULL);
  g_return_val_if_fail (query != NULL && query->domain != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  org = kanri_dmarc_organizational_domain (query->domain, error);
  if (org == NULL)
    return NULL;

  box = g_new0 (ReportBox, 1);
  g_atomic_ref_count_init (&box->ref_count);
  report = &box->report;
  report->domain = g_ascii_strdown (query->domain, -1);
  report->organizational_domain = g_steal_pointer (&org);
  report->lookups = g_ptr_array_new_with_free_func (lookup_free);
  report->status = KANRI_DMARC_STATUS_NO_RECORD;

  fetched = fetch (report, resolver, report->domain, cancellable, &text, &local_error);
  if (fetched == FETCH_NONE && !g_str_equal (report->domain, report->organizational_domain))
    {
      fetched = fetch (report, resolver, report->organizational_domain, cancellable, &text,
                       &local_error);
      report->from_organizational_domain = fetched == FETCH_FOUND;
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  if (fetched == FETCH_NONE)
    report->reason = g_strdup_printf (_("Neither %s nor its organizational domain publishes "
                                        "a DMARC record"), report->domain);

  if (fetched == FETCH_FOUND)
    {
      report->record = kanri_dmarc_record_parse (text, &parse_error);
      if (report->record == NULL)
        {
          report->status = KANRI_DMARC_STATUS_INVALID_RECORD;
          report->reason = g_strdup (parse_error->message);
        }
      else
        {
          report->status = KANRI_DMARC_STATUS_FOUND;
          report->effective_policy = report->from_organizational_domain
                                     ? report->record->subdomain_policy
                                     : report->record->policy;
          spf_mode = report->record->spf_alignment;
          dkim_mode = report->record->dkim_alignment;
        }
    }

  report->spf = identifier (report->domain, query->spf_domain, spf_mode);
  report->dkim = identifier (report->domain, query->dkim_domain, dkim_mode);
  report->passed = report->status == KANRI_DMARC_STATUS_FOUND &&
                   (report->spf == KANRI_DMARC_IDENTIFIER_ALIGNED ||
                    report->dkim == KANRI_DMARC_IDENTIFIER_ALIGNED);

  return g_steal_pointer (&report);
}

typedef struct
{
  KanriResolver *resolver;
  char          *domain;
  char          *spf_domain;
  char          *dkim_domain;
} CheckData;

static void
check_data_free (gpointer data)
{
  CheckData *check_data = data;

  g_clear_object (&check_data->resolver);
  g_free (check_data->domain);
  g_free (check_data->spf_domain);
  g_free (check_data->dkim_domain);
  g_free (check_data);
}

static void
check_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  CheckData *data = task_data;
  KanriDmarcQuery query = { data->domain, data->spf_domain, data->dkim_domain };
  GError *error = NULL;
  KanriDmarcReport *report;

  report = kanri_dmarc_check (data->resolver, &query, cancellable, &error);
  if (report == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, report, (GDestroyNotify) kanri_dmarc_report_unref);
}

/**
 * kanri_dmarc_check_async:
 * @resolver: where to look names up
 * @query: what to check; copied
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the report
 * @user_data: data for @callback
 *
 * Runs kanri_dmarc_check() in a worker thread. Cancelling completes the
 * call at once with %G_IO_ERROR_CANCELLED.
 */
void
kanri_dmarc_check_async (KanriResolver         *resolver,
                         const KanriDmarcQuery *query,
                         GCancellable          *cancellable,
                         GAsyncReadyCallback    callback,
                         gpointer               user_data)
{
  g_autoptr(GTask) task = NULL;
  CheckData *data;

  g_return_if_fail (KANRI_IS_RESOLVER (resolver));
  g_return_if_fail (query != NULL && query->domain != NULL);

  data = g_new0 (CheckData, 1);
  data->resolver = g_object_ref (resolver);
  data->domain = g_strdup (query->domain);
  data->spf_domain = g_strdup (query->spf_domain);
  data->dkim_domain = g_strdup (query->dkim_domain);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, kanri_dmarc_check_async);
  g_task_set_task_data (task, data, check_data_free);
  /* A resolver that never waits needs no worker thread. */
  if (kanri_resolver_lookups_block (resolver))
    {
      g_task_set_return_on_cancel (task, TRUE);
      g_task_run_in_thread (task, check_thread);
    }
  else
    {
      check_thread (task, NULL, data, cancellable);
    }
}

/**
 * kanri_dmarc_check_finish:
 * @result: the #GAsyncResult given to the callback
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the report, or %NULL with @error set
 */
KanriDmarcReport *
kanri_dmarc_check_finish (GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_strv (JsonBuilder       *builder,
          const char        *name,
          const char *const *values)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; values[i] != NULL; i++)
    json_builder_add_string_value (builder, values[i]);
  json_builder_end_array (builder);
}

static void
add_identifier (JsonBuilder          *builder,
                const char           *name,
                KanriDmarcIdentifier  identifier_state,
                KanriDmarcAlignment   mode)
{
  static const char *states[] = { "not-given", "aligned", "not-aligned" };

  json_builder_set_member_name (builder, name);
  json_builder_begin_object (builder);
  add_string (builder, "alignment", states[identifier_state]);
  add_string (builder, "mode", kanri_dmarc_alignment_to_string (mode));
  json_builder_end_object (builder);
}

static void
build_record (JsonBuilder      *builder,
              KanriDmarcRecord *record)
{
  json_builder_begin_object (builder);
  add_string (builder, "text", record->text);
  add_string (builder, "p", kanri_dmarc_policy_to_string (record->policy));
  add_string (builder, "sp", kanri_dmarc_policy_to_string (record->subdomain_policy));
  json_builder_set_member_name (builder, "pct");
  json_builder_add_int_value (builder, record->percent);
  add_string (builder, "adkim", kanri_dmarc_alignment_to_string (record->dkim_alignment));
  add_string (builder, "aspf", kanri_dmarc_alignment_to_string (record->spf_alignment));
  add_string (builder, "fo", record->failure_options);
  add_string (builder, "rf", record->report_format);
  json_builder_set_member_name (builder, "ri");
  json_builder_add_int_value (builder, record->report_interval);
  add_strv (builder, "rua", (const char *const *) record->aggregate_uris);
  add_strv (builder, "ruf", (const char *const *) record->failure_uris);
  add_strv (builder, "warnings", (const char *const *) record->warnings);
  json_builder_end_object (builder);
}

/**
 * kanri_dmarc_report_to_json:
 * @report: a report
 *
 * Returns: (transfer full): @report as JSON, as `kanri-cli dmarc --json`
 *   prints it
 */
JsonNode *
kanri_dmarc_report_to_json (KanriDmarcReport *report)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  KanriDmarcRecord *record;

  g_return_val_if_fail (report != NULL, NULL);

  record = report->record;
  json_builder_begin_object (builder);
  add_string (builder, "domain", report->domain);
  add_string (builder, "organizational_domain", report->organizational_domain);
  add_string (builder, "status", kanri_dmarc_status_to_string (report->status));
  add_string (builder, "reason", report->reason);
  add_string (builder, "record_domain", report->record_domain);
  json_builder_set_member_name (builder, "from_organizational_domain");
  json_builder_add_boolean_value (builder, report->from_organizational_domain);
  json_builder_set_member_name (builder, "record");
  if (record != NULL)
    build_record (builder, record);
  else
    json_builder_add_null_value (builder);
  add_string (builder, "policy",
              record != NULL ? kanri_dmarc_policy_to_string (report->effective_policy) : NULL);
  add_identifier (builder, "spf", report->spf,
                  record != NULL ? record->spf_alignment : KANRI_DMARC_ALIGNMENT_RELAXED);
  add_identifier (builder, "dkim", report->dkim,
                  record != NULL ? record->dkim_alignment : KANRI_DMARC_ALIGNMENT_RELAXED);
  /* A verdict needs a policy and at least one authenticated identifier. */
  add_string (builder, "dmarc",
              record == NULL ||
              (report->spf == KANRI_DMARC_IDENTIFIER_NOT_GIVEN &&
               report->dkim == KANRI_DMARC_IDENTIFIER_NOT_GIVEN)
              ? NULL : report->passed ? "pass" : "fail");
  json_builder_set_member_name (builder, "lookups");
  json_builder_begin_array (builder);
  for (guint i = 0; i < report->lookups->len; i++)
    {
      KanriDmarcLookup *lookup = g_ptr_array_index (report->lookups, i);

      json_builder_begin_object (builder);
      add_string (builder, "query", lookup->query);
      add_string (builder, "detail", lookup->detail);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}
