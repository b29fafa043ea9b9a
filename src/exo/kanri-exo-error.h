/* kanri-exo-error.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define KANRI_EXO_ERROR (kanri_exo_error_quark ())

/**
 * KanriExoError:
 * @KANRI_EXO_ERROR_FAILED: anything else
 * @KANRI_EXO_ERROR_INVALID_RESPONSE: the reply is not what the service sends
 * @KANRI_EXO_ERROR_RESPONSE_TOO_LARGE: the reply is over the size limit
 * @KANRI_EXO_ERROR_CMDLET: the cmdlet failed; the message is the service's
 * @KANRI_EXO_ERROR_NOT_FOUND: the Identity names no object
 *   (ManagementObjectNotFoundException)
 * @KANRI_EXO_ERROR_ACCESS_DENIED: the signed-in account lacks a role
 * @KANRI_EXO_ERROR_UNAUTHORIZED: the token was refused, even after a refresh
 * @KANRI_EXO_ERROR_THROTTLED: still throttled after every retry
 * @KANRI_EXO_ERROR_UNAVAILABLE: the service or the network failed on every
 *   try (5xx, transient exceptions, dropped connections)
 * @KANRI_EXO_ERROR_OUTCOME_UNKNOWN: a change was sent but its reply was
 *   lost; it may or may not have been applied, so it was not sent again
 * @KANRI_EXO_ERROR_INSECURE: plain HTTP to a host other than loopback, or
 *   an address that is not a web address
 * @KANRI_EXO_ERROR_FOREIGN_LINK: an @odata.nextLink to another host
 * @KANRI_EXO_ERROR_SIGNIN_DECLINED: the user declined the sign-in
 * @KANRI_EXO_ERROR_SIGNIN_EXPIRED: the device code expired before sign-in
 * @KANRI_EXO_ERROR_SIGNIN_BAD_CODE: the identity platform did not know the
 *   device code
 * @KANRI_EXO_ERROR_SIGNIN_FAILED: any other sign-in or refresh failure
 * @KANRI_EXO_ERROR_NOT_SIGNED_IN: no tokens are stored for the tenant
 * @KANRI_EXO_ERROR_SECRETS: the Secret Service failed
 * @KANRI_EXO_ERROR_REDIRECTED: the service answered with a redirect (3xx),
 *   which is never followed: the request carries the token, and a POST
 *   turned into a GET would be a change reported done that never arrived
 */
typedef enum
{
  KANRI_EXO_ERROR_FAILED,
  KANRI_EXO_ERROR_INVALID_RESPONSE,
  KANRI_EXO_ERROR_RESPONSE_TOO_LARGE,
  KANRI_EXO_ERROR_CMDLET,
  KANRI_EXO_ERROR_NOT_FOUND,
  KANRI_EXO_ERROR_ACCESS_DENIED,
  KANRI_EXO_ERROR_UNAUTHORIZED,
  KANRI_EXO_ERROR_THROTTLED,
  KANRI_EXO_ERROR_UNAVAILABLE,
  KANRI_EXO_ERROR_OUTCOME_UNKNOWN,
  KANRI_EXO_ERROR_INSECURE,
  KANRI_EXO_ERROR_FOREIGN_LINK,
  KANRI_EXO_ERROR_SIGNIN_DECLINED,
  KANRI_EXO_ERROR_SIGNIN_EXPIRED,
  KANRI_EXO_ERROR_SIGNIN_BAD_CODE,
  KANRI_EXO_ERROR_SIGNIN_FAILED,
  KANRI_EXO_ERROR_NOT_SIGNED_IN,
  KANRI_EXO_ERROR_SECRETS,
  KANRI_EXO_ERROR_REDIRECTED,
} KanriExoError;

GQuark      kanri_exo_error_quark              (void);
GError     *kanri_exo_error_new_full           (KanriExoError  code,
                                                guint          http_status,
                                                const char    *exception_type,
                                                const char    *service_code,
                                                const char    *message);
const char *kanri_exo_error_get_exception_type (const GError  *error);
const char *kanri_exo_error_get_service_code   (const GError  *error);
guint       kanri_exo_error_get_http_status    (const GError  *error);
gboolean    kanri_exo_error_is_transient_type  (const char    *exception_type);

G_END_DECLS
