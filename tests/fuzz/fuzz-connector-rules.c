/* fuzz-connector-rules.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "kanri-connector-rules.h"
#include "kanri-mx-check.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  return 0;
}

/* What is accepted is sent as it was normalized: checked again, it must
 * be accepted as the same text. */
static void
check_idempotent (KanriConnectorList  list,
                  const char         *value)
{
  g_autofree char *again = NULL;
  g_autoptr(GError) error = NULL;

  g_assert (kanri_connector_check_entry (list, value, &again, &error));
  g_assert (error == NULL);
  g_assert (g_str_equal (again, value));
}

/* The first byte picks the list; the rest is what a person typed or
 * pasted into it, then the same text as a name, a description, a
 * certificate domain and an address to look up. */
int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) entries = NULL;
  g_auto(GStrv) stored = NULL;
  g_autoptr(GPtrArray) checked = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *domain = NULL;
  KanriConnectorList list;
  guint merged = 0;

  if (size < 1)
    return 0;

  list = data[0] % 4;
  text = g_strndup ((const char *) data + 1, size - 1);

  entries = kanri_connector_split_entries (text);
  checked = kanri_connector_check_list (list, (const char *const *) entries, &merged, &error);
  g_assert ((checked == NULL) == (error != NULL));
  if (checked != NULL)
    {
      g_assert (checked->len + merged == g_strv_length (entries));
      for (guint i = 0; i < checked->len; i++)
        {
          KanriConnectorEntry *entry = checked->pdata[i];

          g_assert ((entry->level == KANRI_CONNECTOR_ENTRY_OK) == (entry->note == NULL));
          check_idempotent (list, entry->value);
        }
    }
  g_clear_error (&error);

  if (kanri_connector_check_name (text, (const char *const *) entries, &out, &error))
    g_assert (out != NULL && *out != '\0');
  else
    g_assert (error != NULL && out == NULL);
  g_clear_error (&error);
  g_clear_pointer (&out, g_free);

  if (kanri_connector_check_comment (text, &out, &error))
    g_assert (out != NULL);
  g_clear_error (&error);
  g_clear_pointer (&out, g_free);

  if (kanri_connector_check_certificate (text, &out, &error))
    {
      g_autofree char *again = NULL;

      g_assert (kanri_connector_check_certificate (out, &again, NULL));
      g_assert (g_str_equal (again, out));
    }
  g_clear_error (&error);

  kanri_connector_entries_cover ((const char *const *) entries, text);
  stored = kanri_connector_split_stored (text);
  domain = kanri_connector_address_space_domain (text);
  kanri_mx_is_exchange_online (text);

  return 0;
}
