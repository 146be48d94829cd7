// doc:map{...}: a choropleth of communes (or provinces) on the 2025 map.
//   doc:map{ title = "Xã theo số tiêu chí đạt", level = "commune", province = "11",
//            legend = { {label = "Đạt chuẩn", color = "#1a9850"}, ... },
//            units = { {code = "03166", name = "Xã Mường Phăng", class = 1}, ... } }
// The layout gives the units with the class each one falls in (it chooses what to map:
// bands, criteria met, any value). Units are matched by code to the boundaries shipped in
// db/boundaries/ (simplified outlines of the map in force since 01/07/2025); a unit without
// a boundary is listed under the map, never dropped. Features of the province that the
// layout did not give are drawn grey ("Không có số liệu").
#include <simdjson.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <iterator>
#include <map>
#include <set>
#include <sstream>
#include <string_view>

#include "lua/binding.h"
#include "model/text.h"
#include "lua/bind_report.h"
#include "lua/sandbox.h"
#include "model/i18n.h"
#include "report/map_draw.h"

namespace ntm::lua::report_binding {

namespace {

namespace fs = std::filesystem;
using Rings = std::vector<std::vector<std::pair<double, double>>>;

constexpr const char* kSource =
    "Ranh giới: Bản đồ đơn vị hành chính Việt Nam (sapnhap.bando.com.vn), qua thanglequoc/vietnamese-provinces-database "
    "(giấy phép MIT); đã giản lược.";

// GeoJSON is read with simdjson: the 133 kB of one province's communes took 6 ms to parse
// into a tree with nlohmann::json, most of the time a province report takes before its map,
// and 0.4 ms with simdjson. A value of the wrong kind throws (simdjson_error): a damaged file.
Rings rings_of(simdjson::dom::element geometry) {
  Rings out;
  auto polygon = [&](simdjson::dom::array poly) {
    for (simdjson::dom::array ring : poly) {
      std::vector<std::pair<double, double>> r;
      r.reserve(ring.size());
      for (simdjson::dom::array pt : ring) r.emplace_back(pt.at(0).get_double().value(), pt.at(1).get_double().value());
      out.push_back(std::move(r));
    }
  };
  std::string_view type;
  if (geometry["type"].get(type) != simdjson::SUCCESS) return out;
  simdjson::dom::array coordinates = geometry["coordinates"].get_array().value();   // named: a range-for over a
  if (type == "Polygon") polygon(coordinates);                                       // temporary's value dangles
  else if (type == "MultiPolygon")
    for (simdjson::dom::array poly : coordinates) polygon(poly);
  return out;
}

// A string member, "" when it is missing (a member of another kind throws).
std::string text_member(simdjson::dom::element object, const char* key) {
  auto member = object[key];
  if (member.error() == simdjson::NO_SUCH_FIELD) return {};
  return std::string(member.get_string().value());
}

struct Feature {
  std::string code, name, province;
  Rings rings;
};

// "Tỉnh Điện Biên" and "Điện Biên" (or "tinh dien bien") name the same unit.
bool same_name(const std::string& boundary, const std::string& given) {
  std::string b = fold(boundary), g = fold(given);
  return b == g || (b.size() > g.size() && b.compare(b.size() - g.size(), g.size(), g) == 0 && b[b.size() - g.size() - 1] == ' ');
}

Feature feature_of(simdjson::dom::element f) {
  simdjson::dom::element p = f["properties"].value();
  return Feature{text_member(p, "code"), text_member(p, "name"), text_member(p, "province_code"), rings_of(f["geometry"].value())};
}

// The features of a boundary file; with `only`, those whose code is `only`. A file laid out as
// db/boundaries ships them (tools/split-boundaries.py: the collection's header, then one
// feature a line, then "]}") has only the lines naming that code parsed: the outline of one
// province is 30 kB of the country's megabyte. Any other GeoJSON, and a file cut short, is
// parsed whole (a damaged file is said, naming it).
std::vector<Feature> read_features(const fs::path& file, const std::string& only = "") {
  std::ifstream in(file, std::ios::binary);
  if (!in) fail(tr("doc:map: thiếu tệp ranh giới '", "doc:map: missing boundary file '") + file.string() + "'");
  std::ostringstream read;   // in bulk: a character at a time, the 1 MB of provinces cost 15 M instructions
  read << in.rdbuf();
  std::string text = std::move(read).str();
  simdjson::dom::parser parser;   // copies what it parses into padded memory of its own
  auto damaged = [&](const std::exception& e) {
    fail(tr("doc:map: tệp ranh giới '", "doc:map: boundary file '") + file.string() + tr("' hỏng: ", "' is damaged: ") + e.what());
  };
  std::vector<Feature> out;
  if (!only.empty() && text.rfind("{\"type\":\"FeatureCollection\", \"features\": [\n", 0) == 0) {
    const std::string mark = "\"code\":\"" + only + "\"";
    bool line_form = true, closed = false;   // closed: the last line "]}" was read (a whole file)
    std::vector<std::string_view> chosen;
    for (std::size_t at = text.find('\n') + 1; at < text.size() && line_form;) {
      std::size_t end = text.find('\n', at);
      if (end == std::string::npos) end = text.size();
      std::string_view line(text.data() + at, end - at);
      at = end + 1;
      if (closed && !line.empty()) {
        line_form = false;
      } else if (line.rfind("{\"type\":\"Feature\"", 0) == 0) {
        if (line.find(mark) != std::string_view::npos) chosen.push_back(line);
      } else if (line == "]}" || line == "]}\r") {
        closed = true;
      } else if (!line.empty()) {
        line_form = false;
      }
    }
    if (line_form && closed) {
      try {
        for (std::string_view line : chosen) {
          if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
          if (!line.empty() && line.back() == ',') line.remove_suffix(1);
          Feature f = feature_of(parser.parse(line.data(), line.size()).value());
          if (f.code == only) out.push_back(std::move(f));
        }
      } catch (const std::exception& e) {
        damaged(e);
      }
      return out;
    }
  }
  try {
    simdjson::dom::element whole = parser.parse(text).value();
    simdjson::dom::array features = whole["features"].get_array().value();
    for (simdjson::dom::element f : features) {
      Feature feature = feature_of(f);
      if (only.empty() || feature.code == only) out.push_back(std::move(feature));
    }
  } catch (const std::exception& e) {
    damaged(e);
  }
  return out;
}

report::MapLegendItem check_legend_item(lua_State* L, int index, const std::string& where) {
  if (lua_type(L, index) != LUA_TTABLE) fail(where + tr(" phải là bảng {label=, color=}, nhận ", " must be a table {label=, color=}, got ") + describe(L, index));
  check_keys(L, index, where, {"label", "color"});
  report::MapLegendItem item;
  item.label = opt_string_field(L, index, "label");
  item.color = opt_string_field(L, index, "color");
  if (item.color.size() != 7 || item.color[0] != '#' || item.color.find_first_not_of("0123456789abcdefABCDEF", 1) != std::string::npos)
    fail(where + tr(": color phải có dạng \"#1a9850\", nhận \"", ": color must look like \"#1a9850\", got \"") + item.color + "\"");
  return item;
}

}  // namespace

int document_map(lua_State* L) {
  report::Document& doc = check_document(L, "doc:map");
  std::string where = "doc:map";
  if (lua_type(L, 2) != LUA_TTABLE)
    fail(where + tr(": cần bảng {title=, level=, province=, legend=, units=}, nhận ", ": expects a table {title=, level=, province=, legend=, units=}, got ") +
         describe(L, 2));
  check_keys(L, 2, where, {"title", "level", "province", "legend", "units", "source", "no_data_label"});
  report::Map map;
  map.title = opt_string_field(L, 2, "title");
  map.source = opt_string_field(L, 2, "source", kSource);
  map.no_data_label = opt_string_field(L, 2, "no_data_label", tr("Không có số liệu", "No data"));
  std::string level = opt_string_field(L, 2, "level", "commune");
  if (level != "commune" && level != "province")
    fail(where + tr(": level phải là commune hoặc province, nhận ", ": level must be commune or province, got ") + level);
  std::string province = opt_string_field(L, 2, "province");
  // The code names a boundary file: digits only, so no text can reach outside the folder.
  if (!std::all_of(province.begin(), province.end(), [](unsigned char c) { return std::isdigit(c); }))
    fail(where + tr(": province phải là mã tỉnh (chữ số), nhận \"", ": province must be a province code (digits), got \"") +
         clip(province) + "\"");
  if (lua_getfield(L, 2, "legend") != LUA_TTABLE) fail(where + tr(": legend phải là danh sách {label=, color=}", ": legend must be a list of {label=, color=}"));
  for (lua_Integer i = 1, n = static_cast<lua_Integer>(lua_rawlen(L, -1)); i <= n; ++i) {
    lua_rawgeti(L, -1, i);
    map.legend.push_back(check_legend_item(L, -1, where + ": legend[" + std::to_string(i) + "]"));
    lua_pop(L, 1);
  }
  lua_pop(L, 1);
  struct Unit {
    std::string code, name;
    int klass;
  };
  std::vector<Unit> units;
  if (lua_getfield(L, 2, "units") != LUA_TTABLE) fail(where + tr(": units phải là danh sách {code=, name=, class=}", ": units must be a list of {code=, name=, class=}"));
  for (lua_Integer i = 1, n = static_cast<lua_Integer>(lua_rawlen(L, -1)); i <= n; ++i) {
    lua_rawgeti(L, -1, i);
    std::string u_where = where + ": units[" + std::to_string(i) + "]";
    if (lua_type(L, -1) != LUA_TTABLE) fail(u_where + tr(" phải là bảng, nhận ", " must be a table, got ") + describe(L, -1));
    check_keys(L, -1, u_where, {"code", "name", "class"});
    Unit u{opt_string_field(L, -1, "code"), opt_string_field(L, -1, "name"), 0};
    lua_getfield(L, -1, "class");
    if (lua_isnil(L, -1)) u.klass = 0;
    else if (!lua_isinteger(L, -1) || lua_tointeger(L, -1) < 1 || lua_tointeger(L, -1) > static_cast<lua_Integer>(map.legend.size()))
      fail(u_where + tr(": class phải là số thứ tự trong legend (1 đến ", ": class must be a legend index (1 to ") +
           std::to_string(map.legend.size()) + tr("), nhận ", "), got ") + describe(L, -1));
    else u.klass = static_cast<int>(lua_tointeger(L, -1));
    lua_pop(L, 1);
    if (u.code.empty()) fail(u_where + tr(": thiếu code", ": code is missing"));
    charge_memory(L, sizeof(Unit) + u.code.size() + u.name.size(), "doc:map");   // host copies count against the limit
    units.push_back(std::move(u));
    lua_pop(L, 1);
  }
  lua_pop(L, 1);

  // Boundaries: one file per province for communes (the map of one province reads one file).
  const fs::path dir = context(L).boundaries_dir;
  std::vector<Feature> features;
  if (level == "province") {
    features = read_features(dir / "provinces.geojson");
  } else if (!province.empty()) {
    features = read_features(dir / ("communes-" + province + ".geojson"));
    for (const Feature& p : read_features(dir / "provinces.geojson", province)) map.outline = p.rings;
  } else {
    std::error_code ec;
    std::vector<fs::path> files;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
      if (it->path().filename().string().rfind("communes-", 0) == 0) files.push_back(it->path());
    std::sort(files.begin(), files.end());
    std::set<std::string> wanted;
    for (const Unit& u : units) wanted.insert(u.code);
    for (const auto& f : files)
      for (Feature& x : read_features(f))
        if (wanted.count(x.code)) features.push_back(std::move(x));
  }
  std::map<std::string, std::size_t> by_code;
  for (std::size_t i = 0; i < features.size(); ++i) by_code[features[i].code] = i;
  std::vector<int> klass(features.size(), -1);
  for (const Unit& u : units) {
    auto it = by_code.find(u.code);
    // Codes are reused across the 2025 reform (province 24 was Bắc Giang, is Bắc Ninh): a unit
    // that gives its name is drawn only on the boundary of the same name, else listed.
    if (it != by_code.end() && !u.name.empty() && !same_name(features[it->second].name, u.name)) it = by_code.end();
    if (it == by_code.end()) {
      map.missing.push_back((u.name.empty() ? u.code : u.name + " (" + u.code + ")"));
      continue;
    }
    klass[it->second] = u.klass - 1;
    if (u.klass >= 1) ++map.legend[static_cast<std::size_t>(u.klass - 1)].count;
  }
  for (std::size_t i = 0; i < features.size(); ++i)
    map.areas.push_back(report::MapArea{features[i].code, features[i].name, klass[i], std::move(features[i].rings)});
  report::start_map_png(map, report::kWordMapWidth, report::kWordMapScale);   // when a .docx will be written
  doc.blocks.emplace_back(std::move(map));
  return 0;
}

}  // namespace ntm::lua::report_binding
