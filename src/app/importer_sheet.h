// Internal to the importer (importer*.cpp): a decoded file with its header mapped to column
// keys, the province whose units it names (each row's unit is found on the map of its year),
// and the problems found so far.
#pragma once

#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "app/importer.h"
#include "model/criteria.h"
#include "model/units.h"

namespace ntm::app::detail {

// A row to write: the key columns identify it, the value columns are compared with what the
// database holds and written when they differ. No keys means a new row (plain INSERT).
struct Record {
  int line = 0;
  std::string unit;                                   // label for messages
  std::string table;
  std::vector<std::pair<std::string, store::Value>> keys;
  std::vector<std::pair<std::string, store::Value>> values;
  std::vector<std::string> fields;                    // display name of each value
  bool remove = false;                                // delete the row with these keys (if any)
};

// One column key and the header texts (folded) that name it.
struct ColumnName {
  const char* key;
  std::vector<const char*> aliases;
};

// The file being imported, with helpers that record a problem (row and column named)
// instead of stopping at the first.
class Reader {
 public:
  Reader(const store::Database& db, CsvFile file, UnitId province, const ImportOptions& options,
         const std::vector<ColumnName>& names);

  const store::Database& db() const { return db_; }
  const ImportOptions& options() const { return options_; }
  UnitId province_id() const { return province_id_; }
  // The province on the map of a year: --as-of when given, else 31/12 of the year (0: of
  // --year, else today).
  const Province& map(int year);
  const Province& map_at(const std::string& date);
  const Province& province() { return map(default_year_); }
  // Fields written above the header by `ntm export` ("Tỉnh: Điện Biên", "Năm: 2020",
  // "Bộ tiêu chí: 1980-xa"), by folded label: "tinh", "nam", "bo tieu chi", "ban do ngay".
  static std::map<std::string, std::string> file_fields(const CsvFile& file);
  const CsvFile& file() const { return file_; }
  DecimalMark decimal() const { return decimal_; }
  // Data rows (after the header).
  std::size_t size() const { return file_.rows.size() - 1; }
  const CsvRow& row(std::size_t i) const { return file_.rows[i + 1]; }
  const std::vector<std::string>& header() const { return file_.rows[0].fields; }
  // Columns of the header that matched no name, by index.
  const std::set<std::size_t>& unclaimed() const { return unclaimed_; }
  void claim(std::size_t column) { unclaimed_.erase(column); }

  bool has(const std::string& key) const { return columns_.count(key) > 0; }
  std::string column_title(const std::string& key) const;
  // The trimmed text of a named column in row i ("" when absent).
  std::string text(std::size_t i, const std::string& key) const;
  std::string cell(std::size_t i, std::size_t column) const;

  void problem(std::size_t i, const std::string& column, const std::string& message);
  void problem(const std::string& message) { problems_.push_back(message); }
  std::vector<std::string>& problems() { return problems_; }

  // A number in a named column or a given column; nullopt when empty; a problem when bad.
  std::optional<double> number(std::size_t i, const std::string& key);
  std::optional<double> number_at(std::size_t i, std::size_t column);
  // An ISO date from dd/mm/yyyy or yyyy-mm-dd; "" when empty; a problem when bad.
  std::string date(std::size_t i, const std::string& key);
  // The year of row i: its year column, else --year; 0 with a problem when neither.
  int year(std::size_t i);
  // The unit named by the code / name / district columns of row i, of one of `kinds`, on the
  // map of `year`; nullptr with a problem listing candidates when unknown or ambiguous, or
  // saying when the code existed and what succeeded it.
  const Unit* unit(std::size_t i, const std::set<std::string>& kinds, int year);

 private:
  const store::Database& db_;
  CsvFile file_;
  UnitId province_id_;
  ImportOptions options_;
  std::map<std::string, std::shared_ptr<const Province>> maps_;
  int default_year_;
  DecimalMark decimal_ = DecimalMark::Point;
  std::map<std::string, std::size_t> columns_;
  std::set<std::size_t> unclaimed_;
  std::vector<std::string> problems_;
  bool year_problem_ = false;
  static constexpr int kMaxSuggestions = 50;   // rows that get "có phải: ..." suggestions
  int suggestions_ = 0;
};

// `ntm import units --from D`: the province's list of units valid from D compared with the
// map of D, changes recorded as periods and successions (importer_units.cpp). Problems go to
// the reader; the summary's changes say what changed.
void import_units(store::Database& db, Reader& reader, ImportSummary& summary);

// Builds the records of one kind (importer_kinds.cpp). Problems go to the reader.
// `note` gets what was chosen by default (the criteria set of each year).
std::vector<Record> records_for(const std::string& kind, Reader& reader, std::string& note);
// The column names a kind accepts (importer_kinds.cpp).
const std::vector<ColumnName>& column_names(const std::string& kind);

}  // namespace ntm::app::detail
