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

#define KANRI_TYPE_DNS_PAGE (kanri_dns_page_get_type ())

G_DECLARE_FINAL_TYPE (KanriDnsPage, kanri_dns_page, KANRI, DNS_PAGE, KanriPage)

KanriResolver *kanri_dns_page_get_resolver (KanriDnsPage  *self);
void           kanri_dns_page_set_resolver (KanriDnsPage  *self,
                                            KanriResolver *resolver);
void           kanri_dns_page_cancel       (KanriDnsPage  *self);

G_END_DECLS
