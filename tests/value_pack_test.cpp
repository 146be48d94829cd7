// The packed province-years (model/value_pack.h, table value_pack): the blob format, the
// triggers that drop a pack a change makes stale, and a review that gives the same figures
// from a pack as from indicator_value.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <filesystem>

#include "model/catalog.h"
#include "model/criteria.h"
#include "model/units.h"
#include "model/value_pack.h"
#include "store/database.h"
#include "support.h"

namespace fs = std::filesystem;

namespace {

ntm::ValuePack small_pack() {
  ntm::ValuePack p;
  p.indicators = {"17.3", "2.1", "19.1"};
  p.units = {{101, {{0, 95.5}, {2, 1.0}}}, {102, {}}, {205, {{1, -3.25}}}};
  return p;
}

fs::path db_copy(const std::string& name) {
  fs::path to = ntm::test::temp_dir() / ("pack-" + name + ".db");
  fs::copy_file(ntm::test::sample_db("dien-bien-2020"), to, fs::copy_options::overwrite_existing);
  return to;
}

std::int64_t scalar_int(const fs::path& db, const std::string& sql) {
  ntm::store::Database d(db, ntm::store::OpenMode::ReadOnly);
  auto v = d.scalar(sql);
  return v && std::holds_alternative<std::int64_t>(*v) ? std::get<std::int64_t>(*v) : -1;
}

nlohmann::json review(const fs::path& db) {
  auto r = ntm::test::ntm("--db '" + db.string() + "' check --province 11 --year 2020 --format json --no-rules");
  REQUIRE((r.status == 0 || r.status == 1));   // 1: the review has findings of level error
  auto j = nlohmann::json::parse(r.out);
  j.erase("findings");
  return j;
}

}  // namespace

TEST_CASE("a pack's bytes read back as the same rows; a damaged blob is refused, never read past its end") {
  ntm::ValuePack p = small_pack();
  std::string bytes = ntm::encode_pack(p);
  auto back = ntm::decode_pack(bytes);
  REQUIRE(back);
  CHECK(back->indicators == p.indicators);
  REQUIRE(back->units.size() == 3);
  CHECK(back->units[0].id == 101);
  REQUIRE(back->units[0].values.size() == 2);
  CHECK(back->units[0].values[1].indicator == 2);
  CHECK(back->units[0].values[1].value == 1.0);
  CHECK(back->units[1].values.empty());
  CHECK(back->units[2].values[0].value == -3.25);

  // Every shorter prefix, one byte more, a wrong magic or format: unreadable.
  for (std::size_t n = 0; n < bytes.size(); ++n) CHECK_FALSE(ntm::decode_pack(std::string_view(bytes).substr(0, n)));
  CHECK_FALSE(ntm::decode_pack(bytes + '\0'));
  std::string magic = bytes;
  magic[0] = 'X';
  CHECK_FALSE(ntm::decode_pack(magic));
  std::string format = bytes;
  format[4] = 2;
  CHECK_FALSE(ntm::decode_pack(format));
  // A count of four billion units in a blob of a few bytes is refused before anything is
  // reserved for it.
  std::string huge = bytes.substr(0, 8) + std::string("\0\0\0\0", 4) + std::string("\xff\xff\xff\xff", 4);
  CHECK_FALSE(ntm::decode_pack(huge));
  // An indicator number outside the pack's list of codes.
  ntm::ValuePack bad = small_pack();
  bad.units[0].values[0].indicator = 3;
  CHECK_FALSE(ntm::decode_pack(ntm::encode_pack(bad)));
}

TEST_CASE("a review fills the pack of its province-year and gives the same figures from it") {
  fs::path db = db_copy("fill");
  CHECK(scalar_int(db, "SELECT count(*) FROM value_pack") == 0);
  nlohmann::json first = review(db);   // from indicator_value, packing it
  CHECK(scalar_int(db, "SELECT count(*) FROM value_pack WHERE year = 2020 AND map_date = '2020-12-31'") == 1);
  nlohmann::json second = review(db);  // from the pack
  CHECK(second == first);
  CHECK(first["with_data"].get<int>() > 0);

  // The pack holds exactly the province's rows of indicator_value.
  ntm::store::Database d(db, ntm::store::OpenMode::ReadOnly);
  auto key = d.prepare("SELECT set_id, province_id FROM value_pack");
  REQUIRE(key.step());
  ntm::PackKey k{2020, key.get_text(0), key.get_int(1), "2020-12-31"};
  auto pack = ntm::read_pack(d, k);
  REQUIRE(pack);
  ntm::ValuePack rows = ntm::read_values(d, k);
  CHECK(pack->indicators == rows.indicators);
  std::size_t a = 0, b = 0;
  for (const auto& u : pack->units) a += u.values.size();
  for (const auto& u : rows.units) b += u.values.size();
  CHECK(a == b);
  CHECK(a == static_cast<std::size_t>(scalar_int(db, "SELECT count(*) FROM indicator_value WHERE year = 2020")));
}

TEST_CASE("a change of a value or of the map drops the packs it makes stale, and the next review sees the change") {
  fs::path db = db_copy("stale");
  nlohmann::json before = review(db);
  REQUIRE(scalar_int(db, "SELECT count(*) FROM value_pack") == 1);

  SUBCASE("a value changed by hand (sqlite3, another program): the year's pack goes") {
    {
      ntm::store::Database d(db, ntm::store::OpenMode::ReadWrite);
      // A commune without assessed statuses loses every value: it has no data any more.
      d.exec(R"(DELETE FROM indicator_value WHERE year = 2020 AND unit_id = (
                  SELECT v.unit_id FROM indicator_value v WHERE v.year = 2020 AND NOT EXISTS (
                    SELECT 1 FROM criterion_status s WHERE s.unit_id = v.unit_id AND s.year = 2020 AND s.by = 'assessed')
                  ORDER BY v.unit_id LIMIT 1))");
      REQUIRE(d.changes() > 0);
    }
    CHECK(scalar_int(db, "SELECT count(*) FROM value_pack") == 0);
    nlohmann::json after = review(db);
    CHECK(after["with_data"].get<int>() == before["with_data"].get<int>() - 1);
    CHECK(after["no_data"].size() == before["no_data"].size() + 1);
    CHECK(scalar_int(db, "SELECT count(*) FROM value_pack") == 1);   // packed again
    CHECK(review(db) == after);
  }
  SUBCASE("a value of another year leaves the pack alone; an update of this year drops it") {
    {
      ntm::store::Database d(db, ntm::store::OpenMode::ReadWrite);
      d.exec("UPDATE indicator_value SET value = value WHERE year <> 2020");
    }
    CHECK(scalar_int(db, "SELECT count(*) FROM value_pack") == 1);
    {
      ntm::store::Database d(db, ntm::store::OpenMode::ReadWrite);
      d.exec("UPDATE indicator_value SET value = 0 WHERE year = 2020 AND indicator = '17.3'");
    }
    CHECK(scalar_int(db, "SELECT count(*) FROM value_pack") == 0);
  }
  SUBCASE("a change of the map drops every pack") {
    {
      ntm::store::Database d(db, ntm::store::OpenMode::ReadWrite);
      d.exec("UPDATE unit_period SET act = act WHERE unit_id = (SELECT min(unit_id) FROM unit_period)");
    }
    CHECK(scalar_int(db, "SELECT count(*) FROM value_pack") == 0);
    CHECK(review(db) == before);
  }
  SUBCASE("a damaged pack is not believed: the review reads indicator_value and writes the pack anew") {
    {
      ntm::store::Database d(db, ntm::store::OpenMode::ReadWrite);
      d.exec("UPDATE value_pack SET body = x'4e544d50010000000500'");
    }
    CHECK(review(db) == before);
    CHECK(scalar_int(db, "SELECT length(body) > 10 FROM value_pack") == 1);
  }
}

TEST_CASE("a review of a file it cannot write still works, from indicator_value") {
  // Another connection holds the write lock: the pack writer does not wait, and the review
  // gives the same figures without a pack.
  fs::path db = db_copy("locked");
  nlohmann::json expected;
  {
    ntm::store::Database lock(db, ntm::store::OpenMode::ReadWrite);
    lock.exec("BEGIN IMMEDIATE");
    expected = review(db);
    lock.exec("ROLLBACK");
  }
  CHECK(scalar_int(db, "SELECT count(*) FROM value_pack") == 0);
  CHECK(review(db) == expected);
  CHECK(scalar_int(db, "SELECT count(*) FROM value_pack") == 1);
}

TEST_CASE("each unit's criteria, decided once when the year loads, are what its values and thresholds say") {
  // status(), count_met() and decide() answer from the decisions made at load; failing() and
  // assessed() look at the values, thresholds and stored statuses themselves.
  const std::tuple<std::string, std::string, int> cases[] = {{"dien-bien-2020", "11", 2020}, {"bac-giang-2020", "24", 2020},
                                                             {"dien-bien-2026", "11", 2026}};
  for (const auto& [sample, code, year] : cases) {
    CAPTURE(sample);
    ntm::store::Database db(ntm::test::sample_db(sample), ntm::store::OpenMode::ReadOnly);
    ntm::Catalog catalog(db);
    auto data = catalog.year(ntm::find_province(db, code, ntm::year_end(year)), year);
    const auto& set = data->set();
    int units_with_data = 0, met_somewhere = 0, assessed_only = 0;
    for (std::size_t u = 0; u < data->province().units().size(); ++u) {
      const ntm::Decision& d = data->decide(u);
      REQUIRE(d.complete);
      int count = 0;
      std::uint64_t met = 0, disagrees = 0, no_threshold = 0;
      for (const auto& c : set.criteria()) {
        std::vector<std::size_t> missing;
        bool by_values = data->unit_has_values(u);
        int assessed = data->assessed(u, c.number);
        bool ok = by_values ? !c.indicators.empty() && data->failing(u, c, &missing).empty() : assessed == 1;
        auto source = by_values ? ntm::StatusSource::Indicators
                                : assessed >= 0 ? ntm::StatusSource::Assessed : ntm::StatusSource::None;
        ntm::CriterionStatus s = data->status(u, c.number);
        CHECK(s.met == ok);
        CHECK(s.source == source);
        std::uint64_t bit = std::uint64_t{1} << (c.number - 1);
        if (ok) {
          ++count;
          met |= bit;
        }
        if (by_values && assessed >= 0 && (assessed == 1) != ok) disagrees |= bit;
        if (!missing.empty()) no_threshold |= bit;
        if (&c == &set.criteria().front()) CHECK(d.source == source);
      }
      CHECK(data->count_met(u) == count);
      CHECK(d.count == count);
      CHECK(d.met == met);
      CHECK(d.disagrees == disagrees);
      CHECK(d.no_threshold == no_threshold);
      units_with_data += data->unit_has_data(u);
      met_somewhere += count > 0;
      assessed_only += !data->unit_has_values(u) && data->unit_has_data(u);
    }
    CHECK(units_with_data >= 40);   // the 45 communes of Điện Biên's 2026 map have fewer
    CHECK(met_somewhere >= 40);
    if (sample == "dien-bien-2020") CHECK(assessed_only == 0);
  }
}
