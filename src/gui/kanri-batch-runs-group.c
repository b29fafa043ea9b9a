/* kanri-batch-runs-group.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kanri-batch-runs-group"

#include "config.h"

#include <glib/gi18n.h>

#include "kanri-batch-runs-group.h"
#include "kanri-batch-summary.h"

/* The batch analyses kept in the local model, newest first, on the Header
 * Analyzer's start page: a run of 100,000 messages opens again at once
 * (its rows are in SQLite), without reading its files again. Hidden when
 * there is none. */

#define RUNS_SHOWN 10

struct _KanriBatchRunsGroup
{
  AdwPreferencesGroup  parent_instance;

  KanriStore          *store;
  GtkListBox          *list;
  guint                n_runs;
};

G_DEFINE_FINAL_TYPE (KanriBatchRunsGroup, kanri_batch_runs_group, ADW_TYPE_PREFERENCES_GROUP)

enum {
  SIGNAL_OPEN_RUN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static char *
describe_run (const KanriBatchRun *run)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (run->started);
  g_autoptr(GDateTime) local = utc != NULL ? g_date_time_to_local (utc) : NULL;
  g_autofree char *when = local != NULL ? g_date_time_format (local, "%Y-%m-%d %H:%M") : g_strdup ("—");
  g_autofree char *count = g_strdup_printf ("%'" G_GUINT64_FORMAT, run->messages);
  g_autofree char *messages = g_strdup_printf (ngettext ("%s message", "%s messages", run->messages), count);

  if (run->cancelled)
    /* Translators: a batch analysis kept: when it ran, how many messages */
    return g_strdup_printf (_("%s · %s · cancelled"), when, messages);
  return g_strdup_printf ("%s · %s", when, messages);
}

static char *
run_title (const KanriBatchRun *run)
{
  guint n = g_strv_length (run->paths);
  g_autofree char *first = n > 0 ? g_path_get_basename (run->paths[0]) : g_strdup ("");

  if (n <= 1)
    return g_steal_pointer (&first);

  /* Translators: a batch analysis of several files and folders: the first
   * one's name and how many others */
  return g_strdup_printf (ngettext ("%s and %u other", "%s and %u others", n - 1), first, n - 1);
}

static void
row_activated_cb (KanriBatchRunsGroup *self,
                  GtkListBoxRow       *row)
{
  const gint64 *id = g_object_get_data (G_OBJECT (row), "kanri-run-id");

  if (id != NULL)
    g_signal_emit (self, signals[SIGNAL_OPEN_RUN], 0, *id);
}

/**
 * kanri_batch_runs_group_update:
 *
 * Reads the runs again (one started, ended or was removed).
 */
void
kanri_batch_runs_group_update (KanriBatchRunsGroup *self)
{
  g_autoptr(GPtrArray) runs = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *child;

  g_return_if_fail (KANRI_IS_BATCH_RUNS_GROUP (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);

  if (self->store != NULL)
    runs = kanri_batch_run_list (self->store, RUNS_SHOWN, &error);
  if (error != NULL)
    g_warning ("Could not list the batch analyses: %s", error->message);

  self->n_runs = runs != NULL ? runs->len : 0;
  for (guint i = 0; i < self->n_runs; i++)
    {
      const KanriBatchRun *run = runs->pdata[i];
      g_autofree char *title = run_title (run);
      g_autofree char *subtitle = describe_run (run);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_widget_set_tooltip_text (row, run->paths[0]);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      g_object_set_data_full (G_OBJECT (row), "kanri-run-id", g_memdup2 (&run->id, sizeof run->id), g_free);
      gtk_list_box_append (self->list, row);
    }

  gtk_widget_set_visible (GTK_WIDGET (self), self->n_runs > 0);
}

static void
kanri_batch_runs_group_dispose (GObject *object)
{
  KanriBatchRunsGroup *self = KANRI_BATCH_RUNS_GROUP (object);

  g_clear_object (&self->store);

  G_OBJECT_CLASS (kanri_batch_runs_group_parent_class)->dispose (object);
}

static void
kanri_batch_runs_group_class_init (KanriBatchRunsGroupClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = kanri_batch_runs_group_dispose;

  /**
   * KanriBatchRunsGroup::open-run:
   * @run_id: the run's id in the local model
   */
  signals[SIGNAL_OPEN_RUN] =
    g_signal_new ("open-run", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);
}

static void
kanri_batch_runs_group_init (KanriBatchRunsGroup *self)
{
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self), _("Batch Analyses"));
  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Batch Analyses"), -1);
  g_signal_connect_object (self->list, "row-activated", G_CALLBACK (row_activated_cb), self,
                           G_CONNECT_SWAPPED);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), GTK_WIDGET (self->list));
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

GtkWidget *
kanri_batch_runs_group_new (void)
{
  return g_object_new (KANRI_TYPE_BATCH_RUNS_GROUP, NULL);
}

void
kanri_batch_runs_group_set_store (KanriBatchRunsGroup *self,
                                  KanriStore          *store)
{
  g_return_if_fail (KANRI_IS_BATCH_RUNS_GROUP (self));

  g_set_object (&self->store, store);
  kanri_batch_runs_group_update (self);
}

guint
kanri_batch_runs_group_get_n_runs (KanriBatchRunsGroup *self)
{
  g_return_val_if_fail (KANRI_IS_BATCH_RUNS_GROUP (self), 0);
  return self->n_runs;
}
