// The administrative map over time (issue 11): the shipped history's maps, codes reused across
// the 2025 reform, a province updating its own map with a date, data of retired communes,
// communes without data, and the 2026 sample on the map without districts.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <map>

#include "model/catalog.h"
#include "model/units.h"
#include "store/database.h"
#include "support.h"

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

std::string db_flag(const fs::path& db) { return "--db '" + db.string() + "' "; }

fs::path copy_of(const fs::path& from, const std::string& name) {
  fs::path copy = ntm::test::temp_dir() / (name + ".db");
  fs::copy_file(from, copy, fs::copy_options::overwrite_existing);
  return copy;
}

json map_json(const fs::path& db, const std::string& args) {
  auto r = ntm::test::ntm(db_flag(db) + "map " + args + " --format json");
  INFO(r.err);
  REQUIRE(r.status == 0);
  return json::parse(r.out);
}

void write(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

std::int64_t count(const fs::path& db, const std::string& sql) {
  ntm::store::Database d(db, ntm::store::OpenMode::ReadOnly);
  return std::get<std::int64_t>(*d.scalar(sql));
}

}  // namespace

TEST_CASE("a fresh database knows every map from 02/02/2020 to today") {
  const fs::path& db = ntm::test::reference_db();
  json before = map_json(db, "--as-of 31/12/2024");
  CHECK(before["provinces"] == 63);
  json after = map_json(db, "--as-of 01/01/2026");
  CHECK(after["provinces"] == 34);
  CHECK(after["districts"] == 0);
  CHECK(after["communes"] == 3321);
  // The counts of each state of the shipped history (db/units-history/README.md).
  struct Row { const char* date; int provinces, districts, communes, xa, phuong, thi_tran; };
  const Row rows[] = {{"02/02/2020", 63, 707, 10767, 8496, 1666, 605}, {"01/11/2021", 63, 705, 10599, 8264, 1723, 612},
                      {"10/04/2022", 63, 705, 10599, 8255, 1732, 612}, {"01/10/2022", 63, 705, 10599, 8248, 1737, 614},
                      {"10/04/2023", 63, 705, 10598, 8207, 1771, 620}, {"01/09/2024", 63, 704, 10542, 8149, 1775, 618},
                      {"01/01/2025", 63, 696, 10051, 7717, 1716, 618}, {"01/03/2025", 63, 696, 10035, 7692, 1726, 617},
                      {"01/07/2025", 34, 0, 3321, 2621, 687, 0},       {"30/04/2026", 34, 0, 3321, 2611, 697, 0}};
  for (const auto& r : rows) {
    CAPTURE(r.date);
    json j = map_json(db, std::string("--as-of ") + r.date);
    CHECK(j["provinces"] == r.provinces);
    CHECK(j["districts"] == r.districts);
    CHECK(j["communes"] == r.communes);
    CHECK(j["by_type"].value("xa", 0) == r.xa);
    CHECK(j["by_type"].value("phuong", 0) == r.phuong);
    CHECK(j["by_type"].value("thi-tran", 0) == r.thi_tran);
  }
  // The text form, as a person reads it.
  auto text = ntm::test::ntm(db_flag(db) + "map --as-of 01/01/2026");
  CHECK(text.status == 0);
  CHECK(text.out.find("Tỉnh, thành phố: 34") != std::string::npos);
  CHECK(text.out.find("không còn cấp huyện") != std::string::npos);
}

TEST_CASE("a code is not an identity: province 24 is Bắc Giang, then Bắc Ninh") {
  const fs::path& db = ntm::test::reference_db();
  auto history = ntm::test::ntm(db_flag(db) + "map history 24");
  REQUIRE(history.status == 0);
  CHECK(history.out.find("Mã 24: 2 đơn vị qua các thời kỳ") != std::string::npos);
  CHECK(history.out.find("Tỉnh Bắc Giang (tỉnh, trước 02/02/2020 – 30/06/2025)") != std::string::npos);
  CHECK(history.out.find("hình thành từ: Tỉnh Bắc Ninh (27), toàn bộ, từ 01/07/2025") != std::string::npos);
  // The same code on two dates names two provinces.
  CHECK(map_json(db, "--as-of 31/12/2024 --province 24")["province"]["name"] == "Tỉnh Bắc Giang");
  CHECK(map_json(db, "--as-of 31/12/2026 --province 24")["province"]["name"] == "Tỉnh Bắc Ninh");
  // A province that no longer exists is refused for later dates, naming its successor.
  auto gone = ntm::test::ntm(db_flag(db) + "check --province 'Bắc Giang' --year 2026");
  CHECK(gone.status == 2);
  CHECK(gone.err.find("Tỉnh Bắc Giang (24) có đến 30/06/2025") != std::string::npos);
  CHECK(gone.err.find("đơn vị kế thừa: Tỉnh Bắc Ninh (24) từ 01/07/2025") != std::string::npos);
  // An unchanged province keeps its identity across the reform.
  CHECK(count(db, "SELECT count(*) FROM unit WHERE code = '11' AND kind = 'province'") == 1);
  // Vanishing with no known successor is recorded as such, never guessed.
  CHECK(count(db, "SELECT count(*) FROM succession_unresolved") == 6);
  auto merged = ntm::test::ntm(db_flag(db) + "map history 12829");   // Xã Thụy Tân, removed in 2021
  CHECK(merged.out.find("không rõ đơn vị kế thừa") != std::string::npos);
}

TEST_CASE("a province whose communes merged imports its new list with the date") {
  fs::path db = copy_of(ntm::test::reference_db(), "map-import");
  fs::path dir = ntm::test::temp_dir();
  int old_count = map_json(db, "--as-of 31/12/2020 --province 'Thái Bình'")["by_type"]["xa"];
  // The province's list as it is after its 2020 mergers: the shipped history dates them by the
  // data release (01/11/2021); the office knows the act took effect on 01/03/2020 and which
  // communes Hồng Dũng was formed from.
  auto exported = ntm::test::ntm(db_flag(db) + "export units --province 'Thái Bình' --as-of 01/11/2021 -o '" +
                                 (dir / "tb.csv").string() + "'");
  REQUIRE(exported.status == 0);
  std::string csv = ntm::test::slurp(dir / "tb.csv");
  auto pos = csv.find("\n12841,");
  REQUIRE(pos != std::string::npos);
  auto line_end = csv.find('\n', pos + 1);
  std::string line = csv.substr(pos + 1, line_end - pos - 1);
  // The "Đơn vị trước" column is the 7th.
  std::vector<std::string> cells;
  std::size_t start = 0;
  for (std::size_t k = 0; k <= line.size(); ++k)
    if (k == line.size() || line[k] == ',') { cells.push_back(line.substr(start, k - start)); start = k + 1; }
  REQUIRE(cells.size() >= 8);
  cells[6] = "12841; 12838";
  std::string edited;
  for (std::size_t k = 0; k < cells.size(); ++k) edited += (k ? "," : "") + cells[k];
  csv.replace(pos + 1, line_end - pos - 1, edited);
  write(dir / "tb-2020.csv", csv);
  auto dry = ntm::test::ntm(db_flag(db) + "import units '" + (dir / "tb-2020.csv").string() +
                            "' --from 01/03/2020 --act 'Nghị quyết 1017/NQ-UBTVQH14' --dry-run");
  INFO(dry.err);
  REQUIRE(dry.status == 0);
  CHECK(dry.out.find("Thử nhập (--dry-run") != std::string::npos);
  CHECK(map_json(db, "--as-of 31/12/2020 --province 'Thái Bình'")["by_type"]["xa"] == old_count);   // nothing written
  auto real = ntm::test::ntm(db_flag(db) + "import units '" + (dir / "tb-2020.csv").string() +
                             "' --from 01/03/2020 --act 'Nghị quyết 1017/NQ-UBTVQH14'");
  REQUIRE(real.status == 0);
  CHECK(real.out.find("Xã Thụy Dũng (12838) kết thúc") != std::string::npos);
  int new_count = map_json(db, "--as-of 31/12/2020 --province 'Thái Bình'")["by_type"]["xa"];
  CHECK(new_count == map_json(db, "--as-of 01/11/2021 --province 'Thái Bình'")["by_type"]["xa"].get<int>());
  CHECK(new_count < old_count);
  // The review of a year before the change still sees the old map.
  CHECK(map_json(db, "--as-of 29/02/2020 --province 'Thái Bình'")["by_type"]["xa"] == old_count);
  // Importing the same file again changes nothing.
  auto again = ntm::test::ntm(db_flag(db) + "import units '" + (dir / "tb-2020.csv").string() + "' --from 01/03/2020");
  CHECK(again.status == 0);
  CHECK(again.out.find("0 thay đổi") != std::string::npos);

  // Data of a retired commune for a later year is refused, naming the row and the successor;
  // the database is unchanged.
  write(dir / "st.csv", "Mã xã,Tên xã,Năm,TC 1\n12841,,2020,Đạt\n12838,Thụy Dũng,2020,Đạt\n");
  std::int64_t before = count(db, "SELECT count(*) FROM criterion_status");
  auto refused = ntm::test::ntm(db_flag(db) + "import statuses '" + (dir / "st.csv").string() + "' --province 'Thái Bình'");
  CHECK(refused.status == 1);
  CHECK(refused.err.find("dòng 3, cột 'Mã xã'") != std::string::npos);
  CHECK(refused.err.find("Xã Thụy Dũng") != std::string::npos);
  CHECK(refused.err.find("đơn vị kế thừa: Xã Hồng Dũng (12841) từ 01/03/2020") != std::string::npos);
  CHECK(count(db, "SELECT count(*) FROM criterion_status") == before);

  // A review of 2020 counts exactly the communes of the new map: statuses for every commune of
  // it, the first 10 meeting all 19 criteria, the others none.
  json units = map_json(db, "--as-of 31/12/2020 --province 'Thái Bình' --list");
  std::string statuses = "Mã xã,Năm";
  for (int n = 1; n <= 19; ++n) statuses += ",TC " + std::to_string(n);
  statuses += "\n";
  int written = 0;
  for (const auto& u : units["units"]) {
    if (u["type"] != "xa") continue;
    statuses += u["code"].get<std::string>() + ",2020";
    for (int n = 1; n <= 19; ++n) statuses += written < 10 ? ",Đạt" : ",Chưa đạt";
    statuses += "\n";
    ++written;
  }
  write(dir / "st2020.csv", statuses);
  auto imported = ntm::test::ntm(db_flag(db) + "import statuses '" + (dir / "st2020.csv").string() + "' --province 'Thái Bình'");
  INFO(imported.err);
  REQUIRE(imported.status == 0);
  auto review = ntm::test::ntm(db_flag(db) + "check --province 'Thái Bình' --year 2020 --no-rules --format json");
  INFO(review.err);
  REQUIRE(review.status == 0);
  json r = json::parse(review.out);
  CHECK(r["communes"] == new_count);
  CHECK(r["with_data"] == new_count);
  CHECK(r["bands"]["standard_19"] == 10);
  CHECK(r["bands"]["below_5"] == new_count - 10);
  // The year before the change, on its own map: no data, every commune said so, exit 1.
  auto earlier = ntm::test::ntm(db_flag(db) + "check --province 'Thái Bình' --year 2020 --as-of 29/02/2020 --no-rules --format json");
  CHECK(earlier.status == 1);
  json e = json::parse(earlier.out);
  CHECK(e["communes"] == old_count);
  CHECK(e["map_date"] == "2020-02-29");
}

TEST_CASE("a commune without data is counted apart, never as meeting 0 criteria") {
  fs::path db = copy_of(ntm::test::sample_db("dien-bien-2020"), "no-data");
  std::string code;
  {
    ntm::store::Database d(db, ntm::store::OpenMode::ReadWrite);
    // A commune meeting few criteria: removing its values must not move the band "dưới 5".
    code = std::get<std::string>(*d.scalar(
        "SELECT u.code FROM unit u JOIN indicator_value v ON v.unit_id = u.id WHERE v.year = 2020 AND u.code = '03163' LIMIT 1"));
    d.exec("DELETE FROM indicator_value WHERE year = 2020 AND unit_id = (SELECT id FROM unit WHERE code = '03163')");
  }
  auto r = ntm::test::ntm(db_flag(db) + "check --province 11 --year 2020 --format json");
  CHECK(r.status == 1);   // an error-level finding
  json j = json::parse(r.out);
  CHECK(j["communes"] == 115);
  CHECK(j["with_data"] == 114);
  REQUIRE(j["no_data"].size() == 1);
  CHECK(j["no_data"][0]["code"] == code);
  CHECK(j["bands"]["below_5"] == 0);
  int total = 0;
  for (const auto& [k, v] : j["bands"].items()) total += v.get<int>();
  CHECK(total == 114);
  bool finding = false;
  for (const auto& f : j["findings"])
    finding = finding || (f["rule"] == "chua-co-so-lieu" && f["level"] == "error" && f["code"] == code);
  CHECK(finding);
  auto text = ntm::test::ntm(db_flag(db) + "check --province 11 --year 2020");
  CHECK(text.out.find("1 xã chưa có số liệu năm 2020") != std::string::npos);
  CHECK(text.out.find("(có số liệu: 114)") != std::string::npos);
  auto csv = ntm::test::ntm(db_flag(db) + "check --province 11 --year 2020 --format csv");
  CHECK(csv.out.find(code + ",Mường Toong,Mường Nhé,chưa có số liệu") != std::string::npos);
}

TEST_CASE("the 2026 sample reviews under 51/2025 on the map without districts") {
  const fs::path& db = ntm::test::sample_db("dien-bien-2026");
  auto r = ntm::test::ntm(db_flag(db) + "check --province 'Điện Biên' --year 2026 --format json");
  INFO(r.err);
  REQUIRE(r.status <= 1);
  json j = json::parse(r.out);
  CHECK(j["criteria_set"] == "51-xa");
  CHECK(j["criteria_count"] == 10);
  CHECK(j["communes"] == 42);
  CHECK(j["group_by"] == "huyen-cu");
  CHECK(j["band_order"][0] == "standard_10");
  CHECK_FALSE(j["unconfirmed_thresholds"].empty());
  CHECK(j["by_district"].contains("Mường Nhé"));   // former districts, through the successions
  // 2024 on the old map, 2025 on the new one, each counted on its own map.
  auto y2024 = json::parse(ntm::test::ntm(db_flag(db) + "check --province 11 --year 2024 --no-rules --format json").out);
  CHECK(y2024["communes"] == 115);
  CHECK(y2024["standard"] == 26);
  CHECK(y2024["group_by"] == "huyen");
  auto y2025 = json::parse(ntm::test::ntm(db_flag(db) + "check --province 11 --year 2025 --no-rules --format json").out);
  CHECK(y2025["communes"] == 42);
  CHECK(y2025["criteria_set"] == "318-xa");
}

TEST_CASE("a commune's group decides its threshold: changing it changes the result") {
  fs::path db = copy_of(ntm::test::sample_db("dien-bien-2026"), "group");
  auto met6 = [&] {
    auto r = ntm::test::ntm(db_flag(db) + "check --province 11 --year 2026 --no-rules --format json");
    json j = json::parse(r.out);
    for (const auto& x : j["results"])
      if (x["name"] == "Mường Nhé") {
        for (const auto& m : x["met"])
          if (m == 6) return true;
        return false;
      }
    FAIL("Mường Nhé not reviewed");
    return false;
  };
  CHECK(met6());   // nhóm 3: poverty 9,3% meets the nhóm 3 threshold
  fs::path dir = ntm::test::temp_dir();
  write(dir / "classes.csv", "Mã xã,Nhóm\n03160,2\n");
  auto changed = ntm::test::ntm(db_flag(db) + "import classes '" + (dir / "classes.csv").string() +
                                "' --province 11 --year 2026");
  INFO(changed.err);
  REQUIRE(changed.status == 0);
  CHECK_FALSE(met6());   // nhóm 2: the same value is above its threshold
}

TEST_CASE("scripts walk a unit's history across the reform") {
  const fs::path& db = ntm::test::sample_db("dien-bien-2026");
  auto r = ntm::test::run_lua(R"(
    local p = ntm.province("Điện Biên", {year = 2026})
    assert(p.has_districts == false, "no districts in 2026")
    local x = p:commune("Mường Nhé", {year = 2026})
    assert(x.group == "3", "group " .. tostring(x.group))
    local preds = x:predecessors()
    assert(#preds >= 2, "predecessors")
    for _, s in ipairs(preds) do assert(s.date == "2025-07-01" and (s.kind == "whole" or s.kind == "part")) end
    local old = ntm.unit(preds[1].code, {date = "30/06/2025"})
    assert(old.valid_to == "2025-06-30", "old unit ends " .. old.valid_to)
    local next = old:successors()
    assert(next[1].code, "successor code")
    assert(#ntm.provinces{date = "31/12/2024"} == 63)
    assert(ntm.map{date = "01/01/2026"}.communes == 3321)
    local old_p = ntm.province("Điện Biên", {year = 2024})
    assert(#old_p:districts() == 10)
    print(x.former_district)
  )", db);
  INFO(r.message);
  CHECK(r.ok);
  CHECK(r.out.find("Mường Nhé") != std::string::npos);
}

TEST_CASE("a province taken from the map read whole is the province its tree query loads, on every map") {
  // A national run reads a map's units once (MapUnits) and takes each province from them; a
  // command about one province walks its tree in SQL. Both must give the same units, in the
  // same order, with the same classes, tags and recognitions: before, across and after the
  // 2025 reform (no districts), for every province of each map.
  ntm::store::Database db(ntm::test::sample_db("dien-bien-2020"), ntm::store::OpenMode::ReadOnly);
  for (const std::string date : {"2020-02-02", "2020-12-31", "2024-06-30", "2025-07-01", "2026-12-31"}) {
    auto map = ntm::MapUnits::load(db, date);
    auto provinces = db.prepare("SELECT p.unit_id FROM unit_period p JOIN unit u ON u.id = p.unit_id WHERE u.kind = 'province' "
                                "AND ifnull(p.valid_from, '') <= ?1 AND ifnull(p.valid_to, '9999-12-31') >= ?1");
    provinces.bind(1, date);
    int seen = 0;
    std::size_t units = 0;
    while (provinces.step()) {
      ntm::UnitId id = provinces.get_int(0);
      // The classes of 2020, and of the map's own year (which the map carries).
      int class_year = seen % 2 ? 2020 : std::stoi(date.substr(0, 4));
      auto walked = ntm::Province::load(db, id, date, class_year);
      auto taken = ntm::Province::load(db, id, date, class_year, map.get());
      INFO(date << " province " << walked->unit().code << " classes of " << class_year);
      REQUIRE(walked->units().size() == taken->units().size());
      for (std::size_t i = 0; i < walked->units().size(); ++i) {
        const ntm::Unit& a = walked->units()[i];
        const ntm::Unit& b = taken->units()[i];
        CHECK(a.id == b.id);
        CHECK(a.code == b.code);
        CHECK(a.name_with_type == b.name_with_type);
        CHECK(a.parent == b.parent);
        CHECK(a.valid_from == b.valid_from);
        CHECK(a.folded == b.folded);
        CHECK(a.classes == b.classes);
        CHECK(a.tags == b.tags);
        CHECK(a.recognitions == b.recognitions);
      }
      CHECK(walked->districts() == taken->districts());
      units += taken->units().size();
      ++seen;
    }
    CHECK(seen == (date < "2025-07-01" ? 63 : 34));
    // Every unit under a province of the map; after the reform, the sample's villages of
    // communes merged on 01/07/2025 still name their old commune and are under none.
    if (date < "2025-07-01") CHECK(units == map->units().size());
    else CHECK(units == map->units().size() - 7);
  }
  // A map of another date is not used: the province is walked as before.
  auto map_2020 = ntm::MapUnits::load(db, "2020-12-31");
  auto at_reform = ntm::Province::load(db, ntm::find_province(db, "Điện Biên", "2025-07-01"), "2025-07-01", 2025, map_2020.get());
  CHECK(!at_reform->has_districts());
}

TEST_CASE("a province's years with data are those its units had on each year's map") {
  // Catalog::years_with_data asks about one province at a time (its own units only); the
  // reference below is the whole-country pass it replaced. They must agree for every
  // province of every map: the 2020 provinces, the 2025 ones (which share codes with old
  // ones), a commune that sits straight under its province (2026) and one whose district
  // is gone.
  fs::path path = copy_of(ntm::test::sample_db("dien-bien-2020"), "years-with-data");
  {
    ntm::store::Database d(path, ntm::store::OpenMode::ReadWrite);
    // A value of 2026 for a commune of the 2025 map (under its province, no district), and
    // one of 2019 for a commune of another province (Lai Châu, 12).
    d.exec(R"(
      INSERT INTO indicator_value(unit_id, year, set_id, indicator, value)
      SELECT p.unit_id, 2026, '1980-xa', (SELECT id FROM indicator WHERE set_id = '1980-xa' ORDER BY id LIMIT 1), 1
      FROM unit_period p JOIN unit u ON u.id = p.unit_id JOIN unit_period q ON q.unit_id = p.parent_id
      WHERE u.kind = 'commune' AND p.valid_from = '2025-07-01' AND q.parent_id IS NULL LIMIT 1;
      INSERT INTO indicator_value(unit_id, year, set_id, indicator, value)
      SELECT u.id, 2019, '1980-xa', (SELECT id FROM indicator WHERE set_id = '1980-xa' ORDER BY id LIMIT 1), 1
      FROM unit u WHERE u.kind = 'commune' AND u.code = (SELECT min(c.code) FROM unit c JOIN unit_period p ON p.unit_id = c.id
        JOIN unit_period d ON d.unit_id = p.parent_id JOIN unit pr ON pr.id = d.parent_id
        WHERE c.kind = 'commune' AND pr.code = '12' AND p.valid_from IS NULL);)");
  }
  ntm::store::Database db(path, ntm::store::OpenMode::ReadOnly);
  std::map<ntm::UnitId, std::vector<int>> expected;
  auto reference = db.prepare(R"(
    WITH facts(unit_id, year) AS (
      SELECT DISTINCT unit_id, year FROM indicator_value
      UNION SELECT DISTINCT unit_id, year FROM criterion_status WHERE by = 'assessed'),
    placed(year, parent_id) AS (
      SELECT DISTINCT f.year, p.parent_id FROM facts f JOIN unit_period p ON p.unit_id = f.unit_id
      WHERE p.parent_id IS NOT NULL
        AND ifnull(p.valid_from, '') <= f.year || '-12-31' AND ifnull(p.valid_to, '9999-12-31') >= f.year || '-12-31')
    SELECT parent_id, year FROM placed
    UNION
    SELECT d.parent_id, x.year FROM placed x JOIN unit_period d ON d.unit_id = x.parent_id
    WHERE d.parent_id IS NOT NULL
      AND ifnull(d.valid_from, '') <= x.year || '-12-31' AND ifnull(d.valid_to, '9999-12-31') >= x.year || '-12-31'
    ORDER BY 1, 2)");
  while (reference.step()) expected[reference.get_int(0)].push_back(static_cast<int>(reference.get_int(1)));
  ntm::Catalog catalog(db);
  auto provinces = db.prepare("SELECT id, code FROM unit WHERE kind = 'province' ORDER BY id");
  int with_data = 0, provinces_seen = 0;
  while (provinces.step()) {
    ntm::UnitId id = provinces.get_int(0);
    INFO("province " << provinces.get_text(1) << " (id " << id << ")");
    CHECK(catalog.years_with_data(id) == expected[id]);
    with_data += !expected[id].empty();
    ++provinces_seen;
  }
  CHECK(provinces_seen > 63);
  CHECK(with_data == 3);   // Điện Biên of 2020, Lai Châu of 2020, and the 2025 province of 2026
  CHECK(catalog.years_with_data(count(path, "SELECT min(id) FROM unit WHERE kind = 'province' AND code = '11'")) ==
        std::vector<int>{2015, 2016, 2017, 2018, 2019, 2020});
}

TEST_CASE("a province found by name once per command: the same answers as one query each") {
  ntm::store::Database db(ntm::test::sample_db("dien-bien-2020"), ntm::store::OpenMode::ReadOnly);
  auto periods = ntm::province_periods(db);
  CHECK(periods.size() > 63 + 34 - 30);
  for (const std::string date : {"2020-12-31", "2025-07-01"}) {
    for (const std::string name : {"Điện Biên", "dien bien", "tỉnh Điện Biên", "11", "Bắc Giang", "24", "Hà Nội", "1"}) {
      INFO(date << " " << name);
      std::string one, many;
      ntm::UnitId a = 0, b = 0;
      try {
        a = ntm::find_province(db, name, date);
      } catch (const ntm::NotFound& e) {
        one = e.what();
      }
      try {
        b = ntm::find_province(db, periods, name, date);
      } catch (const ntm::NotFound& e) {
        many = e.what();
      }
      CHECK(a == b);
      CHECK(one == many);
    }
  }
  // Bắc Giang is on the 2020 map only: after the reform it is explained, not just missing.
  CHECK_THROWS_WITH_AS(ntm::find_province(db, periods, "Bắc Giang", "2025-07-01"),
                       doctest::Contains("không có trên bản đồ ngày 01/07/2025"), ntm::NotFound);
  CHECK_THROWS_WITH_AS(ntm::find_province(db, periods, "Điện Bin", "2020-12-31"), doctest::Contains("có phải: Điện Biên"),
                       ntm::NotFound);
}
