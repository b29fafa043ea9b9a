/* kanri-cli-resolver.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <stdio.h>

#include "kanri-cli-resolver.h"
#include "kanri-dns-resolver.h"
#include "kanri-zone-resolver.h"

/**
 * kanri_cli_open_resolver:
 * @zone_path: (nullable): a zone file (`--zone`), or %NULL for real DNS
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the resolver the DNS commands use
 */
KanriResolver *
kanri_cli_open_resolver (const char  *zone_path,
                         GError     **error)
{
  if (zone_path == NULL)
    return KANRI_RESOLVER (kanri_dns_resolver_new ());

  return (KanriResolver *) kanri_zone_resolver_new_from_file (zone_path, error);
}

void
kanri_cli_print_json (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, NULL);
  printf ("%s\n", text);
}
