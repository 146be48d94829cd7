// Data-entry workbooks from the database (`ntm export KIND --template --per province|district|commune`)
// and reading them back together (`ntm import KIND FILE...`), saying which units have not
// sent theirs back. The workbook itself is written by entry_workbook.h.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "app/entry_workbook.h"
#include "app/importer.h"
#include "store/database.h"

namespace ntm::app {

struct EntryOptions {
  std::string kind;                 // indicators | statuses | funding | ocop
  std::string province;             // name or code
  int year = 0;                     // the year the values are for (required)
  std::string per = "province";     // province | district | commune: one workbook each
};

// The kinds that have data-entry workbooks.
const std::vector<std::string>& entry_kinds();

// One workbook per province, district or commune (districts and communes in code order).
// Indicator columns carry the indicator's name, unit and the threshold that applies to the
// province's region in that year ("chưa có ngưỡng" when the data has none); yes/no
// indicators and statuses get a Đạt/Chưa đạt list; numbers their plausible range.
// Throws std::invalid_argument (bad kind, per or missing year), NotFound (unknown province).
std::vector<EntryWorkbook> entry_workbooks(const store::Database& db, const EntryOptions& options);

// What importing returned workbooks together found.
struct ReturnedSummary {
  std::vector<ImportSummary> files;               // one per file, in order
  std::vector<std::string> missing;               // "Xã Nà Hỳ (03163)": units nobody sent values for
  std::size_t expected = 0;                       // units a full return covers
  bool checked = false;                           // every file was an entry workbook, so `missing` is known
};

// Imports every file (checked all first, as dry runs, so one bad file imports nothing),
// skipping rows whose value cells are all empty (a unit left blank is "not sent"), and lists
// the units of the province (rural communes for indicators and statuses) that have no value
// in any file. Throws ImportError naming the file of each problem.
ReturnedSummary import_returned(store::Database& db, const ImportOptions& base, const std::vector<std::filesystem::path>& files);

}  // namespace ntm::app
