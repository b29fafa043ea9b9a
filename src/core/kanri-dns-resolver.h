/* kanri-dns-resolver.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kanri-resolver.h"

G_BEGIN_DECLS

/* How long one query may take before it is reported as timed out. */
#define KANRI_DNS_RESOLVER_TIMEOUT_SECONDS 10

#define KANRI_TYPE_DNS_RESOLVER (kanri_dns_resolver_get_type ())

G_DECLARE_FINAL_TYPE (KanriDnsResolver, kanri_dns_resolver, KANRI, DNS_RESOLVER, GObject)

KanriDnsResolver *kanri_dns_resolver_new (void);

G_END_DECLS
