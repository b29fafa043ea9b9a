/* fuzz-zone.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The zone loader, then lookups and SPF checks over the zone it loaded. */
#include "config.h"

#include "kanri-spf.h"
#include "kanri-zone-resolver.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  return 0;
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  static const KanriDnsType types[] = {
    KANRI_DNS_TYPE_A, KANRI_DNS_TYPE_AAAA, KANRI_DNS_TYPE_MX,
    KANRI_DNS_TYPE_PTR, KANRI_DNS_TYPE_TXT, KANRI_DNS_TYPE_SPF,
  };
  static const char *names[] = { "example.com", "a.example.com", "x", "4.3.2.1.in-addr.arpa" };
  g_autoptr(KanriZoneResolver) zone = NULL;
  g_autoptr(GError) error = NULL;

  zone = kanri_zone_resolver_new_from_data ((const char *) data, size, &error);
  g_assert ((zone == NULL) == (error != NULL));
  if (zone == NULL)
    return 0;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      for (guint j = 0; j < G_N_ELEMENTS (types); j++)
        {
          g_autoptr(GPtrArray) records = NULL;
          g_autoptr(GError) lookup_error = NULL;

          records = kanri_resolver_lookup (KANRI_RESOLVER (zone), names[i], types[j],
                                           NULL, &lookup_error);
          g_assert ((records == NULL) == (lookup_error != NULL));
          g_assert (records == NULL || records->len > 0);
        }
    }

  /* The whole SPF engine over whatever the zone holds. */
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      KanriSpfQuery query = {
        .ip = i % 2 == 0 ? "192.0.2.1" : "2001:db8::1",
        .domain = names[i],
        .sender = "user@example.com",
        .helo = "a.example.com",
        .timestamp = 1,
      };
      g_autoptr(KanriSpfReport) report = NULL;
      g_autoptr(GError) check_error = NULL;

      report = kanri_spf_check_host (KANRI_RESOLVER (zone), &query, NULL, &check_error);
      g_assert_no_error (check_error);
      g_assert (report->lookups <= KANRI_SPF_MAX_DNS_MECHANISMS + 1);
    }

  return 0;
}
