/* kanri-eop-lookup.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-eop-lookup"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "kanri-eop-lookup.h"
#include "kanri-spf-record.h"

/* The live list of Exchange Online Protection's outbound ranges: the ip4 and
 * ip6 mechanisms of spf.protection.outlook.com and of the records it
 * includes (it has included others in the past, and may again). The ranges
 * change over time (PRODUCT.md: 52.100.0.0/14 became three blocks), which
 * is why the bundled snapshot is only the fallback. */

G_DEFINE_QUARK (kanri-eop-lookup-error-quark, kanri_eop_lookup_error)

static gboolean
fetch_record (KanriResolver   *resolver,
              const char      *name,
              GCancellable    *cancellable,
              KanriSpfRecord **out,
              GError         **error)
{
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) local_error = NULL;
  const KanriDnsRecord *spf = NULL;
  guint n_spf = 0;

  records = kanri_resolver_lookup (resolver, name, KANRI_DNS_TYPE_TXT, cancellable, &local_error);
  if (records == NULL)
    {
      /* NXDOMAIN keeps the resolver's own words, which say so. */
      if (g_error_matches (local_error, KANRI_RESOLVER_ERROR, KANRI_RESOLVER_ERROR_NO_RECORDS))
        {
          g_set_error (error, KANRI_EOP_LOOKUP_ERROR, KANRI_EOP_LOOKUP_ERROR_NO_RECORD,
                       _("%s has no SPF record"), name);
          return FALSE;
        }
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  for (guint i = 0; i < records->len; i++)
    {
      const KanriDnsRecord *record = g_ptr_array_index (records, i);

      if (kanri_spf_record_is_spf (record->text, record->length))
        {
          spf = record;
          n_spf++;
        }
    }

  if (n_spf != 1)
    {
      if (n_spf == 0)
        g_set_error (error, KANRI_EOP_LOOKUP_ERROR, KANRI_EOP_LOOKUP_ERROR_NO_RECORD,
                     _("%s has no SPF record"), name);
      else
        g_set_error (error, KANRI_EOP_LOOKUP_ERROR, KANRI_EOP_LOOKUP_ERROR_INVALID_RECORD,
                     _("%s has %u SPF records; there must be only one"), name, n_spf);
      return FALSE;
    }

  *out = kanri_spf_record_parse (spf->text, spf->length, &local_error);
  if (*out == NULL)
    {
      g_set_error (error, KANRI_EOP_LOOKUP_ERROR, KANRI_EOP_LOOKUP_ERROR_INVALID_RECORD,
                   _("The SPF record of %s is invalid: %s"), name, local_error->message);
      return FALSE;
    }

  return TRUE;
}

static void
add_range (GArray             *ranges,
           const KanriSpfTerm *term)
{
  KanriIpRange range;
  KanriIp network = { 0 };
  guint prefix;

  if (term->kind == KANRI_SPF_TERM_IP4)
    {
      network.family = KANRI_IP_FAMILY_V4;
      memcpy (network.bytes, term->network, 4);
      prefix = term->cidr4;
    }
  else
    {
      network.family = KANRI_IP_FAMILY_V6;
      memcpy (network.bytes, term->network, 16);
      prefix = term->cidr6;
    }

  /* A record may set host bits ("ip4:192.0.2.1/24"); SPF matches the whole
   * block (RFC 7208 §5.6), and so does the range. */
  kanri_ip_range_init_prefix (&range, &network, prefix);
  g_array_append_val (ranges, range);
}

/**
 * kanri_eop_lookup:
 * @resolver: where to ask
 * @name: (nullable): the SPF record to read, %NULL for
 *   %KANRI_EOP_SPF_NAME
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an error
 *
 * Reads the SPF record of @name and, in order, every record it includes or
 * redirects to (at most %KANRI_EOP_LOOKUP_MAX_RECORDS), and collects their
 * ip4 and ip6 ranges. Any failure fails the whole lookup: a partial list
 * would classify missing ranges as "not Exchange Online".
 *
 * Returns: (transfer full) (element-type KanriIpRange) (nullable): the
 *   ranges, never empty
 */
GArray *
kanri_eop_lookup (KanriResolver  *resolver,
                  const char     *name,
                  GCancellable   *cancellable,
                  GError        **error)
{
  g_autoptr(GArray) ranges = g_array_new (FALSE, FALSE, sizeof (KanriIpRange));
  g_autoptr(GPtrArray) queue = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  g_return_val_if_fail (KANRI_IS_RESOLVER (resolver), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  g_ptr_array_add (queue, kanri_dns_name_normalize (name != NULL ? name : KANRI_EOP_SPF_NAME));
  g_hash_table_add (seen, g_ptr_array_index (queue, 0));

  for (guint next = 0; next < queue->len; next++)
    {
      const char *domain = g_ptr_array_index (queue, next);
      g_autoptr(KanriSpfRecord) record = NULL;

      if (next >= KANRI_EOP_LOOKUP_MAX_RECORDS)
        {
          g_set_error (error, KANRI_EOP_LOOKUP_ERROR, KANRI_EOP_LOOKUP_ERROR_TOO_MANY_RECORDS,
                       _("%s leads to more than %u SPF records"),
                       (const char *)g_ptr_array_index (queue, 0), KANRI_EOP_LOOKUP_MAX_RECORDS);
          return NULL;
        }

      if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
          !fetch_record (resolver, domain, cancellable, &record, error))
        return NULL;

      for (guint i = 0; i < record->terms->len; i++)
        {
          const KanriSpfTerm *term = g_ptr_array_index (record->terms, i);

          if (term->kind == KANRI_SPF_TERM_IP4 || term->kind == KANRI_SPF_TERM_IP6)
            add_range (ranges, term);
          else if ((term->kind == KANRI_SPF_TERM_INCLUDE || term->kind == KANRI_SPF_TERM_REDIRECT) &&
                   term->domain_spec != NULL && strchr (term->domain_spec, '%') == NULL)
            {
              /* Macros depend on the message being checked: such a target
               * names no fixed list of ranges, so it is left out. */
              g_autofree char *target = kanri_dns_name_normalize (term->domain_spec);

              if (!g_hash_table_contains (seen, target))
                {
                  g_hash_table_add (seen, target);
                  g_ptr_array_add (queue, g_steal_pointer (&target));
                }
            }
        }
      if (record->redirect != NULL && record->redirect->domain_spec != NULL &&
          strchr (record->redirect->domain_spec, '%') == NULL)
        {
          g_autofree char *target = kanri_dns_name_normalize (record->redirect->domain_spec);

          if (!g_hash_table_contains (seen, target))
            {
              g_hash_table_add (seen, target);
              g_ptr_array_add (queue, g_steal_pointer (&target));
            }
        }
    }

  if (ranges->len == 0)
    {
      g_set_error (error, KANRI_EOP_LOOKUP_ERROR, KANRI_EOP_LOOKUP_ERROR_NO_RANGES,
                   _("The SPF record of %s lists no IP ranges"),
                   (const char *)g_ptr_array_index (queue, 0));
      return NULL;
    }

  return g_steal_pointer (&ranges);
}

static void
lookup_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  KanriResolver *resolver = g_object_get_data (G_OBJECT (task), "resolver");
  GError *error = NULL;
  GArray *ranges = kanri_eop_lookup (resolver, task_data, cancellable, &error);

  if (ranges == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, ranges, (GDestroyNotify)g_array_unref);
}

/**
 * kanri_eop_lookup_async:
 *
 * kanri_eop_lookup() in a worker thread.
 */
void
kanri_eop_lookup_async (KanriResolver       *resolver,
                        const char          *name,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (KANRI_IS_RESOLVER (resolver));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, kanri_eop_lookup_async);
  g_task_set_task_data (task, g_strdup (name), g_free);
  g_object_set_data_full (G_OBJECT (task), "resolver", g_object_ref (resolver), g_object_unref);
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, lookup_thread);
}

/**
 * kanri_eop_lookup_finish:
 *
 * Returns: (transfer full) (element-type KanriIpRange) (nullable): the
 *   ranges, or %NULL with @error set
 */
GArray *
kanri_eop_lookup_finish (GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
