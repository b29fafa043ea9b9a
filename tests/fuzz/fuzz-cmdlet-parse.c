/* fuzz-cmdlet-parse.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdint.h>

#include "kanri-cmdlet.h"

/* PowerShell text as a user pastes it: whatever parses must render back
 * to PowerShell that parses to the same cmdlet, and survive the journal's
 * JSON. */

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *line = g_strndup ((const char *)data, size);
  g_autoptr(KanriCmdlet) cmdlet = NULL;
  g_autoptr(KanriCmdlet) again = NULL;
  g_autoptr(KanriCmdlet) restored = NULL;
  g_autofree char *powershell = NULL;
  g_autofree char *json = NULL;
  g_autofree char *body = NULL;

  cmdlet = kanri_cmdlet_parse (line, NULL);
  if (cmdlet == NULL)
    return 0;

  powershell = kanri_cmdlet_to_powershell (cmdlet);
  body = kanri_cmdlet_to_body (cmdlet);
  json = kanri_cmdlet_to_json (cmdlet);

  again = kanri_cmdlet_parse (powershell, NULL);
  g_assert (again != NULL);
  g_assert (kanri_cmdlet_equal (cmdlet, again));

  restored = kanri_cmdlet_new_from_json (kanri_cmdlet_get_name (cmdlet), json, NULL);
  g_assert (restored != NULL);
  g_assert (kanri_cmdlet_equal (cmdlet, restored));
  g_assert (body != NULL);

  return 0;
}
