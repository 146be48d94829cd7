#include "cli/table_output.h"

#include "model/csv.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <stdexcept>

#include "model/i18n.h"
#include "model/text.h"

namespace ntm::cli {

void print_aligned(const TextTable& table, std::ostream& out) {
  std::vector<int> widths;
  for (const auto& c : table.columns) widths.push_back(display_width(c));
  for (const auto& row : table.rows)
    for (std::size_t i = 0; i < row.size() && i < widths.size(); ++i) widths[i] = std::max(widths[i], display_width(row[i]));
  auto print_row = [&](const std::vector<std::string>& row) {
    for (std::size_t i = 0; i < widths.size(); ++i) {
      const std::string cell = i < row.size() ? row[i] : "";
      int pad = widths[i] - display_width(cell);
      bool right = i < table.numeric.size() && table.numeric[i];
      if (i) out << "  ";
      if (right) out << std::string(static_cast<std::size_t>(pad), ' ') << cell;
      else out << cell << (i + 1 < widths.size() ? std::string(static_cast<std::size_t>(pad), ' ') : "");
    }
    out << "\n";
  };
  print_row(table.columns);
  std::vector<std::string> rule;
  for (int w : widths) rule.push_back(std::string(static_cast<std::size_t>(w), '-'));
  print_row(rule);
  for (const auto& row : table.rows) print_row(row);
  out << "(" << table.rows.size() << tr(" dòng)", " rows)") << "\n";
}

namespace {

std::string csv_field(const std::string& s) { return csv_cell(s, ','); }

}  // namespace

void print_csv(const TextTable& table, std::ostream& out) {
  auto line = [&](const std::vector<std::string>& row) {
    for (std::size_t i = 0; i < row.size(); ++i) out << (i ? "," : "") << csv_field(row[i]);
    out << "\n";
  };
  line(table.columns);
  for (const auto& row : table.rows) line(row);
}

void print_json(const TextTable& table, std::ostream& out) {
  nlohmann::ordered_json rows = nlohmann::ordered_json::array();
  for (const auto& row : table.rows) {
    nlohmann::ordered_json obj = nlohmann::ordered_json::object();
    for (std::size_t i = 0; i < table.columns.size() && i < row.size(); ++i) {
      bool numeric = i < table.numeric.size() && table.numeric[i];
      if (numeric && !row[i].empty()) {
        char* end = nullptr;
        double v = std::strtod(row[i].c_str(), &end);
        if (*end == 0) {
          if (row[i].find_first_of(".eE") == std::string::npos) obj[table.columns[i]] = std::stoll(row[i]);
          else obj[table.columns[i]] = v;
          continue;
        }
      }
      obj[table.columns[i]] = row[i];
    }
    rows.push_back(obj);
  }
  out << rows.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
}

void print_table(const TextTable& table, const std::string& format, std::ostream& out) {
  if (format == "table") print_aligned(table, out);
  else if (format == "csv") print_csv(table, out);
  else if (format == "json") print_json(table, out);
  else throw std::invalid_argument(tr("định dạng '", "format '") + format + tr("' không hỗ trợ (table, csv, json)", "' is not supported (table, csv, json)"));
}

}  // namespace ntm::cli
