// cairo (and fontconfig, which cairo loads) and libpng, opened when a report first draws a
// map (store/shared_library.h). Only src/report/map_draw.cpp and png.cpp include this.
#pragma once

#include <cairo-svg.h>
#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <png.h>

#include "store/shared_library.h"

namespace ntm::report {

#define NTM_CAIRO_FUNCTIONS(X)                                                                                         \
  X(cairo_close_path) X(cairo_create) X(cairo_debug_reset_static_data) X(cairo_destroy) X(cairo_fill)                  \
  X(cairo_fill_preserve) X(cairo_image_surface_create) X(cairo_image_surface_get_data)                                 \
  X(cairo_image_surface_get_stride) X(cairo_line_to) X(cairo_move_to) X(cairo_paint) X(cairo_rectangle) X(cairo_scale) \
  X(cairo_select_font_face) X(cairo_set_fill_rule) X(cairo_set_font_size) X(cairo_set_line_join)                      \
  X(cairo_set_line_width) X(cairo_set_source_rgb) X(cairo_show_text) X(cairo_status_to_string) X(cairo_stroke)        \
  X(cairo_surface_destroy) X(cairo_surface_finish) X(cairo_surface_flush) X(cairo_surface_status)                     \
  X(cairo_svg_surface_create_for_stream) X(cairo_svg_surface_restrict_to_version) X(cairo_text_extents)

#define NTM_FONTCONFIG_FUNCTIONS(X) X(FcFini)

#define NTM_LIBPNG_FUNCTIONS(X)                                                                                        \
  X(png_create_info_struct) X(png_create_write_struct) X(png_destroy_write_struct) X(png_error) X(png_get_io_ptr)       \
  X(png_set_bgr) X(png_set_compression_level) X(png_set_filler) X(png_set_filter) X(png_set_IHDR)                      \
  X(png_set_longjmp_fn) X(png_set_write_fn) X(png_write_end) X(png_write_info) X(png_write_row)

NTM_LAZY_LIBRARY(Cairo, cairo, NTM_CAIRO_FUNCTIONS, "libcairo.so.2", "libcairo2")
NTM_LAZY_LIBRARY(Fontconfig, fontconfig, NTM_FONTCONFIG_FUNCTIONS, "libfontconfig.so.1", "libfontconfig1")
NTM_LAZY_LIBRARY(LibPng, libpng, NTM_LIBPNG_FUNCTIONS, "libpng16.so.16", "libpng16-16")

}  // namespace ntm::report
