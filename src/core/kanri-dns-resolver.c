/* kanri-dns-resolver.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-dns-resolver"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "kanri-dns-resolver.h"

/* The one file of core that does I/O: real DNS through GIO's GResolver.
 * Everything else reaches it only through the KanriResolver interface, and
 * core tests never use it (they use KanriZoneResolver), so core stays
 * testable offline. */

struct _KanriDnsResolver
{
  GObject    parent_instance;

  GResolver *resolver;
};

static void resolver_iface_init (KanriResolverInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (KanriDnsResolver, kanri_dns_resolver, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (KANRI_TYPE_RESOLVER, resolver_iface_init))

static void
kanri_dns_resolver_finalize (GObject *object)
{
  KanriDnsResolver *self = (KanriDnsResolver *)object;

  g_clear_object (&self->resolver);

  G_OBJECT_CLASS (kanri_dns_resolver_parent_class)->finalize (object);
}

static void
kanri_dns_resolver_class_init (KanriDnsResolverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kanri_dns_resolver_finalize;
}

static void
kanri_dns_resolver_init (KanriDnsResolver *self)
{
  self->resolver = g_resolver_get_default ();
}

/**
 * kanri_dns_resolver_new:
 *
 * Returns: (transfer full): a resolver asking the system's DNS
 */
KanriDnsResolver *
kanri_dns_resolver_new (void)
{
  return g_object_new (KANRI_TYPE_DNS_RESOLVER, NULL);
}

/* A blocking query is an asynchronous GResolver query run on a private main
 * context, so that it can be given a time limit (GResolver has none before
 * GLib 2.78) and be cancelled at once. */
typedef struct
{
  GAsyncResult *result;
  gboolean      timed_out;
  GCancellable *inner;
} Waiter;

static void
on_done (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Waiter *waiter = user_data;

  waiter->result = g_object_ref (result);
}

static gboolean
on_timeout (gpointer user_data)
{
  Waiter *waiter = user_data;

  waiter->timed_out = TRUE;
  g_cancellable_cancel (waiter->inner);
  return G_SOURCE_REMOVE;
}

static void
on_outer_cancelled (GCancellable *outer,
                    gpointer      user_data)
{
  g_cancellable_cancel (G_CANCELLABLE (user_data));
}

static GList *
finish_query (GResolver     *resolver,
              KanriDnsType   type,
              GAsyncResult  *result,
              GError       **error)
{
  switch (type)
    {
    case KANRI_DNS_TYPE_A:
    case KANRI_DNS_TYPE_AAAA:
      return g_resolver_lookup_by_name_with_flags_finish (resolver, result, error);

    case KANRI_DNS_TYPE_PTR:
      {
        char *host = g_resolver_lookup_by_address_finish (resolver, result, error);

        return host != NULL ? g_list_prepend (NULL, host) : NULL;
      }

    case KANRI_DNS_TYPE_MX:
    case KANRI_DNS_TYPE_TXT:
    case KANRI_DNS_TYPE_CNAME:
    case KANRI_DNS_TYPE_SPF:
    default:
      return g_resolver_lookup_records_finish (resolver, result, error);
    }
}

static GInetAddress *
address_from_reverse_name (const char *name)
{
  g_autofree char *lower = g_ascii_strdown (name, -1);
  g_auto(GStrv) labels = g_strsplit (lower, ".", -1);
  guint n = g_strv_length (labels);
  guint8 bytes[16];

  if (n == 6 && g_str_has_suffix (lower, ".in-addr.arpa"))
    {
      for (guint i = 0; i < 4; i++)
        {
          guint64 octet;

          if (!g_ascii_string_to_unsigned (labels[3 - i], 10, 0, 255, &octet, NULL))
            return NULL;
          bytes[i] = octet;
        }
      return g_inet_address_new_from_bytes (bytes, G_SOCKET_FAMILY_IPV4);
    }

  if (n == 34 && g_str_has_suffix (lower, ".ip6.arpa"))
    {
      for (guint i = 0; i < 32; i++)
        {
          int nibble = g_ascii_xdigit_value (labels[31 - i][0]);

          if (nibble < 0 || labels[31 - i][1] != '\0')
            return NULL;
          if (i % 2 == 0)
            bytes[i / 2] = nibble << 4;
          else
            bytes[i / 2] |= nibble;
        }
      return g_inet_address_new_from_bytes (bytes, G_SOCKET_FAMILY_IPV6);
    }

  return NULL;
}

static gboolean
start_query (GResolver      *resolver,
             const char     *name,
             KanriDnsType    type,
             GCancellable   *cancellable,
             Waiter         *waiter,
             GError        **error)
{
  switch (type)
    {
    case KANRI_DNS_TYPE_A:
    case KANRI_DNS_TYPE_AAAA:
      g_resolver_lookup_by_name_with_flags_async (resolver, name,
                                                  type == KANRI_DNS_TYPE_A
                                                  ? G_RESOLVER_NAME_LOOKUP_FLAGS_IPV4_ONLY
                                                  : G_RESOLVER_NAME_LOOKUP_FLAGS_IPV6_ONLY,
                                                  cancellable, on_done, waiter);
      return TRUE;

    case KANRI_DNS_TYPE_PTR:
      {
        g_autoptr(GInetAddress) address = address_from_reverse_name (name);

        if (address == NULL)
          {
            g_set_error (error, KANRI_RESOLVER_ERROR, KANRI_RESOLVER_ERROR_INVALID_NAME,
                         _("%s is not an in-addr.arpa or ip6.arpa name"), name);
            return FALSE;
          }
        /* The system resolver gives one name per address, the first PTR. */
        g_resolver_lookup_by_address_async (resolver, address, cancellable, on_done, waiter);
        return TRUE;
      }

    case KANRI_DNS_TYPE_MX:
    case KANRI_DNS_TYPE_TXT:
      g_resolver_lookup_records_async (resolver, name,
                                       type == KANRI_DNS_TYPE_MX
                                       ? G_RESOLVER_RECORD_MX : G_RESOLVER_RECORD_TXT,
                                       cancellable, on_done, waiter);
      return TRUE;

    case KANRI_DNS_TYPE_CNAME:
    case KANRI_DNS_TYPE_SPF:
    default:
      /* GResolver cannot ask for them; RFC 7208 §3.1 retired type SPF. */
      g_set_error (error, KANRI_RESOLVER_ERROR, KANRI_RESOLVER_ERROR_FAILED,
                   _("The system resolver cannot query %s records"),
                   kanri_dns_type_to_string (type));
      return FALSE;
    }
}

static KanriDnsRecord *
record_from_answer (KanriDnsType  type,
                    gpointer      answer)
{
  KanriDnsRecord *record = kanri_dns_record_new (type, NULL);

  switch (type)
    {
    case KANRI_DNS_TYPE_A:
    case KANRI_DNS_TYPE_AAAA:
      record->text = g_inet_address_to_string (answer);
      memcpy (record->address, g_inet_address_to_bytes (answer),
              g_inet_address_get_native_size (answer));
      break;

    case KANRI_DNS_TYPE_PTR:
      record->text = kanri_dns_name_normalize (answer);
      break;

    case KANRI_DNS_TYPE_MX:
      {
        const char *exchange;

        g_variant_get (answer, "(q&s)", &record->preference, &exchange);
        record->text = kanri_dns_name_normalize (exchange);
      }
      break;

    case KANRI_DNS_TYPE_TXT:
    default:
      {
        g_autofree const char **strings = NULL;

        /* RFC 7208 §3.3: the strings of one record are joined as is.
         * GResolver gives them nul-terminated, so a NUL octet in one has
         * already cut it short here. */
        g_variant_get (answer, "(^a&s)", &strings);
        record->text = g_strjoinv ("", (char **) strings);
      }
      break;
    }

  record->length = strlen (record->text);
  return record;
}

static void
free_answer (KanriDnsType type,
             GList        *answers)
{
  if (type == KANRI_DNS_TYPE_A || type == KANRI_DNS_TYPE_AAAA)
    g_resolver_free_addresses (answers);
  else if (type == KANRI_DNS_TYPE_PTR)
    g_list_free_full (answers, g_free);
  else
    g_list_free_full (answers, (GDestroyNotify) g_variant_unref);
}

static void
translate_error (const char    *name,
                 KanriDnsType   type,
                 gboolean       timed_out,
                 GError        *error,
                 GError       **out)
{
  const char *type_name = kanri_dns_type_to_string (type);

  if (timed_out)
    g_set_error (out, KANRI_RESOLVER_ERROR, KANRI_RESOLVER_ERROR_TIMEOUT,
                 _("The %s query for %s timed out after %d seconds"),
                 type_name, name, KANRI_DNS_RESOLVER_TIMEOUT_SECONDS);
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_propagate_error (out, g_error_copy (error));
  else if (g_error_matches (error, G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND))
    /* The system resolver reports "no such name" and "no such record" alike. */
    g_set_error (out, KANRI_RESOLVER_ERROR, KANRI_RESOLVER_ERROR_NO_RECORDS,
                 _("%s has no %s record, or does not exist"), name, type_name);
  else if (g_error_matches (error, G_RESOLVER_ERROR, G_RESOLVER_ERROR_TEMPORARY_FAILURE))
    g_set_error (out, KANRI_RESOLVER_ERROR, KANRI_RESOLVER_ERROR_TIMEOUT,
                 _("The %s query for %s failed for now (is the network up?): %s"),
                 type_name, name, error->message);
  else
    g_set_error (out, KANRI_RESOLVER_ERROR, KANRI_RESOLVER_ERROR_FAILED,
                 _("The %s query for %s failed: %s"), type_name, name, error->message);
}

static GPtrArray *
kanri_dns_resolver_lookup (KanriResolver  *resolver,
                           const char     *name,
                           KanriDnsType    type,
                           GCancellable   *cancellable,
                           GError        **error)
{
  KanriDnsResolver *self = KANRI_DNS_RESOLVER (resolver);
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GCancellable) inner = g_cancellable_new ();
  g_autoptr(GSource) timeout = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GPtrArray) records = NULL;
  Waiter waiter = { NULL, FALSE, inner };
  gulong handler = 0;
  GList *answers;

  g_main_context_push_thread_default (context);

  if (cancellable != NULL)
    handler = g_cancellable_connect (cancellable, G_CALLBACK (on_outer_cancelled),
                                     g_object_ref (inner), g_object_unref);

  timeout = g_timeout_source_new_seconds (KANRI_DNS_RESOLVER_TIMEOUT_SECONDS);
  g_source_set_callback (timeout, on_timeout, &waiter, NULL);
  g_source_attach (timeout, context);

  if (start_query (self->resolver, name, type, inner, &waiter, error))
    {
      while (waiter.result == NULL)
        g_main_context_iteration (context, TRUE);
    }

  g_source_destroy (timeout);
  g_cancellable_disconnect (cancellable, handler);
  g_main_context_pop_thread_default (context);

  if (waiter.result == NULL)
    return NULL;

  answers = finish_query (self->resolver, type, waiter.result, &local_error);
  g_clear_object (&waiter.result);
  if (answers == NULL)
    {
      translate_error (name, type, waiter.timed_out, local_error, error);
      return NULL;
    }

  records = g_ptr_array_new_with_free_func ((GDestroyNotify) kanri_dns_record_unref);
  for (GList *l = answers; l != NULL; l = l->next)
    g_ptr_array_add (records, record_from_answer (type, l->data));
  free_answer (type, answers);

  return g_steal_pointer (&records);
}

static void
resolver_iface_init (KanriResolverInterface *iface)
{
  iface->lookup = kanri_dns_resolver_lookup;
}
