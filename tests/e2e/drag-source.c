/* drag-source.c — a test-only drag source for the e2e suite.
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gtk/gtk.h>
#include <stdio.h>

/* Usage: drag-source FILE…
 *
 * A small window at the top left of the screen, filled with a label that
 * offers FILE… as a file list (text/uri-list on X11) when dragged: another
 * process, as a file manager is, for a real drag and drop between
 * processes driven by xdotool. Prints "ready" when the window shows and
 * "dropped" when a drag ends in a drop, then quits, or "cancelled" when
 * one does not (and waits for another). */

static GdkFileList *files;
static gboolean     cancelled;
static gboolean     done;

static GdkContentProvider *
prepare_cb (GtkDragSource *source,
            double         x,
            double         y,
            gpointer       user_data)
{
  return gdk_content_provider_new_typed (GDK_TYPE_FILE_LIST, files);
}

static void
drag_end_cb (GtkDragSource *source,
             GdkDrag       *drag,
             gboolean       delete_data,
             gpointer       user_data)
{
  /* A cancelled drag may be tried again. */
  if (cancelled)
    {
      cancelled = FALSE;
      return;
    }
  printf ("dropped\n");
  fflush (stdout);
  done = TRUE;
}

static gboolean
drag_cancel_cb (GtkDragSource       *source,
                GdkDrag             *drag,
                GdkDragCancelReason  reason,
                gpointer             user_data)
{
  printf ("cancelled %d\n", reason);
  fflush (stdout);
  cancelled = TRUE;
  return FALSE;
}

static void
map_cb (GtkWidget *widget,
        gpointer   user_data)
{
  printf ("ready\n");
  fflush (stdout);
}

int
main (int   argc,
      char *argv[])
{
  GSList *list = NULL;
  GtkWidget *window;
  GtkWidget *label;
  GtkDragSource *source;

  gtk_init ();

  if (argc < 2)
    {
      fprintf (stderr, "usage: drag-source FILE…\n");
      return 2;
    }

  for (int i = argc - 1; i >= 1; i--)
    list = g_slist_prepend (list, g_file_new_for_commandline_arg (argv[i]));
  files = gdk_file_list_new_from_list (list);
  g_slist_free_full (list, g_object_unref);

  window = gtk_window_new ();
  gtk_window_set_title (GTK_WINDOW (window), "drag-source");
  gtk_window_set_decorated (GTK_WINDOW (window), FALSE);
  gtk_window_set_default_size (GTK_WINDOW (window), 160, 120);
  label = gtk_label_new ("Drag me");
  gtk_window_set_child (GTK_WINDOW (window), label);

  source = gtk_drag_source_new ();
  gtk_drag_source_set_actions (source, GDK_ACTION_COPY);
  g_signal_connect (source, "prepare", G_CALLBACK (prepare_cb), NULL);
  g_signal_connect (source, "drag-end", G_CALLBACK (drag_end_cb), NULL);
  g_signal_connect (source, "drag-cancel", G_CALLBACK (drag_cancel_cb), NULL);
  gtk_widget_add_controller (label, GTK_EVENT_CONTROLLER (source));
  g_signal_connect (window, "map", G_CALLBACK (map_cb), NULL);

  gtk_window_present (GTK_WINDOW (window));

  while (!done)
    g_main_context_iteration (NULL, TRUE);

  gtk_window_destroy (GTK_WINDOW (window));
  g_boxed_free (GDK_TYPE_FILE_LIST, files);

  return 0;
}
