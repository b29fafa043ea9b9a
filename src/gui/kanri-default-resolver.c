/* kanri-default-resolver.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-default-resolver"

#include "config.h"

#include <glib/gi18n.h>

#include "kanri-default-resolver.h"
#include "kanri-dns-resolver.h"
#include "kanri-zone-resolver.h"

/**
 * kanri_default_resolver_open:
 * @notice: (out) (optional) (nullable): set to what the user must be told
 *   about where answers come from, or %NULL when they come from DNS
 *
 * The resolver a page's lookups go to: the system's DNS, or the zone file
 * named by `KANRI_DNS_ZONE`. The zone file is a test hook, never a silent
 * one: @notice says it is in use, or why it could not be, in which case
 * lookups are off.
 *
 * Returns: (transfer full) (nullable): the resolver, or %NULL when the
 *   zone file cannot be used
 */
KanriResolver *
kanri_default_resolver_open (char **notice)
{
  const char *zone = g_getenv (KANRI_DNS_ZONE_ENV);
  g_autoptr(KanriResolver) resolver = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *display = NULL;

  if (notice != NULL)
    *notice = NULL;

  if (zone == NULL || *zone == '\0')
    return KANRI_RESOLVER (kanri_dns_resolver_new ());

  resolver = (KanriResolver *)kanri_zone_resolver_new_from_file (zone, &error);
  if (resolver == NULL)
    {
      if (notice != NULL)
        *notice = g_strdup_printf (_("DNS lookups are off: the zone file of %s cannot be used: %s"),
                                   KANRI_DNS_ZONE_ENV, error->message);
      return NULL;
    }

  display = g_filename_display_name (zone);
  if (notice != NULL)
    *notice = g_strdup_printf (_("DNS answers come from the zone file %s (%s), not from the network."),
                               display, KANRI_DNS_ZONE_ENV);
  return g_steal_pointer (&resolver);
}
