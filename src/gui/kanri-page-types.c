/* kanri-page-types.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-page-types"

#include "config.h"

#include <glib-object.h>

#include "kanri-analyzer-page.h"
#include "kanri-auditing-page.h"
#include "kanri-connectors-page.h"
#include "kanri-delivery-page.h"
#include "kanri-dns-page.h"
#include "kanri-operations-page.h"
#include "kanri-overview-page.h"
#include "kanri-page-types.h"
#include "kanri-recoverable-items-page.h"

/* Registers the GType of every page, so that kanri_page_list_types() finds
 * it. A page's file adds its get_type here when it is written; nothing else
 * needs to know the page exists. */
void
kanri_page_types_ensure (void)
{
  g_type_ensure (KANRI_TYPE_OVERVIEW_PAGE);
  g_type_ensure (KANRI_TYPE_CONNECTORS_PAGE);
  g_type_ensure (KANRI_TYPE_ANALYZER_PAGE);
  g_type_ensure (KANRI_TYPE_DELIVERY_PAGE);
  g_type_ensure (KANRI_TYPE_DNS_PAGE);
  g_type_ensure (KANRI_TYPE_OPERATIONS_PAGE);
  g_type_ensure (KANRI_TYPE_RECOVERABLE_ITEMS_PAGE);
  g_type_ensure (KANRI_TYPE_AUDITING_PAGE);
}
