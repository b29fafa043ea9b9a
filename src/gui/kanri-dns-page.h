/* kanri-dns-page.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kanri-page.h"
#include "kanri-resolver.h"

G_BEGIN_DECLS

/* Test hook: a JSON zone file (PRODUCT.md "zone file") that answers the
 * page's DNS queries instead of the network. */
#define KANRI_DNS_PAGE_ZONE_ENV "KANRI_DNS_ZONE"

#define KANRI_TYPE_DNS_PAGE (kanri_dns_page_get_type ())

G_DECLARE_FINAL_TYPE (KanriDnsPage, kanri_dns_page, KANRI, DNS_PAGE, KanriPage)

KanriResolver *kanri_dns_page_get_resolver (KanriDnsPage  *self);
void           kanri_dns_page_set_resolver (KanriDnsPage  *self,
                                            KanriResolver *resolver);
void           kanri_dns_page_cancel       (KanriDnsPage  *self);

G_END_DECLS
