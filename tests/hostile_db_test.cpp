// A database file is input: one whose schema ntm did not make (a view, a trigger, a virtual
// table, an unknown table) is refused at open by every command, with a message naming
// what is foreign, before any script or query runs; the file is left as it was.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <string>

#include "model/hash.h"
#include "store/database.h"
#include "store/schema_check.h"
#include "support.h"

namespace fs = std::filesystem;

namespace {

fs::path hostile(const std::string& name, const std::string& sql) {
  fs::path db = ntm::test::temp_dir() / ("hostile-" + name + ".db");
  fs::copy_file(ntm::test::sample_db("dien-bien-2020"), db, fs::copy_options::overwrite_existing);
  ntm::store::Database d(db, ntm::store::OpenMode::ReadWrite);
  d.exec(sql);
  return db;
}

}  // namespace

TEST_CASE("a database with objects ntm did not make is refused by every command") {
  struct Case { const char* name; const char* sql; const char* shown; };
  const Case cases[] = {
      {"view", "CREATE VIEW tong AS SELECT count(*) FROM unit", "view 'tong'"},
      {"trigger", "CREATE TRIGGER t AFTER INSERT ON funding BEGIN SELECT 1; END", "trigger 't'"},
      {"fts", "CREATE VIRTUAL TABLE notes USING fts4(body)", "bảng ảo 'notes'"},
      {"rtree", "CREATE VIRTUAL TABLE box USING rtree(id, x0, x1)", "bảng ảo 'box'"},
      {"table", "CREATE TABLE extra(x)", "bảng 'extra'"},
      {"virtual-known-name", "DROP TABLE statistic; CREATE VIRTUAL TABLE statistic USING fts4(x)", "bảng ảo 'statistic'"},
  };
  fs::path script = ntm::test::temp_dir() / "hostile-script.lua";
  std::ofstream(script) << "print(#ntm.sql('SELECT code FROM unit'))\n";
  for (const Case& c : cases) {
    CAPTURE(c.name);
    fs::path db = hostile(c.name, c.sql);
    std::string before = ntm::sha256_hex(ntm::test::slurp(db));
    std::string flag = "--db '" + db.string() + "' ";
    for (const std::string& command :
         {flag + "query 'SELECT count(*) FROM unit'", flag + "run '" + script.string() + "'",
          flag + "check --province 11 --year 2020", flag + "export units --province 11 -o /dev/null.csv",
          flag + "import units /dev/null --province 11 --from 01/06/2020", flag + "query -e 'return 1'"}) {
      CAPTURE(command);
      auto r = ntm::test::ntm(command);
      CHECK(r.status != 0);
      CHECK(r.status != 3);
      CHECK(r.messages().find("lược đồ không phải của ntm") != std::string::npos);
      CHECK(r.messages().find(c.shown) != std::string::npos);
    }
    CHECK(ntm::sha256_hex(ntm::test::slurp(db)) == before);
  }
}

TEST_CASE("the check follows the schema files: ntm's own databases pass, an extra index is accepted") {
  ntm::store::Database sample(ntm::test::sample_db("dien-bien-2020"), ntm::store::OpenMode::ReadOnly);
  CHECK_NOTHROW(ntm::store::check_schema(sample, fs::path(NTM_SOURCE_DIR) / "db"));
  fs::path db = hostile("index", "CREATE INDEX mine ON funding(amount)");
  auto r = ntm::test::ntm("--db '" + db.string() + "' query 'SELECT count(*) AS n FROM unit'");
  CHECK(r.status == 0);
  // A schema version from the future is refused with its own message.
  fs::path future = hostile("future", "PRAGMA user_version = 99");
  ntm::store::Database f(future, ntm::store::OpenMode::ReadOnly);
  try {
    ntm::store::check_schema(f, fs::path(NTM_SOURCE_DIR) / "db");
    FAIL("a newer schema should be refused");
  } catch (const ntm::store::SchemaError& e) {
    CHECK(std::string(e.what()).find("mới hơn") != std::string::npos);
  }
}

TEST_CASE("db/schema-digests.txt lists the digest of the schema ntm builds at every version") {
  // check_schema recognises ntm's own files by this digest without building the reference;
  // a line missing or wrong only costs that time, but the list must follow the schema files.
  fs::path db_dir = fs::path(NTM_SOURCE_DIR) / "db";
  std::map<int, std::string> listed;
  std::ifstream in(db_dir / "schema-digests.txt");
  REQUIRE(in);
  std::string line;
  while (std::getline(in, line))
    if (!line.empty() && line[0] != '#') listed[std::stoi(line)] = line.substr(line.find(' ') + 1);
  int newest = 1;
  for (const auto& e : fs::directory_iterator(db_dir / "migrations"))
    newest = std::max(newest, std::atoi(e.path().filename().string().c_str()));
  CHECK(listed.size() == static_cast<std::size_t>(newest));
  for (int version = 1; version <= newest; ++version) {
    INFO("the line db/schema-digests.txt needs: " << version << " " << ntm::store::reference_digest(db_dir, version));
    CHECK(listed[version] == ntm::store::reference_digest(db_dir, version));
  }
  // A file ntm made (the sample) has the digest of the newest version: the short way is taken.
  ntm::store::Database sample(ntm::test::sample_db("dien-bien-2020"), ntm::store::OpenMode::ReadOnly);
  CHECK(ntm::store::schema_digest(sample) == listed[newest]);
  // An added index changes the digest (the long way, which accepts it).
  fs::path db = hostile("index-digest", "CREATE INDEX mine ON funding(amount)");
  ntm::store::Database indexed(db, ntm::store::OpenMode::ReadOnly);
  CHECK(ntm::store::schema_digest(indexed) != listed[newest]);
  CHECK_NOTHROW(ntm::store::check_schema(indexed, db_dir));
}

TEST_CASE("every connection runs defensive: fts3_tokenizer cannot hand out or take a pointer") {
  fs::path db = hostile("fts-tokenizer", "CREATE VIRTUAL TABLE ok_here USING fts4(body)");
  ntm::store::Database d(db, ntm::store::OpenMode::ReadWrite);
  // Even for the host's own writable connection (no authorizer), the two-argument form
  // that installs a tokenizer from a pointer is switched off.
  CHECK_THROWS(d.exec("SELECT fts3_tokenizer('simple', x'0000000000000000')"));
}
