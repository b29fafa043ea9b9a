/* kanri-signin.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "kanri-cloud.h"
#include "kanri-tokens.h"

G_BEGIN_DECLS

typedef struct
{
  char   *user_code;
  char   *device_code;
  char   *verification_uri;
  char   *message;
  guint   expires_in;
  guint   interval;
} KanriDeviceCode;

void kanri_device_code_free (KanriDeviceCode *code);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KanriDeviceCode, kanri_device_code_free)

#define KANRI_TYPE_SIGNIN (kanri_signin_get_type ())

G_DECLARE_FINAL_TYPE (KanriSignin, kanri_signin, KANRI, SIGNIN, GObject)

KanriSignin     *kanri_signin_new               (KanriCloud            cloud);
KanriCloud       kanri_signin_get_cloud         (KanriSignin          *self);
gboolean         kanri_signin_set_login_url     (KanriSignin          *self,
                                                 const char           *url,
                                                 GError              **error);
void             kanri_signin_set_second_length (KanriSignin          *self,
                                                 guint                 ms);
void             kanri_signin_begin_async       (KanriSignin          *self,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
KanriDeviceCode *kanri_signin_begin_finish      (KanriSignin          *self,
                                                 GAsyncResult         *result,
                                                 GError              **error);
void             kanri_signin_wait_async        (KanriSignin          *self,
                                                 const KanriDeviceCode *code,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
KanriTokens     *kanri_signin_wait_finish       (KanriSignin          *self,
                                                 GAsyncResult         *result,
                                                 GError              **error);
void             kanri_signin_refresh_async     (KanriSignin          *self,
                                                 const char           *refresh_token,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
KanriTokens     *kanri_signin_refresh_finish    (KanriSignin          *self,
                                                 GAsyncResult         *result,
                                                 GError              **error);

G_END_DECLS
