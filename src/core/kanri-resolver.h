/* kanri-resolver.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define KANRI_RESOLVER_ERROR (kanri_resolver_error_quark ())

/* NXDOMAIN and NO_RECORDS are both "void lookups" for SPF (RFC 7208
 * §4.6.4); TIMEOUT (no answer in time) and UNREACHABLE (no DNS server could
 * be asked, or the one asked does not answer from DNS) are temporary
 * failures (temperror), never "no record"; INVALID_NAME is a name no DNS
 * query can be made of (RFC 1035 §2.3.4 limits); BAD_ZONE is a zone file
 * KanriZoneResolver could not load. */
typedef enum
{
  KANRI_RESOLVER_ERROR_NXDOMAIN,
  KANRI_RESOLVER_ERROR_NO_RECORDS,
  KANRI_RESOLVER_ERROR_TIMEOUT,
  KANRI_RESOLVER_ERROR_INVALID_NAME,
  KANRI_RESOLVER_ERROR_BAD_ZONE,
  KANRI_RESOLVER_ERROR_FAILED,
  KANRI_RESOLVER_ERROR_UNREACHABLE,
} KanriResolverError;

/* The values are the RR type codes (RFC 1035 §3.2.2, RFC 3596, RFC 4408).
 * Resolvers follow CNAME aliases themselves: nobody queries CNAME. */
typedef enum
{
  KANRI_DNS_TYPE_A    = 1,
  KANRI_DNS_TYPE_CNAME = 5,
  KANRI_DNS_TYPE_PTR  = 12,
  KANRI_DNS_TYPE_MX   = 15,
  KANRI_DNS_TYPE_TXT  = 16,
  KANRI_DNS_TYPE_AAAA = 28,
  KANRI_DNS_TYPE_SPF  = 99,
} KanriDnsType;

/* One answer. @text is the TXT/SPF data with its strings joined without
 * separator (RFC 7208 §3.3), the MX exchange or the PTR target (without a
 * trailing dot), or the printable address for A/AAAA, whose bytes are in
 * @address (4 or 16 of them). @length is the length of @text: TXT and SPF
 * data may hold NUL octets (RFC 1035 §3.3.14 allows any), so code that
 * judges it must read @length bytes; a nul follows them. Records are
 * reference counted and must not be changed once a resolver has returned
 * them. */
typedef struct
{
  KanriDnsType  type;
  char         *text;
  gsize         length;
  guint16       preference;
  guint8        address[16];
} KanriDnsRecord;

#define KANRI_TYPE_DNS_RECORD (kanri_dns_record_get_type ())

GType           kanri_dns_record_get_type (void) G_GNUC_CONST;
KanriDnsRecord *kanri_dns_record_new      (KanriDnsType          type,
                                           const char           *text);
KanriDnsRecord *kanri_dns_record_new_len  (KanriDnsType          type,
                                           const char           *text,
                                           gsize                 length);
KanriDnsRecord *kanri_dns_record_ref      (KanriDnsRecord       *record);
void            kanri_dns_record_unref    (KanriDnsRecord       *record);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KanriDnsRecord, kanri_dns_record_unref)

#define KANRI_TYPE_RESOLVER (kanri_resolver_get_type ())

G_DECLARE_INTERFACE (KanriResolver, kanri_resolver, KANRI, RESOLVER, GObject)

/**
 * KanriResolverInterface:
 * @lookup: answers one query, blocking; called from worker threads, so
 *   implementations must be thread-safe. Returns an array of
 *   #KanriDnsRecord (never empty) or %NULL with an error.
 * @lookup_async: the same without blocking; the default runs @lookup in a
 *   worker thread.
 * @lookup_finish: completes @lookup_async.
 * @lookups_block: whether @lookup may wait on the network; %FALSE lets
 *   callers skip the worker thread (the default is %TRUE).
 */
struct _KanriResolverInterface
{
  GTypeInterface parent_iface;

  GPtrArray *(*lookup)        (KanriResolver        *self,
                               const char           *name,
                               KanriDnsType          type,
                               GCancellable         *cancellable,
                               GError              **error);
  void       (*lookup_async)  (KanriResolver        *self,
                               const char           *name,
                               KanriDnsType          type,
                               GCancellable         *cancellable,
                               GAsyncReadyCallback   callback,
                               gpointer              user_data);
  GPtrArray *(*lookup_finish) (KanriResolver        *self,
                               GAsyncResult         *result,
                               GError              **error);
  gboolean   (*lookups_block) (KanriResolver        *self);
};

GQuark      kanri_resolver_error_quark    (void);
GPtrArray  *kanri_resolver_lookup         (KanriResolver        *self,
                                           const char           *name,
                                           KanriDnsType          type,
                                           GCancellable         *cancellable,
                                           GError              **error);
void        kanri_resolver_lookup_async   (KanriResolver        *self,
                                           const char           *name,
                                           KanriDnsType          type,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data);
GPtrArray  *kanri_resolver_lookup_finish  (KanriResolver        *self,
                                           GAsyncResult         *result,
                                           GError              **error);
gboolean    kanri_resolver_lookups_block  (KanriResolver        *self);

const char *kanri_dns_type_to_string      (KanriDnsType          type);
gboolean    kanri_dns_name_is_valid       (const char           *name);
char       *kanri_dns_name_normalize      (const char           *name);
char       *kanri_dns_reverse_name        (const guint8         *address,
                                           gboolean              ipv6);
gboolean    kanri_resolver_error_is_void  (const GError         *error);

G_END_DECLS
