// Choropleth maps with cairo: the same drawing goes to an SVG surface (HTML) and to an image
// surface written as PNG (Word). Text uses DejaVu Sans (Debian's fonts-dejavu-core), which
// has every Vietnamese letter.
#include "report/map_draw.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <memory>
#include <system_error>

#include "report/cairo_lib.h"   // cairo.h, and cairo's functions loaded on first use
#include "report/png.h"
#include "report/writer.h"
#include "report/xml.h"

namespace ntm::report {

namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr double kMargin = 6;
constexpr double kLegendRow = 15;
constexpr double kFontSize = 9.5;
constexpr const char* kFont = "DejaVu Sans";

struct Rgb {
  double r = 0.5, g = 0.5, b = 0.5;
};

Rgb parse_color(const std::string& hex) {
  Rgb c;
  if (hex.size() != 7 || hex[0] != '#') return c;
  auto part = [&](std::size_t i) { return std::stoi(hex.substr(i, 2), nullptr, 16) / 255.0; };
  try {
    c = {part(1), part(3), part(5)};
  } catch (const std::exception&) {
  }
  return c;
}

// The lon/lat box of every ring of every area.
struct Box {
  double x0 = std::numeric_limits<double>::max(), y0 = x0, x1 = -x0, y1 = -x0;
  bool empty() const { return x0 > x1; }
  void add(double x, double y) {
    x0 = std::min(x0, x); x1 = std::max(x1, x);
    y0 = std::min(y0, y); y1 = std::max(y1, y);
  }
};

Box bounds(const Map& m) {
  Box b;
  for (const MapArea& a : m.areas)
    for (const auto& ring : a.rings)
      for (const auto& [x, y] : ring) b.add(x, y);
  if (b.empty()) b = Box{102, 8, 110, 23.5};   // Vietnam, for a map with nothing to draw
  return b;
}

// Legend rows: one per class plus "no data" when an area has no class.
int legend_rows(const Map& m) {
  bool no_data = std::any_of(m.areas.begin(), m.areas.end(), [](const MapArea& a) { return a.klass < 0; });
  int items = static_cast<int>(m.legend.size()) + (no_data ? 1 : 0);
  return (items + 1) / 2;   // two columns
}

struct Frame {
  double width, map_h, height;
  double scale;   // points per degree of latitude
  double cos_lat;
  Box box;
  double ox, oy;  // offset of the map inside its box
};

Frame frame(const Map& m, double width) {
  Frame f;
  f.width = width;
  f.box = bounds(m);
  double mid = (f.box.y0 + f.box.y1) / 2;
  f.cos_lat = std::cos(mid * kPi / 180);
  double dx = std::max((f.box.x1 - f.box.x0) * f.cos_lat, 1e-6), dy = std::max(f.box.y1 - f.box.y0, 1e-6);
  double room_w = width - 2 * kMargin;
  double max_h = width * 1.25;
  f.scale = std::min(room_w / dx, max_h / dy);
  f.map_h = dy * f.scale + 2 * kMargin;
  f.ox = kMargin + (room_w - dx * f.scale) / 2;
  f.oy = kMargin;
  f.height = f.map_h + 8 + legend_rows(m) * kLegendRow + 4;
  return f;
}

void set_color(cairo_t* cr, const std::string& hex) {
  Rgb c = parse_color(hex);
  cairo().cairo_set_source_rgb(cr, c.r, c.g, c.b);
}

void path_rings(cairo_t* cr, const Frame& f, const std::vector<std::vector<std::pair<double, double>>>& rings) {
  for (const auto& ring : rings) {
    bool first = true;
    for (const auto& [lon, lat] : ring) {
      double x = f.ox + (lon - f.box.x0) * f.cos_lat * f.scale;
      double y = f.oy + (f.box.y1 - lat) * f.scale;
      if (first) cairo().cairo_move_to(cr, x, y);
      else cairo().cairo_line_to(cr, x, y);
      first = false;
    }
    cairo().cairo_close_path(cr);
  }
}

void text_at(cairo_t* cr, double x, double y, const std::string& s, double size, bool bold = false) {
  cairo().cairo_select_font_face(cr, kFont, CAIRO_FONT_SLANT_NORMAL, bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
  cairo().cairo_set_font_size(cr, size);
  cairo().cairo_move_to(cr, x, y);
  cairo().cairo_show_text(cr, clean_text(s).c_str());
}

// A scale bar of a round length (1, 2, 5 × 10ⁿ km) about a fifth of the map wide.
void scale_bar(cairo_t* cr, const Frame& f) {
  double km_per_pt = 111.32 / f.scale;   // along a parallel the cos factor is already in x
  double target = (f.width / 5) * km_per_pt;
  double p = std::pow(10.0, std::floor(std::log10(target)));
  double n = target / p;
  double km = (n >= 5 ? 5 : n >= 2 ? 2 : 1) * p;
  double len = km / km_per_pt;
  double x = kMargin + 4, y = f.map_h - kMargin - 6;
  cairo().cairo_set_source_rgb(cr, 0, 0, 0);
  cairo().cairo_set_line_width(cr, 1);
  cairo().cairo_rectangle(cr, x, y - 3, len / 2, 3);
  cairo().cairo_fill(cr);
  cairo().cairo_rectangle(cr, x, y - 3, len, 3);
  cairo().cairo_stroke(cr);
  std::string label = format_number(km, NumberFormat{}) + " km";
  text_at(cr, x, y - 6, "0", kFontSize - 1.5);
  cairo_text_extents_t ext;
  cairo().cairo_text_extents(cr, label.c_str(), &ext);
  text_at(cr, x + len - ext.width / 2, y - 6, label, kFontSize - 1.5);
}

void north_arrow(cairo_t* cr, const Frame& f) {
  double cx = f.width - kMargin - 14, top = kMargin + 6;
  cairo().cairo_set_source_rgb(cr, 0, 0, 0);
  cairo().cairo_move_to(cr, cx, top);
  cairo().cairo_line_to(cr, cx + 7, top + 22);
  cairo().cairo_line_to(cr, cx, top + 16);
  cairo().cairo_close_path(cr);
  cairo().cairo_fill(cr);
  cairo().cairo_set_line_width(cr, 0.8);
  cairo().cairo_move_to(cr, cx, top);
  cairo().cairo_line_to(cr, cx - 7, top + 22);
  cairo().cairo_line_to(cr, cx, top + 16);
  cairo().cairo_close_path(cr);
  cairo().cairo_stroke(cr);
  cairo().cairo_select_font_face(cr, kFont, CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
  cairo().cairo_set_font_size(cr, kFontSize + 1);
  cairo_text_extents_t ext;
  cairo().cairo_text_extents(cr, "B", &ext);
  cairo().cairo_move_to(cr, cx - ext.width / 2 - ext.x_bearing, top + 34);
  cairo().cairo_show_text(cr, "B");
}

void legend(cairo_t* cr, const Frame& f, const Map& m) {
  struct Item {
    std::string label, color;
    int count;
  };
  std::vector<Item> items;
  for (const MapLegendItem& l : m.legend) items.push_back({l.label, l.color, l.count});
  int no_data = static_cast<int>(std::count_if(m.areas.begin(), m.areas.end(), [](const MapArea& a) { return a.klass < 0; }));
  if (no_data > 0) items.push_back({m.no_data_label, kNoDataColor, no_data});
  double col_w = (f.width - 2 * kMargin) / 2;
  for (std::size_t i = 0; i < items.size(); ++i) {
    double x = kMargin + static_cast<double>(i % 2) * col_w;
    double y = f.map_h + 8 + static_cast<double>(i / 2) * kLegendRow;
    set_color(cr, items[i].color);
    cairo().cairo_rectangle(cr, x, y, 14, 10);
    cairo().cairo_fill_preserve(cr);
    cairo().cairo_set_source_rgb(cr, 0.3, 0.3, 0.3);
    cairo().cairo_set_line_width(cr, 0.5);
    cairo().cairo_stroke(cr);
    cairo().cairo_set_source_rgb(cr, 0, 0, 0);
    text_at(cr, x + 19, y + 9, items[i].label + " (" + std::to_string(items[i].count) + ")", kFontSize);
  }
}

// cairo's text API keeps font caches (its own and fontconfig's) for the life of the process.
// They are released at exit, once no cairo object is alive, so that a leak checker (and CI's
// sanitizer run) sees a clean exit. Registered at the first map.
void release_font_caches() {
  cairo().cairo_debug_reset_static_data();
  fontconfig().FcFini();
}

void draw(cairo_t* cr, const Map& m, const Frame& f) {
  static const bool registered = (std::atexit(release_font_caches), true);
  (void)registered;
  {
    cairo_font_options_t* o = cairo().cairo_font_options_create();
    cairo().cairo_font_options_set_hint_style(o, CAIRO_HINT_STYLE_NONE);
    cairo().cairo_font_options_set_hint_metrics(o, CAIRO_HINT_METRICS_OFF);
    cairo().cairo_set_font_options(cr, o);
    cairo().cairo_font_options_destroy(o);
  }
  cairo().cairo_set_source_rgb(cr, 1, 1, 1);
  cairo().cairo_paint(cr);
  cairo().cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
  for (const MapArea& a : m.areas) {
    path_rings(cr, f, a.rings);
    cairo().cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
    set_color(cr, a.klass >= 0 ? m.legend[static_cast<std::size_t>(a.klass)].color : std::string(kNoDataColor));
    cairo().cairo_fill_preserve(cr);
    cairo().cairo_set_source_rgb(cr, 1, 1, 1);
    cairo().cairo_set_line_width(cr, 0.6);
    cairo().cairo_stroke(cr);
  }
  if (!m.outline.empty()) {
    path_rings(cr, f, m.outline);
    cairo().cairo_set_source_rgb(cr, 0.15, 0.15, 0.15);
    cairo().cairo_set_line_width(cr, 1.2);
    cairo().cairo_stroke(cr);
  }
  scale_bar(cr, f);
  north_arrow(cr, f);
  legend(cr, f, m);
}

cairo_status_t append(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

// cairo and fontconfig, opened at the first map of the process.
void open_cairo() {
  try {
    cairo();
    fontconfig();
  } catch (const store::MissingLibrary& e) {
    throw WriteError(std::string("Không vẽ được bản đồ: ") + e.what());
  }
}

}  // namespace

MapSize map_size(const Map& map, double width) {
  Frame f = frame(map, width);
  return {f.width, f.height};
}

std::string map_svg(const Map& map, double width) {
  open_cairo();
  Frame f = frame(map, width);
  std::string out;
  cairo_surface_t* s = cairo().cairo_svg_surface_create_for_stream(append, &out, f.width, f.height);
  cairo().cairo_svg_surface_restrict_to_version(s, CAIRO_SVG_VERSION_1_1);
  cairo_t* cr = cairo().cairo_create(s);
  draw(cr, map, f);
  cairo().cairo_destroy(cr);
  cairo().cairo_surface_finish(s);
  cairo_status_t status = cairo().cairo_surface_status(s);
  cairo().cairo_surface_destroy(s);
  if (status != CAIRO_STATUS_SUCCESS)
    throw WriteError(std::string("Không vẽ được bản đồ (cairo): ") + cairo().cairo_status_to_string(status));
  // cairo names the drawing's group after a count of the surfaces the process has made
  // ("surface3"), which depends on what was drawn before and on the other threads drawing
  // Word's pictures: named "surface1" in every file, as when the map is the first drawing.
  const std::string group = "<g id=\"surface";
  if (std::size_t at = out.find(group); at != std::string::npos) {
    std::size_t digits = at + group.size(), end = out.find('"', digits);
    std::string name = "surface" + out.substr(digits, end - digits);
    if (end != std::string::npos && name != "surface1")
      for (std::size_t i = out.find(name + "\""); i != std::string::npos; i = out.find(name + "\"", i + 1))
        out.replace(i, name.size(), "surface1");
  }
  return out;
}

namespace {

// Rows of the picture y0 .. y0 + rows, drawn on a surface of their own (the drawing moved up
// by y0 whole pixels: the same pixels as on a surface of the whole picture) and compressed.
PngBand draw_band(const Map& map, const Frame& f, double scale, int width, int y0, int rows, bool last) {
  cairo_surface_t* s = cairo().cairo_image_surface_create(CAIRO_FORMAT_RGB24, width, rows);
  cairo_t* cr = cairo().cairo_create(s);
  cairo().cairo_translate(cr, 0, -y0);
  cairo().cairo_scale(cr, scale, scale);
  draw(cr, map, f);
  cairo().cairo_destroy(cr);
  cairo().cairo_surface_flush(s);
  cairo_status_t status = cairo().cairo_surface_status(s);
  if (status != CAIRO_STATUS_SUCCESS) {
    cairo().cairo_surface_destroy(s);
    throw WriteError(std::string("Không vẽ được bản đồ (cairo): ") + cairo().cairo_status_to_string(status));
  }
  PngBand band;
  try {
    band = png_band(cairo().cairo_image_surface_get_data(s), width, rows, cairo().cairo_image_surface_get_stride(s), last);
  } catch (...) {
    cairo().cairo_surface_destroy(s);
    throw;
  }
  cairo().cairo_surface_destroy(s);
  return band;
}

}  // namespace

std::string map_png(const Map& map, double width, double scale) {
  open_cairo();
  Frame f = frame(map, width);
  int w = static_cast<int>(std::ceil(f.width * scale)), h = static_cast<int>(std::ceil(f.height * scale));
  // Two bands, the lower one on a thread of its own: drawing and compressing a picture of
  // 1200 × 1600 pixels took as long as the rest of a province report.
  int bands = h >= 64 ? 2 : 1;
  std::vector<PngBand> parts(static_cast<std::size_t>(bands));
  auto band = [&](int b) {
    int y0 = h * b / bands, y1 = h * (b + 1) / bands;
    parts[static_cast<std::size_t>(b)] = draw_band(map, f, scale, w, y0, y1 - y0, b + 1 == bands);
  };
  std::future<void> lower;
  if (bands > 1) {
    try {
      lower = std::async(std::launch::async, band, 1);
    } catch (const std::system_error&) {   // no thread to be had: drawn below, after the upper band
    }
  }
  band(0);   // an exception here waits for the lower band (the future's destructor), then leaves
  if (lower.valid()) lower.get();
  else if (bands > 1) band(1);
  return png_of_bands(w, h, parts);
}

namespace {

std::atomic<bool> ahead{false};
std::atomic<int> drawing{0};   // pictures being drawn ahead

}  // namespace

void draw_maps_ahead(bool on) { ahead = on; }

void start_map_png(Map& map, double width, double scale) {
  if (!ahead) return;
  int idle = 0;
  if (!drawing.compare_exchange_strong(idle, 1)) return;
  auto picture = std::make_shared<MapPicture>();
  picture->width = width;
  picture->scale = scale;
  try {
    // The thread draws its own copy: the layout may still change the map it was given.
    picture->png = std::async(std::launch::async, [copy = map, width, scale] {
                     struct Done {
                       ~Done() { drawing = 0; }
                     } done;
                     return map_png(copy, width, scale);
                   }).share();
  } catch (const std::system_error&) {   // no thread to be had: drawn when written
    drawing = 0;
    return;
  }
  map.picture = std::move(picture);
}

std::string map_png_of(const Map& map, double width, double scale) {
  if (map.picture && map.picture->width == width && map.picture->scale == scale) return map.picture->png.get();
  return map_png(map, width, scale);
}

}  // namespace ntm::report
