#include "model/value_pack.h"

#include <cstring>
#include <unordered_map>

namespace ntm {

// The blob, little-endian throughout (every platform Debian ships ntm on):
//   "NTMP" u32 format(1)
//   u32 indicator count, then each: u32 length, bytes
//   u32 unit count, then each: i64 unit id, u32 value count, then each: u32 indicator, f64 value
// A format other than 1 is unreadable: the pack is rebuilt.
namespace {

constexpr char kMagic[4] = {'N', 'T', 'M', 'P'};
constexpr std::uint32_t kFormat = 1;

template <typename T>
void put(std::string& out, T v) {
  char bytes[sizeof(T)];
  std::memcpy(bytes, &v, sizeof(T));
  out.append(bytes, sizeof(T));
}

// Reads from a blob, failing (ok() false) instead of reading past its end.
class Reader {
 public:
  explicit Reader(std::string_view bytes) : bytes_(bytes) {}
  template <typename T>
  T get() {
    T v{};
    if (!ok_ || bytes_.size() - pos_ < sizeof(T)) {
      ok_ = false;
      return v;
    }
    std::memcpy(&v, bytes_.data() + pos_, sizeof(T));
    pos_ += sizeof(T);
    return v;
  }
  std::string_view take(std::size_t n) {
    if (!ok_ || bytes_.size() - pos_ < n) {
      ok_ = false;
      return {};
    }
    std::string_view out = bytes_.substr(pos_, n);
    pos_ += n;
    return out;
  }
  // Whether `count` items of at least `each` bytes can still follow: a count read from a
  // hostile blob must not reserve gigabytes.
  bool room_for(std::uint64_t count, std::size_t each) const {
    return ok_ && count <= (bytes_.size() - pos_) / each;
  }
  bool ok() const { return ok_; }
  bool at_end() const { return pos_ == bytes_.size(); }

 private:
  std::string_view bytes_;
  std::size_t pos_ = 0;
  bool ok_ = true;
};

}  // namespace

std::string encode_pack(const ValuePack& pack) {
  std::string out;
  std::size_t values = 0;
  for (const auto& u : pack.units) values += u.values.size();
  out.reserve(16 + pack.indicators.size() * 8 + pack.units.size() * 12 + values * 12);
  out.append(kMagic, sizeof kMagic);
  put<std::uint32_t>(out, kFormat);
  put<std::uint32_t>(out, static_cast<std::uint32_t>(pack.indicators.size()));
  for (const auto& id : pack.indicators) {
    put<std::uint32_t>(out, static_cast<std::uint32_t>(id.size()));
    out += id;
  }
  put<std::uint32_t>(out, static_cast<std::uint32_t>(pack.units.size()));
  for (const auto& u : pack.units) {
    put<std::int64_t>(out, u.id);
    put<std::uint32_t>(out, static_cast<std::uint32_t>(u.values.size()));
    for (const auto& v : u.values) {
      put<std::uint32_t>(out, v.indicator);
      put<double>(out, v.value);
    }
  }
  return out;
}

std::optional<ValuePack> decode_pack(std::string_view bytes) {
  Reader in(bytes);
  std::string_view magic = in.take(sizeof kMagic);
  if (!in.ok() || std::memcmp(magic.data(), kMagic, sizeof kMagic) != 0 || in.get<std::uint32_t>() != kFormat)
    return std::nullopt;
  ValuePack pack;
  auto indicators = in.get<std::uint32_t>();
  if (!in.room_for(indicators, 4)) return std::nullopt;
  pack.indicators.reserve(indicators);
  for (std::uint32_t i = 0; i < indicators; ++i) {
    auto length = in.get<std::uint32_t>();
    std::string_view id = in.take(length);
    if (!in.ok()) return std::nullopt;
    pack.indicators.emplace_back(id);
  }
  auto units = in.get<std::uint32_t>();
  if (!in.room_for(units, 12)) return std::nullopt;
  pack.units.resize(units);
  for (auto& u : pack.units) {
    u.id = in.get<std::int64_t>();
    auto values = in.get<std::uint32_t>();
    if (!in.room_for(values, 12)) return std::nullopt;
    u.values.resize(values);
    for (auto& v : u.values) {
      v.indicator = in.get<std::uint32_t>();
      v.value = in.get<double>();
      if (v.indicator >= indicators) return std::nullopt;
    }
  }
  if (!in.ok() || !in.at_end()) return std::nullopt;
  return pack;
}

std::optional<ValuePack> read_pack(const store::Database& db, const PackKey& key) {
  // A database at schema 3 (read before its upgrade, or by a test that built it by hand) has
  // no pack table: read the long table.
  if (db.user_version() < 4) return std::nullopt;
  auto stmt = db.prepare("SELECT body FROM value_pack WHERE year = ?1 AND set_id = ?2 AND province_id = ?3 AND map_date = ?4");
  stmt.bind(1, key.year).bind(2, key.set_id).bind(3, key.province).bind(4, key.map_date);
  if (!stmt.step()) return std::nullopt;
  return decode_pack(stmt.get_blob_view(0));
}

ValuePack read_values(const store::Database& db, const PackKey& key) {
  // The units of the province's map by a recursive query from the province; each value row
  // is matched to its unit by id. Rows come in primary-key order (unit, year, set, indicator),
  // so one unit's values are consecutive.
  auto stmt = db.prepare(R"(
    WITH RECURSIVE tree(id) AS (
      SELECT ?1 UNION ALL
      SELECT p.unit_id FROM unit_period p JOIN tree t ON p.parent_id = t.id
      WHERE ifnull(p.valid_from, '') <= ?4 AND ifnull(p.valid_to, '9999-12-31') >= ?4)
    SELECT v.unit_id, v.indicator, v.value FROM indicator_value v JOIN tree t ON t.id = v.unit_id
    WHERE v.year = ?2 AND v.set_id = ?3)");
  stmt.bind(1, key.province).bind(2, key.year).bind(3, key.set_id).bind(4, key.map_date);
  ValuePack pack;
  std::unordered_map<std::string, std::uint32_t> ordinal;
  std::string code;
  while (stmt.step()) {
    UnitId unit = stmt.get_int(0);
    if (pack.units.empty() || pack.units.back().id != unit) pack.units.push_back({unit, {}});
    code.assign(stmt.get_text_view(1));
    auto it = ordinal.find(code);
    if (it == ordinal.end()) {
      it = ordinal.emplace(code, static_cast<std::uint32_t>(pack.indicators.size())).first;
      pack.indicators.push_back(code);
    }
    pack.units.back().values.push_back({it->second, stmt.get_double(2)});
  }
  return pack;
}

ValuePack load_values(const store::Database& db, const PackKey& key, PackWriter* writer) {
  if (auto pack = read_pack(db, key)) return std::move(*pack);
  if (writer)
    if (auto pack = writer->rebuild(key)) return std::move(*pack);
  return read_values(db, key);
}

PackWriter::~PackWriter() = default;

std::optional<ValuePack> PackWriter::rebuild(const PackKey& key) noexcept {
  std::lock_guard<std::mutex> hold(lock_);
  if (failed_ || path_.empty() || path_ == ":memory:") return std::nullopt;
  try {
    if (!db_) {
      db_ = std::make_unique<store::Database>(path_, store::OpenMode::ReadWrite);
      db_->set_busy_timeout(0);   // another process writing: skip, do not wait
      if (db_->user_version() < 4) {
        failed_ = true;
        db_.reset();
        return std::nullopt;
      }
    }
    store::Transaction tx(*db_);   // BEGIN IMMEDIATE: the rows and the pack from one state
    ValuePack pack = read_values(*db_, key);
    auto stmt = db_->prepare(
        "INSERT INTO value_pack (year, set_id, province_id, map_date, body) VALUES (?1, ?2, ?3, ?4, ?5) "
        "ON CONFLICT (year, set_id, province_id, map_date) DO UPDATE SET body = excluded.body");
    stmt.bind(1, key.year).bind(2, key.set_id).bind(3, key.province).bind(4, key.map_date).bind_blob(5, encode_pack(pack));
    stmt.run();
    tx.commit();
    ++written_;
    return pack;
  } catch (...) {
    failed_ = true;
    db_.reset();
    return std::nullopt;
  }
}

}  // namespace ntm
