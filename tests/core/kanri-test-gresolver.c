/* kanri-test-gresolver.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "kanri-test-gresolver.h"

/* A GResolver for tests, set as GLib's default in place of the system's,
 * so that KanriDnsResolver meets each way real DNS fails without a network:
 * every query fails with one error, as GLib's own resolver reports it, but
 * the root zone's NS query (KanriDnsResolver's check that the server
 * answers from DNS at all), which answers unless told to fail too. */

struct _KanriTestGResolver
{
  GResolver parent_instance;

  GQuark    domain;
  int       code;
  GQuark    root_domain;
  int       root_code;
  guint     root_queries;
};

G_DEFINE_FINAL_TYPE (KanriTestGResolver, kanri_test_gresolver, G_TYPE_RESOLVER)

static void
fail (KanriTestGResolver  *self,
      const char          *name,
      GQuark               domain,
      int                  code,
      GCancellable        *cancellable,
      GAsyncReadyCallback  callback,
      gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  /* The message names the query, so that tests can find it in Kanri's. */
  g_task_return_new_error (task, domain, code, "Test resolver: no answer for “%s”", name);
}

static void
lookup_by_name_async (GResolver                *resolver,
                      const char               *hostname,
                      GResolverNameLookupFlags  flags,
                      GCancellable             *cancellable,
                      GAsyncReadyCallback       callback,
                      gpointer                  user_data)
{
  KanriTestGResolver *self = KANRI_TEST_GRESOLVER (resolver);

  fail (self, hostname, self->domain, self->code, cancellable, callback, user_data);
}

static void
lookup_by_address_async (GResolver           *resolver,
                         GInetAddress        *address,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  KanriTestGResolver *self = KANRI_TEST_GRESOLVER (resolver);
  g_autofree char *text = g_inet_address_to_string (address);

  fail (self, text, self->domain, self->code, cancellable, callback, user_data);
}

static void
free_records (gpointer records)
{
  g_list_free_full (records, (GDestroyNotify) g_variant_unref);
}

/* One NS record, as GResolver gives them (g_resolver_lookup_records()). */
static GList *
root_answer (void)
{
  return g_list_prepend (NULL, g_variant_ref_sink (g_variant_new ("(s)", "a.root-servers.net")));
}

static void
lookup_records_async (GResolver           *resolver,
                      const char          *rrname,
                      GResolverRecordType  record_type,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  KanriTestGResolver *self = KANRI_TEST_GRESOLVER (resolver);
  g_autoptr(GTask) task = NULL;

  if (!g_str_equal (rrname, ".") || record_type != G_RESOLVER_RECORD_NS)
    {
      fail (self, rrname, self->domain, self->code, cancellable, callback, user_data);
      return;
    }

  g_atomic_int_inc (&self->root_queries);
  if (self->root_domain != 0)
    {
      fail (self, rrname, self->root_domain, self->root_code, cancellable, callback, user_data);
      return;
    }

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_return_pointer (task, root_answer (), free_records);
}

static gpointer
propagate (GResolver     *resolver,
           GAsyncResult  *result,
           GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static GList *
lookup_list_finish (GResolver     *resolver,
                    GAsyncResult  *result,
                    GError       **error)
{
  return propagate (resolver, result, error);
}

static char *
lookup_by_address_finish (GResolver     *resolver,
                          GAsyncResult  *result,
                          GError       **error)
{
  return propagate (resolver, result, error);
}

static void
kanri_test_gresolver_class_init (KanriTestGResolverClass *klass)
{
  GResolverClass *resolver_class = G_RESOLVER_CLASS (klass);

  resolver_class->lookup_by_name_with_flags_async = lookup_by_name_async;
  resolver_class->lookup_by_name_with_flags_finish = lookup_list_finish;
  resolver_class->lookup_by_name_finish = lookup_list_finish;
  resolver_class->lookup_by_address_async = lookup_by_address_async;
  resolver_class->lookup_by_address_finish = lookup_by_address_finish;
  resolver_class->lookup_records_async = lookup_records_async;
  resolver_class->lookup_records_finish = lookup_list_finish;
}

static void
kanri_test_gresolver_init (KanriTestGResolver *self)
{
}

/**
 * kanri_test_gresolver_new:
 * @domain: the error every query but the root zone's fails with, such as
 *   %G_RESOLVER_ERROR
 * @code: its code, such as %G_RESOLVER_ERROR_TEMPORARY_FAILURE
 */
KanriTestGResolver *
kanri_test_gresolver_new (GQuark domain,
                          int    code)
{
  KanriTestGResolver *self = g_object_new (KANRI_TYPE_TEST_GRESOLVER, NULL);

  self->domain = domain;
  self->code = code;
  return self;
}

/* A server that is not answering from DNS: even the root zone fails. */
void
kanri_test_gresolver_set_root_error (KanriTestGResolver *self,
                                     GQuark              domain,
                                     int                 code)
{
  self->root_domain = domain;
  self->root_code = code;
}

guint
kanri_test_gresolver_get_root_queries (KanriTestGResolver *self)
{
  return g_atomic_int_get (&self->root_queries);
}
