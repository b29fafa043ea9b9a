/* kanri-auth-results.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "kanri-arena.h"

G_BEGIN_DECLS

#define KANRI_AUTH_RESULTS_ERROR (kanri_auth_results_error_quark ())

typedef enum
{
  KANRI_AUTH_RESULTS_ERROR_INVALID,
} KanriAuthResultsError;

/* A "ptype.property=value" or other "name=value" of a result; names are in
 * lower case ("smtp.mailfrom", "header.d", "action"). */
typedef struct
{
  char *name;
  char *value;
} KanriAuthProperty;

/* One "method=result" (RFC 8601 §2.2). @method and @result are in lower
 * case, @reason and @comment as written (comments joined by spaces). */
typedef struct
{
  char      *method;
  char      *result;
  char      *reason;
  char      *comment;
  GPtrArray *properties;
} KanriAuthResult;

/* An Authentication-Results or ARC-Authentication-Results field. @instance
 * is the ARC "i=" tag (0 when absent); @authserv_id is %NULL when the field
 * has none, as Exchange Online writes it. An empty @results means "none". */
/* The results, their properties and all their strings live in @arena. */
typedef struct
{
  guint       instance;
  char       *authserv_id;
  GPtrArray  *results;
  KanriArena  arena;
} KanriAuthResults;

/* A Received-SPF field (RFC 7208 §9.1). Its properties and all its
 * strings live in @arena. */
typedef struct
{
  char       *result;
  char       *comment;
  GPtrArray  *properties;
  KanriArena  arena;
} KanriReceivedSpf;

GQuark                 kanri_auth_results_error_quark (void);

KanriAuthResults      *kanri_auth_results_parse       (const char             *value,
                                                       gssize                  length,
                                                       GError                **error);
void                   kanri_auth_results_free        (KanriAuthResults       *results);
const KanriAuthResult *kanri_auth_results_find        (const KanriAuthResults *results,
                                                       const char             *method);
const char            *kanri_auth_result_get          (const KanriAuthResult  *result,
                                                       const char             *property);

KanriReceivedSpf      *kanri_received_spf_parse       (const char             *value,
                                                       gssize                  length,
                                                       GError                **error);
void                   kanri_received_spf_free        (KanriReceivedSpf       *spf);
const char            *kanri_received_spf_get         (const KanriReceivedSpf *spf,
                                                       const char             *property);

const char            *kanri_auth_explain_result      (const char             *method,
                                                       const char             *result);
const char            *kanri_auth_explain_compauth_reason (const char         *reason);
const char            *kanri_auth_explain_dmarc_action (const char            *action);
const char            *kanri_auth_explain_auth_as     (const char             *auth_as);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KanriAuthResults, kanri_auth_results_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KanriReceivedSpf, kanri_received_spf_free)

G_END_DECLS
