/* kanri-exo-response.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The largest reply Kanri reads, before or after gzip: a page of 1,000
 * mailboxes with every property is a few MiB. */
#define KANRI_EXO_DEFAULT_MAX_RESPONSE_SIZE (64 * 1024 * 1024)

typedef struct _KanriExoPage KanriExoPage;

KanriExoPage      *kanri_exo_page_parse          (GBytes        *body,
                                                  GError       **error);
void               kanri_exo_page_free           (KanriExoPage  *page);
JsonArray         *kanri_exo_page_get_values     (KanriExoPage  *page);
const char *const *kanri_exo_page_get_warnings   (KanriExoPage  *page);
const char        *kanri_exo_page_get_next_link  (KanriExoPage  *page);

GError            *kanri_exo_error_from_response (guint          http_status,
                                                  GBytes        *body);
GError            *kanri_exo_error_new_too_large (gsize          max_size);
GBytes            *kanri_exo_response_decode     (GBytes        *raw,
                                                  gsize          max_size,
                                                  GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KanriExoPage, kanri_exo_page_free)

G_END_DECLS
