/* kanri-emulator.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define KANRI_EMULATOR_ERROR (kanri_emulator_error_quark ())

typedef enum
{
  KANRI_EMULATOR_ERROR_FAILED,
  KANRI_EMULATOR_ERROR_DATABASE,
  KANRI_EMULATOR_ERROR_INVALID_SEED,
  KANRI_EMULATOR_ERROR_INVALID_FAULT,
  KANRI_EMULATOR_ERROR_NOT_FOUND,
} KanriEmulatorError;

/**
 * KanriEmulatorRequest:
 * @cmdlet: the cmdlet, or `oauth:devicecode`, `oauth:device_code`,
 *   `oauth:refresh_token` for the identity endpoints
 * @parameters: the request's parameters as JSON
 * @status: the HTTP status answered (0 for a dropped connection)
 * @ran: whether the cmdlet ran, whatever became of its answer (a
 *   drop-after fault drops the connection after)
 * @applied: whether the request changed the tenant
 * @fault: (nullable): the fault injected, as its spec
 * @time: g_get_monotonic_time() when it arrived
 *
 * One line of the request log.
 */
typedef struct
{
  char     *cmdlet;
  char     *parameters;
  guint     status;
  gboolean  ran;
  gboolean  applied;
  char     *fault;
  gint64    time;
} KanriEmulatorRequest;

#define KANRI_TYPE_EMULATOR (kanri_emulator_get_type ())

G_DECLARE_FINAL_TYPE (KanriEmulator, kanri_emulator, KANRI, EMULATOR, GObject)

GQuark         kanri_emulator_error_quark          (void);
char          *kanri_emulator_default_demo_path    (void);
GBytes        *kanri_emulator_get_demo_seed        (void);

KanriEmulator *kanri_emulator_new                  (const char     *state_path,
                                                    GError        **error);
KanriEmulator *kanri_emulator_new_demo             (const char     *state_path,
                                                    GError        **error);
gboolean       kanri_emulator_is_seeded            (KanriEmulator  *self);
gboolean       kanri_emulator_seed                 (KanriEmulator  *self,
                                                    const char     *seed_path,
                                                    GError        **error);
gboolean       kanri_emulator_generate_mailboxes   (KanriEmulator  *self,
                                                    guint           count,
                                                    GError        **error);

gboolean       kanri_emulator_start                (KanriEmulator  *self,
                                                    guint           port,
                                                    GError        **error);
void           kanri_emulator_stop                 (KanriEmulator  *self);
const char    *kanri_emulator_get_base_url         (KanriEmulator  *self);
char          *kanri_emulator_dup_invoke_url       (KanriEmulator  *self);
const char    *kanri_emulator_get_tenant_id        (KanriEmulator  *self);
const char    *kanri_emulator_get_admin_upn        (KanriEmulator  *self);
const char    *kanri_emulator_get_access_token     (KanriEmulator  *self);
char          *kanri_emulator_dup_dns_zone         (KanriEmulator  *self);

gboolean       kanri_emulator_add_fault            (KanriEmulator  *self,
                                                    const char     *spec,
                                                    GError        **error);
void           kanri_emulator_clear_faults         (KanriEmulator  *self);
gboolean       kanri_emulator_set_role_assigned    (KanriEmulator  *self,
                                                    gboolean        assigned,
                                                    GError        **error);
gboolean       kanri_emulator_get_role_assigned    (KanriEmulator  *self);
void           kanri_emulator_revoke_access_tokens (KanriEmulator  *self);
gboolean       kanri_emulator_set_trace_clock      (KanriEmulator  *self,
                                                    gint64          unix_time,
                                                    GError        **error);
gboolean       kanri_emulator_deliver              (KanriEmulator  *self,
                                                    const char     *message_id,
                                                    const char     *sender,
                                                    const char     *recipient,
                                                    const char     *subject,
                                                    const char     *status,
                                                    gint64          received_unix_ms,
                                                    GError        **error);
guint          kanri_emulator_count_restored       (KanriEmulator  *self,
                                                    const char     *mailbox,
                                                    const char     *folder);

void           kanri_emulator_set_device_code_timing (KanriEmulator *self,
                                                    guint           interval,
                                                    guint           expires_in);
void           kanri_emulator_set_auto_approve     (KanriEmulator  *self,
                                                    gboolean        auto_approve);
const char    *kanri_emulator_get_pending_user_code (KanriEmulator *self);
gboolean       kanri_emulator_approve_device_code  (KanriEmulator  *self,
                                                    const char     *user_code);
gboolean       kanri_emulator_decline_device_code  (KanriEmulator  *self,
                                                    const char     *user_code);
gboolean       kanri_emulator_expire_device_code   (KanriEmulator  *self,
                                                    const char     *user_code);
void           kanri_emulator_set_slow_down        (KanriEmulator  *self,
                                                    guint           polls);

GPtrArray     *kanri_emulator_get_requests         (KanriEmulator  *self);
guint          kanri_emulator_count_applied        (KanriEmulator  *self,
                                                    const char     *cmdlet);
void           kanri_emulator_clear_requests       (KanriEmulator  *self);

G_END_DECLS
