/* kanri-trace-group.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-trace-group"

#include "config.h"

#include <glib/gi18n.h>

#include "kanri-hop-chart.h"
#include "kanri-powershell-label.h"
#include "kanri-spinner.h"
#include "kanri-trace-group.h"
#include "kanri-trace-item.h"

/* The Header Analyzer's "Message Trace" section: binds to a
 * KanriMessageTraceSession (the model runs the cmdlets and merges the
 * service's events with the hops) and only shows it. The trace runs when
 * the admin asks: it sends the message's Message-ID and addresses to the
 * tenant, and nothing of an analyzed message leaves the machine unasked. */
struct _KanriTraceGroup
{
  AdwPreferencesGroup       parent_instance;

  KanriMessageTraceSession *session;
  GCancellable             *cancellable;
  /* Why there is no report to trace (one opened from the history). */
  char                     *why_not;

  GtkWidget                *status_box;
  KanriSpinner             *spinner;
  GtkLabel                 *status_label;
  GtkListBox               *timeline_list;
  GtkLabel                 *powershell_label;
  GtkWidget                *copy_button;
};

G_DEFINE_FINAL_TYPE (KanriTraceGroup, kanri_trace_group, ADW_TYPE_PREFERENCES_GROUP)

static char *
format_local (GDateTime *time)
{
  g_autoptr(GDateTime) local = NULL;

  if (time == NULL)
    return NULL;
  local = g_date_time_to_local (time);
  return g_date_time_format (local, "%Y-%m-%d %H:%M:%S %Z");
}

/* What a row of the timeline says beneath its title: the time, the delay
 * since the entry before, and for a service event its action and detail,
 * one per line. */
static char *
describe_item (KanriTraceItem *item)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *time = format_local (kanri_trace_item_get_time (item));
  const char *action = kanri_trace_item_get_action (item);
  const char *detail = kanri_trace_item_get_detail (item);

  g_string_append (out, time != NULL ? time : _("No time"));
  if (kanri_trace_item_get_has_delay (item))
    {
      g_autofree char *delay = kanri_format_delay (kanri_trace_item_get_delay_seconds (item));

      /* Translators: after a time on the trace timeline, e.g. "2024-05-06 09:12:01 UTC, 3 s later" */
      g_string_append_printf (out, _(", %s later"), delay);
    }
  if (kanri_trace_item_get_skewed (item))
    {
      g_string_append_c (out, '\n');
      /* Translators: %s is a number of seconds, e.g. "2.5" */
      g_string_append_printf (out, _("Stamped %s s before the hop where Exchange Online received it: the clocks disagree."),
                              kanri_trace_item_get_skew_text (item));
    }
  if (action != NULL && *action != '\0')
    {
      g_string_append_c (out, '\n');
      /* Translators: a message trace event's action, e.g. "Action: MoveToJmf" */
      g_string_append_printf (out, _("Action: %s"), action);
    }
  if (detail != NULL && *detail != '\0')
    {
      g_string_append_c (out, '\n');
      g_string_append (out, detail);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  KanriTraceItem *entry = item;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *tag = gtk_label_new (NULL);
  g_autofree char *title = NULL;
  g_autofree char *subtitle = describe_item (entry);

  /* Server names and the service's texts are shown as they are. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (kanri_trace_item_get_is_hop (entry))
    {
      /* Translators: a hop on the trace timeline and the server that stamped it */
      title = g_strdup_printf (_("Hop %u: %s"), kanri_trace_item_get_hop_number (entry),
                               kanri_trace_item_get_title (entry));
      gtk_label_set_label (GTK_LABEL (tag), _("Received"));
      gtk_widget_add_css_class (tag, "dim-label");
    }
  else
    {
      title = g_strdup (kanri_trace_item_get_title (entry));
      gtk_label_set_label (GTK_LABEL (tag), _("Exchange Online"));
      gtk_widget_add_css_class (tag, "accent");
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_add_css_class (tag, "caption");
  gtk_widget_set_valign (tag, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), tag);
  if (kanri_trace_item_get_skewed (entry))
    gtk_widget_add_css_class (row, "warning");
  return row;
}

static void
update (KanriTraceGroup *self)
{
  KanriTraceState state = kanri_message_trace_session_get_state (self->session);
  KanriHeaderReport *report = kanri_message_trace_session_get_report (self->session);
  const char *status = kanri_message_trace_session_get_status (self->session);
  const char *powershell = kanri_message_trace_session_get_powershell (self->session);
  gboolean running = state == KANRI_TRACE_STATE_RUNNING;
  gboolean traced = state == KANRI_TRACE_STATE_DONE;

  if (report == NULL)
    status = self->why_not;
  else if (powershell == NULL)
    status = _("This message has no Message-ID, and no sender and recipient to trace it by.");

  gtk_widget_set_visible (self->status_box, status != NULL);
  gtk_label_set_label (self->status_label, status != NULL ? status : "");
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), running);
  kanri_spinner_set_spinning (self->spinner, running);
  gtk_widget_set_visible (GTK_WIDGET (self->timeline_list), traced);

  gtk_widget_set_visible (GTK_WIDGET (self->powershell_label), powershell != NULL);
  gtk_widget_set_visible (self->copy_button, powershell != NULL);
  if (powershell != NULL)
    kanri_powershell_label_set_text (self->powershell_label, powershell);

  /* Without a client the run says why at once; so it stays offered. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "trace.run", report != NULL && powershell != NULL && !running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "trace.copy-powershell", powershell != NULL);
}

static void
traced_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* The session's state says how it went; the group follows it. */
  if (!kanri_message_trace_session_trace_finish (KANRI_MESSAGE_TRACE_SESSION (object), result, &error))
    g_debug ("Message trace: %s", error->message);
}

static void
run_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  KanriTraceGroup *self = KANRI_TRACE_GROUP (widget);

  kanri_message_trace_session_trace_async (self->session, self->cancellable, traced_cb, NULL);
}

static void
copy_powershell_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  KanriTraceGroup *self = KANRI_TRACE_GROUP (widget);
  const char *powershell = kanri_message_trace_session_get_powershell (self->session);
  GtkWidget *overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);

  if (powershell == NULL)
    return;
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), powershell);
  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (_("PowerShell copied")));
}

/**
 * kanri_trace_group_get_session:
 *
 * Returns: (transfer none): the session the group shows; the page gives
 *   it its tenant
 */
KanriMessageTraceSession *
kanri_trace_group_get_session (KanriTraceGroup *self)
{
  g_return_val_if_fail (KANRI_IS_TRACE_GROUP (self), NULL);

  return self->session;
}

/**
 * kanri_trace_group_set_report:
 * @report: (nullable): the analyzed message
 * @why_not: (nullable): when @report is %NULL, why there is nothing to trace
 */
void
kanri_trace_group_set_report (KanriTraceGroup   *self,
                              KanriHeaderReport *report,
                              const char        *why_not)
{
  g_return_if_fail (KANRI_IS_TRACE_GROUP (self));

  g_free (self->why_not);
  self->why_not = g_strdup (why_not);
  kanri_message_trace_session_set_report (self->session, report);
  update (self);
}

static void
kanri_trace_group_dispose (GObject *object)
{
  KanriTraceGroup *self = (KanriTraceGroup *)object;

  g_cancellable_cancel (self->cancellable);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), KANRI_TYPE_TRACE_GROUP);
  g_clear_object (&self->session);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->why_not, g_free);

  G_OBJECT_CLASS (kanri_trace_group_parent_class)->dispose (object);
}

static void
kanri_trace_group_class_init (KanriTraceGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kanri_trace_group_dispose;

  g_type_ensure (KANRI_TYPE_SPINNER);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kanri/Kanri/kanri-trace-group.ui");
  gtk_widget_class_bind_template_child (widget_class, KanriTraceGroup, status_box);
  gtk_widget_class_bind_template_child (widget_class, KanriTraceGroup, spinner);
  gtk_widget_class_bind_template_child (widget_class, KanriTraceGroup, status_label);
  gtk_widget_class_bind_template_child (widget_class, KanriTraceGroup, timeline_list);
  gtk_widget_class_bind_template_child (widget_class, KanriTraceGroup, powershell_label);
  gtk_widget_class_bind_template_child (widget_class, KanriTraceGroup, copy_button);

  gtk_widget_class_install_action (widget_class, "trace.run", NULL, run_action);
  gtk_widget_class_install_action (widget_class, "trace.copy-powershell", NULL, copy_powershell_action);
}

static void
kanri_trace_group_init (KanriTraceGroup *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->session = kanri_message_trace_session_new (NULL);
  g_signal_connect_object (self->session, "notify::state", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::status", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::powershell", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  gtk_list_box_bind_model (self->timeline_list, kanri_message_trace_session_get_timeline (self->session),
                           create_row, NULL, NULL);
  update (self);
}
