/* kanri-signature-check-json.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-signature-check-json"

#include "config.h"

#include "kanri-signature-check.h"

/* The "signatures" member of `kanri-cli analyze --json`, also each file's
 * object in `kanri-cli verify --json`: {"status", "message", "dkim": [one
 * object per signature, top first], "unverified", "arc"}. The members are
 * always there with the same types; "dkim" is empty and "arc" null when the
 * status is not "verified", and "message" says why. */

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_count (JsonBuilder *builder,
           const char  *name,
           gboolean     present,
           guint64      value)
{
  json_builder_set_member_name (builder, name);
  if (present)
    json_builder_add_int_value (builder, (gint64)MIN (value, (guint64)G_MAXINT64));
  else
    json_builder_add_null_value (builder);
}

static const char *
body_hash_to_string (KanriDkimBodyHash body_hash)
{
  switch (body_hash)
    {
    case KANRI_DKIM_BODY_HASH_MATCH:
      return "match";
    case KANRI_DKIM_BODY_HASH_MISMATCH:
      return "mismatch";
    case KANRI_DKIM_BODY_HASH_UNCHECKED:
    default:
      return NULL;
    }
}

static void
add_verdict (JsonBuilder            *builder,
             const KanriDkimVerdict *verdict)
{
  g_autofree char *message = kanri_dkim_verdict_describe (verdict);

  json_builder_begin_object (builder);
  add_string (builder, "domain", verdict->domain);
  add_string (builder, "selector", verdict->selector);
  add_string (builder, "algorithm", verdict->algorithm);
  add_string (builder, "identity", verdict->identity);
  add_string (builder, "result", kanri_dkim_result_to_string (verdict->result));
  add_string (builder, "reason", kanri_dkim_reason_to_string (verdict->reason));
  add_string (builder, "message", message);
  add_string (builder, "detail", verdict->detail);
  add_count (builder, "key_bits", verdict->key_bits > 0, verdict->key_bits);
  json_builder_set_member_name (builder, "testing");
  json_builder_add_boolean_value (builder, verdict->testing);
  add_string (builder, "body_hash", body_hash_to_string (verdict->body_hash));
  json_builder_set_member_name (builder, "changed");
  json_builder_begin_array (builder);
  if (verdict->body_hash == KANRI_DKIM_BODY_HASH_MISMATCH)
    json_builder_add_string_value (builder, "body");
  if (verdict->headers_changed)
    json_builder_add_string_value (builder, "headers");
  json_builder_end_array (builder);
  add_count (builder, "signed_length", verdict->signed_length != KANRI_DKIM_NO_LIMIT, verdict->signed_length);
  add_count (builder, "appended", TRUE, verdict->appended);
  json_builder_end_object (builder);
}

static void
add_set (JsonBuilder       *builder,
         const KanriArcSet *set)
{
  const KanriDkimVerdict *ams = set->message_signature;

  json_builder_begin_object (builder);
  add_count (builder, "instance", TRUE, set->instance);
  add_string (builder, "domain", set->domain);
  add_string (builder, "selector", set->selector);
  add_string (builder, "cv", set->cv);
  add_string (builder, "seal", set->seal != KANRI_DKIM_RESULT_NONE ? kanri_dkim_result_to_string (set->seal) : NULL);
  add_string (builder, "seal_reason", kanri_dkim_reason_to_string (set->seal_reason));
  add_string (builder, "message_signature", kanri_dkim_result_to_string (ams->result));
  add_string (builder, "message_signature_reason", kanri_dkim_reason_to_string (ams->reason));
  add_string (builder, "body_hash", body_hash_to_string (ams->body_hash));
  json_builder_end_object (builder);
}

static void
add_arc (JsonBuilder           *builder,
         const KanriArcVerdict *arc)
{
  json_builder_begin_object (builder);
  add_string (builder, "result", kanri_arc_result_to_string (arc->result));
  add_count (builder, "sets", TRUE, arc->sets->len);
  add_count (builder, "failed_instance", arc->failed_instance > 0, arc->failed_instance);
  add_string (builder, "reason", kanri_arc_reason_to_string (arc->reason));
  add_string (builder, "message", kanri_arc_reason_explain (arc->reason));
  add_string (builder, "detail", arc->detail);
  json_builder_set_member_name (builder, "instances");
  json_builder_begin_array (builder);
  for (guint i = 0; i < arc->sets->len; i++)
    add_set (builder, g_ptr_array_index (arc->sets, i));
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

/**
 * kanri_signature_check_to_json:
 *
 * Returns: (transfer full): the "signatures" member of a report, and one
 *   file's object in `kanri-cli verify --json`
 */
JsonNode *
kanri_signature_check_to_json (const KanriSignatureCheck *check)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  gboolean verified = check->status == KANRI_SIGNATURES_VERIFIED;

  json_builder_begin_object (builder);
  add_string (builder, "status", kanri_signature_status_to_string (check->status));
  add_string (builder, "message", check->message);

  json_builder_set_member_name (builder, "dkim");
  json_builder_begin_array (builder);
  for (guint i = 0; verified && i < check->signatures->len; i++)
    add_verdict (builder, g_ptr_array_index (check->signatures, i));
  json_builder_end_array (builder);
  add_count (builder, "unverified", TRUE, check->n_unverified);

  json_builder_set_member_name (builder, "arc");
  if (verified)
    add_arc (builder, check->arc);
  else
    json_builder_add_null_value (builder);

  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}
