#include "cli/check_output.h"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <set>

#include "cli/table_output.h"
#include "model/i18n.h"
#include "model/text.h"

namespace ntm::cli {

namespace {

using json = nlohmann::ordered_json;

std::string number(const json& v, int decimals) {
  NumberFormat f;
  f.decimals = decimals;
  return format_number(v.is_number() ? v.get<double>() : 0.0, f);
}

std::string percent(double part, double whole) {
  NumberFormat f;
  f.decimals = 2;
  return whole > 0 ? format_number(part * 100.0 / whole, f) + "%" : "";
}

const char* kBands[][2] = {{"standard_19", "Đạt 19 tiêu chí"},
                           {"from_15_to_18", "Từ 15 đến 18 tiêu chí"},
                           {"from_10_to_14", "Từ 10 đến 14 tiêu chí"},
                           {"from_5_to_9", "Từ 5 đến 9 tiêu chí"},
                           {"below_5", "Dưới 5 tiêu chí"}};
const char* kBandsEn[] = {"All 19 criteria", "15 to 18 criteria", "10 to 14 criteria", "5 to 9 criteria", "Below 5 criteria"};

// Findings' levels in the order they matter, as the office says them.
const char* kLevels[] = {"error", "warning", "info"};

std::string count_text(const std::map<std::string, int>& by_level) {
  std::string out;
  auto add = [&](const std::string& level, int n) { out += (out.empty() ? "" : ", ") + std::to_string(n) + " " + level_name(level); };
  for (const char* level : kLevels)
    if (auto it = by_level.find(level); it != by_level.end()) add(level, it->second);
  for (const auto& [level, n] : by_level)
    if (std::find(std::begin(kLevels), std::end(kLevels), level) == std::end(kLevels)) add(level, n);
  return out;
}

}  // namespace

std::string level_name(const std::string& level) {
  if (level == "error") return tr("lỗi", "error");
  if (level == "warning") return tr("cảnh báo", "warning");
  if (level == "info") return tr("thông tin", "info");
  return level;
}

std::string findings_summary(const json& findings) {
  std::map<std::string, int> by_level;
  for (const auto& f : findings) by_level[f.value("level", "")]++;
  std::string text = std::to_string(findings.size()) + tr(" phát hiện", findings.size() == 1 ? " finding" : " findings");
  if (!findings.empty()) text += " (" + count_text(by_level) + ")";
  return text;
}

void print_findings_text(const json& findings, std::ostream& out) {
  if (findings.empty()) {
    out << tr("Không có phát hiện nào.\n", "No findings.\n");
    return;
  }
  // rule → district (in Vietnamese order, the province-wide ones first) → messages
  std::map<std::string, std::map<std::string, std::vector<const json*>, VietnameseLess>> grouped;
  std::map<std::string, std::map<std::string, int>> levels;
  for (const auto& f : findings) {
    grouped[f["rule"].get<std::string>()][f["district"].get<std::string>()].push_back(&f);
    levels[f["rule"].get<std::string>()][f["level"].get<std::string>()]++;
  }
  out << tr("Phát hiện: ", "Findings: ") << findings_summary(findings) << "\n";
  for (const auto& [rule, districts] : grouped) {
    out << "\n" << tr("Quy tắc ", "Rule ") << rule << ": " << count_text(levels[rule]) << "\n";
    for (const auto& [district, items] : districts) {
      out << "  " << (district.empty() ? tr("(toàn tỉnh)", "(province)") : district) << "\n";
      for (const json* f : *&items) {
        out << "    " << level_name((*f)["level"].get<std::string>()) << ": ";
        std::string name = (*f)["name"].get<std::string>(), code = (*f)["code"].get<std::string>();
        if (!name.empty() || !code.empty()) out << name << (code.empty() ? "" : " (" + code + ")") << ": ";
        out << (*f)["message"].get<std::string>() << "\n";
      }
    }
  }
}

void print_findings_csv(const json& findings, std::ostream& out) {
  TextTable t;
  t.columns = {"rule", "level", "district", "code", "name", "message", "script"};
  for (const auto& f : findings)
    t.rows.push_back({f["rule"], f["level"], f["district"], f["code"], f["name"], f["message"], f["script"]});
  print_csv(t, out);
}

// The band keys in order and their names, from the review (any number of criteria); the
// 19-criteria names when an older script did not say them.
std::vector<std::pair<std::string, std::string>> bands_of(const json& review) {
  std::vector<std::pair<std::string, std::string>> out;
  if (review.contains("band_order") && review["band_order"].is_array()) {
    for (const auto& k : review["band_order"]) {
      std::string key = k.get<std::string>();
      std::string name = review.contains("band_names") ? review["band_names"].value(key, key) : key;
      out.emplace_back(key, name);
    }
    return out;
  }
  int i = 0;
  for (const auto& band : kBands) out.emplace_back(band[0], current_lang() == Lang::En ? kBandsEn[i++] : band[1]);
  return out;
}

void print_review_text(const json& review, std::ostream& out) {
  int communes = review.value("communes", 0);
  int with_data = review.value("with_data", communes);
  out << tr("Rà soát tiêu chí xã nông thôn mới — tỉnh ", "Commune criteria review — province ") << review.value("province", "")
      << tr(", năm ", ", year ") << review.value("year", 0) << "\n";
  std::string map = review.value("map_note", ""), set = review.value("set_note", "");
  if (set.empty()) set = tr("bộ tiêu chí ", "criteria set ") + review.value("criteria_set", "");
  out << (map.empty() ? "" : map + "; ") << set << "\n";
  out << tr("Số xã: ", "Communes: ") << communes;
  if (with_data != communes) out << tr(" (có số liệu: ", " (with data: ") << with_data << ")";
  out << "\n";
  if (review.contains("no_data") && !review["no_data"].empty()) {
    const json& missing = review["no_data"];
    out << "  " << missing.size() << tr(" xã chưa có số liệu năm ", " communes without data for ") << review.value("year", 0)
        << tr(" (không tính vào các nhóm và bình quân): ", " (left out of the bands and the average): ");
    std::size_t shown = 0;
    for (const auto& x : missing) {
      if (shown == 30) { out << tr(", … và ", ", … and ") << missing.size() - shown << tr(" xã khác", " more"); break; }
      out << (shown++ ? ", " : "") << x.value("name", "") << " (" << x.value("code", "") << ")";
    }
    out << "\n";
  }
  if (review.contains("bands")) {
    for (const auto& [key, name] : bands_of(review)) {
      int n = review["bands"].value(key, 0);
      out << "  " << name << ": " << n << tr(" xã", " communes") << " (" << percent(n, with_data) << ")\n";
    }
  }
  if (review.contains("average"))
    out << tr("Bình quân: ", "Average: ") << number(review["average"], 2) << tr(" tiêu chí/xã", " criteria per commune")
        << (with_data != communes ? tr(" (trên ", " (over ") + std::to_string(with_data) + tr(" xã có số liệu)", " communes with data)") : "")
        << "\n";
  if (review.contains("criteria")) {
    out << tr("Số xã đạt từng tiêu chí:\n", "Communes meeting each criterion:\n");
    std::vector<std::pair<int, int>> rows;
    for (auto it = review["criteria"].begin(); it != review["criteria"].end(); ++it)
      rows.emplace_back(std::stoi(it.key()), it.value().get<int>());
    std::sort(rows.begin(), rows.end());
    for (const auto& [c, n] : rows)
      out << "  " << tr("TC ", "C ") << (c < 10 ? " " : "") << c << ": " << n << "/" << with_data << " (" << percent(n, with_data) << ")\n";
  }
  if (review.contains("by_district") && !review["by_district"].empty()) {
    TextTable t;
    bool former = review.value("group_by", "huyen") == "huyen-cu";
    t.columns = {former ? tr("Huyện cũ (trước 01/07/2025)", "Former district (before 01/07/2025)") : tr("Huyện", "District"),
                 tr("Số xã", "Communes")};
    t.numeric = {false, true};
    auto bands = bands_of(review);
    for (std::size_t i = 0; i < bands.size(); ++i) {
      std::string head = bands[i].second;
      if (i == 0) head = std::to_string(review.value("criteria_count", 19));
      else if (auto pos = head.find(' '); pos != std::string::npos) {
        // "Từ 15 đến 18 tiêu chí" → "15-18"; "Dưới 5 tiêu chí" → "<5".
        int a = 0, b = 0;
        if (std::sscanf(bands[i].first.c_str(), "from_%d_to_%d", &a, &b) == 2) head = std::to_string(a) + "-" + std::to_string(b);
        else if (std::sscanf(bands[i].first.c_str(), "below_%d", &a) == 1) head = "<" + std::to_string(a);
      }
      t.columns.push_back(head);
      t.numeric.push_back(true);
    }
    t.columns.push_back(tr("Bình quân", "Average"));
    t.numeric.push_back(true);
    // Districts in Vietnamese order, not by bytes.
    std::vector<std::string> names;
    for (auto it = review["by_district"].begin(); it != review["by_district"].end(); ++it) names.push_back(it.key());
    sort_vietnamese(names);
    for (const auto& name : names) {
      const json& d = review["by_district"][name];
      std::vector<std::string> row = {name, std::to_string(d.value("communes", 0))};
      for (const auto& band : bands) row.push_back(std::to_string(d.contains("bands") ? d["bands"].value(band.first, 0) : 0));
      row.push_back(number(d.value("average", json(0)), 2));
      t.rows.push_back(row);
    }
    out << "\n";
    print_aligned(t, out);
  }
  if (review.contains("unconfirmed_thresholds")) {
    const json& u = review["unconfirmed_thresholds"];
    out << "\n";
    if (u.empty()) {
      out << tr("Mọi ngưỡng đã dùng đều đã đối chiếu với nguồn công bố.\n", "Every threshold used is confirmed by a published source.\n");
    } else {
      out << tr("Ngưỡng chưa xác minh đã dùng: ", "Unconfirmed thresholds used: ") << u.size() << " — ";
      for (std::size_t i = 0; i < u.size(); ++i)
        out << (i ? ", " : "") << u[i].value("indicator", "") << " (" << u[i].value("applies_to", "") << ")";
      out << tr(" (xem nguồn trong db/reference/README.md)\n", " (sources in db/reference/README.md)\n");
    }
  }
  if (review.contains("findings")) {
    out << "\n";
    print_findings_text(review["findings"], out);
  }
}

void print_review_csv(const json& review, std::ostream& out) {
  TextTable t;
  t.columns = {tr("Mã xã", "Code"), tr("Tên xã", "Name"), tr("Huyện", "District"), tr("Số tiêu chí đạt", "Criteria met")};
  std::set<int> criteria;
  if (review.contains("criteria"))
    for (auto it = review["criteria"].begin(); it != review["criteria"].end(); ++it) criteria.insert(std::stoi(it.key()));
  for (int c : criteria) t.columns.push_back("TC " + std::to_string(c));
  const std::string yes = tr("Đạt", "Met"), no = tr("Chưa đạt", "Not met");
  if (review.contains("results")) {
    for (const auto& r : review["results"]) {
      std::vector<std::string> row = {r.value("code", ""), r.value("name", ""), r.value("district", ""),
                                      std::to_string(r.value("count", 0))};
      std::set<int> met;
      for (const auto& m : r["met"]) met.insert(m.get<int>());
      for (int c : criteria) row.push_back(met.count(c) ? yes : no);
      t.rows.push_back(row);
    }
  }
  // Communes without data are rows too, saying so, never a row of zeros.
  if (review.contains("no_data"))
    for (const auto& x : review["no_data"]) {
      std::vector<std::string> row = {x.value("code", ""), x.value("name", ""), x.value("district", ""),
                                      tr("chưa có số liệu", "no data")};
      for (std::size_t i = 0; i < criteria.size(); ++i) row.push_back("");
      t.rows.push_back(row);
    }
  print_csv(t, out);
}

namespace {

std::string signed_int(int v) { return (v > 0 ? "+" : "") + std::to_string(v); }

// Criterion numbers of a review's "criteria" object in number order.
std::vector<std::string> criterion_keys(const json& criteria) {
  std::vector<std::string> keys;
  for (const auto& [k, v] : criteria.items()) keys.push_back(k);
  std::sort(keys.begin(), keys.end(), [](const std::string& a, const std::string& b) {
    return std::atoi(a.c_str()) < std::atoi(b.c_str());
  });
  return keys;
}

}  // namespace

namespace {

// The change block of a span (app::review_change), from the end of `y0` to the end of `y1`;
// `n0`, `n1`: the number of criteria of each end.
void print_change(const json& c, int y0, int y1, int n0, int n1, std::ostream& out) {
  out << tr("Số xã đạt chuẩn: ", "Communes meeting the standard: ") << c["standard"].value("start", 0) << " → "
      << c["standard"].value("end", 0) << " (" << signed_int(c["standard"].value("change", 0)) << ")\n";
  if (!c.value("same_criteria", false)) {
    // Averages over sets of different sizes are not comparable: each is shown out of its own.
    out << tr("Bình quân tiêu chí/xã: ", "Average criteria per commune: ") << number(c["average"]["start"], 2) << "/"
        << (n0 > 0 ? std::to_string(n0) : "?") << " → " << number(c["average"]["end"], 2) << "/"
        << (n1 > 0 ? std::to_string(n1) : "?") << "\n";
    out << tr("Hai năm rà soát theo hai bộ tiêu chí có số tiêu chí khác nhau: không so sánh từng tiêu chí.\n",
              "The two years were reviewed with sets of different sizes: no per-criterion change.\n");
    return;
  }
  out << tr("Bình quân tiêu chí/xã: ", "Average criteria per commune: ") << number(c["average"]["start"], 2) << " → "
      << number(c["average"]["end"], 2) << " (" << (c["average"].value("change", 0.0) >= 0 ? "+" : "")
      << number(c["average"]["change"], 2) << ")\n";
  for (const auto& [key, b] : c["bands"].items())
    out << "  " << b.value("name", key) << ": " << b.value("start", 0) << " → " << b.value("end", 0) << " ("
        << signed_int(b.value("change", 0)) << ")\n";
  out << tr("Số xã đạt từng tiêu chí (", "Communes meeting each criterion (") << y0 << " → " << y1 << "):\n";
  for (const auto& k : criterion_keys(c["criteria"])) {
    const json& v = c["criteria"][k];
    out << "  " << tr("Tiêu chí ", "Criterion ") << k << ": " << v.value("start", 0) << " → " << v.value("end", 0) << " ("
        << signed_int(v.value("change", 0)) << ")\n";
  }
}

void print_span_heading(const json& p, std::ostream& out) {
  out << "\n" << tr("Giai đoạn ", "Span ") << p.value("from", 0) << "-" << p.value("to", 0) << tr(": so sánh cuối năm ", ": the end of ")
      << p.value("start_year", 0) << tr(" với cuối năm ", " against the end of ") << p.value("end_year", 0) << "\n";
}

}  // namespace

void print_period_text(const json& period, std::ostream& out) {
  const json& p = period["period"];
  print_span_heading(p, out);
  for (const char* which : {"start", "end"}) {
    const json& r = period[which];
    out << "  " << tr("Năm ", "Year ") << r.value("year", 0) << ": " << r.value("map_note", "") << "; " << r.value("set_note", "")
        << "\n";
    if (r.contains("unconfirmed_thresholds") && !r["unconfirmed_thresholds"].empty())
      out << "    " << r["unconfirmed_thresholds"].size()
          << tr(" ngưỡng đã áp dụng chưa được đối chiếu với văn bản gốc\n", " applied thresholds not confirmed by a published source\n");
    if (r.contains("no_data") && !r["no_data"].empty())
      out << "    " << r["no_data"].size() << tr(" xã chưa có số liệu\n", " communes without data\n");
  }
  print_change(period["change"], p.value("start_year", 0), p.value("end_year", 0), period["start"].value("criteria_count", 0),
               period["end"].value("criteria_count", 0), out);
}

void print_national_period_text(const json& span, std::ostream& out) {
  const json& p = span["period"];
  print_span_heading(p, out);
  for (const char* which : {"start", "end"}) {
    const json& n = span[which]["national"];
    out << "  " << tr("Năm ", "Year ") << n.value("year", 0) << ": " << n.value("provinces", 0) << tr(" tỉnh", " provinces")
        << tr(" trên bản đồ ngày 31/12/", " on the map of 31/12/") << n.value("year", 0) << tr("; bộ tiêu chí: ", "; criteria sets: ")
        << n.value("criteria_sets", "") << "\n";
    if (n.value("unconfirmed_thresholds", 0L) > 0)
      out << "    " << n.value("unconfirmed_thresholds", 0L)
          << tr(" ngưỡng đã áp dụng chưa được đối chiếu với văn bản gốc (cộng các tỉnh)\n",
                " applied thresholds not confirmed by a published source (over the provinces)\n");
    if (n.value("no_data", 0L) > 0) out << "    " << n.value("no_data", 0L) << tr(" xã chưa có số liệu\n", " communes without data\n");
  }
  print_change(span["change"], p.value("start_year", 0), p.value("end_year", 0), span["start"]["national"].value("criteria_count", 0),
               span["end"]["national"].value("criteria_count", 0), out);
  TextTable t;
  std::string y0 = std::to_string(p.value("start_year", 0)), y1 = std::to_string(p.value("end_year", 0));
  t.columns = {tr("Mã", "Code"), tr("Tỉnh", "Province"), tr("Đạt chuẩn ", "Standard ") + y0, tr("Đạt chuẩn ", "Standard ") + y1,
               tr("Tăng giảm", "Change"), tr("Bình quân ", "Average ") + y0, tr("Bình quân ", "Average ") + y1};
  std::size_t unmatched = 0;
  for (const auto& r : span["provinces"]) {
    if (!r.contains("change")) {
      ++unmatched;
      t.rows.push_back({r.value("province_code", ""), r.value("province", ""), "", "", "", "", ""});
      continue;
    }
    const json& c = r["change"];
    t.rows.push_back({r.value("province_code", ""), r.value("province", ""), std::to_string(c["standard"].value("start", 0)),
                      std::to_string(c["standard"].value("end", 0)), signed_int(c["standard"].value("change", 0)),
                      number(c["average"]["start"], 2), number(c["average"]["end"], 2)});
  }
  out << "\n";
  print_aligned(t, out);
  if (unmatched > 0)
    out << unmatched << tr(" tỉnh không có ở năm đầu với cùng mã và tên (chưa có số liệu năm đó, hoặc đã sắp xếp lại đơn vị "
                           "hành chính): không so sánh theo tỉnh\n",
                           " provinces not in the start year with the same code and name (no data that year, or units "
                           "reorganised): no per-province change\n");
  if (!span.value("same_provinces", true))
    out << tr("Lưu ý: số liệu cả nước của hai năm không gồm cùng các tỉnh (", "Note: the national figures of the two years do not cover "
              "the same provinces (")
        << span["start"]["national"].value("provinces", 0) << tr(" tỉnh năm ", " provinces in ") << p.value("start_year", 0)
        << ", " << span["end"]["national"].value("provinces", 0) << tr(" tỉnh năm ", " provinces in ") << p.value("end_year", 0)
        << tr("): phần tăng giảm cả nước gồm cả các tỉnh chỉ có ở một năm\n", "): the national change includes provinces present in one year only\n");
}

void print_period_csv(const json& period, std::ostream& out) {
  const json& p = period["period"];
  const json& c = period["change"];
  out << tr("Chỉ tiêu", "Measure") << "," << tr("Năm ", "Year ") << p.value("start_year", 0) << "," << tr("Năm ", "Year ")
      << p.value("end_year", 0) << "," << tr("Tăng giảm", "Change") << "\r\n";
  out << tr("Số xã đạt chuẩn", "Communes meeting the standard") << "," << c["standard"].value("start", 0) << ","
      << c["standard"].value("end", 0) << "," << c["standard"].value("change", 0) << "\r\n";
  out << tr("Bình quân tiêu chí/xã", "Average criteria per commune") << "," << number(c["average"]["start"], 2) << ","
      << number(c["average"]["end"], 2) << "," << number(c["average"]["change"], 2) << "\r\n";
  if (!c.value("same_criteria", false)) return;
  for (const auto& k : criterion_keys(c["criteria"])) {
    const json& v = c["criteria"][k];
    out << tr("Tiêu chí ", "Criterion ") << k << "," << v.value("start", 0) << "," << v.value("end", 0) << ","
        << v.value("change", 0) << "\r\n";
  }
}

void print_national_text(const json& all, const json& findings, std::ostream& out) {
  const json& n = all["national"];
  long with_data = n.value("with_data", 0L);
  out << tr("Rà soát tiêu chí xã nông thôn mới — ", "Commune criteria review — ") << n.value("provinces", 0)
      << tr(" tỉnh, năm ", " provinces, year ") << n.value("year", 0) << tr(" (bộ tiêu chí: ", " (criteria sets: ")
      << n.value("criteria_sets", "") << ")\n";
  out << tr("Số xã: ", "Communes: ") << n.value("communes", 0L) << tr(" (có số liệu: ", " (with data: ") << with_data << ")\n";
  if (n.value("no_data", 0L) > 0)
    out << "  " << n.value("no_data", 0L) << tr(" xã chưa có số liệu (không tính vào các nhóm và bình quân)\n",
                                                 " communes without data (left out of the bands and the average)\n");
  out << tr("Đạt chuẩn: ", "Meeting the standard: ") << n.value("standard", 0L) << " (" << percent(n.value("standard", 0L), with_data)
      << ")\n";
  out << tr("Bình quân: ", "Average: ") << number(n["average"], 2) << tr(" tiêu chí/xã\n", " criteria per commune\n");
  if (n.value("same_criteria", false)) {
    for (const auto& [key, name] : bands_of(n)) {
      long c = n["bands"].value(key, 0L);
      out << "  " << name << ": " << c << tr(" xã", " communes") << " (" << percent(c, with_data) << ")\n";
    }
  }
  if (n.value("unconfirmed_thresholds", 0L) > 0)
    out << tr("Ngưỡng chưa được đối chiếu với văn bản gốc (cộng các tỉnh): ", "Thresholds not confirmed by a published source (over the provinces): ")
        << n.value("unconfirmed_thresholds", 0L) << "\n";
  TextTable t;
  t.columns = {tr("Mã", "Code"), tr("Tỉnh", "Province"), tr("Số xã", "Communes"), tr("Có số liệu", "With data"),
               tr("Đạt chuẩn", "Standard"), tr("Tỷ lệ", "Share"), tr("Bình quân", "Average"), tr("Bộ tiêu chí", "Set")};
  for (const auto& r : all["provinces"]) {
    int wd = r.value("with_data", 0);
    t.rows.push_back({r.value("province_code", ""), r.value("province", ""), std::to_string(r.value("communes", 0)),
                      std::to_string(wd), std::to_string(r.value("standard", 0)), percent(r.value("standard", 0), wd),
                      number(r["average"], 2), r.value("criteria_set", "")});
  }
  out << "\n";
  print_aligned(t, out);
  std::map<std::string, std::map<std::string, int>> levels;
  for (const auto& f : findings) levels[f["rule"].get<std::string>()][f["level"].get<std::string>()]++;
  if (findings.empty()) {
    out << "\n" << tr("Không có phát hiện nào.\n", "No findings.\n");
    return;
  }
  out << "\n" << tr("Phát hiện: ", "Findings: ") << findings_summary(findings)
      << tr(" (chi tiết: --findings)", " (details: --findings)") << "\n";
  for (const auto& [rule, by_level] : levels) out << "  " << tr("Quy tắc ", "Rule ") << rule << ": " << count_text(by_level) << "\n";
}

void print_national_csv(const json& all, std::ostream& out) {
  TextTable t;
  t.columns = {tr("Mã tỉnh", "Province code"), tr("Tỉnh", "Province"), tr("Số xã", "Communes"), tr("Có số liệu", "With data"),
               tr("Đạt chuẩn", "Standard"), tr("Bình quân", "Average"), tr("Bộ tiêu chí", "Set")};
  for (const auto& r : all["provinces"])
    t.rows.push_back({r.value("province_code", ""), r.value("province", ""), std::to_string(r.value("communes", 0)),
                      std::to_string(r.value("with_data", 0)), std::to_string(r.value("standard", 0)), number(r["average"], 2),
                      r.value("criteria_set", "")});
  const json& n = all["national"];
  t.rows.push_back({"", tr("Cả nước", "National"), std::to_string(n.value("communes", 0L)), std::to_string(n.value("with_data", 0L)),
                    std::to_string(n.value("standard", 0L)), number(n["average"], 2), n.value("criteria_sets", "")});
  print_csv(t, out);
}

void print_national_period_csv(const json& span, std::ostream& out) {
  const json& p = span["period"];
  std::string y0 = std::to_string(p.value("start_year", 0)), y1 = std::to_string(p.value("end_year", 0));
  TextTable t;
  t.columns = {tr("Mã tỉnh", "Province code"), tr("Tỉnh", "Province"), tr("Đạt chuẩn ", "Standard ") + y0,
               tr("Đạt chuẩn ", "Standard ") + y1, tr("Tăng giảm", "Change"), tr("Bình quân ", "Average ") + y0,
               tr("Bình quân ", "Average ") + y1};
  auto row = [&](const std::string& code, const std::string& name, const json& c) {
    t.rows.push_back({code, name, std::to_string(c["standard"].value("start", 0)), std::to_string(c["standard"].value("end", 0)),
                      std::to_string(c["standard"].value("change", 0)), number(c["average"]["start"], 2),
                      number(c["average"]["end"], 2)});
  };
  for (const auto& r : span["provinces"]) {
    if (r.contains("change")) row(r.value("province_code", ""), r.value("province", ""), r["change"]);
    else t.rows.push_back({r.value("province_code", ""), r.value("province", ""), "", "", "", "", ""});
  }
  row("", tr("Cả nước", "National"), span["change"]);
  print_csv(t, out);
}

}  // namespace ntm::cli
