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
 * core tests give it a GResolver of their own (g_resolver_set_default()),
 * so core stays testable offline. */

/* How long an answer for the root zone vouches for the "no such record"
 * answers that follow it. */
#define ROOT_TRUST_USEC (60 * G_USEC_PER_SEC)

struct _KanriDnsResolver
{
  GObject    parent_instance;

  GResolver *resolver;

  /* When the root zone last answered (monotonic), 0 if never; lookups run
   * in several threads at once. */
  GMutex     root_mutex;
  gint64     root_answered;
};

static void resolver_iface_init (KanriResolverInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (KanriDnsResolver, kanri_dns_resolver, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (KANRI_TYPE_RESOLVER, resolver_iface_init))

static void
kanri_dns_resolver_finalize (GObject *object)
{
  KanriDnsResolver *self = (KanriDnsResolver *)object;

  g_clear_object (&self->resolver);
  g_mutex_clear (&self->root_mutex);

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
  g_mutex_init (&self->root_mutex);
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
  GMainContext *context;
  GCancellable *inner;
  GCancellable *outer;
  gulong        handler;
  GSource      *timeout;
  GAsyncResult *result;
  gboolean      timed_out;
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

/* Sets up a private main context for one query, which the caller then
 * starts with @waiter->inner as its cancellable and on_done() with @waiter
 * as its callback. */
static void
waiter_begin (Waiter       *waiter,
              GCancellable *outer)
{
  waiter->context = g_main_context_new ();
  waiter->inner = g_cancellable_new ();
  waiter->outer = outer;
  g_main_context_push_thread_default (waiter->context);

  if (outer != NULL)
    waiter->handler = g_cancellable_connect (outer, G_CALLBACK (on_outer_cancelled),
                                             g_object_ref (waiter->inner), g_object_unref);

  waiter->timeout = g_timeout_source_new_seconds (KANRI_DNS_RESOLVER_TIMEOUT_SECONDS);
  g_source_set_callback (waiter->timeout, on_timeout, waiter, NULL);
  g_source_attach (waiter->timeout, waiter->context);
}

/* Waits for the query's answer when one was @started, and tears the
 * context down; the caller owns @waiter->result. */
static void
waiter_end (Waiter   *waiter,
            gboolean  started)
{
  while (started && waiter->result == NULL)
    g_main_context_iteration (waiter->context, TRUE);

  g_source_destroy (waiter->timeout);
  g_clear_pointer (&waiter->timeout, g_source_unref);
  g_cancellable_disconnect (waiter->outer, waiter->handler);
  g_main_context_pop_thread_default (waiter->context);
  g_clear_pointer (&waiter->context, g_main_context_unref);
  g_clear_object (&waiter->inner);
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
             Waiter         *waiter,
             GError        **error)
{
  GCancellable *cancellable = waiter->inner;

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

/* RFC 7208 §5 and RFC 7489 §6.6.3: a query that times out or fails for
 * any reason but "no such name or record" is a temporary error, never an
 * answer. GResolver says why in its own words: TEMPORARY_FAILURE (no server
 * answered, or one answered SERVFAIL), INTERNAL (REFUSED, a malformed
 * answer, no resolver configuration) and G_IO_ERROR (no route to the
 * server) all mean that DNS could not be asked. */
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
                 _("DNS could not be reached: the %s query for %s had no answer within %d seconds"),
                 type_name, name, KANRI_DNS_RESOLVER_TIMEOUT_SECONDS);
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_propagate_error (out, g_error_copy (error));
  else
    g_set_error (out, KANRI_RESOLVER_ERROR, KANRI_RESOLVER_ERROR_UNREACHABLE,
                 _("DNS could not be reached: the %s query for %s failed (%s)"),
                 type_name, name, error->message);
}

static gboolean
root_answered_lately (KanriDnsResolver *self)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->root_mutex);

  return self->root_answered != 0 &&
         g_get_monotonic_time () - self->root_answered < ROOT_TRUST_USEC;
}

/* Whether the system's DNS server finds the root zone's NS records, the
 * answer every recursive resolver starts from (the priming query of RFC
 * 8109): a server that says even the root does not exist is not answering
 * from DNS (a captive portal, a sandbox, a resolver cut off from the
 * internet), and its "no such name" means nothing. */
static gboolean
root_answers (KanriDnsResolver  *self,
              GCancellable      *cancellable,
              GError           **error)
{
  g_autoptr(GError) local_error = NULL;
  Waiter waiter = { 0 };
  GList *answers;

  waiter_begin (&waiter, cancellable);
  g_resolver_lookup_records_async (self->resolver, ".", G_RESOLVER_RECORD_NS, waiter.inner,
                                   on_done, &waiter);
  waiter_end (&waiter, TRUE);

  answers = g_resolver_lookup_records_finish (self->resolver, waiter.result, &local_error);
  g_clear_object (&waiter.result);
  if (answers == NULL)
    {
      if (waiter.timed_out)
        g_set_error (error, KANRI_RESOLVER_ERROR, KANRI_RESOLVER_ERROR_TIMEOUT,
                     _("no answer within %d seconds"), KANRI_DNS_RESOLVER_TIMEOUT_SECONDS);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  g_list_free_full (answers, (GDestroyNotify) g_variant_unref);

  g_mutex_lock (&self->root_mutex);
  self->root_answered = g_get_monotonic_time ();
  g_mutex_unlock (&self->root_mutex);
  return TRUE;
}

/* GResolver's NOT_FOUND: NXDOMAIN or no record of the type (a void lookup,
 * RFC 7208 §4.6.4), if the server that said so answers from DNS at all. */
static void
report_not_found (KanriDnsResolver  *self,
                  const char        *name,
                  KanriDnsType       type,
                  GCancellable      *cancellable,
                  GError           **error)
{
  g_autoptr(GError) root_error = NULL;
  const char *type_name = kanri_dns_type_to_string (type);

  if (root_answered_lately (self) || root_answers (self, cancellable, &root_error))
    g_set_error (error, KANRI_RESOLVER_ERROR, KANRI_RESOLVER_ERROR_NO_RECORDS,
                 _("%s has no %s record, or does not exist"), name, type_name);
  else if (g_error_matches (root_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_propagate_error (error, g_steal_pointer (&root_error));
  else
    g_set_error (error, KANRI_RESOLVER_ERROR, KANRI_RESOLVER_ERROR_UNREACHABLE,
                 _("DNS could not be reached: the system’s DNS server says that %s has no %s "
                   "record, but it cannot find the DNS root zone either (%s)"),
                 name, type_name, root_error->message);
}

static GPtrArray *
records_from_answers (KanriDnsType  type,
                      GList        *answers)
{
  GPtrArray *records = g_ptr_array_new_with_free_func ((GDestroyNotify) kanri_dns_record_unref);

  for (GList *l = answers; l != NULL; l = l->next)
    g_ptr_array_add (records, record_from_answer (type, l->data));
  free_answer (type, answers);

  return records;
}

static GPtrArray *
kanri_dns_resolver_lookup (KanriResolver  *resolver,
                           const char     *name,
                           KanriDnsType    type,
                           GCancellable   *cancellable,
                           GError        **error)
{
  KanriDnsResolver *self = KANRI_DNS_RESOLVER (resolver);
  g_autoptr(GError) local_error = NULL;
  Waiter waiter = { 0 };
  gboolean started;
  GList *answers;

  waiter_begin (&waiter, cancellable);
  started = start_query (self->resolver, name, type, &waiter, error);
  waiter_end (&waiter, started);
  if (!started)
    return NULL;

  answers = finish_query (self->resolver, type, waiter.result, &local_error);
  g_clear_object (&waiter.result);
  if (answers != NULL)
    return records_from_answers (type, answers);

  if (!waiter.timed_out && g_error_matches (local_error, G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND))
    report_not_found (self, name, type, cancellable, error);
  else
    translate_error (name, type, waiter.timed_out, local_error, error);
  return NULL;
}

static void
resolver_iface_init (KanriResolverInterface *iface)
{
  iface->lookup = kanri_dns_resolver_lookup;
}
