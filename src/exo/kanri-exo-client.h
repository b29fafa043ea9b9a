/* kanri-exo-client.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "kanri-cmdlet.h"
#include "kanri-exo-response.h"
#include "kanri-token-provider.h"

G_BEGIN_DECLS

#define KANRI_TYPE_EXO_CLIENT (kanri_exo_client_get_type ())

G_DECLARE_FINAL_TYPE (KanriExoClient, kanri_exo_client, KANRI, EXO_CLIENT, GObject)

/**
 * KanriExoPageFunc:
 * @page: (transfer none): one page of the reply, valid during the call
 *
 * Called on the invoking thread's main context for each page as it
 * arrives, before the next one is requested.
 */
typedef void (*KanriExoPageFunc) (KanriExoClient *client,
                                  KanriExoPage   *page,
                                  gpointer        user_data);

typedef struct _KanriExoResult KanriExoResult;

gboolean           kanri_exo_check_url                   (const char          *url,
                                                          GError             **error);
char              *kanri_exo_invoke_url                  (const char          *base_url,
                                                          const char          *tenant);
KanriExoClient    *kanri_exo_client_new                  (const char          *invoke_url,
                                                          KanriTokenProvider  *tokens,
                                                          const char          *anchor_mailbox,
                                                          GError             **error);
const char        *kanri_exo_client_get_invoke_url       (KanriExoClient      *self);
void               kanri_exo_client_set_retry_delay      (KanriExoClient      *self,
                                                          guint                base_ms);
void               kanri_exo_client_set_max_attempts     (KanriExoClient      *self,
                                                          guint                attempts);
void               kanri_exo_client_set_max_wait         (KanriExoClient      *self,
                                                          guint                seconds);
void               kanri_exo_client_set_max_response_size (KanriExoClient     *self,
                                                          gsize                max_size);
void               kanri_exo_client_set_page_size        (KanriExoClient      *self,
                                                          guint                page_size);
gboolean           kanri_exo_client_get_rate_limit       (KanriExoClient      *self,
                                                          gint64              *limit,
                                                          gint64              *remaining,
                                                          gint64              *reset);
void               kanri_exo_client_invoke_async         (KanriExoClient      *self,
                                                          KanriCmdlet         *cmdlet,
                                                          KanriExoPageFunc     page_func,
                                                          gpointer             page_data,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
KanriExoResult    *kanri_exo_client_invoke_finish        (KanriExoClient      *self,
                                                          GAsyncResult        *result,
                                                          GError             **error);

JsonArray         *kanri_exo_result_get_values           (KanriExoResult      *result);
const char *const *kanri_exo_result_get_warnings         (KanriExoResult      *result);
guint              kanri_exo_result_get_n_pages          (KanriExoResult      *result);
guint64            kanri_exo_result_get_n_objects        (KanriExoResult      *result);
guint              kanri_exo_result_get_n_retries        (KanriExoResult      *result);
void               kanri_exo_result_free                 (KanriExoResult      *result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KanriExoResult, kanri_exo_result_free)

G_END_DECLS
