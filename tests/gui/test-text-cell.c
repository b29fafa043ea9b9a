/* test-text-cell.c
 *
 * Copyright 2026 The Kanri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "kanri-test-gui.h"
#include "kanri-text-cell.h"

/* A parent that counts how often it is measured: a child's queued resize
 * reaches it, a queued redraw does not. */
#define TEST_TYPE_COUNTING_BIN (test_counting_bin_get_type ())
G_DECLARE_FINAL_TYPE (TestCountingBin, test_counting_bin, TEST, COUNTING_BIN, GtkWidget)

struct _TestCountingBin
{
  GtkWidget parent_instance;
  guint     measured;
};

G_DEFINE_FINAL_TYPE (TestCountingBin, test_counting_bin, GTK_TYPE_WIDGET)

static void
test_counting_bin_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  TEST_COUNTING_BIN (widget)->measured++;
  gtk_widget_measure (gtk_widget_get_first_child (widget), orientation, for_size,
                      minimum, natural, NULL, NULL);
}

static void
test_counting_bin_size_allocate (GtkWidget *widget,
                                 int        width,
                                 int        height,
                                 int        baseline)
{
  gtk_widget_allocate (gtk_widget_get_first_child (widget), width, height, -1, NULL);
}

static void
test_counting_bin_dispose (GObject *object)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))))
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (test_counting_bin_parent_class)->dispose (object);
}

static void
test_counting_bin_class_init (TestCountingBinClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = test_counting_bin_dispose;
  GTK_WIDGET_CLASS (klass)->measure = test_counting_bin_measure;
  GTK_WIDGET_CLASS (klass)->size_allocate = test_counting_bin_size_allocate;
}

static void
test_counting_bin_init (TestCountingBin *self)
{
}

static int
measure (GtkWidget      *widget,
         GtkOrientation  orientation)
{
  int minimum = -1, natural = -1;

  gtk_widget_measure (widget, orientation, -1, &minimum, &natural, NULL, NULL);
  g_assert_cmpint (minimum, ==, natural);

  return natural;
}

/* Its size is one line of its font, whatever the text. */
static void
test_size_does_not_follow_text (void)
{
  GtkWidget *cell = g_object_ref_sink (kanri_text_cell_new ());
  static const char *const texts[] = {
    NULL, "", "Adele Vance",
    "MailItemsAccessed missing, Send missing, MessageBind (deprecated), Customised logon types",
    "利用者 000123, 営業部", "two\nlines",
  };
  int height = measure (cell, GTK_ORIENTATION_VERTICAL);

  g_assert_cmpint (height, >, 0);
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      kanri_text_cell_set_text (KANRI_TEXT_CELL (cell), texts[i]);
      g_assert_cmpstr (kanri_text_cell_get_text (KANRI_TEXT_CELL (cell)), ==, texts[i] ? texts[i] : "");
      g_assert_cmpint (measure (cell, GTK_ORIENTATION_VERTICAL), ==, height);
      g_assert_cmpint (measure (cell, GTK_ORIENTATION_HORIZONTAL), ==, 0);
    }

  g_object_unref (cell);
}

static void
notify_cb (GObject    *object,
           GParamSpec *pspec,
           guint      *notified)
{
  (*notified)++;
}

/* The text is a property, and what a screen reader reads. */
static void
test_text_property_and_accessible_label (void)
{
  GtkWidget *cell = g_object_ref_sink (kanri_text_cell_new ());
  g_autofree char *text = NULL;
  guint notified = 0;

  g_assert_true (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (cell)) == GTK_ACCESSIBLE_ROLE_LABEL);
  g_assert_cmpstr (gtk_widget_get_css_name (cell), ==, "label");

  g_signal_connect (cell, "notify::text", G_CALLBACK (notify_cb), &notified);
  g_object_set (cell, "text", "user01@contoso.com", NULL);
  g_object_get (cell, "text", &text, NULL);
  g_assert_cmpstr (text, ==, "user01@contoso.com");
  g_assert_cmpuint (notified, ==, 1);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (cell), GTK_ACCESSIBLE_PROPERTY_LABEL, "user01@contoso.com");

  /* The same text again changes nothing. */
  kanri_text_cell_set_text (KANRI_TEXT_CELL (cell), "user01@contoso.com");
  g_assert_cmpuint (notified, ==, 1);

  g_object_unref (cell);
}

static guint
drawn_pixels (GtkWidget *widget,
              int        from_x)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree guchar *pixels = NULL;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  guint drawn = 0;

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  if (node == NULL)
    return 0;

  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  pixels = g_malloc (width * height * 4);
  gdk_texture_download (texture, pixels, width * 4);
  for (int y = 0; y < height; y++)
    for (int x = from_x; x < width; x++)
      drawn += pixels[(y * width + x) * 4 + 3] != 0;

  return drawn;
}

static gboolean
has_size (gpointer data)
{
  return gtk_widget_get_width (data) > 0;
}

/* A new text is drawn without measuring anything again: the table around
 * a cell does not lay out its rows for it. */
static void
test_new_text_redraws_without_resizing (void)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  TestCountingBin *bin = g_object_new (TEST_TYPE_COUNTING_BIN, NULL);
  GtkWidget *cell = kanri_text_cell_new ();
  guint before;

  gtk_widget_set_parent (cell, GTK_WIDGET (bin));
  gtk_window_set_child (window, GTK_WIDGET (bin));
  gtk_window_set_default_size (window, 300, 40);
  gtk_window_present (window);
  g_assert_true (kanri_test_wait_for (has_size, cell, 5000));
  kanri_test_iterate (100);
  g_assert_cmpuint (drawn_pixels (cell, 0), ==, 0);

  before = bin->measured;
  kanri_text_cell_set_text (KANRI_TEXT_CELL (cell), "山田 太郎 (Taro Yamada)");
  kanri_test_iterate (100);
  g_assert_cmpuint (bin->measured, ==, before);
  g_assert_cmpuint (drawn_pixels (cell, 0), >, 0);

  gtk_window_destroy (window);
}

/* A text longer than the cell ends in an ellipsis inside it. */
static void
test_long_text_stays_inside (void)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *cell = kanri_text_cell_new ();
  GtkWidget *after = kanri_text_cell_new ();

  gtk_widget_set_size_request (cell, 60, -1);
  gtk_widget_set_hexpand (after, TRUE);
  gtk_box_append (GTK_BOX (box), cell);
  gtk_box_append (GTK_BOX (box), after);
  gtk_window_set_child (window, box);
  gtk_window_set_default_size (window, 400, 40);
  kanri_text_cell_set_text (KANRI_TEXT_CELL (cell),
                            "MailItemsAccessed missing, Send missing, Customised logon types");
  gtk_window_present (window);
  g_assert_true (kanri_test_wait_for (has_size, after, 5000));
  kanri_test_iterate (100);

  g_assert_cmpint (gtk_widget_get_width (cell), ==, 60);
  g_assert_cmpuint (drawn_pixels (cell, 0), >, 0);
  /* Nothing of it in the neighbour's place. */
  g_assert_cmpuint (drawn_pixels (box, 60), ==, 0);

  gtk_window_destroy (window);
}

static void
cut_cb (KanriTextCell *cell,
        int            missing,
        int           *last)
{
  *last = missing;
}

/* Shortened, it says how much more it needs, for its table to widen the
 * column; given that, it is whole. */
static void
test_cut_says_what_it_misses (void)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *cell = kanri_text_cell_new ();
  GtkWidget *after = kanri_text_cell_new ();
  int missing = 0;

  gtk_widget_set_size_request (cell, 60, -1);
  gtk_widget_set_hexpand (after, TRUE);
  gtk_box_append (GTK_BOX (box), cell);
  gtk_box_append (GTK_BOX (box), after);
  gtk_window_set_child (window, box);
  gtk_window_set_default_size (window, 600, 40);
  g_signal_connect (cell, "cut", G_CALLBACK (cut_cb), &missing);
  kanri_text_cell_set_text (KANRI_TEXT_CELL (cell), "MailItemsAccessed missing, Send missing");
  gtk_window_present (window);
  g_assert_true (kanri_test_wait_for (has_size, after, 5000));
  g_assert_true (kanri_test_wait_frames (GTK_WIDGET (window), 2));

  g_assert_true (kanri_text_cell_get_cut (KANRI_TEXT_CELL (cell)));
  g_assert_cmpint (missing, >, 60);

  gtk_widget_set_size_request (cell, 60 + missing, -1);
  missing = 0;
  g_assert_true (kanri_test_wait_frames (GTK_WIDGET (window), 3));
  g_assert_false (kanri_text_cell_get_cut (KANRI_TEXT_CELL (cell)));
  g_assert_cmpint (missing, ==, 0);

  gtk_window_destroy (window);
}

int
main (int   argc,
      char *argv[])
{
  kanri_test_gui_init (&argc, &argv);

  g_test_add_func ("/text-cell/size-does-not-follow-text", test_size_does_not_follow_text);
  g_test_add_func ("/text-cell/text-and-accessible-label", test_text_property_and_accessible_label);
  g_test_add_func ("/text-cell/redraws-without-resizing", test_new_text_redraws_without_resizing);
  g_test_add_func ("/text-cell/long-text-stays-inside", test_long_text_stays_inside);
  g_test_add_func ("/text-cell/cut-says-what-it-misses", test_cut_says_what_it_misses);

  return g_test_run ();
}
