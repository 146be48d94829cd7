// cairo (and fontconfig, which cairo loads), opened when a report first draws a map
// (store/shared_library.h). Only src/report/map_draw.cpp includes this.
#pragma once

#include <cairo-svg.h>
#include <cairo.h>
#include <fontconfig/fontconfig.h>

#include "store/shared_library.h"

namespace ntm::report {

#define NTM_CAIRO_FUNCTIONS(X)                                                                                         \
  X(cairo_close_path) X(cairo_create) X(cairo_debug_reset_static_data) X(cairo_destroy) X(cairo_fill)                  \
  X(cairo_fill_preserve) X(cairo_font_options_create) X(cairo_font_options_destroy) X(cairo_font_options_set_hint_metrics) X(cairo_font_options_set_hint_style) X(cairo_set_font_options) X(cairo_image_surface_create) X(cairo_image_surface_get_data)                                 \
  X(cairo_image_surface_get_stride) X(cairo_line_to) X(cairo_move_to) X(cairo_paint) X(cairo_rectangle) X(cairo_scale) \
  X(cairo_select_font_face) X(cairo_set_fill_rule) X(cairo_set_font_size) X(cairo_set_line_join)                      \
  X(cairo_set_line_width) X(cairo_set_source_rgb) X(cairo_show_text) X(cairo_status_to_string) X(cairo_stroke)        \
  X(cairo_surface_destroy) X(cairo_surface_finish) X(cairo_surface_flush) X(cairo_surface_status) X(cairo_translate)  \
  X(cairo_svg_surface_create_for_stream) X(cairo_svg_surface_restrict_to_version) X(cairo_text_extents)

#define NTM_FONTCONFIG_FUNCTIONS(X) X(FcFini)

NTM_LAZY_LIBRARY(Cairo, cairo, NTM_CAIRO_FUNCTIONS, "libcairo.so.2", "libcairo2")
NTM_LAZY_LIBRARY(Fontconfig, fontconfig, NTM_FONTCONFIG_FUNCTIONS, "libfontconfig.so.1", "libfontconfig1")

}  // namespace ntm::report
