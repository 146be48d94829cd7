// `ntm import KIND FILE`: reading the spreadsheets districts send (CSV as Excel writes it, or .xlsx)
// into the database, all or nothing; and the table shapes that `ntm export` writes, so an
// export edited in Excel imports back.
#pragma once

#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "model/csv.h"
#include "store/database.h"

namespace ntm::app {

// The kinds of data a file can carry, in the order `ntm import --help` lists them.
const std::vector<std::string>& import_kinds();

// A CSV text decoded the way Excel on a Vietnamese Windows writes it.
struct CsvFile {
  std::vector<CsvRow> rows;      // the header row first
  char delimiter = ',';          // ',' or ';', detected from the header line
  bool bom = false;
  bool xlsx = false;             // read from a workbook: numbers are machine numbers (point decimal)
};

// Decodes `bytes`: strips a UTF-8 BOM and an Excel "sep=;" line, refuses text that is not
// UTF-8 (Windows-1258, TCVN3, VNI...) with a message saying how to save as CSV UTF-8,
// detects the delimiter. Throws std::runtime_error.
CsvFile read_csv_text(std::string_view bytes);

// Reads the first worksheet of an .xlsx workbook as rows of text (importer_xlsx.cpp).
// Throws std::runtime_error naming the file when it cannot be read.
CsvFile read_xlsx(const std::filesystem::path& path);

// How numbers are written in one file: decimal comma ("11,75", thousands "1.986.281") or
// decimal point ("11.75", thousands "1,986,281").
enum class DecimalMark { Point, Comma };

// Guesses the decimal mark from number-like cells: "3,5" or "1.234.567" mean a comma,
// "3.5" or "1,234,567" a point; with no evidence, a comma when the delimiter is ';'.
DecimalMark detect_decimal(const std::vector<std::string>& cells, char delimiter);

// Parses a number written with `mark`: optional sign, thousands separators in groups of
// three, spaces ignored, an exponent as Excel writes it. nullopt when it is not such a number
// or is too large for a double.
std::optional<double> parse_number(std::string_view text, DecimalMark mark);
// True when `text` is written as a number but is too large for a double.
bool number_overflows(std::string_view text, DecimalMark mark);

struct ImportOptions {
  std::string kind;               // one of import_kinds()
  std::filesystem::path file;
  std::string province;           // name or code; else the province the file says (ntm export writes it)
  int year = 0;                   // required by the yearly kinds unless the file has a year column or says it
  std::string as_of;              // ISO date: the map the rows' units are found on (default: 31/12 of each row's year)
  std::string set;                // indicators, statuses: the criteria set (default: the file's, the recorded one, the year's)
  std::string from;               // units: the date from which the file's list is the province's map (required)
  std::string act;                // units: the legal act of the change ("Nghị quyết số ...")
  bool dry_run = false;
  // ntm.toml's working defaults: used only where neither the flags nor the file say.
  std::string project_province, project_set;
  int project_year = 0;
};

// One changed value, for the summary.
struct ImportChange {
  int line = 0;                   // CSV line of the row
  std::string unit;               // "Xã Nà Hỳ (03163)"
  std::string field;              // "10.1", "amount", ...
  std::string before, after;      // "" before = inserted
};

struct ImportSummary {
  std::string kind;
  std::string province;           // its name
  std::string note;               // what was chosen by default (set, map), said in the summary
  std::size_t rows = 0;           // data rows read
  std::size_t inserted = 0, updated = 0, unchanged = 0;   // values (cells) compared
  char delimiter = ',';
  DecimalMark decimal = DecimalMark::Point;
  bool dry_run = false;
  bool xlsx = false;              // read from an .xlsx workbook
  std::vector<ImportChange> changes;
  std::vector<std::string> ignored_columns;   // header cells that name nothing this kind reads
};

// Every problem found in a file, each naming its row and column. The database is unchanged.
class ImportError : public std::runtime_error {
 public:
  explicit ImportError(std::vector<std::string> problems)
      : std::runtime_error(problems.empty() ? "" : problems.front()), problems(std::move(problems)) {}
  std::vector<std::string> problems;
};

// The database could not be written (disk full, I/O error, out of memory): the import
// stopped at the first such error and its transaction was rolled back, so the database is
// as it was. `what()` names the row and SQLite's error.
class ImportStorageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Imports the file into `db` (opened read-write) in one transaction: everything or nothing.
// With dry_run, computes the same summary and rolls back. Throws ImportError listing every
// bad row and column; ImportStorageError when the database cannot be written;
// std::runtime_error for a file that cannot be read at all; NotFound for an unknown province.
ImportSummary import_file(store::Database& db, const ImportOptions& options);

// Writes the summary in Vietnamese: counts, the delimiter and decimal mark detected, and
// the changes themselves when there are at most `max_listed`.
std::string describe(const ImportSummary& summary, std::size_t max_listed = 50);

// ---- shared by import and export ----------------------------------------------------------

// A table as export writes it and import reads it: a header and rows of text cells, and
// above the header a line saying what the table holds ("Tỉnh: Điện Biên", "Năm: 2020", ...),
// which import reads back so that an exported file needs no flags.
struct Sheet {
  std::vector<std::string> about;
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  std::vector<bool> numeric;      // per column, for xlsx
};

}  // namespace ntm::app
