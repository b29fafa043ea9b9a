/* kanri-cmdlet.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define KANRI_CMDLET_ERROR (kanri_cmdlet_error_quark ())

typedef enum
{
  KANRI_CMDLET_ERROR_SYNTAX,
  KANRI_CMDLET_ERROR_UNSUPPORTED,
  KANRI_CMDLET_ERROR_INVALID,
  KANRI_CMDLET_ERROR_TOO_LARGE,
} KanriCmdletError;

typedef enum
{
  KANRI_CMDLET_VALUE_STRING,
  KANRI_CMDLET_VALUE_STRING_LIST,
  KANRI_CMDLET_VALUE_BOOL,
  KANRI_CMDLET_VALUE_SWITCH,
  KANRI_CMDLET_VALUE_INT,
  KANRI_CMDLET_VALUE_TIME_SPAN,
  KANRI_CMDLET_VALUE_HASHTABLE,
  KANRI_CMDLET_VALUE_NULL,
} KanriCmdletValueType;

#define KANRI_TYPE_CMDLET (kanri_cmdlet_get_type ())

G_DECLARE_FINAL_TYPE (KanriCmdlet, kanri_cmdlet, KANRI, CMDLET, GObject)

GQuark                kanri_cmdlet_error_quark            (void);

KanriCmdlet          *kanri_cmdlet_new                    (const char         *name);
KanriCmdlet          *kanri_cmdlet_parse                  (const char         *line,
                                                           GError            **error);
KanriCmdlet          *kanri_cmdlet_parse_argv             (const char         *name,
                                                           const char *const  *args,
                                                           GError            **error);
KanriCmdlet          *kanri_cmdlet_new_from_json          (const char         *name,
                                                           const char         *parameters_json,
                                                           GError            **error);
KanriCmdlet          *kanri_cmdlet_copy                   (KanriCmdlet        *self);

const char           *kanri_cmdlet_get_name               (KanriCmdlet        *self);
gboolean              kanri_cmdlet_is_read_only           (KanriCmdlet        *self);
guint                 kanri_cmdlet_get_n_parameters       (KanriCmdlet        *self);
const char           *kanri_cmdlet_get_parameter_name     (KanriCmdlet        *self,
                                                           guint               position);
gboolean              kanri_cmdlet_has_parameter          (KanriCmdlet        *self,
                                                           const char         *parameter);
KanriCmdletValueType  kanri_cmdlet_get_value_type         (KanriCmdlet        *self,
                                                           const char         *parameter);
const char           *kanri_cmdlet_get_string             (KanriCmdlet        *self,
                                                           const char         *parameter);
const char *const    *kanri_cmdlet_get_string_list        (KanriCmdlet        *self,
                                                           const char         *parameter);
gboolean              kanri_cmdlet_get_bool               (KanriCmdlet        *self,
                                                           const char         *parameter);
gint64                kanri_cmdlet_get_int                (KanriCmdlet        *self,
                                                           const char         *parameter);
GTimeSpan             kanri_cmdlet_get_time_span          (KanriCmdlet        *self,
                                                           const char         *parameter);
const char *const    *kanri_cmdlet_get_hashtable_add      (KanriCmdlet        *self,
                                                           const char         *parameter);
const char *const    *kanri_cmdlet_get_hashtable_remove   (KanriCmdlet        *self,
                                                           const char         *parameter);

void                  kanri_cmdlet_set_string             (KanriCmdlet        *self,
                                                           const char         *parameter,
                                                           const char         *value);
void                  kanri_cmdlet_set_string_list        (KanriCmdlet        *self,
                                                           const char         *parameter,
                                                           const char *const  *values);
void                  kanri_cmdlet_set_bool               (KanriCmdlet        *self,
                                                           const char         *parameter,
                                                           gboolean            value);
void                  kanri_cmdlet_set_switch             (KanriCmdlet        *self,
                                                           const char         *parameter,
                                                           gboolean            value);
void                  kanri_cmdlet_set_int                (KanriCmdlet        *self,
                                                           const char         *parameter,
                                                           gint64              value);
void                  kanri_cmdlet_set_time_span          (KanriCmdlet        *self,
                                                           const char         *parameter,
                                                           GTimeSpan           value);
void                  kanri_cmdlet_set_hashtable          (KanriCmdlet        *self,
                                                           const char         *parameter,
                                                           const char *const  *add,
                                                           const char *const  *remove);
void                  kanri_cmdlet_set_null               (KanriCmdlet        *self,
                                                           const char         *parameter);
gboolean              kanri_cmdlet_remove                 (KanriCmdlet        *self,
                                                           const char         *parameter);

JsonNode             *kanri_cmdlet_build_body             (KanriCmdlet        *self);
char                 *kanri_cmdlet_to_body                (KanriCmdlet        *self);
char                 *kanri_cmdlet_to_powershell          (KanriCmdlet        *self);
char                 *kanri_cmdlet_to_json                (KanriCmdlet        *self);
gboolean              kanri_cmdlet_equal                  (KanriCmdlet        *a,
                                                           KanriCmdlet        *b);

char                 *kanri_time_span_to_string           (GTimeSpan           span);
gboolean              kanri_time_span_parse               (const char         *text,
                                                           GTimeSpan          *span);

G_END_DECLS
