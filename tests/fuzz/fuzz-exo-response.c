/* fuzz-exo-response.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdint.h>

#include "kanri-exo-error.h"
#include "kanri-exo-response.h"

/* The client's handling of a reply: the first byte picks the HTTP status,
 * the rest is the body as received (perhaps gzip, perhaps lying), which
 * is decoded and read as a page or as an error body. */

static const guint statuses[] = { 200, 200, 400, 401, 403, 404, 429, 500, 503, 504 };

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) raw = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  guint status;

  if (size < 1)
    return 0;

  status = statuses[data[0] % G_N_ELEMENTS (statuses)];
  raw = g_bytes_new (data + 1, size - 1);

  body = kanri_exo_response_decode (raw, 1024 * 1024, &error);
  if (body == NULL)
    return 0;

  if (status == 200)
    {
      g_autoptr(KanriExoPage) page = kanri_exo_page_parse (body, &error);

      if (page != NULL)
        {
          JsonArray *values = kanri_exo_page_get_values (page);
          const char *const *warnings = kanri_exo_page_get_warnings (page);

          for (guint i = 0; i < json_array_get_length (values); i++)
            {
              g_autofree char *text = json_to_string (json_array_get_element (values, i), FALSE);
              g_assert (text != NULL);
            }
          for (guint i = 0; warnings[i] != NULL; i++)
            g_assert (g_utf8_validate (warnings[i], -1, NULL));
          (void)kanri_exo_page_get_next_link (page);
        }
      else
        g_assert (error != NULL && error->domain == KANRI_EXO_ERROR);
    }
  else
    {
      g_autoptr(GError) service = kanri_exo_error_from_response (status, body);

      g_assert (service->domain == KANRI_EXO_ERROR);
      g_assert (g_utf8_validate (service->message, -1, NULL));
      (void)kanri_exo_error_get_exception_type (service);
      (void)kanri_exo_error_get_service_code (service);
      g_assert (kanri_exo_error_get_http_status (service) == status);
    }

  return 0;
}
