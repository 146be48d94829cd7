// Fuzzes the CSV importer end to end: the first byte picks the kind of data, the rest is the
// file a district sent. The import runs as --dry-run against the Điện Biên sample, so the
// whole path runs (decoding, header matching, units by name or code, numbers, dates, the
// write and its diff) and is rolled back. It must either import or throw a runtime_error
// (ImportError, an unknown unit...); and the database must be exactly as before.
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

#include "app/importer.h"
#include "fuzz_support.h"
#include "store/database.h"

namespace {

// Every row of the tables an import writes, as text.
std::string contents(const ntm::store::Database& db) {
  std::string out;
  for (const char* table : {"unit", "unit_period", "succession", "unit_class", "unit_tag", "indicator_value",
                            "criterion_status", "recognition", "funding", "target", "statistic", "ocop_product"}) {
    auto st = db.prepare(std::string("SELECT * FROM ") + table);   // in key order: stable across a rollback
    out += table;
    while (st.step()) {
      out += '\n';
      for (int c = 0; c < st.column_count(); ++c) out += st.get_text(c) + '\x1f';
    }
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  static ntm::store::Database db(ntm::fuzz::sample_database("ntm-fuzz-import.db"), ntm::store::OpenMode::ReadWrite);
  static const std::string before = contents(db);

  const auto& kinds = ntm::app::import_kinds();
  std::filesystem::path file = std::filesystem::temp_directory_path() / "ntm-fuzz-import.csv";
  {
    std::ofstream out(file, std::ios::binary);
    out.write(reinterpret_cast<const char*>(data + 1), static_cast<std::streamsize>(size - 1));
  }
  ntm::app::ImportOptions options;
  options.kind = kinds[data[0] % kinds.size()];
  options.file = file;
  options.province = "Điện Biên";
  options.year = 2020;
  if (options.kind == "units") options.from = "2020-06-01";   // a map from that date
  options.dry_run = true;
  ntm::fuzz::as_cli([&] {
    auto summary = ntm::app::import_file(db, options);
    (void)ntm::app::describe(summary, 20);
  });
  if (contents(db) != before) __builtin_trap();
  return 0;
}
