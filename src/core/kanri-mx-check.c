/* kanri-mx-check.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-mx-check"

#include "config.h"

#include <string.h>

#include "kanri-connector-rules.h"
#include "kanri-mx-check.h"

/* The seed's scenario check: when a domain's MX points at a gateway or
 * relay instead of Exchange Online, Exchange Online sees the relay's
 * address as the sender's, and SPF, DKIM and DMARC are judged on it,
 * unless an inbound connector has enhanced filtering (Microsoft Learn
 * "Enhanced Filtering for Connectors in Exchange Online"). */

/* The MX hosts of Exchange Online: <domain>.mail.protection.outlook.com
 * (Microsoft Learn "Add DNS records to connect your domain"), its
 * counterparts in GCC High and DoD (mail.protection.office365.us) and in
 * the cloud operated by 21Vianet (mail.protection.partner.outlook.cn), and
 * the DNSSEC-signed <domain>.<id>.mx.microsoft (Microsoft Learn "How SMTP
 * DNS-based Authentication of Named Entities (DANE) works"). */
static const char *const exchange_online_suffixes[] = {
  ".mail.protection.outlook.com",
  ".mail.protection.office365.us",
  ".mail.protection.partner.outlook.cn",
  ".mx.microsoft",
};

/**
 * kanri_mx_is_exchange_online:
 * @host: an MX host, with or without the trailing dot
 *
 * Returns: whether mail sent to @host goes straight to Exchange Online
 */
gboolean
kanri_mx_is_exchange_online (const char *host)
{
  g_autofree char *lower = NULL;
  gsize length;

  g_return_val_if_fail (host != NULL, FALSE);

  lower = g_ascii_strdown (host, -1);
  length = strlen (lower);
  if (length > 0 && lower[length - 1] == '.')
    lower[length - 1] = '\0';

  for (guint i = 0; i < G_N_ELEMENTS (exchange_online_suffixes); i++)
    {
      if (g_str_has_suffix (lower, exchange_online_suffixes[i]) &&
          strlen (lower) > strlen (exchange_online_suffixes[i]))
        return TRUE;
    }

  return FALSE;
}

void
kanri_mx_result_free (KanriMxResult *result)
{
  if (result == NULL)
    return;

  g_free (result->domain);
  g_free (result->exchange);
  g_strfreev (result->addresses);
  g_clear_error (&result->error);
  g_free (result);
}

void
kanri_mx_finding_free (KanriMxFinding *finding)
{
  if (finding == NULL)
    return;

  g_free (finding->exchange);
  g_strfreev (finding->domains);
  g_strfreev (finding->addresses);
  g_free (finding->connector);
  g_free (finding);
}

typedef struct
{
  KanriResolver *resolver;
  GStrv          domains;
  guint          next;
  GPtrArray     *results;
  KanriMxResult *current;
  GStrvBuilder  *addresses;
} Lookup;

static void
lookup_free (gpointer data)
{
  Lookup *lookup = data;

  g_clear_object (&lookup->resolver);
  g_strfreev (lookup->domains);
  g_clear_pointer (&lookup->results, g_ptr_array_unref);
  kanri_mx_result_free (lookup->current);
  g_clear_pointer (&lookup->addresses, g_strv_builder_unref);
  g_free (lookup);
}

static void lookup_next (GTask *task);

static void
finish_current (GTask *task)
{
  Lookup *lookup = g_task_get_task_data (task);

  if (lookup->addresses != NULL)
    lookup->current->addresses = g_strv_builder_end (lookup->addresses);
  else
    lookup->current->addresses = g_new0 (char *, 1);
  g_clear_pointer (&lookup->addresses, g_strv_builder_unref);

  g_ptr_array_add (lookup->results, g_steal_pointer (&lookup->current));
  lookup_next (task);
}

static void
add_addresses (Lookup    *lookup,
               GPtrArray *records)
{
  for (guint i = 0; records != NULL && i < records->len; i++)
    {
      KanriDnsRecord *record = g_ptr_array_index (records, i);

      if (record->type == KANRI_DNS_TYPE_A || record->type == KANRI_DNS_TYPE_AAAA)
        g_strv_builder_add (lookup->addresses, record->text);
    }
}

static void
aaaa_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Lookup *lookup = g_task_get_task_data (task);
  g_autoptr(GPtrArray) records = NULL;

  /* Without addresses the finding still stands; only the connector it
   * belongs on stays unknown. */
  records = kanri_resolver_lookup_finish (KANRI_RESOLVER (object), result, NULL);
  if (g_task_return_error_if_cancelled (task))
    return;

  add_addresses (lookup, records);
  finish_current (task);
}

static void
a_cb (GObject      *object,
      GAsyncResult *result,
      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Lookup *lookup = g_task_get_task_data (task);
  g_autoptr(GPtrArray) records = NULL;

  records = kanri_resolver_lookup_finish (KANRI_RESOLVER (object), result, NULL);
  if (g_task_return_error_if_cancelled (task))
    return;

  add_addresses (lookup, records);
  kanri_resolver_lookup_async (lookup->resolver, lookup->current->exchange, KANRI_DNS_TYPE_AAAA,
                               g_task_get_cancellable (task), aaaa_cb, g_object_ref (task));
}

/* The exchange mail goes to first: the lowest preference (RFC 5321
 * §5.1), the first name in alphabetical order among equals so that the
 * answer does not depend on the order of the records. */
static const char *
preferred_exchange (GPtrArray *records)
{
  KanriDnsRecord *best = NULL;

  for (guint i = 0; i < records->len; i++)
    {
      KanriDnsRecord *record = g_ptr_array_index (records, i);

      if (record->type != KANRI_DNS_TYPE_MX || record->text == NULL || *record->text == '\0')
        continue;
      if (best == NULL || record->preference < best->preference ||
          (record->preference == best->preference && g_ascii_strcasecmp (record->text, best->text) < 0))
        best = record;
    }

  return best ? best->text : NULL;
}

static void
mx_cb (GObject      *object,
       GAsyncResult *result,
       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Lookup *lookup = g_task_get_task_data (task);
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;
  const char *exchange;

  records = kanri_resolver_lookup_finish (KANRI_RESOLVER (object), result, &error);
  if (g_task_return_error_if_cancelled (task))
    return;

  if (records == NULL)
    {
      /* No MX at all is not this check's business (mail then goes to the
       * domain's A record, RFC 5321 §5.1, which Exchange Online never is). */
      if (!kanri_resolver_error_is_void (error))
        lookup->current->error = g_steal_pointer (&error);
      finish_current (task);
      return;
    }

  exchange = preferred_exchange (records);
  if (exchange == NULL)
    {
      finish_current (task);
      return;
    }

  lookup->current->exchange = g_ascii_strdown (exchange, -1);
  lookup->current->exchange_online = kanri_mx_is_exchange_online (exchange);
  if (lookup->current->exchange_online)
    {
      finish_current (task);
      return;
    }

  lookup->addresses = g_strv_builder_new ();
  kanri_resolver_lookup_async (lookup->resolver, lookup->current->exchange, KANRI_DNS_TYPE_A,
                               g_task_get_cancellable (task), a_cb, g_object_ref (task));
}

static void
lookup_next (GTask *task)
{
  Lookup *lookup = g_task_get_task_data (task);

  if (lookup->domains[lookup->next] == NULL)
    {
      g_task_return_pointer (task, g_steal_pointer (&lookup->results),
                             (GDestroyNotify)g_ptr_array_unref);
      return;
    }

  lookup->current = g_new0 (KanriMxResult, 1);
  lookup->current->domain = g_strdup (lookup->domains[lookup->next++]);
  kanri_resolver_lookup_async (lookup->resolver, lookup->current->domain, KANRI_DNS_TYPE_MX,
                               g_task_get_cancellable (task), mx_cb, g_object_ref (task));
}

/**
 * kanri_mx_lookup_async:
 * @domains: the accepted domains
 *
 * Looks up the MX of each domain, one after the other, and the addresses
 * of every MX host that is not Exchange Online's.
 */
void
kanri_mx_lookup_async (KanriResolver       *resolver,
                       const char *const   *domains,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Lookup *lookup;

  g_return_if_fail (KANRI_IS_RESOLVER (resolver));
  g_return_if_fail (domains != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, kanri_mx_lookup_async);

  lookup = g_new0 (Lookup, 1);
  lookup->resolver = g_object_ref (resolver);
  lookup->domains = g_strdupv ((char **)domains);
  lookup->results = g_ptr_array_new_with_free_func ((GDestroyNotify)kanri_mx_result_free);
  g_task_set_task_data (task, lookup, lookup_free);

  lookup_next (task);
}

/**
 * kanri_mx_lookup_finish:
 *
 * Returns: (transfer full) (element-type KanriMxResult): one result per
 *   domain, in the order given; %NULL only when cancelled
 */
GPtrArray *
kanri_mx_lookup_finish (GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static KanriMxResult *
find_result (GPtrArray  *results,
             const char *domain)
{
  for (guint i = 0; results != NULL && i < results->len; i++)
    {
      KanriMxResult *result = g_ptr_array_index (results, i);

      if (g_ascii_strcasecmp (result->domain, domain) == 0)
        return result;
    }

  return NULL;
}

/**
 * kanri_mx_results_keep_known:
 * @results: (element-type KanriMxResult): what kanri_mx_lookup_finish()
 *   returned now
 * @previous: (element-type KanriMxResult) (nullable): what it returned
 *   the time before
 *
 * A lookup that failed (DNS could not be reached) says nothing about the
 * domain's MX: neither that it has none nor that it changed. Each failed
 * result of @results takes the MX host and addresses @previous knew for
 * its domain, keeping its error, so that kanri_mx_evaluate() neither
 * raises nor drops a finding on what it could not see.
 */
void
kanri_mx_results_keep_known (GPtrArray *results,
                             GPtrArray *previous)
{
  g_return_if_fail (results != NULL);

  for (guint i = 0; i < results->len; i++)
    {
      KanriMxResult *result = g_ptr_array_index (results, i);
      KanriMxResult *known;

      if (result->error == NULL || (known = find_result (previous, result->domain)) == NULL ||
          known->exchange == NULL)
        continue;

      g_free (result->exchange);
      result->exchange = g_strdup (known->exchange);
      result->exchange_online = known->exchange_online;
      g_strfreev (result->addresses);
      result->addresses = g_strdupv (known->addresses);
    }
}

static const char *
matching_connector (const KanriMxConnector *connectors,
                    gsize                   n_connectors,
                    const char *const      *addresses)
{
  for (gsize i = 0; i < n_connectors; i++)
    {
      if (!connectors[i].enabled || connectors[i].sender_ip_addresses == NULL)
        continue;

      for (guint j = 0; addresses[j] != NULL; j++)
        {
          if (kanri_connector_entries_cover (connectors[i].sender_ip_addresses, addresses[j]))
            return connectors[i].name;
        }
    }

  return NULL;
}

/**
 * kanri_mx_evaluate:
 * @results: (element-type KanriMxResult): what kanri_mx_lookup_finish()
 *   returned
 * @connectors: the tenant's inbound connectors
 *
 * The scenario check: every MX host other than Exchange Online's, with
 * the domains it receives for, when no enabled inbound connector has
 * enhanced filtering.
 *
 * Returns: (transfer full) (element-type KanriMxFinding): the findings,
 *   one per MX host; empty when there is nothing to say
 */
GPtrArray *
kanri_mx_evaluate (GPtrArray              *results,
                   const KanriMxConnector *connectors,
                   gsize                   n_connectors)
{
  g_autoptr(GPtrArray) findings = g_ptr_array_new_with_free_func ((GDestroyNotify)kanri_mx_finding_free);
  g_autoptr(GPtrArray) domains = g_ptr_array_new_with_free_func ((GDestroyNotify)g_ptr_array_unref);

  g_return_val_if_fail (results != NULL, NULL);
  g_return_val_if_fail (connectors != NULL || n_connectors == 0, NULL);

  for (gsize i = 0; i < n_connectors; i++)
    {
      if (connectors[i].enabled && connectors[i].enhanced_filtering)
        return g_steal_pointer (&findings);
    }

  for (guint i = 0; i < results->len; i++)
    {
      KanriMxResult *result = g_ptr_array_index (results, i);
      guint index = G_MAXUINT;

      if (result->exchange == NULL || result->exchange_online)
        continue;

      for (guint j = 0; j < findings->len && index == G_MAXUINT; j++)
        {
          if (g_str_equal (((KanriMxFinding *)findings->pdata[j])->exchange, result->exchange))
            index = j;
        }

      if (index == G_MAXUINT)
        {
          KanriMxFinding *finding = g_new0 (KanriMxFinding, 1);

          finding->exchange = g_strdup (result->exchange);
          finding->addresses = g_strdupv (result->addresses);
          finding->connector = g_strdup (matching_connector (connectors, n_connectors,
                                                             (const char *const *)result->addresses));
          g_ptr_array_add (findings, finding);
          g_ptr_array_add (domains, g_ptr_array_new_null_terminated (1, NULL, TRUE));
          index = findings->len - 1;
        }

      g_ptr_array_add (domains->pdata[index], result->domain);
    }

  for (guint i = 0; i < findings->len; i++)
    ((KanriMxFinding *)findings->pdata[i])->domains =
      g_strdupv ((char **)((GPtrArray *)domains->pdata[i])->pdata);

  return g_steal_pointer (&findings);
}
