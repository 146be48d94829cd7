#include "cli/check_output.h"

#include <algorithm>
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

void print_review_text(const json& review, std::ostream& out) {
  int communes = review.value("communes", 0);
  out << tr("Rà soát tiêu chí xã nông thôn mới — tỉnh ", "Commune criteria review — province ") << review.value("province", "")
      << tr(", năm ", ", year ") << review.value("year", 0) << " (" << tr("bộ tiêu chí ", "criteria set ")
      << review.value("criteria_set", "") << ")\n";
  out << tr("Số xã: ", "Communes: ") << communes << "\n";
  if (review.contains("bands")) {
    int i = 0;
    for (const auto& band : kBands) {
      int n = review["bands"].value(band[0], 0);
      out << "  " << (current_lang() == Lang::En ? kBandsEn[i] : band[1]) << ": " << n << tr(" xã", " communes") << " ("
          << percent(n, communes) << ")\n";
      ++i;
    }
  }
  if (review.contains("average"))
    out << tr("Bình quân: ", "Average: ") << number(review["average"], 2) << tr(" tiêu chí/xã\n", " criteria per commune\n");
  if (review.contains("criteria")) {
    out << tr("Số xã đạt từng tiêu chí:\n", "Communes meeting each criterion:\n");
    std::vector<std::pair<int, int>> rows;
    for (auto it = review["criteria"].begin(); it != review["criteria"].end(); ++it)
      rows.emplace_back(std::stoi(it.key()), it.value().get<int>());
    std::sort(rows.begin(), rows.end());
    for (const auto& [c, n] : rows)
      out << "  " << tr("TC ", "C ") << (c < 10 ? " " : "") << c << ": " << n << "/" << communes << " (" << percent(n, communes) << ")\n";
  }
  if (review.contains("by_district")) {
    TextTable t;
    t.columns = {tr("Huyện", "District"), tr("Số xã", "Communes"), "19", "15-18", "10-14", "5-9", "<5", tr("Bình quân", "Average")};
    t.numeric = {false, true, true, true, true, true, true, true};
    std::vector<std::string> names;
    for (auto it = review["by_district"].begin(); it != review["by_district"].end(); ++it) names.push_back(it.key());
    sort_vietnamese(names);
    for (const auto& name : names) {
      const json& d = review["by_district"][name];
      std::vector<std::string> row = {name, std::to_string(d.value("communes", 0))};
      for (const auto& band : kBands) row.push_back(std::to_string(d.contains("bands") ? d["bands"].value(band[0], 0) : 0));
      row.push_back(number(d.value("average", json(0)), 2));
      t.rows.push_back(row);
    }
    out << "\n";
    print_aligned(t, out);
  }
  if (review.contains("findings")) {
    out << "\n";
    print_findings_text(review["findings"], out);
  }
}

void print_review_csv(const json& review, std::ostream& out) {
  TextTable t;
  t.columns = {"code", "name", "district", "count"};
  std::set<int> criteria;
  if (review.contains("criteria"))
    for (auto it = review["criteria"].begin(); it != review["criteria"].end(); ++it) criteria.insert(std::stoi(it.key()));
  for (int c : criteria) t.columns.push_back("tc" + std::to_string(c));
  if (review.contains("results")) {
    for (const auto& r : review["results"]) {
      std::vector<std::string> row = {r.value("code", ""), r.value("name", ""), r.value("district", ""),
                                      std::to_string(r.value("count", 0))};
      std::set<int> met;
      for (const auto& m : r["met"]) met.insert(m.get<int>());
      for (int c : criteria) row.push_back(met.count(c) ? "1" : "0");
      t.rows.push_back(row);
    }
  }
  print_csv(t, out);
}

}  // namespace ntm::cli
