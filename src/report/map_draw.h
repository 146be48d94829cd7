// Choropleth maps drawn with cairo: one drawing path, two outputs (SVG for HTML, PNG for
// Word), so the picture is the same in every report.
#pragma once

#include <future>
#include <string>

#include "report/document.h"

namespace ntm::report {

// The picture's size in points (1/72 inch) for a map `width` points wide: the map box keeps
// the shape of the areas (equirectangular, x scaled by cos of the middle latitude), capped
// in height, and the legend takes the rows under it.
struct MapSize {
  double width = 0, height = 0;
};
MapSize map_size(const Map& map, double width);

// The map as a standalone SVG document (text as glyph outlines, so any viewer shows the
// Vietnamese letters as drawn). Deterministic for the same map.
std::string map_svg(const Map& map, double width = 480);

// The map as PNG bytes, `scale` pixels per point (2: 960 pixels for 480 points).
std::string map_png(const Map& map, double width = 480, double scale = 2);

// Word's picture of a map takes about as long to draw and compress as the layout takes to
// build the whole province report (a 1200 × 1600 pixel PNG). A command that will write a
// .docx turns ahead-drawing on; doc:map then calls start_map_png, which draws the picture on
// a second thread while the layout goes on, and the .docx writer takes it with
// map_png_of. One picture is drawn ahead at a time (each holds an 8 MB surface): a map made
// while another is being drawn is drawn when the .docx is written, as without ahead-drawing.
// A failure to draw is thrown by map_png_of, where map_png would have thrown it.
inline constexpr double kWordMapWidth = 480;   // points: 16 cm across the page
inline constexpr double kWordMapScale = 2.5;   // pixels a point: 1200 pixels across
struct MapPicture {
  double width = 0, scale = 0;
  std::shared_future<std::string> png;
};
void draw_maps_ahead(bool on);
void start_map_png(Map& map, double width, double scale);
std::string map_png_of(const Map& map, double width, double scale);

// Fixed colours of the bands of criteria met, in the order of review.BANDS (standard first);
// the same in charts and maps of every report.
inline constexpr const char* kBandColors[] = {"#1a9850", "#91cf60", "#fee08b", "#fc8d59", "#d73027"};
inline constexpr const char* kNoDataColor = "#d9d9d9";

}  // namespace ntm::report
