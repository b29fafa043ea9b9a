/* kanri-resolver.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-resolver"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "kanri-resolver.h"

/* RFC 1035 §2.3.4: labels of at most 63 octets, names of at most 255
 * octets on the wire, which is 253 characters in text without the root. */
#define MAX_LABEL 63
#define MAX_NAME  253

G_DEFINE_QUARK (kanri-resolver-error-quark, kanri_resolver_error)
G_DEFINE_INTERFACE (KanriResolver, kanri_resolver, G_TYPE_OBJECT)
G_DEFINE_BOXED_TYPE (KanriDnsRecord, kanri_dns_record, kanri_dns_record_ref, kanri_dns_record_unref)

/* The record comes first, so a record pointer is its box's pointer. */
typedef struct
{
  KanriDnsRecord  record;
  gatomicrefcount ref_count;
} RecordBox;

/**
 * kanri_dns_record_new:
 * @type: the record type
 * @text: (nullable): the record's text (see #KanriDnsRecord)
 *
 * Returns: (transfer full): a record with @address zeroed
 */
KanriDnsRecord *
kanri_dns_record_new (KanriDnsType  type,
                      const char   *text)
{
  return kanri_dns_record_new_len (type, text, text != NULL ? strlen (text) : 0);
}

/**
 * kanri_dns_record_new_len:
 * @type: the record type
 * @text: (nullable): the record's text, @length bytes that may hold NUL
 *   octets
 * @length: the length of @text
 *
 * Returns: (transfer full): a record with @address zeroed
 */
KanriDnsRecord *
kanri_dns_record_new_len (KanriDnsType  type,
                          const char   *text,
                          gsize         length)
{
  RecordBox *box = g_new0 (RecordBox, 1);

  g_atomic_ref_count_init (&box->ref_count);
  box->record.type = type;
  if (text != NULL)
    {
      box->record.text = g_malloc (length + 1);
      memcpy (box->record.text, text, length);
      box->record.text[length] = '\0';
      box->record.length = length;
    }
  return &box->record;
}

KanriDnsRecord *
kanri_dns_record_ref (KanriDnsRecord *record)
{
  g_return_val_if_fail (record != NULL, NULL);

  g_atomic_ref_count_inc (&((RecordBox *) record)->ref_count);
  return record;
}

void
kanri_dns_record_unref (KanriDnsRecord *record)
{
  if (record == NULL || !g_atomic_ref_count_dec (&((RecordBox *) record)->ref_count))
    return;

  g_free (record->text);
  g_free (record);
}

typedef struct
{
  char         *name;
  KanriDnsType  type;
} LookupData;

static void
lookup_data_free (gpointer data)
{
  LookupData *lookup = data;

  g_free (lookup->name);
  g_free (lookup);
}

static void
lookup_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  LookupData *lookup = task_data;
  GError *error = NULL;
  GPtrArray *records;

  records = KANRI_RESOLVER_GET_IFACE (source_object)->lookup (source_object, lookup->name,
                                                              lookup->type, cancellable,
                                                              &error);
  if (records == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, records, (GDestroyNotify) g_ptr_array_unref);
}

static void
kanri_resolver_real_lookup_async (KanriResolver       *self,
                                  const char          *name,
                                  KanriDnsType         type,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  LookupData *lookup = g_new0 (LookupData, 1);

  g_task_set_source_tag (task, kanri_resolver_real_lookup_async);
  lookup->name = g_strdup (name);
  lookup->type = type;
  g_task_set_task_data (task, lookup, lookup_data_free);
  if (kanri_resolver_lookups_block (self))
    g_task_run_in_thread (task, lookup_thread);
  else
    lookup_thread (task, self, lookup, cancellable);
}

static GPtrArray *
kanri_resolver_real_lookup_finish (KanriResolver  *self,
                                   GAsyncResult   *result,
                                   GError        **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
kanri_resolver_default_init (KanriResolverInterface *iface)
{
  iface->lookup_async = kanri_resolver_real_lookup_async;
  iface->lookup_finish = kanri_resolver_real_lookup_finish;
}

static gboolean
check_name (const char  *name,
            GError     **error)
{
  if (!kanri_dns_name_is_valid (name))
    {
      g_set_error (error, KANRI_RESOLVER_ERROR, KANRI_RESOLVER_ERROR_INVALID_NAME,
                   _("“%s” is not a valid DNS name (labels of 1 to 63 characters, "
                     "253 characters in all)"), name);
      return FALSE;
    }

  return TRUE;
}

/**
 * kanri_resolver_lookup:
 * @self: a #KanriResolver
 * @name: the name to query; a trailing dot is allowed
 * @type: the record type
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #KANRI_RESOLVER_ERROR or %G_IO_ERROR_CANCELLED
 *
 * Queries @name, blocking. Call it from a worker thread only.
 *
 * Returns: (transfer container) (element-type KanriDnsRecord) (nullable): the
 *   records, at least one, or %NULL with @error set
 */
GPtrArray *
kanri_resolver_lookup (KanriResolver  *self,
                       const char     *name,
                       KanriDnsType    type,
                       GCancellable   *cancellable,
                       GError        **error)
{
  g_autofree char *normalized = NULL;

  g_return_val_if_fail (KANRI_IS_RESOLVER (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_name (name, error))
    return NULL;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  /* Most names have no trailing dot: copy only those that do. */
  if (g_str_has_suffix (name, "."))
    name = normalized = kanri_dns_name_normalize (name);
  return KANRI_RESOLVER_GET_IFACE (self)->lookup (self, name, type, cancellable, error);
}

/**
 * kanri_resolver_lookup_async:
 * @self: a #KanriResolver
 * @name: the name to query; a trailing dot is allowed
 * @type: the record type
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the answer is there
 * @user_data: data for @callback
 *
 * Queries @name without blocking.
 */
void
kanri_resolver_lookup_async (KanriResolver       *self,
                             const char          *name,
                             KanriDnsType         type,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autofree char *normalized = NULL;
  GError *error = NULL;

  g_return_if_fail (KANRI_IS_RESOLVER (self));
  g_return_if_fail (name != NULL);

  if (!check_name (name, &error))
    {
      g_task_report_error (self, callback, user_data, kanri_resolver_lookup_async, error);
      return;
    }

  normalized = kanri_dns_name_normalize (name);
  KANRI_RESOLVER_GET_IFACE (self)->lookup_async (self, normalized, type, cancellable,
                                                 callback, user_data);
}

/**
 * kanri_resolver_lookup_finish:
 * @self: a #KanriResolver
 * @result: the #GAsyncResult given to the callback
 * @error: return location for an error
 *
 * Returns: (transfer container) (element-type KanriDnsRecord) (nullable): the
 *   records, at least one, or %NULL with @error set
 */
GPtrArray *
kanri_resolver_lookup_finish (KanriResolver  *self,
                              GAsyncResult   *result,
                              GError        **error)
{
  g_return_val_if_fail (KANRI_IS_RESOLVER (self), NULL);

  if (g_async_result_is_tagged (result, kanri_resolver_lookup_async))
    return g_task_propagate_pointer (G_TASK (result), error);

  return KANRI_RESOLVER_GET_IFACE (self)->lookup_finish (self, result, error);
}

/**
 * kanri_resolver_lookups_block:
 * @self: a #KanriResolver
 *
 * Returns: whether a lookup may wait (on the network); when it cannot,
 *   asynchronous callers may run lookups at once instead of in a thread
 */
gboolean
kanri_resolver_lookups_block (KanriResolver *self)
{
  KanriResolverInterface *iface;

  g_return_val_if_fail (KANRI_IS_RESOLVER (self), TRUE);

  iface = KANRI_RESOLVER_GET_IFACE (self);
  return iface->lookups_block == NULL || iface->lookups_block (self);
}

const char *
kanri_dns_type_to_string (KanriDnsType type)
{
  switch (type)
    {
    case KANRI_DNS_TYPE_A:
      return "A";
    case KANRI_DNS_TYPE_CNAME:
      return "CNAME";
    case KANRI_DNS_TYPE_PTR:
      return "PTR";
    case KANRI_DNS_TYPE_MX:
      return "MX";
    case KANRI_DNS_TYPE_TXT:
      return "TXT";
    case KANRI_DNS_TYPE_AAAA:
      return "AAAA";
    case KANRI_DNS_TYPE_SPF:
      return "SPF";
    default:
      return "?";
    }
}

/**
 * kanri_dns_name_is_valid:
 * @name: a domain name in text form, optionally with one trailing dot
 *
 * Whether a DNS query can be composed for @name: non-empty labels of at most
 * 63 characters, 253 characters in all. Any character is allowed in a label,
 * as DNS allows (RFC 2181 §11).
 */
gboolean
kanri_dns_name_is_valid (const char *name)
{
  gsize len;
  gsize label = 0;

  g_return_val_if_fail (name != NULL, FALSE);

  len = strlen (name);
  if (len > 0 && name[len - 1] == '.')
    len--;
  if (len == 0 || len > MAX_NAME)
    return FALSE;

  for (gsize i = 0; i < len; i++)
    {
      if (name[i] != '.')
        {
          if (++label > MAX_LABEL)
            return FALSE;
          continue;
        }
      if (label == 0)
        return FALSE;
      label = 0;
    }

  return label > 0;
}

/**
 * kanri_dns_name_normalize:
 * @name: a domain name
 *
 * Returns: (transfer full): @name without its trailing dot
 */
char *
kanri_dns_name_normalize (const char *name)
{
  gsize len;

  g_return_val_if_fail (name != NULL, NULL);

  len = strlen (name);
  if (len > 0 && name[len - 1] == '.')
    len--;
  return g_strndup (name, len);
}

/**
 * kanri_dns_reverse_name:
 * @address: the bytes of an address: 4, or 16 when @ipv6
 * @ipv6: whether @address is IPv6
 *
 * Returns: (transfer full): the name to query PTR records of @address:
 *   `d.c.b.a.in-addr.arpa` or 32 nibbles and `ip6.arpa` (RFC 1035 §3.5,
 *   RFC 3596 §2.5)
 */
char *
kanri_dns_reverse_name (const guint8 *address,
                        gboolean      ipv6)
{
  static const char hex[] = "0123456789abcdef";
  char name[73];
  char *p = name;

  g_return_val_if_fail (address != NULL, NULL);

  if (!ipv6)
    return g_strdup_printf ("%u.%u.%u.%u.in-addr.arpa",
                            address[3], address[2], address[1], address[0]);

  for (int i = 15; i >= 0; i--)
    {
      *p++ = hex[address[i] & 0xf];
      *p++ = '.';
      *p++ = hex[address[i] >> 4];
      *p++ = '.';
    }
  strcpy (p, "ip6.arpa");
  return g_strdup (name);
}

/**
 * kanri_resolver_error_is_void:
 * @error: an error from a lookup
 *
 * Whether @error means the name does not exist or has no record of the type
 * asked: a "void lookup" (RFC 7208 §4.6.4).
 */
gboolean
kanri_resolver_error_is_void (const GError *error)
{
  return g_error_matches (error, KANRI_RESOLVER_ERROR, KANRI_RESOLVER_ERROR_NXDOMAIN) ||
         g_error_matches (error, KANRI_RESOLVER_ERROR, KANRI_RESOLVER_ERROR_NO_RECORDS);
}
