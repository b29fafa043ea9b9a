/* kanri-emulator-private.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <sqlite3.h>

#include "kanri-emulator.h"

G_BEGIN_DECLS

/* The emulated tenant's database (kanri-emulator-state.c). */
typedef struct _EmuState EmuState;

EmuState   *emu_state_open               (const char   *path,
                                          GError      **error);
void        emu_state_free               (EmuState     *state);
sqlite3    *emu_state_db                 (EmuState     *state);
gboolean    emu_state_is_seeded          (EmuState     *state);
gboolean    emu_state_seed               (EmuState     *state,
                                          JsonNode     *seed,
                                          GError      **error);
gboolean    emu_state_generate_mailboxes (EmuState     *state,
                                          guint         count,
                                          GError      **error);
char       *emu_state_get_meta           (EmuState     *state,
                                          const char   *key);
gboolean    emu_state_set_meta           (EmuState     *state,
                                          const char   *key,
                                          const char   *value,
                                          GError      **error);
gboolean    emu_state_exec               (EmuState     *state,
                                          const char   *sql,
                                          GError      **error);
sqlite3_stmt *emu_state_prepare          (EmuState     *state,
                                          const char   *sql,
                                          GError      **error);
gboolean    emu_state_fail               (EmuState     *state,
                                          GError      **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EmuState, emu_state_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

/* An error the emulated service answers with: the shape of
 * PRODUCT.md "Exchange Online access — facts we checked". */
typedef struct
{
  guint  status;
  char  *code;
  char  *exception;
  char  *message;
} EmuError;

EmuError   *emu_error_new                (guint         status,
                                          const char   *code,
                                          const char   *exception,
                                          const char   *format,
                                          ...) G_GNUC_PRINTF (4, 5);
void        emu_error_free               (EmuError     *error);
char       *emu_error_to_json            (const EmuError *error);
EmuError   *emu_error_not_found          (const char   *identity);
EmuError   *emu_error_parameter          (const char   *format,
                                          ...) G_GNUC_PRINTF (1, 2);
EmuError   *emu_error_validation         (const char   *format,
                                          ...) G_GNUC_PRINTF (1, 2);
EmuError   *emu_error_from_gerror        (const GError *error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EmuError, emu_error_free)

/* The routing header (kanri-emulator-anchor.c). */
EmuError   *emu_anchor_check             (EmuState     *state,
                                          const char   *tenant_id,
                                          const char   *organization,
                                          const char   *anchor);

/* One InvokeCommand request being run (kanri-emulator-cmdlets.c). */
typedef struct
{
  EmuState   *state;
  const char *cmdlet;
  JsonObject *parameters;
  const char *caller;
  guint       offset;
  gint64      after;
  guint       page_size;
  gint64      role_delay;

  JsonArray  *values;
  GPtrArray  *warnings;
  gboolean    more;
  gint64      next_after;
  gboolean    applied;
} EmuInvocation;

gboolean    emu_cmdlet_run               (EmuInvocation *inv,
                                          EmuError     **error);

/* Parameter binding, shared by the cmdlets' files (kanri-emulator-cmdlets.c). */
typedef struct
{
  const char *name;
  gboolean    required;
} EmuParameterSpec;

gboolean    emu_param_string             (EmuInvocation *inv,
                                          const char    *name,
                                          char         **out,
                                          EmuError     **error);
GPtrArray  *emu_param_list               (EmuInvocation *inv,
                                          const char    *name,
                                          EmuError     **error);
EmuError   *emu_error_conversion         (const char    *parameter,
                                          JsonNode      *node,
                                          const char    *type);
gboolean    emu_parse_date               (const char    *text,
                                          gint64        *unix_time);
void        emu_add_value                (EmuInvocation *inv,
                                          JsonObject    *object);

/* Message trace (kanri-emulator-trace.c). */
extern const EmuParameterSpec emu_message_trace_parameters[];
extern const EmuParameterSpec emu_message_trace_detail_parameters[];

gboolean    emu_get_message_trace        (EmuInvocation *inv,
                                          EmuError     **error);
gboolean    emu_get_message_trace_detail (EmuInvocation *inv,
                                          EmuError     **error);
gint64      emu_trace_now                (EmuState      *state);
gboolean    emu_trace_seed               (EmuState      *state,
                                          JsonObject    *section,
                                          GError       **error);
gboolean    emu_trace_record             (EmuState      *state,
                                          const char    *message_id,
                                          const char    *sender,
                                          const char    *recipient,
                                          const char    *subject,
                                          const char    *status,
                                          const char    *from_ip,
                                          gint64         received_ms,
                                          JsonArray     *events,
                                          GError       **error);

/* Time spans as the service writes them (kanri-emulator-state.c). */
char       *emu_time_span_format         (gint64        seconds);
gboolean    emu_time_span_parse          (const char   *text,
                                          gint64       *seconds);
char       *emu_format_time              (gint64        unix_time);

/* Faults on demand (kanri-emulator-faults.c). */
typedef enum
{
  EMU_FAULT_NONE,
  EMU_FAULT_THROTTLE,
  EMU_FAULT_UNAVAILABLE,
  EMU_FAULT_GATEWAY_TIMEOUT,
  EMU_FAULT_SLOW,
  EMU_FAULT_DROP,
  EMU_FAULT_DROP_AFTER,
  EMU_FAULT_TRUNCATE,
  EMU_FAULT_MALFORMED,
  EMU_FAULT_RATE,
  EMU_FAULT_TRANSIENT,
  EMU_FAULT_GZIP_LIE,
  EMU_FAULT_UNAUTHORIZED,
  EMU_FAULT_ROLE_DELAY,
  EMU_FAULT_REDIRECT,
  EMU_FAULT_REFUSED,
} EmuFaultKind;

typedef struct _EmuFault EmuFault;

EmuFault   *emu_fault_parse              (const char   *spec,
                                          GError      **error);
void        emu_fault_free               (EmuFault     *fault);
EmuFaultKind emu_fault_get_kind          (EmuFault     *fault);
guint       emu_fault_get_value          (EmuFault     *fault);
const char *emu_fault_get_text           (EmuFault     *fault);
gboolean    emu_fault_matches            (EmuFault     *fault,
                                          const char   *cmdlet,
                                          gint64        now_us);
const char *emu_fault_get_spec           (EmuFault     *fault);
guint       emu_fault_rate_remaining     (EmuFault     *fault);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EmuFault, emu_fault_free)

/* Unsigned, JWT-shaped tokens (kanri-emulator-oauth.c). */
char       *emu_make_token               (const char   *tenant_id,
                                          const char   *upn,
                                          const char   *audience,
                                          gint64        expires_at);
gboolean    emu_handle_oauth             (KanriEmulator     *self,
                                          SoupServerMessage *message,
                                          const char        *path);

/* The audited actions on by default for a logon type ("Admin",
 * "Delegate", "Owner"), comma-separated (kanri-emulator-cmdlets.c). */
const char *emu_default_audit_actions    (const char   *logon_type);

/* Device codes handed out by the emulated identity platform. */
typedef enum
{
  EMU_CODE_PENDING,
  EMU_CODE_APPROVED,
  EMU_CODE_DECLINED,
  EMU_CODE_EXPIRED,
  EMU_CODE_USED,
} EmuCodeState;

typedef struct
{
  char         *user_code;
  char         *device_code;
  EmuCodeState  state;
  gint64        expires;
} EmuDeviceCode;

struct _KanriEmulator
{
  GObject      parent_instance;

  EmuState    *state;
  SoupServer  *server;
  char        *base_url;
  char        *tenant_id;
  char        *organization;
  char        *admin_upn;
  char        *access_token;
  GHashTable  *access_tokens;
  GHashTable  *refresh_tokens;
  GPtrArray   *faults;
  GPtrArray   *requests;
  GPtrArray   *device_codes;
  GPtrArray   *slow_replies;
  guint        device_interval;
  guint        device_expires_in;
  guint        slow_down;
  gboolean     auto_approve;
};

void        emu_log_request              (KanriEmulator *self,
                                          const char    *cmdlet,
                                          const char    *parameters,
                                          guint          status,
                                          gboolean       applied,
                                          const char    *fault);
void        emu_device_code_free         (EmuDeviceCode *code);

/* Helpers shared by the emulator's files. */
char       *emu_random_hex               (guint         n_bytes);
char       *emu_stable_guid              (const char   *seed);

G_END_DECLS
