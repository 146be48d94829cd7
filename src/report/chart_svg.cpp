// Bar charts as inline SVG for the HTML writer.
#include "report/chart_svg.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "report/xml.h"

namespace ntm::report {

namespace {

constexpr const char* kPalette[] = {"#2f5597", "#c55a11", "#548235", "#bf9000",
                                    "#7030a0", "#2e75b6", "#843c0c", "#375623"};

const char* palette(std::size_t i) { return kPalette[i % (sizeof kPalette / sizeof kPalette[0])]; }

// Legend entries laid out in rows that fit `width`: (row, x) of each entry.
std::vector<std::pair<int, double>> legend_layout(const Chart& c, double left, double width) {
  std::vector<std::pair<int, double>> out;
  int row = 0;
  double x = left;
  for (const Series& s : c.series) {
    double w = 28 + 6.5 * display_width(s.name);
    if (x > left && x + w > width - 8) {
      ++row;
      x = left;
    }
    out.emplace_back(row, x);
    x += w;
  }
  return out;
}

// Coordinates with one decimal; fmt ignores the locale.
std::string n(double v) { return fmt::format("{:.1f}", v); }

// A "nice" axis step (1, 2 or 5 times a power of ten) giving about five ticks up to `max`.
double nice_step(double max) {
  if (max <= 0) return 1;
  double raw = max / 5;
  double p = std::pow(10.0, std::floor(std::log10(raw)));
  double f = raw / p;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * p;
}

std::string text(double x, double y, const std::string& s, const char* anchor, int size,
                 const std::string& extra = {}) {
  return "<text x=\"" + n(x) + "\" y=\"" + n(y) + "\" text-anchor=\"" + anchor + "\" font-size=\"" +
         std::to_string(size) + "\"" + extra + ">" + xml_escape(s) + "</text>\n";
}

std::string rect(double x, double y, double w, double h, const char* fill) {
  return "<rect x=\"" + n(x) + "\" y=\"" + n(y) + "\" width=\"" + n(std::max(w, 0.0)) + "\" height=\"" +
         n(std::max(h, 0.0)) + "\" fill=\"" + fill + "\"/>\n";
}

}  // namespace

std::string chart_svg(const Chart& c) {
  const bool column = c.kind == Chart::Kind::Column || c.line;
  const std::size_t cats = c.categories.size(), ns = c.series.size();
  auto color = [&](std::size_t k) { return c.series[k].color.empty() ? std::string(palette(k)) : c.series[k].color; };
  // Auto labels: none on a zero, none when the bars are too thin to carry them apart.
  auto show_label = [&](double v, double room) {
    if (c.labels == Chart::Labels::None) return false;
    if (c.labels == Chart::Labels::All) return true;
    return std::isfinite(v) && v != 0 && room >= 11;
  };
  NumberFormat fmt;
  fmt.decimals = c.decimals;

  double max = 0;
  for (std::size_t i = 0; i < cats; ++i) {
    double sum = 0;
    for (const Series& s : c.series) {
      double v = std::isfinite(s.values[i]) ? std::max(s.values[i], 0.0) : 0.0;
      sum += v;
      max = std::max(max, v);
    }
    if (c.stacked) max = std::max(max, sum);
  }
  double step = nice_step(max);
  double top = std::max(step, std::ceil(max / step) * step);

  const double width = 680;
  const double title_h = c.title.empty() ? 10 : 34;
  std::vector<std::pair<int, double>> legend_at = legend_layout(c, 56, width);
  const double legend_h = ns > 1 ? 8 + 18.0 * (legend_at.back().first + 1) : 0;
  double left, plot_w, plot_h, height;
  bool rotate = column && cats > 8;
  if (column) {
    left = 56;
    plot_w = width - left - 16;
    plot_h = 260;
    height = title_h + plot_h + (rotate ? 90 : 40) + legend_h;
  } else {
    double longest = 0;
    for (const std::string& cat : c.categories) longest = std::max(longest, 6.3 * display_width(cat));
    left = std::clamp(longest + 12, 60.0, 300.0);
    plot_w = width - left - 60;
    double band = std::max(22.0, (c.stacked ? 1.0 : static_cast<double>(ns)) * 14 + 10);
    plot_h = band * static_cast<double>(cats);
    height = title_h + plot_h + 30 + legend_h;
  }
  const double plot_top = title_h;

  std::string out = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" width=\"" + n(width) +
                    "\" height=\"" + n(height) + "\" viewBox=\"0 0 " + n(width) + " " + n(height) +
                    "\" font-family=\"Times New Roman, serif\" role=\"img\" aria-label=\"" +
                    xml_escape(c.title) + "\">\n";
  if (!c.title.empty()) out += text(width / 2, 22, c.title, "middle", 15, " font-weight=\"bold\"");

  // Grid lines and value axis labels.
  for (double v = 0; v <= top + step / 2; v += step) {
    std::string label = format_number(v, NumberFormat{});
    if (column) {
      double y = plot_top + plot_h - v / top * plot_h;
      out += "<line x1=\"" + n(left) + "\" y1=\"" + n(y) + "\" x2=\"" + n(left + plot_w) + "\" y2=\"" + n(y) +
             "\" stroke=\"#d0d0d0\"/>\n";
      out += text(left - 6, y + 4, label, "end", 11);
    } else {
      double x = left + v / top * plot_w;
      out += "<line x1=\"" + n(x) + "\" y1=\"" + n(plot_top) + "\" x2=\"" + n(x) + "\" y2=\"" +
             n(plot_top + plot_h) + "\" stroke=\"#d0d0d0\"/>\n";
      out += text(x, plot_top + plot_h + 16, label, "middle", 11);
    }
  }
  if (!c.value_axis.empty()) {
    if (column)
      out += text(14, plot_top + plot_h / 2, c.value_axis, "middle", 11,
                  " transform=\"rotate(-90 14 " + n(plot_top + plot_h / 2) + ")\"");
    else
      out += text(left + plot_w / 2, plot_top + plot_h + 30, c.value_axis, "middle", 11);
  }

  // A line chart: one polyline per series, a marker and a label on each point.
  if (c.line) {
    const double step_x = plot_w / static_cast<double>(cats);
    for (std::size_t k = 0; k < ns; ++k) {
      std::string points;
      for (std::size_t i = 0; i < cats; ++i) {
        double v = c.series[k].values[i];
        if (!std::isfinite(v)) continue;
        double x = left + step_x * (static_cast<double>(i) + 0.5), y = plot_top + plot_h - std::max(v, 0.0) / top * plot_h;
        points += n(x) + "," + n(y) + " ";
      }
      out += "<polyline fill=\"none\" stroke=\"" + color(k) + "\" stroke-width=\"2.5\" points=\"" + points + "\"/>\n";
      for (std::size_t i = 0; i < cats; ++i) {
        double v = c.series[k].values[i];
        if (!std::isfinite(v)) continue;
        double x = left + step_x * (static_cast<double>(i) + 0.5), y = plot_top + plot_h - std::max(v, 0.0) / top * plot_h;
        out += "<circle cx=\"" + n(x) + "\" cy=\"" + n(y) + "\" r=\"3.5\" fill=\"" + color(k) + "\"/>\n";
        if (show_label(v, step_x)) out += text(x, y - 7, format_number(v, fmt), "middle", 11);
      }
    }
    for (std::size_t i = 0; i < cats; ++i)
      out += text(left + step_x * (static_cast<double>(i) + 0.5), plot_top + plot_h + 16, c.categories[i], "middle", 11);
  }
  // Bars, one group per category.
  const double band = (column ? plot_w : plot_h) / static_cast<double>(cats);
  const double inner = band * 0.72;
  const double bar = c.stacked ? inner : inner / static_cast<double>(ns);
  for (std::size_t i = 0; i < cats && !c.line; ++i) {
    double start = static_cast<double>(i) * band + (band - inner) / 2;
    double base = 0;
    for (std::size_t k = 0; k < ns; ++k) {
      double v = c.series[k].values[i];
      double value = std::isfinite(v) ? std::max(v, 0.0) : 0.0;
      double offset = c.stacked ? start : start + static_cast<double>(k) * bar;
      double len = value / top * (column ? plot_h : plot_w);
      double from = base / top * (column ? plot_h : plot_w);
      std::string label = format_number(v, fmt);
      if (column) {
        double x = left + offset, y = plot_top + plot_h - from - len;
        out += rect(x, y, bar, len, color(k).c_str());
        if (!c.stacked && show_label(v, bar + 2)) out += text(x + bar / 2, y - 3, label, "middle", 10);
        else if (c.stacked && len >= 13 && show_label(v, len)) out += text(x + bar / 2, y + len / 2 + 4, label, "middle", 10);
      } else {
        double y = plot_top + offset, x = left + from;
        out += rect(x, y, len, bar, color(k).c_str());
        if (!c.stacked && show_label(v, bar + 2)) out += text(x + len + 3, y + bar / 2 + 4, label, "start", 10);
        else if (c.stacked && len >= 24 && show_label(v, len)) out += text(x + len / 2, y + bar / 2 + 4, label, "middle", 10);
      }
      if (c.stacked) base += value;
    }
    if (c.stacked) {  // the total at the end of a stack
      NumberFormat f = fmt;
      std::string total = format_number(base, f);
      if (column) out += text(left + start + inner / 2, plot_top + plot_h - base / top * plot_h - 3, total, "middle", 10);
      else out += text(left + base / top * plot_w + 3, plot_top + start + inner / 2 + 4, total, "start", 10);
    }
    // Category label.
    if (column) {
      double x = left + start + inner / 2, y = plot_top + plot_h + 16;
      if (rotate)
        out += text(x, y, c.categories[i], "end", 11, " transform=\"rotate(-45 " + n(x) + " " + n(y) + ")\"");
      else
        out += text(x, y, c.categories[i], "middle", 11);
    } else {
      out += text(left - 6, plot_top + start + inner / 2 + 4, c.categories[i], "end", 11);
    }
  }
  // Axis lines.
  out += "<line x1=\"" + n(left) + "\" y1=\"" + n(plot_top) + "\" x2=\"" + n(left) + "\" y2=\"" + n(plot_top + plot_h) +
         "\" stroke=\"#000\"/>\n";
  out += "<line x1=\"" + n(left) + "\" y1=\"" + n(plot_top + plot_h) + "\" x2=\"" + n(left + plot_w) + "\" y2=\"" +
         n(plot_top + plot_h) + "\" stroke=\"#000\"/>\n";

  // Legend.
  if (ns > 1) {
    for (std::size_t k = 0; k < ns; ++k) {
      double x = legend_at[k].second, y = height - legend_h + 18 + 18.0 * legend_at[k].first;
      out += rect(x, y - 10, 12, 12, color(k).c_str());
      out += text(x + 16, y, c.series[k].name, "start", 11);
    }
  }
  out += "</svg>\n";
  return out;
}

}  // namespace ntm::report
