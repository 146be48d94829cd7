// The packed copy of a province-year's indicator values (table value_pack, schema 4): the
// rows YearData::load would step in indicator_value, in one blob. A cache: a pack that
// exists is current (triggers delete the packs a change makes stale), one that is missing
// or unreadable is rebuilt from indicator_value by the next review that needs it.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/units.h"
#include "store/database.h"

namespace ntm {

// Which rows a pack holds: the values of `year` under `set_id` of the units under
// `province` on the map of `map_date`.
struct PackKey {
  int year = 0;
  std::string set_id;
  UnitId province = 0;
  std::string map_date;
};

// The rows, grouped by unit: indicator codes are stored once per pack and referred to by
// their position in `indicators`.
struct ValuePack {
  struct Value {
    std::uint32_t indicator;   // index into indicators
    double value;
  };
  struct Unit {
    UnitId id;
    std::vector<Value> values;
  };
  std::vector<std::string> indicators;
  std::vector<Unit> units;
};

// The blob's bytes, and back. decode() checks every length against the blob's size: a
// blob it cannot read whole gives nullopt (the caller reads indicator_value instead).
std::string encode_pack(const ValuePack& pack);
std::optional<ValuePack> decode_pack(std::string_view bytes);

// The pack of `key`, or nullopt when there is none, it cannot be read, or the database has
// no value_pack table (a database opened before its upgrade).
std::optional<ValuePack> read_pack(const store::Database& db, const PackKey& key);

// The rows of `key` stepped from indicator_value (what a pack holds).
ValuePack read_values(const store::Database& db, const PackKey& key);

class PackWriter;
// The values of `key`: its pack when there is a readable one, else indicator_value's rows,
// packed for the next time through `writer` when given.
ValuePack load_values(const store::Database& db, const PackKey& key, PackWriter* writer);

// Rebuilds packs over a writable connection of its own to the database file, so that
// read-only commands (check, report, allocate) fill the cache too. The rows are read and the
// pack written in one write transaction of that connection: no other writer can change a
// value in between and leave a pack older than the table. Best effort: a file that cannot be
// written (read-only media, another process writing, a full disk) leaves the cache as it is
// and the caller reads indicator_value itself; never an error for the command. After the
// first failure the writer stops trying for the rest of the run. One writer serves the
// threads of a national check, one rebuild at a time.
class PackWriter {
 public:
  explicit PackWriter(std::filesystem::path db_path) : path_(std::move(db_path)) {}
  ~PackWriter();
  // The rows of `key`, now stored as its pack; nullopt when the pack could not be written.
  std::optional<ValuePack> rebuild(const PackKey& key) noexcept;
  // Packs written by this writer (for tests and the benchmark).
  int written() const { return written_; }

 private:
  std::filesystem::path path_;
  std::unique_ptr<store::Database> db_;
  std::mutex lock_;   // the threads of one command share the writer and its connection
  bool failed_ = false;
  int written_ = 0;
};

}  // namespace ntm
