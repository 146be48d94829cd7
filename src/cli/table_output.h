// Printing rows of text as an aligned table (display width, not bytes), CSV or JSON.
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace ntm::cli {

struct TextTable {
  std::vector<std::string> columns;
  std::vector<std::vector<std::string>> rows;
  std::vector<bool> numeric;   // per column: right-align in tables, unquoted in JSON
};

void print_aligned(const TextTable& table, std::ostream& out);
void print_csv(const TextTable& table, std::ostream& out);
void print_json(const TextTable& table, std::ostream& out);

// Dispatches on "table" | "csv" | "json"; throws std::invalid_argument otherwise.
void print_table(const TextTable& table, const std::string& format, std::ostream& out);

}  // namespace ntm::cli
