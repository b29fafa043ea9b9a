/* kanri-connector-rules.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define KANRI_CONNECTOR_RULES_ERROR (kanri_connector_rules_error_quark ())

typedef enum
{
  KANRI_CONNECTOR_RULES_ERROR_EMPTY,
  KANRI_CONNECTOR_RULES_ERROR_INVALID,
  KANRI_CONNECTOR_RULES_ERROR_IPV6,
  KANRI_CONNECTOR_RULES_ERROR_RANGE,
  KANRI_CONNECTOR_RULES_ERROR_PREFIX,
  KANRI_CONNECTOR_RULES_ERROR_WILDCARD,
  KANRI_CONNECTOR_RULES_ERROR_MICROSOFT365,
  KANRI_CONNECTOR_RULES_ERROR_PRIVATE,
  KANRI_CONNECTOR_RULES_ERROR_TAKEN,
  KANRI_CONNECTOR_RULES_ERROR_TOO_LONG,
  KANRI_CONNECTOR_RULES_ERROR_TOO_MANY,
} KanriConnectorRulesError;

/* What a list of a connector holds: one parameter each. */
typedef enum
{
  KANRI_CONNECTOR_LIST_SENDER_IPS,     /* -SenderIPAddresses */
  KANRI_CONNECTOR_LIST_SENDER_DOMAINS, /* -SenderDomains */
  KANRI_CONNECTOR_LIST_SKIP_IPS,       /* -EFSkipIPs */
  KANRI_CONNECTOR_LIST_RECIPIENTS,     /* -EFUsers */
} KanriConnectorList;

/* How an accepted entry stands next to the others of its list. */
typedef enum
{
  KANRI_CONNECTOR_ENTRY_OK,
  KANRI_CONNECTOR_ENTRY_NOTE,
  KANRI_CONNECTOR_ENTRY_WARNING,
} KanriConnectorEntryLevel;

/**
 * KanriConnectorEntry:
 * @value: the entry as it is sent (trimmed, canonical address form,
 *   domains in lower case)
 * @level: whether something about it deserves a word
 * @note: (nullable): that word, translated
 */
typedef struct
{
  char                     *value;
  KanriConnectorEntryLevel  level;
  char                     *note;
} KanriConnectorEntry;

/* Limits of what Kanri accepts; the service's own limits are not
 * documented. */
#define KANRI_CONNECTOR_NAME_MAX      64
#define KANRI_CONNECTOR_COMMENT_MAX   1024
#define KANRI_CONNECTOR_LIST_MAX      1000

/* The date of the Microsoft 365 ranges Kanri refuses in -EFSkipIPs. */
#define KANRI_CONNECTOR_RULES_RANGES_DATE "2025-10-26"

GQuark      kanri_connector_rules_error_quark  (void);

gboolean    kanri_connector_check_name         (const char                *name,
                                                const char *const         *taken,
                                                char                     **trimmed,
                                                GError                   **error);
gboolean    kanri_connector_check_comment      (const char                *comment,
                                                char                     **trimmed,
                                                GError                   **error);
gboolean    kanri_connector_check_certificate  (const char                *name,
                                                char                     **normalized,
                                                GError                   **error);
gboolean    kanri_connector_check_entry        (KanriConnectorList         list,
                                                const char                *text,
                                                char                     **normalized,
                                                GError                   **error);
GPtrArray  *kanri_connector_check_list         (KanriConnectorList         list,
                                                const char *const         *entries,
                                                guint                     *n_merged,
                                                GError                   **error);
guint       kanri_connector_flag_shared        (KanriConnectorList         list,
                                                GPtrArray                 *checked,
                                                const char                *connector,
                                                const char *const         *addresses);
char      **kanri_connector_split_entries      (const char                *text);
gboolean    kanri_connector_entry_equal        (KanriConnectorList         list,
                                                const char                *a,
                                                const char                *b);
gboolean    kanri_connector_entries_cover      (const char *const         *entries,
                                                const char                *address);
char      **kanri_connector_split_stored       (const char                *joined);
char       *kanri_connector_address_space_domain (const char              *value);

void        kanri_connector_entry_free         (KanriConnectorEntry       *entry);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KanriConnectorEntry, kanri_connector_entry_free)

G_END_DECLS
