/* kanri-cmdlet-private.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "kanri-cmdlet.h"

G_BEGIN_DECLS

/* What the files of KanriCmdlet share: the value (kanri-cmdlet.c), its
 * InvokeCommand body (kanri-cmdlet-body.c), its PowerShell text
 * (kanri-cmdlet-powershell.c), the parser of pasted PowerShell
 * (kanri-cmdlet-parser.c) and the journal's JSON copy (kanri-cmdlet-json.c). */

typedef struct
{
  char                 *name;
  KanriCmdletValueType  type;
  char                 *string;
  GStrv                 list;
  GStrv                 add;
  GStrv                 remove;
  gboolean              boolean;
  gint64                integer;
  GTimeSpan             span;
} Parameter;

struct _KanriCmdlet
{
  GObject    parent_instance;

  char      *name;
  GPtrArray *parameters;
};

/* How the parameters Kanri sends are typed by the service, where the
 * PowerShell text alone does not say: a lone word given to a
 * MultiValuedProperty is still a list, a quoted "90.00:00:00" given to an
 * EnhancedTimeSpan is a time span, and object names stay strings even when
 * they look like numbers. Sources: the cmdlet reference pages
 * (Set-Mailbox, New-InboundConnector, Get-RecoverableItems,
 * Set-TransportConfig, Get-ManagementRoleAssignment, Get-MessageTraceV2,
 * Get-MessageTraceDetailV2). */
typedef enum
{
  KIND_ANY,
  KIND_NAME,
  KIND_LIST,
  KIND_TIME_SPAN,
} ParameterKind;

/* kanri-cmdlet.c */
Parameter     *_kanri_cmdlet_find_parameter          (KanriCmdlet        *self,
                                                      const char         *parameter);
ParameterKind  _kanri_cmdlet_kind_of                 (const char         *parameter);
gboolean       _kanri_cmdlet_is_identity             (const char         *parameter);
gboolean       _kanri_cmdlet_is_acceptable_identity  (const char *const  *values);
gboolean       _kanri_cmdlet_is_valid_cmdlet_name    (const char         *name);
gboolean       _kanri_cmdlet_is_valid_parameter_name (const char         *name);

/* kanri-cmdlet-body.c */
JsonNode      *_kanri_cmdlet_strv_node               (const char *const  *values);
JsonNode      *_kanri_cmdlet_parameter_body_node     (const Parameter    *param);

/* kanri-cmdlet-powershell.c: the quotes and dashes PowerShell takes */
gboolean       _kanri_cmdlet_is_dash                 (gunichar            c);
gboolean       _kanri_cmdlet_is_double_quote         (gunichar            c);
gboolean       _kanri_cmdlet_is_single_quote         (gunichar            c);

/* kanri-cmdlet-parser.c */
gboolean       _kanri_cmdlet_check_utf8              (const char         *text,
                                                      GError            **error);

G_END_DECLS
