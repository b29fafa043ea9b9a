/* kanri-ip-classifier.h
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "kanri-ip.h"

G_BEGIN_DECLS

#define KANRI_IP_CLASSIFIER_ERROR (kanri_ip_classifier_error_quark ())

typedef enum
{
  KANRI_IP_CLASSIFIER_ERROR_INVALID,
} KanriIpClassifierError;

/* What an address is, as far as mail routing is concerned. The order is the
 * order of the checks: the first that matches wins. */
typedef enum
{
  KANRI_IP_CLASS_PUBLIC,
  KANRI_IP_CLASS_CLIENT_SUBMITTED,
  KANRI_IP_CLASS_LOOPBACK,
  KANRI_IP_CLASS_PRIVATE,
  KANRI_IP_CLASS_CGNAT,
  KANRI_IP_CLASS_LINK_LOCAL,
  KANRI_IP_CLASS_UNIQUE_LOCAL,
  KANRI_IP_CLASS_DOCUMENTATION,
  KANRI_IP_CLASS_RESERVED,
  KANRI_IP_CLASS_RELAY_POOL,
  KANRI_IP_CLASS_EOP_OUTBOUND,
  KANRI_IP_CLASS_MICROSOFT_365,
  KANRI_IP_CLASS_MICROSOFT,
} KanriIpClass;

#define KANRI_TYPE_IP_CLASSIFIER (kanri_ip_classifier_get_type ())

G_DECLARE_FINAL_TYPE (KanriIpClassifier, kanri_ip_classifier, KANRI, IP_CLASSIFIER, GObject)

GQuark              kanri_ip_classifier_error_quark   (void);
KanriIpClassifier  *kanri_ip_classifier_get_default   (void);
KanriIpClassifier  *kanri_ip_classifier_new_from_file (const char          *path,
                                                       GError             **error);
KanriIpClassifier  *kanri_ip_classifier_new_from_data (const char          *json,
                                                       gssize               length,
                                                       GError             **error);
KanriIpClassifier  *kanri_ip_classifier_new_from_ranges (const KanriIpRange *ranges,
                                                         gsize               n_ranges,
                                                         const char         *date,
                                                         const char         *source);
KanriIpClass        kanri_ip_classifier_classify      (KanriIpClassifier   *self,
                                                       const KanriIp       *ip);
const char         *kanri_ip_classifier_get_date      (KanriIpClassifier   *self);
const char         *kanri_ip_classifier_get_source    (KanriIpClassifier   *self);
const KanriIpRange *kanri_ip_classifier_get_eop_ranges (KanriIpClassifier  *self,
                                                        gsize              *n_ranges);
const KanriIpRange *kanri_ip_classifier_get_relay_pool (void);

const char         *kanri_ip_class_to_string          (KanriIpClass         klass);
gboolean            kanri_ip_class_from_string        (const char          *id,
                                                       KanriIpClass        *klass);
const char         *kanri_ip_class_get_label          (KanriIpClass         klass);
const char         *kanri_ip_class_get_description    (KanriIpClass         klass);
gboolean            kanri_ip_class_is_internal        (KanriIpClass         klass);

G_END_DECLS
