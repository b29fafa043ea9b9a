/* kanri-spf.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-spf"

#include "config.h"

#include <arpa/inet.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "kanri-spf.h"

/* check_host() of RFC 7208 §4. It makes blocking lookups, so
 * kanri_spf_check_host_async() runs it in a worker thread whenever the
 * resolver may wait on the network; that keeps the recursion of include and
 * redirect as plain function calls. */

/* A lookup step lists this many answers, then "…". */
#define MAX_SHOWN_ANSWERS 10

typedef struct
{
  KanriResolver  *resolver;
  GCancellable   *cancellable;
  guint8          ip[16];
  gboolean        ipv6;
  char           *sender;
  char           *local_part;
  char           *sender_domain;
  char           *helo;
  const char     *receiver;
  gint64          timestamp;
  guint           lookups;
  guint           void_lookups;
  GError         *fatal;
} Check;

/* How a mechanism came out. */
typedef enum
{
  MATCH_NO,
  MATCH_YES,
  MATCH_TEMPERROR,
  MATCH_PERMERROR,
} Match;

static KanriSpfResult evaluate (Check         *check,
                                const char    *domain,
                                KanriSpfStep  *step,
                                gboolean       want_explanation,
                                char         **explanation,
                                char         **reason);

G_DEFINE_BOXED_TYPE (KanriSpfReport, kanri_spf_report, kanri_spf_report_ref, kanri_spf_report_unref)

static void
step_free (KanriSpfStep *step)
{
  g_clear_pointer (&step->children, g_ptr_array_unref);
  g_free (step->subject);
  g_free (step->detail);
  g_free (step);
}

static KanriSpfStep *
step_add (KanriSpfStep     *parent,
          KanriSpfStepKind  kind,
          char             *subject)
{
  KanriSpfStep *step = g_new0 (KanriSpfStep, 1);

  step->kind = kind;
  step->subject = subject;
  if (parent != NULL)
    {
      if (parent->children == NULL)
        parent->children = g_ptr_array_new_with_free_func ((GDestroyNotify) step_free);
      g_ptr_array_add (parent->children, step);
    }
  return step;
}

static void
step_note (KanriSpfStep *parent,
           const char   *subject,
           char         *detail)
{
  KanriSpfStep *step = step_add (parent, KANRI_SPF_STEP_NOTE, g_strdup (subject));

  step->detail = detail;
}

/* The report comes first, so a report pointer is its box's pointer. */
typedef struct
{
  KanriSpfReport   report;
  gatomicrefcount  ref_count;
} ReportBox;

static KanriSpfReport *
report_new (void)
{
  ReportBox *box = g_new0 (ReportBox, 1);

  g_atomic_ref_count_init (&box->ref_count);
  return &box->report;
}

static ReportBox *
box_of (KanriSpfReport *report)
{
  return (ReportBox *) report;
}

KanriSpfReport *
kanri_spf_report_ref (KanriSpfReport *report)
{
  g_return_val_if_fail (report != NULL, NULL);

  g_atomic_ref_count_inc (&box_of (report)->ref_count);
  return report;
}

void
kanri_spf_report_unref (KanriSpfReport *report)
{
  if (report == NULL || !g_atomic_ref_count_dec (&box_of (report)->ref_count))
    return;

  g_free (report->explanation);
  g_free (report->reason);
  g_free (report->ip);
  g_free (report->domain);
  g_free (report->sender);
  g_free (report->helo);
  g_clear_pointer (&report->trace, step_free);
  g_free (box_of (report));
}

/**
 * kanri_spf_result_describe:
 * @result: a result
 *
 * Returns: what @result means, in one translated sentence (RFC 7208 §2.6)
 */
const char *
kanri_spf_result_describe (KanriSpfResult result)
{
  switch (result)
    {
    case KANRI_SPF_RESULT_NONE:
      return _("The domain publishes no SPF record, or the domain could not be checked.");
    case KANRI_SPF_RESULT_NEUTRAL:
      return _("The domain makes no statement about this IP address.");
    case KANRI_SPF_RESULT_PASS:
      return _("This IP address is authorized to send for the domain.");
    case KANRI_SPF_RESULT_FAIL:
      return _("This IP address is not authorized to send for the domain.");
    case KANRI_SPF_RESULT_SOFTFAIL:
      return _("This IP address is probably not authorized to send for the domain.");
    case KANRI_SPF_RESULT_TEMPERROR:
      return _("A temporary DNS error stopped the check; it may succeed later.");
    case KANRI_SPF_RESULT_PERMERROR:
      return _("The domain’s SPF record is broken and cannot be evaluated.");
    default:
      g_return_val_if_reached ("");
    }
}

/* Looks @name up, adding a lookup step under @parent. Cancellation is kept
 * in check->fatal; the caller returns at once. */
static GPtrArray *
lookup (Check         *check,
        KanriSpfStep  *parent,
        const char    *name,
        KanriDnsType   type,
        GError       **error)
{
  KanriSpfStep *step = step_add (parent, KANRI_SPF_STEP_LOOKUP,
                                 g_strconcat (kanri_dns_type_to_string (type), " ", name, NULL));
  GError *local_error = NULL;
  GPtrArray *records;

  records = kanri_resolver_lookup (check->resolver, name, type, check->cancellable, &local_error);
  if (records != NULL)
    {
      GString *detail = g_string_new (NULL);

      for (guint i = 0; i < records->len && i < MAX_SHOWN_ANSWERS; i++)
        {
          const KanriDnsRecord *record = g_ptr_array_index (records, i);

          if (i > 0)
            g_string_append (detail, ", ");
          if (record->type == KANRI_DNS_TYPE_MX)
            g_string_append_printf (detail, "%u %s", record->preference, record->text);
          else if (record->type == KANRI_DNS_TYPE_TXT)
            {
              g_autofree char *shown = kanri_spf_text_shown (record->text, record->length);

              g_string_append_c (detail, '"');
              g_string_append (detail, shown);
              g_string_append_c (detail, '"');
            }
          else
            {
              g_string_append (detail, record->text);
            }
        }
      if (records->len > MAX_SHOWN_ANSWERS)
        g_string_append (detail, ", …");
      step->detail = g_string_free (detail, FALSE);
      return records;
    }

  step->detail = g_strdup (local_error->message);
  if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && check->fatal == NULL)
    check->fatal = g_error_copy (local_error);
  g_propagate_error (error, local_error);
  return NULL;
}

static gboolean
count_void (Check         *check,
            KanriSpfStep  *parent,
            char         **reason)
{
  KanriSpfStep *step = parent->children->pdata[parent->children->len - 1];
  g_autofree char *detail = step->detail;

  check->void_lookups++;
  step->detail = g_strdup_printf (_("%s (void lookup %u of %u)"), detail,
                                  check->void_lookups, KANRI_SPF_MAX_VOID_LOOKUPS);
  if (check->void_lookups <= KANRI_SPF_MAX_VOID_LOOKUPS)
    return TRUE;

  *reason = g_strdup_printf (_("More than %u DNS lookups found nothing (RFC 7208 §4.6.4)"),
                             KANRI_SPF_MAX_VOID_LOOKUPS);
  return FALSE;
}

static gboolean
address_in_network (const guint8 *address,
                    const guint8 *network,
                    guint         prefix)
{
  guint whole = prefix / 8;
  guint rest = prefix % 8;

  if (memcmp (address, network, whole) != 0)
    return FALSE;
  if (rest == 0)
    return TRUE;
  return ((address[whole] ^ network[whole]) & (0xff << (8 - rest))) == 0;
}

static const guint8 *
ip_bytes (Check *check)
{
  return check->ip;
}

static KanriDnsType
address_type (Check *check)
{
  return check->ipv6 ? KANRI_DNS_TYPE_AAAA : KANRI_DNS_TYPE_A;
}

static gboolean
records_match (Check              *check,
               GPtrArray          *records,
               const KanriSpfTerm *term)
{
  guint prefix = check->ipv6 ? term->cidr6 : term->cidr4;

  for (guint i = 0; i < records->len; i++)
    {
      const KanriDnsRecord *record = g_ptr_array_index (records, i);

      if (address_in_network (ip_bytes (check), record->address, prefix))
        return TRUE;
    }
  return FALSE;
}

static Match
lookup_error_match (Check         *check,
                    KanriSpfStep  *step,
                    const GError  *error,
                    char         **reason)
{
  if (kanri_resolver_error_is_void (error))
    return count_void (check, step, reason) ? MATCH_NO : MATCH_PERMERROR;

  /* RFC 7208 §5: a lookup that fails for any other reason is a
   * temperror; a name no query can be made of matches nothing (§4.8). */
  if (g_error_matches (error, KANRI_RESOLVER_ERROR, KANRI_RESOLVER_ERROR_INVALID_NAME))
    return MATCH_NO;

  *reason = g_strdup (error->message);
  return MATCH_TEMPERROR;
}

typedef struct
{
  Check      *check;
  const char *domain;
  char       *value;
} ValidatedName;

/* The names of the client that point back to its address (RFC 7208 §5.5),
 * at most KANRI_SPF_MAX_PTR_NAMES of them. */
static GPtrArray *
validated_names (Check        *check,
                 KanriSpfStep *step)
{
  g_autofree char *reverse = kanri_dns_reverse_name (check->ip, check->ipv6);
  g_autoptr(GPtrArray) ptrs = NULL;
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);

  ptrs = lookup (check, step, reverse, KANRI_DNS_TYPE_PTR, NULL);
  if (ptrs == NULL)
    return names;

  for (guint i = 0; i < ptrs->len && i < KANRI_SPF_MAX_PTR_NAMES; i++)
    {
      const KanriDnsRecord *ptr = g_ptr_array_index (ptrs, i);
      g_autoptr(GPtrArray) addresses = NULL;

      addresses = lookup (check, step, ptr->text, address_type (check), NULL);
      if (check->fatal != NULL)
        break;
      if (addresses == NULL)
        continue;
      for (guint j = 0; j < addresses->len; j++)
        {
          const KanriDnsRecord *address = g_ptr_array_index (addresses, j);

          if (memcmp (address->address, ip_bytes (check), check->ipv6 ? 16 : 4) == 0)
            {
              g_ptr_array_add (names, g_strdup (ptr->text));
              break;
            }
        }
    }

  return names;
}

static gboolean
name_within (const char *name,
             const char *domain)
{
  gsize name_length = strlen (name);
  gsize domain_length = strlen (domain);

  if (domain_length > 0 && domain[domain_length - 1] == '.')
    domain_length--;
  if (name_length > 0 && name[name_length - 1] == '.')
    name_length--;

  if (name_length == domain_length)
    return g_ascii_strncasecmp (name, domain, name_length) == 0;
  return name_length > domain_length &&
         name[name_length - domain_length - 1] == '.' &&
         g_ascii_strncasecmp (name + name_length - domain_length, domain, domain_length) == 0;
}

static const char *
get_validated_name (gpointer user_data)
{
  ValidatedName *p = user_data;
  g_autoptr(GPtrArray) names = NULL;
  KanriSpfStep scratch = { 0 };

  if (p->value != NULL)
    return p->value;

  /* RFC 7208 §7.3: prefer <domain> itself, then a subdomain of it, then any
   * validated name; "unknown" when there is none. */
  names = validated_names (p->check, &scratch);
  g_clear_pointer (&scratch.children, g_ptr_array_unref);
  for (guint i = 0; i < names->len && p->value == NULL; i++)
    {
      if (g_ascii_strcasecmp (names->pdata[i], p->domain) == 0)
        p->value = g_strdup (names->pdata[i]);
    }
  for (guint i = 0; i < names->len && p->value == NULL; i++)
    {
      if (name_within (names->pdata[i], p->domain))
        p->value = g_strdup (names->pdata[i]);
    }
  if (p->value == NULL && names->len > 0)
    p->value = g_strdup (names->pdata[0]);
  if (p->value == NULL)
    p->value = g_strdup ("unknown");
  return p->value;
}

static char *
expand (Check              *check,
        const char         *spec,
        const char         *domain,
        KanriSpfMacroMode   mode,
        GError            **error)
{
  ValidatedName p = { check, domain, NULL };
  KanriSpfMacroContext context = {
    .sender = check->sender,
    .local_part = check->local_part,
    .sender_domain = check->sender_domain,
    .domain = domain,
    .ip = check->ip,
    .ipv6 = check->ipv6,
    .helo = check->helo,
    .receiver = check->receiver,
    .timestamp = check->timestamp,
    .validated_name = get_validated_name,
    .user_data = &p,
  };
  char *expanded = kanri_spf_macro_expand (spec, &context, mode, error);

  g_free (p.value);
  return expanded;
}

/* The name a domain-spec designates: expanded, without its trailing dot,
 * and cut from the left to 253 characters (RFC 7208 §7.3).
 *
 * §7.3 removes "successive domain labels" until the name fits, however
 * many that takes. It matters most for IPv6 clients: %{i} of one is 32
 * nibbles, 63 characters, so "include:%{i}.%{i}.%{i}.%{i}.example.com"
 * is over 253 before anything else is added. The cut name is the
 * <target-name> that include: checks (§5.2) and exists: queries for an A
 * record (§5.7). pyspf removes only the first label and then queries a
 * name still too long to exist (RFC 1035 §2.3.4): an include of it finds
 * no record, "none", which §5.2 makes a permerror, and an exists of it is
 * a void lookup (§4.6.4). Where the cut name publishes "v=spf1 +all", RFC
 * 7208 says pass and pyspf permerror; Kanri follows the RFC, and the
 * differential test against pyspf lists it as a known difference. */
static char *
target_name (Check              *check,
             const KanriSpfTerm *term,
             const char         *domain,
             GError            **error)
{
  g_autofree char *expanded = NULL;
  const char *name;
  gsize length;

  if (term->domain_spec == NULL)
    return g_strdup (domain);

  expanded = expand (check, term->domain_spec, domain, KANRI_SPF_MACRO_DOMAIN, error);
  if (expanded == NULL)
    return NULL;

  length = strlen (expanded);
  if (length > 0 && expanded[length - 1] == '.')
    expanded[--length] = '\0';

  name = expanded;
  while (strlen (name) > 253 && strchr (name, '.') != NULL)
    name = strchr (name, '.') + 1;

  return g_strdup (name);
}

static Match
match_addresses (Check               *check,
                 KanriSpfStep        *step,
                 const char          *name,
                 const KanriSpfTerm  *term,
                 gboolean             count_voids,
                 char               **reason)
{
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;

  records = lookup (check, step, name, address_type (check), &error);
  if (records == NULL)
    {
      if (!count_voids && kanri_resolver_error_is_void (error))
        return MATCH_NO;
      return lookup_error_match (check, step, error, reason);
    }

  return records_match (check, records, term) ? MATCH_YES : MATCH_NO;
}

static Match
match_mx (Check               *check,
          KanriSpfStep        *step,
          const char          *name,
          const KanriSpfTerm  *term,
          char               **reason)
{
  g_autoptr(GPtrArray) exchanges = NULL;
  g_autoptr(GError) error = NULL;

  exchanges = lookup (check, step, name, KANRI_DNS_TYPE_MX, &error);
  if (exchanges == NULL)
    return lookup_error_match (check, step, error, reason);

  /* RFC 7208 §4.6.4: more than 10 MX names is a permerror. */
  if (exchanges->len > KANRI_SPF_MAX_MX_NAMES)
    {
      *reason = g_strdup_printf (_("%s has %u MX records; at most %u may be evaluated "
                                   "(RFC 7208 §4.6.4)"),
                                 name, exchanges->len, KANRI_SPF_MAX_MX_NAMES);
      return MATCH_PERMERROR;
    }

  for (guint i = 0; i < exchanges->len; i++)
    {
      const KanriDnsRecord *exchange = g_ptr_array_index (exchanges, i);
      Match match;

      /* A null MX (RFC 7505) names no host. */
      if (exchange->text[0] == '\0')
        continue;

      match = match_addresses (check, step, exchange->text, term, FALSE, reason);
      if (match != MATCH_NO || check->fatal != NULL)
        return match;
    }

  return MATCH_NO;
}

static Match
match_ptr (Check         *check,
           KanriSpfStep  *step,
           const char    *target,
           char         **reason)
{
  g_autofree char *reverse = kanri_dns_reverse_name (check->ip, check->ipv6);
  g_autoptr(GPtrArray) ptrs = NULL;
  g_autoptr(GError) error = NULL;

  ptrs = lookup (check, step, reverse, KANRI_DNS_TYPE_PTR, &error);
  if (ptrs == NULL)
    {
      /* RFC 7208 §5.5: a failed PTR lookup is simply no match. */
      if (kanri_resolver_error_is_void (error))
        return count_void (check, step, reason) ? MATCH_NO : MATCH_PERMERROR;
      return MATCH_NO;
    }

  for (guint i = 0; i < ptrs->len && i < KANRI_SPF_MAX_PTR_NAMES; i++)
    {
      const KanriDnsRecord *ptr = g_ptr_array_index (ptrs, i);
      g_autoptr(GPtrArray) addresses = NULL;

      /* Only names within the target can match, so only they are validated. */
      if (!name_within (ptr->text, target))
        continue;

      addresses = lookup (check, step, ptr->text, address_type (check), NULL);
      if (check->fatal != NULL)
        return MATCH_NO;
      if (addresses == NULL)
        continue;
      for (guint j = 0; j < addresses->len; j++)
        {
          const KanriDnsRecord *address = g_ptr_array_index (addresses, j);

          if (memcmp (address->address, ip_bytes (check), check->ipv6 ? 16 : 4) == 0)
            return MATCH_YES;
        }
    }

  return MATCH_NO;
}

static Match
match_include (Check         *check,
               KanriSpfStep  *step,
               const char    *target,
               char         **reason)
{
  KanriSpfStep *record_step = step_add (step, KANRI_SPF_STEP_RECORD, g_strdup (target));
  g_autofree char *inner_reason = NULL;
  KanriSpfResult result;

  /* RFC 7208 §4.3: check_host() of a malformed domain (an empty label, a
   * label of more than 63 characters) is "none" at once, with no query;
   * the table of §5.2 makes that a permerror. */
  if (!kanri_dns_name_is_valid (target))
    {
      *reason = g_strdup_printf (_("The included domain %s is not a valid domain name, so it "
                                   "has no SPF record (RFC 7208 §4.3)"), target);
      record_step->result = KANRI_SPF_RESULT_NONE;
      record_step->detail = g_strdup (*reason);
      return MATCH_PERMERROR;
    }

  result = evaluate (check, target, record_step, FALSE, NULL, &inner_reason);

  /* RFC 7208 §5.2: the table of what an included result means. */
  switch (result)
    {
    case KANRI_SPF_RESULT_PASS:
      return MATCH_YES;
    case KANRI_SPF_RESULT_FAIL:
    case KANRI_SPF_RESULT_SOFTFAIL:
    case KANRI_SPF_RESULT_NEUTRAL:
      return MATCH_NO;
    case KANRI_SPF_RESULT_TEMPERROR:
      *reason = g_steal_pointer (&inner_reason);
      return MATCH_TEMPERROR;
    case KANRI_SPF_RESULT_NONE:
      *reason = g_strdup_printf (_("The included domain %s has no SPF record"), target);
      return MATCH_PERMERROR;
    case KANRI_SPF_RESULT_PERMERROR:
    default:
      *reason = g_steal_pointer (&inner_reason);
      return MATCH_PERMERROR;
    }
}

static Match
match_term (Check               *check,
            const KanriSpfTerm  *term,
            const char          *domain,
            KanriSpfStep        *step,
            char               **reason)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *target = NULL;

  switch (term->kind)
    {
    case KANRI_SPF_TERM_ALL:
      return MATCH_YES;

    case KANRI_SPF_TERM_IP4:
      return !check->ipv6 && address_in_network (ip_bytes (check), term->network, term->cidr4)
             ? MATCH_YES : MATCH_NO;

    case KANRI_SPF_TERM_IP6:
      return check->ipv6 && address_in_network (ip_bytes (check), term->network, term->cidr6)
             ? MATCH_YES : MATCH_NO;

    case KANRI_SPF_TERM_A:
    case KANRI_SPF_TERM_MX:
    case KANRI_SPF_TERM_PTR:
    case KANRI_SPF_TERM_EXISTS:
    case KANRI_SPF_TERM_INCLUDE:
    case KANRI_SPF_TERM_REDIRECT:
    case KANRI_SPF_TERM_EXP:
    case KANRI_SPF_TERM_UNKNOWN_MODIFIER:
    default:
      break;
    }

  target = target_name (check, term, domain, &error);
  if (target == NULL)
    {
      *reason = g_strdup (error->message);
      return MATCH_PERMERROR;
    }
  if (term->kind == KANRI_SPF_TERM_INCLUDE)
    return match_include (check, step, target, reason);
  if (!kanri_dns_name_is_valid (target))
    {
      /* RFC 7208 §4.8 and the suite's preferred results: a target no DNS
       * query can be made of is treated as a name that does not exist. */
      step_note (step, target, g_strdup (_("Not a valid DNS name: treated as nonexistent")));
      return MATCH_NO;
    }

  switch (term->kind)
    {
    case KANRI_SPF_TERM_A:
      return match_addresses (check, step, target, term, TRUE, reason);

    case KANRI_SPF_TERM_MX:
      return match_mx (check, step, target, term, reason);

    case KANRI_SPF_TERM_PTR:
      return match_ptr (check, step, target, reason);

    case KANRI_SPF_TERM_EXISTS:
      {
        g_autoptr(GPtrArray) records = NULL;

        /* RFC 7208 §5.7: always an A query, whatever the client's family. */
        records = lookup (check, step, target, KANRI_DNS_TYPE_A, &error);
        if (records == NULL)
          return lookup_error_match (check, step, error, reason);
        return MATCH_YES;
      }

    case KANRI_SPF_TERM_ALL:
    case KANRI_SPF_TERM_IP4:
    case KANRI_SPF_TERM_IP6:
    case KANRI_SPF_TERM_INCLUDE:
    case KANRI_SPF_TERM_REDIRECT:
    case KANRI_SPF_TERM_EXP:
    case KANRI_SPF_TERM_UNKNOWN_MODIFIER:
    default:
      g_assert_not_reached ();
    }
}

/* RFC 7208 §6.2: the explanation of a fail; any problem means none. */
static char *
explain (Check              *check,
         const KanriSpfTerm *exp,
         const char         *domain,
         KanriSpfStep       *step)
{
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *target = NULL;
  const KanriDnsRecord *record;
  char *explanation;

  target = target_name (check, exp, domain, &error);
  if (target == NULL || !kanri_dns_name_is_valid (target))
    {
      step_note (step, exp->text,
                 g_strdup (_("The explanation domain is not usable: no explanation")));
      return NULL;
    }

  /* This lookup counts against no limit (RFC 7208 §4.6.4). */
  records = lookup (check, step, target, KANRI_DNS_TYPE_TXT, &error);
  if (records == NULL)
    return NULL;
  if (records->len != 1)
    {
      step_note (step, exp->text,
                 g_strdup (_("More than one TXT record: no explanation")));
      return NULL;
    }

  /* The check reads all of the record, which may hold a NUL octet; the
   * expansion then needs no length. */
  record = g_ptr_array_index (records, 0);
  if (kanri_spf_macro_check (record->text, record->length, KANRI_SPF_MACRO_EXPLANATION, &error))
    explanation = expand (check, record->text, domain, KANRI_SPF_MACRO_EXPLANATION, &error);
  else
    explanation = NULL;
  if (explanation == NULL)
    {
      step_note (step, exp->text,
                 g_strdup_printf (_("The explanation text is invalid (%s): no explanation"),
                                  error->message));
      return NULL;
    }

  step_note (step, exp->text, g_strdup_printf (_("Explanation: %s"), explanation));
  return explanation;
}

static gboolean
count_lookup (Check         *check,
              KanriSpfStep  *step,
              char         **reason)
{
  check->lookups++;
  step->lookup_number = check->lookups;
  if (check->lookups <= KANRI_SPF_MAX_DNS_MECHANISMS)
    return TRUE;

  *reason = g_strdup_printf (_("More than %u mechanisms and modifiers that query DNS "
                               "(RFC 7208 §4.6.4)"), KANRI_SPF_MAX_DNS_MECHANISMS);
  step->detail = g_strdup (*reason);
  return FALSE;
}

/* Finds the one SPF record of @domain (RFC 7208 §4.4, §4.5). */
static KanriSpfRecord *
fetch_record (Check           *check,
              const char      *domain,
              KanriSpfStep    *step,
              KanriSpfResult  *result,
              char           **reason)
{
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;
  const KanriDnsRecord *spf = NULL;
  KanriSpfRecord *record;
  guint found = 0;

  records = lookup (check, step, domain, KANRI_DNS_TYPE_TXT, &error);
  if (records == NULL)
    {
      if (kanri_resolver_error_is_void (error) ||
          g_error_matches (error, KANRI_RESOLVER_ERROR, KANRI_RESOLVER_ERROR_INVALID_NAME))
        {
          *result = KANRI_SPF_RESULT_NONE;
          *reason = g_strdup_printf (_("%s has no SPF record"), domain);
        }
      else
        {
          *result = KANRI_SPF_RESULT_TEMPERROR;
          *reason = g_strdup (error->message);
        }
      return NULL;
    }

  for (guint i = 0; i < records->len; i++)
    {
      const KanriDnsRecord *candidate = g_ptr_array_index (records, i);

      if (kanri_spf_record_is_spf (candidate->text, candidate->length))
        {
          spf = candidate;
          found++;
        }
    }

  if (found == 0)
    {
      *result = KANRI_SPF_RESULT_NONE;
      *reason = g_strdup_printf (_("%s has no SPF record"), domain);
      return NULL;
    }
  if (found > 1)
    {
      *result = KANRI_SPF_RESULT_PERMERROR;
      *reason = g_strdup_printf (_("%s has %u SPF records; there must be only one "
                                   "(RFC 7208 §4.5)"), domain, found);
      return NULL;
    }

  step->detail = kanri_spf_text_shown (spf->text, spf->length);
  record = kanri_spf_record_parse (spf->text, spf->length, &error);
  if (record == NULL)
    {
      *result = KANRI_SPF_RESULT_PERMERROR;
      *reason = g_strdup (error->message);
    }
  return record;
}

static KanriSpfResult
evaluate_redirect (Check               *check,
                   const KanriSpfTerm  *redirect,
                   const char          *domain,
                   KanriSpfStep        *step,
                   gboolean             want_explanation,
                   char               **explanation,
                   char               **reason)
{
  KanriSpfStep *term_step = step_add (step, KANRI_SPF_STEP_TERM, g_strdup (redirect->text));
  KanriSpfStep *record_step;
  g_autoptr(GError) error = NULL;
  g_autofree char *target = NULL;
  KanriSpfResult result;

  if (!count_lookup (check, term_step, reason))
    return KANRI_SPF_RESULT_PERMERROR;

  target = target_name (check, redirect, domain, &error);
  if (target == NULL)
    {
      *reason = g_strdup (error->message);
      term_step->detail = g_strdup (*reason);
      return KANRI_SPF_RESULT_PERMERROR;
    }

  /* RFC 7208 §6.1: the result is the target's, and a target without a
   * record (or without a usable name) is a permerror. */
  record_step = step_add (term_step, KANRI_SPF_STEP_RECORD, g_strdup (target));
  if (kanri_dns_name_is_valid (target))
    result = evaluate (check, target, record_step, want_explanation, explanation, reason);
  else
    result = KANRI_SPF_RESULT_NONE;

  if (result == KANRI_SPF_RESULT_NONE && check->fatal == NULL)
    {
      g_free (*reason);
      *reason = g_strdup_printf (_("The redirect target %s has no SPF record"), target);
      result = KANRI_SPF_RESULT_PERMERROR;
    }

  term_step->result = result;
  term_step->detail = g_strdup_printf (_("Redirected: %s"), kanri_spf_result_to_string (result));
  return result;
}

static KanriSpfResult
evaluate (Check         *check,
          const char    *domain,
          KanriSpfStep  *step,
          gboolean       want_explanation,
          char         **explanation,
          char         **reason)
{
  g_autoptr(KanriSpfRecord) record = NULL;
  KanriSpfResult result = KANRI_SPF_RESULT_NEUTRAL;

  record = fetch_record (check, domain, step, &result, reason);
  if (record == NULL)
    goto out;

  for (guint i = 0; i < record->terms->len; i++)
    {
      const KanriSpfTerm *term = g_ptr_array_index (record->terms, i);
      KanriSpfStep *term_step;
      g_autofree char *term_reason = NULL;
      Match match;

      /* Modifiers come last in KanriSpfTermKind; they act after the loop. */
      if (term->kind >= KANRI_SPF_TERM_REDIRECT)
        continue;

      term_step = step_add (step, KANRI_SPF_STEP_TERM, g_strdup (term->text));
      if (kanri_spf_term_uses_dns (term) && !count_lookup (check, term_step, reason))
        {
          result = KANRI_SPF_RESULT_PERMERROR;
          goto out;
        }

      match = match_term (check, term, domain, term_step, &term_reason);
      if (check->fatal != NULL)
        return KANRI_SPF_RESULT_TEMPERROR;

      switch (match)
        {
        case MATCH_NO:
          term_step->detail = g_strdup (_("No match"));
          continue;

        case MATCH_YES:
          term_step->matched = TRUE;
          term_step->result = term->qualifier;
          term_step->detail = g_strdup_printf (_("Match: %s"),
                                               kanri_spf_result_to_string (term->qualifier));
          result = term->qualifier;
          if (result == KANRI_SPF_RESULT_FAIL && want_explanation && record->exp != NULL)
            *explanation = explain (check, record->exp, domain, step);
          goto out;

        case MATCH_TEMPERROR:
        case MATCH_PERMERROR:
        default:
          result = match == MATCH_TEMPERROR ? KANRI_SPF_RESULT_TEMPERROR
                                            : KANRI_SPF_RESULT_PERMERROR;
          term_step->result = result;
          term_step->detail = g_strdup (term_reason);
          *reason = g_steal_pointer (&term_reason);
          goto out;
        }
    }

  /* RFC 7208 §6.1: redirect applies only when nothing matched, and never in
   * a record with "all". */
  if (record->redirect != NULL && !record->has_all)
    result = evaluate_redirect (check, record->redirect, domain, step,
                                want_explanation, explanation, reason);
  else
    result = KANRI_SPF_RESULT_NEUTRAL;

out:
  step->result = result;
  if (step->detail == NULL)
    step->detail = g_strdup (*reason);
  return result;
}

static gboolean
domain_is_checkable (const char *domain)
{
  /* RFC 7208 §4.3: a malformed or single-label domain gives "none". */
  return kanri_dns_name_is_valid (domain) && strchr (domain, '.') != NULL &&
         strchr (domain, '.')[1] != '\0' && domain[0] != '[';
}

static void
check_clear (Check *check)
{
  g_free (check->sender);
  g_free (check->local_part);
  g_free (check->sender_domain);
  g_free (check->helo);
  g_clear_error (&check->fatal);
}

static gboolean
parse_ip (Check       *check,
          const char  *text,
          GError     **error)
{
  if (text != NULL && inet_pton (AF_INET, text, check->ip) == 1)
    {
      check->ipv6 = FALSE;
      return TRUE;
    }
  if (text == NULL || inet_pton (AF_INET6, text, check->ip) != 1)
    {
      g_set_error (error, KANRI_SPF_ERROR, KANRI_SPF_ERROR_INVALID_QUERY,
                   _("“%s” is not an IP address"), text != NULL ? text : "");
      return FALSE;
    }

  /* RFC 7208 §5: an IPv4-mapped IPv6 address is checked as IPv4. */
  check->ipv6 = memcmp (check->ip, "\0\0\0\0\0\0\0\0\0\0\xff\xff", 12) != 0;
  if (!check->ipv6)
    memmove (check->ip, check->ip + 12, 4);
  return TRUE;
}

/**
 * kanri_spf_check_host:
 * @resolver: where to look names up
 * @query: what to check
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an error
 *
 * Runs check_host() (RFC 7208 §4), blocking: call it from a worker thread,
 * or use kanri_spf_check_host_async(). DNS trouble is not an error but a
 * temperror result; errors are an invalid @query and cancellation.
 *
 * Returns: (transfer full) (nullable): the report, or %NULL with @error set
 */
KanriSpfReport *
kanri_spf_check_host (KanriResolver        *resolver,
                      const KanriSpfQuery  *query,
                      GCancellable         *cancellable,
                      GError              **error)
{
  g_autoptr(KanriSpfReport) report = NULL;
  char ip_text[INET6_ADDRSTRLEN];
  Check check = { 0 };
  const char *sender;
  const char *at;

  g_return_val_if_fail (KANRI_IS_RESOLVER (resolver), NULL);
  g_return_val_if_fail (query != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!parse_ip (&check, query->ip, error))
    return NULL;
  check.resolver = resolver;
  check.cancellable = cancellable;
  check.receiver = query->receiver;
  check.timestamp = query->timestamp != 0 ? query->timestamp : g_get_real_time () / G_USEC_PER_SEC;
  check.helo = g_strdup (query->helo != NULL ? query->helo : "");

  /* RFC 7208 §4.3: an empty sender is postmaster@HELO (postmaster@<domain>
   * when there is no HELO either), and a sender without a local-part has
   * "postmaster" for it. */
  sender = query->sender;
  if ((sender == NULL || *sender == '\0') && check.helo[0] == '\0' && query->domain != NULL)
    check.sender = g_strdup_printf ("postmaster@%s", query->domain);
  else if (sender == NULL || *sender == '\0')
    check.sender = g_strdup_printf ("postmaster@%s", check.helo);
  else if ((at = strrchr (sender, '@')) == NULL)
    check.sender = g_strdup_printf ("postmaster@%s", sender);
  else if (at == sender)
    check.sender = g_strdup_printf ("postmaster%s", sender);
  else
    check.sender = g_strdup (sender);
  at = strrchr (check.sender, '@');
  check.local_part = g_strndup (check.sender, at - check.sender);
  check.sender_domain = g_strdup (at + 1);

  report = report_new ();
  inet_ntop (check.ipv6 ? AF_INET6 : AF_INET, check.ip, ip_text, sizeof ip_text);
  report->ip = g_strdup (ip_text);
  report->domain = g_strdup (query->domain != NULL ? query->domain : check.sender_domain);
  report->sender = g_strdup (check.sender);
  report->helo = g_strdup (check.helo);
  report->trace = step_add (NULL, KANRI_SPF_STEP_RECORD, g_strdup (report->domain));

  if (!domain_is_checkable (report->domain))
    {
      report->result = KANRI_SPF_RESULT_NONE;
      report->reason = g_strdup_printf (_("“%s” is not a fully qualified domain name"),
                                        report->domain);
      report->trace->detail = g_strdup (report->reason);
    }
  else
    {
      report->result = evaluate (&check, report->domain, report->trace, TRUE,
                                 &report->explanation, &report->reason);
    }

  report->lookups = MIN (check.lookups, KANRI_SPF_MAX_DNS_MECHANISMS + 1);
  report->void_lookups = check.void_lookups;

  if (check.fatal != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&check.fatal));
      check_clear (&check);
      return NULL;
    }

  check_clear (&check);
  return g_steal_pointer (&report);
}

typedef struct
{
  KanriResolver *resolver;
  char          *ip;
  char          *domain;
  char          *sender;
  char          *helo;
  char          *receiver;
  gint64         timestamp;
} CheckData;

static void
check_data_free (gpointer data)
{
  CheckData *check_data = data;

  g_clear_object (&check_data->resolver);
  g_free (check_data->ip);
  g_free (check_data->domain);
  g_free (check_data->sender);
  g_free (check_data->helo);
  g_free (check_data->receiver);
  g_free (check_data);
}

static void
check_host_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  CheckData *data = task_data;
  KanriSpfQuery query = {
    .ip = data->ip,
    .domain = data->domain,
    .sender = data->sender,
    .helo = data->helo,
    .receiver = data->receiver,
    .timestamp = data->timestamp,
  };
  GError *error = NULL;
  KanriSpfReport *report;

  report = kanri_spf_check_host (data->resolver, &query, cancellable, &error);
  if (report == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, report, (GDestroyNotify) kanri_spf_report_unref);
}

/**
 * kanri_spf_check_host_async:
 * @resolver: where to look names up
 * @query: what to check; copied
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the report
 * @user_data: data for @callback
 *
 * Runs check_host() in a worker thread. Cancelling completes the call at
 * once with %G_IO_ERROR_CANCELLED.
 */
void
kanri_spf_check_host_async (KanriResolver       *resolver,
                            const KanriSpfQuery *query,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  CheckData *data;

  g_return_if_fail (KANRI_IS_RESOLVER (resolver));
  g_return_if_fail (query != NULL);

  data = g_new0 (CheckData, 1);
  data->resolver = g_object_ref (resolver);
  data->ip = g_strdup (query->ip);
  data->domain = g_strdup (query->domain);
  data->sender = g_strdup (query->sender);
  data->helo = g_strdup (query->helo);
  data->receiver = g_strdup (query->receiver);
  data->timestamp = query->timestamp;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, kanri_spf_check_host_async);
  g_task_set_task_data (task, data, check_data_free);
  /* A resolver that never waits needs no worker thread. */
  if (kanri_resolver_lookups_block (resolver))
    {
      g_task_set_return_on_cancel (task, TRUE);
      g_task_run_in_thread (task, check_host_thread);
    }
  else
    {
      check_host_thread (task, NULL, data, cancellable);
    }
}

/**
 * kanri_spf_check_host_finish:
 * @result: the #GAsyncResult given to the callback
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the report, or %NULL with @error set
 */
KanriSpfReport *
kanri_spf_check_host_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static const char *
step_kind_name (KanriSpfStepKind kind)
{
  static const char *names[] = { "record", "term", "lookup", "note" };

  return names[kind];
}

static void
build_step (JsonBuilder        *builder,
            const KanriSpfStep *step)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, step_kind_name (step->kind));
  json_builder_set_member_name (builder, "subject");
  json_builder_add_string_value (builder, step->subject);
  if (step->detail != NULL)
    {
      json_builder_set_member_name (builder, "detail");
      json_builder_add_string_value (builder, step->detail);
    }
  if (step->kind == KANRI_SPF_STEP_RECORD || step->matched ||
      (step->kind == KANRI_SPF_STEP_TERM && step->result != KANRI_SPF_RESULT_NONE))
    {
      json_builder_set_member_name (builder, "result");
      json_builder_add_string_value (builder, kanri_spf_result_to_string (step->result));
    }
  if (step->kind == KANRI_SPF_STEP_TERM)
    {
      json_builder_set_member_name (builder, "matched");
      json_builder_add_boolean_value (builder, step->matched);
    }
  if (step->lookup_number > 0)
    {
      json_builder_set_member_name (builder, "lookup");
      json_builder_add_int_value (builder, step->lookup_number);
    }
  if (step->children != NULL)
    {
      json_builder_set_member_name (builder, "children");
      json_builder_begin_array (builder);
      for (guint i = 0; i < step->children->len; i++)
        build_step (builder, g_ptr_array_index (step->children, i));
      json_builder_end_array (builder);
    }
  json_builder_end_object (builder);
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

/**
 * kanri_spf_report_to_json:
 * @report: a report
 *
 * Returns: (transfer full): @report as JSON, as `kanri-cli spf --json`
 *   prints it
 */
JsonNode *
kanri_spf_report_to_json (KanriSpfReport *report)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (report != NULL, NULL);

  json_builder_begin_object (builder);
  add_string (builder, "result", kanri_spf_result_to_string (report->result));
  add_string (builder, "explanation", report->explanation);
  add_string (builder, "reason", report->reason);
  add_string (builder, "ip", report->ip);
  add_string (builder, "domain", report->domain);
  add_string (builder, "sender", report->sender);
  add_string (builder, "helo", report->helo);
  json_builder_set_member_name (builder, "lookups");
  json_builder_add_int_value (builder, report->lookups);
  json_builder_set_member_name (builder, "lookup_limit");
  json_builder_add_int_value (builder, KANRI_SPF_MAX_DNS_MECHANISMS);
  json_builder_set_member_name (builder, "void_lookups");
  json_builder_add_int_value (builder, report->void_lookups);
  json_builder_set_member_name (builder, "void_lookup_limit");
  json_builder_add_int_value (builder, KANRI_SPF_MAX_VOID_LOOKUPS);
  json_builder_set_member_name (builder, "trace");
  build_step (builder, report->trace);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}
