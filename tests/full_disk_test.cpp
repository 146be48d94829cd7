// A full disk: an import that runs out of space part-way leaves the database exactly as it
// was and says so; no command dies of a signal.
//
// The disk is made full in two ways. (1) Always: a VFS shim over SQLite's own, installed as
// the default VFS of this test process, lets a budget of bytes be written and then fails
// every write with SQLITE_FULL, as a full disk does; the import runs in-process. (2) When
// the test may mount a small tmpfs in a private mount namespace (root, or an unprivileged
// user namespace), the real `ntm` binary runs there on a nearly full file system; a
// test machine that allows neither says so in the test output.
#include <doctest/doctest.h>

#include <algorithm>

#include <sqlite3.h>

#include <fcntl.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstring>
#include <filesystem>
#include <functional>
#include <fstream>
#include <sstream>

#include "app/exporter.h"
#include "app/importer.h"
#include "model/hash.h"
#include "store/database.h"
#include "support.h"

namespace fs = std::filesystem;

namespace {

// ---- the shim ----------------------------------------------------------------------------------

sqlite3_vfs* g_real = nullptr;
sqlite3_int64 g_budget = 0;   // bytes that may still be written while armed
bool g_armed = false;

struct QuotaFile {
  sqlite3_file base;
  sqlite3_file* real;   // the real VFS's file, allocated right after this struct
};

sqlite3_file* real_of(sqlite3_file* f) { return reinterpret_cast<QuotaFile*>(f)->real; }

int q_close(sqlite3_file* f) { return real_of(f)->pMethods ? real_of(f)->pMethods->xClose(real_of(f)) : SQLITE_OK; }
int q_read(sqlite3_file* f, void* p, int n, sqlite3_int64 o) { return real_of(f)->pMethods->xRead(real_of(f), p, n, o); }
int q_write(sqlite3_file* f, const void* p, int n, sqlite3_int64 o) {
  if (g_armed) {
    if (g_budget < n) return SQLITE_FULL;
    g_budget -= n;
  }
  return real_of(f)->pMethods->xWrite(real_of(f), p, n, o);
}
int q_truncate(sqlite3_file* f, sqlite3_int64 size) { return real_of(f)->pMethods->xTruncate(real_of(f), size); }
int q_sync(sqlite3_file* f, int flags) { return real_of(f)->pMethods->xSync(real_of(f), flags); }
int q_size(sqlite3_file* f, sqlite3_int64* size) { return real_of(f)->pMethods->xFileSize(real_of(f), size); }
int q_lock(sqlite3_file* f, int l) { return real_of(f)->pMethods->xLock(real_of(f), l); }
int q_unlock(sqlite3_file* f, int l) { return real_of(f)->pMethods->xUnlock(real_of(f), l); }
int q_check(sqlite3_file* f, int* out) { return real_of(f)->pMethods->xCheckReservedLock(real_of(f), out); }
int q_control(sqlite3_file* f, int op, void* arg) { return real_of(f)->pMethods->xFileControl(real_of(f), op, arg); }
int q_sector(sqlite3_file* f) { return real_of(f)->pMethods->xSectorSize(real_of(f)); }
int q_device(sqlite3_file* f) { return real_of(f)->pMethods->xDeviceCharacteristics(real_of(f)); }
int q_shm_map(sqlite3_file* f, int pg, int sz, int ext, void volatile** pp) {
  return real_of(f)->pMethods->xShmMap(real_of(f), pg, sz, ext, pp);
}
int q_shm_lock(sqlite3_file* f, int off, int n, int flags) { return real_of(f)->pMethods->xShmLock(real_of(f), off, n, flags); }
void q_shm_barrier(sqlite3_file* f) { real_of(f)->pMethods->xShmBarrier(real_of(f)); }
int q_shm_unmap(sqlite3_file* f, int del) { return real_of(f)->pMethods->xShmUnmap(real_of(f), del); }
int q_fetch(sqlite3_file* f, sqlite3_int64 o, int n, void** pp) { return real_of(f)->pMethods->xFetch(real_of(f), o, n, pp); }
int q_unfetch(sqlite3_file* f, sqlite3_int64 o, void* p) { return real_of(f)->pMethods->xUnfetch(real_of(f), o, p); }

const sqlite3_io_methods kMethods = {3,        q_close,  q_read,   q_write,     q_truncate,    q_sync,
                                     q_size,   q_lock,   q_unlock, q_check,     q_control,     q_sector,
                                     q_device, q_shm_map, q_shm_lock, q_shm_barrier, q_shm_unmap, q_fetch,
                                     q_unfetch};

int q_open(sqlite3_vfs*, sqlite3_filename name, sqlite3_file* f, int flags, int* out_flags) {
  auto* q = reinterpret_cast<QuotaFile*>(f);
  q->real = reinterpret_cast<sqlite3_file*>(q + 1);
  q->real->pMethods = nullptr;
  int rc = g_real->xOpen(g_real, name, q->real, flags, out_flags);
  f->pMethods = q->real->pMethods ? &kMethods : nullptr;
  return rc;
}

sqlite3_vfs g_quota;

// Installs the shim as the default VFS for the life of the object.
struct QuotaVfs {
  QuotaVfs() {
    g_real = sqlite3_vfs_find(nullptr);
    g_quota = *g_real;
    g_quota.zName = "ntm-test-quota";
    g_quota.szOsFile = static_cast<int>(sizeof(QuotaFile)) + g_real->szOsFile;
    g_quota.xOpen = q_open;
    REQUIRE(sqlite3_vfs_register(&g_quota, 1) == SQLITE_OK);
  }
  ~QuotaVfs() {
    g_armed = false;
    sqlite3_vfs_register(g_real, 1);
    sqlite3_vfs_unregister(&g_quota);
  }
};

std::string logical_content(const fs::path& db) {
  ntm::store::Database d(db, ntm::store::OpenMode::ReadOnly);
  std::string out;
  auto tables = d.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name");
  while (tables.step()) {
    std::string name = tables.get_text(0);
    std::vector<std::string> rows;   // sorted here: some tables have no rowid to order by
    auto select = d.prepare("SELECT * FROM \"" + name + "\"");
    while (select.step()) {
      std::string row;
      for (int c = 0; c < select.column_count(); ++c) row += select.get_text(c) + '\x1f';
      rows.push_back(std::move(row));
    }
    std::sort(rows.begin(), rows.end());
    out += "\n#" + name;
    for (const auto& r : rows) out += "\n" + r;
  }
  return ntm::sha256_hex(out);
}

// An indicators file for every commune of Điện Biên with every value changed: thousands of
// rows to write.
fs::path changed_indicators(const fs::path& db, const fs::path& dir) {
  ntm::store::Database d(db, ntm::store::OpenMode::ReadOnly);
  ntm::app::ExportOptions o;
  o.kind = "indicators";
  o.province = "11";
  o.year = 2020;
  ntm::app::Sheet sheet = ntm::app::export_sheet(d, o);
  for (auto& row : sheet.rows)
    for (std::size_t c = 0; c < row.size(); ++c)
      if (c < sheet.numeric.size() && sheet.numeric[c] && !row[c].empty()) row[c] = row[c] == "1" ? "0" : "1";
  fs::path file = dir / "changed.csv";
  std::ofstream(file, std::ios::binary) << ntm::app::to_csv(sheet, ',');
  return file;
}

}  // namespace

TEST_CASE("an import on a full disk stops at the first write error and leaves the database as it was") {
  fs::path dir = ntm::test::temp_dir() / "full-disk";
  fs::create_directories(dir);
  fs::path db = dir / "full.db";
  fs::copy_file(ntm::test::sample_db("dien-bien-2020"), db, fs::copy_options::overwrite_existing);
  fs::path file = changed_indicators(db, dir);
  const std::string before = logical_content(db);

  QuotaVfs shim;
  auto import_options = [&] {
    ntm::app::ImportOptions options;
    options.kind = "indicators";
    options.file = file;
    options.province = "11";
    options.year = 2020;
    return options;
  };
  // How many bytes the whole import writes, measured on a copy.
  sqlite3_int64 needed = 0;
  {
    fs::path probe = dir / "probe.db";
    fs::copy_file(db, probe, fs::copy_options::overwrite_existing);
    ntm::store::Database target(probe, ntm::store::OpenMode::ReadWrite);
    target.exec("PRAGMA cache_size = 8");
    g_budget = sqlite3_int64{1} << 40;
    g_armed = true;
    ntm::app::import_file(target, import_options());
    g_armed = false;
    needed = (sqlite3_int64{1} << 40) - g_budget;
  }
  REQUIRE(needed > 65536);
  int storage_errors = 0;
  // From "nothing may be written" to "almost all of it fits": the disk fills up at a
  // different moment each time (the page cache is kept small so pages spill mid-import,
  // and the last budgets fail at the commit itself).
  for (sqlite3_int64 budget : {sqlite3_int64{0}, sqlite3_int64{4096}, needed / 8, needed / 2, needed * 9 / 10, needed - 1}) {
    CAPTURE(budget);
    {
      ntm::store::Database target(db, ntm::store::OpenMode::ReadWrite);
      target.exec("PRAGMA cache_size = 8");
      g_budget = budget;
      g_armed = true;
      try {
        ntm::app::import_file(target, import_options());
        g_armed = false;
        FAIL("the import should have run out of space");
      } catch (const ntm::app::ImportStorageError& e) {
        g_armed = false;
        ++storage_errors;
        std::string what = e.what();
        CHECK(what.find("database or disk is full") != std::string::npos);
      }
    }
    CHECK(logical_content(db) == before);
    ntm::store::Database check(db, ntm::store::OpenMode::ReadOnly);
    CHECK(std::get<std::string>(*check.scalar("PRAGMA integrity_check")) == "ok");
  }
  CHECK(storage_errors == 6);
  MESSAGE("the import writes " << needed << " bytes; it was refused with 0, 4096, 1/8, 1/2, 9/10 of that and 1 byte short");
  // With room, the same import goes through: the refusals were the disk's, not the file's.
  ntm::store::Database target(db, ntm::store::OpenMode::ReadWrite);
  auto summary = ntm::app::import_file(target, import_options());
  CHECK(summary.updated > 1000);
}

namespace {

// Runs `body` in a child process with a private mount namespace holding a tmpfs of `kib`
// KiB at `mount_point`. Returns the child's exit status, or -2 when the namespace or the
// mount is not allowed here.
int in_small_filesystem(const fs::path& mount_point, int kib, const std::function<int()>& body) {
  pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    bool ok = ::unshare(CLONE_NEWNS) == 0;
    if (!ok) {
      // Not root: an unprivileged user namespace may still allow it.
      uid_t uid = ::getuid();
      gid_t gid = ::getgid();
      ok = ::unshare(CLONE_NEWUSER | CLONE_NEWNS) == 0;
      if (ok) {
        std::ofstream("/proc/self/setgroups") << "deny";
        std::ofstream("/proc/self/uid_map") << "0 " << uid << " 1";
        std::ofstream("/proc/self/gid_map") << "0 " << gid << " 1";
      }
    }
    if (!ok) ::_exit(99);
    ::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr);
    std::string options = "size=" + std::to_string(kib) + "k";
    if (::mount("tmpfs", mount_point.c_str(), "tmpfs", 0, options.c_str()) != 0) ::_exit(99);
    int status = body();
    ::_exit(status);
  }
  int raw = 0;
  ::waitpid(pid, &raw, 0);
  if (WIFEXITED(raw) && WEXITSTATUS(raw) == 99) return -2;
  return WIFEXITED(raw) ? WEXITSTATUS(raw) : 128 + WTERMSIG(raw);
}

// Runs ntm with `args` and returns "STATUS|stderr" (STATUS "signal N" when killed).
std::string run_binary(const std::vector<std::string>& args) {
  int pipe_fd[2];
  if (::pipe(pipe_fd) != 0) return "pipe";
  pid_t pid = ::fork();
  if (pid == 0) {
    ::dup2(pipe_fd[1], 2);
    int null = ::open("/dev/null", O_WRONLY);
    ::dup2(null, 1);
    ::close(pipe_fd[0]);
    std::vector<char*> argv;
    std::string binary = NTM_BINARY;
    argv.push_back(binary.data());
    std::vector<std::string> copy = args;
    for (auto& a : copy) argv.push_back(a.data());
    argv.push_back(nullptr);
    ::execv(binary.c_str(), argv.data());
    ::_exit(127);
  }
  ::close(pipe_fd[1]);
  std::string err;
  char buf[4096];
  for (ssize_t n; (n = ::read(pipe_fd[0], buf, sizeof buf)) > 0;) err.append(buf, static_cast<std::size_t>(n));
  ::close(pipe_fd[0]);
  int raw = 0;
  ::waitpid(pid, &raw, 0);
  std::string status = WIFEXITED(raw) ? std::to_string(WEXITSTATUS(raw)) : "signal " + std::to_string(WTERMSIG(raw));
  return status + "|" + err;
}

// Fills the file system at `dir` until a write fails, leaving about `leave` bytes free.
void fill(const fs::path& dir, std::size_t leave) {
  std::ofstream ballast(dir / "ballast", std::ios::binary);
  std::string block(4096, 'x');
  while (ballast.write(block.data(), static_cast<std::streamsize>(block.size())) && ballast.flush()) {
  }
  ballast.close();
  if (leave > 0) fs::resize_file(dir / "ballast", fs::file_size(dir / "ballast") > leave ? fs::file_size(dir / "ballast") - leave : 0);
}

}  // namespace

TEST_CASE("on a really full file system, commands end with a message, never a signal") {
  fs::path dir = ntm::test::temp_dir() / "tmpfs";
  fs::create_directories(dir);
  fs::path source_db = ntm::test::sample_db("dien-bien-2020");
  fs::path csv_dir = ntm::test::temp_dir() / "tmpfs-input";
  fs::create_directories(csv_dir);
  fs::path file = changed_indicators(source_db, csv_dir);
  fs::path report = ntm::test::temp_dir() / "tmpfs-report.txt";
  // The database is about 2 MB; the file system gets a little more than that.
  std::size_t db_bytes = fs::file_size(source_db);
  int kib = static_cast<int>(db_bytes / 1024) + 512;
  int status = in_small_filesystem(dir, kib, [&]() -> int {
    std::ofstream out(report);
    fs::path db = dir / "full.db";
    fs::copy_file(source_db, db);
    const std::string before = logical_content(db);
    int failures = 0;
    // Nearly full, then completely full: import, then a read-only command and a query.
    for (std::size_t leave : {std::size_t{64 * 1024}, std::size_t{0}}) {
      fill(dir, leave);
      std::string import = run_binary({"--db", db.string(), "import", "indicators", file.string(), "--province", "11",
                                       "--year", "2020"});
      std::string query = run_binary({"--db", db.string(), "query", "SELECT count(*) AS n FROM unit"});
      std::string run = run_binary({"--db", db.string(), "query", "-e", "return 1"});
      out << "leave " << leave << "\nimport: " << import << "\nquery: " << query << "\nquery -e: " << run << "\n";
      for (const std::string* r : {&import, &query, &run})
        if (r->rfind("signal", 0) == 0) ++failures;
      if (import.rfind("1|", 0) != 0) ++failures;   // a data/storage error, exit 1
      if (import.find("cơ sở dữ liệu như trước") == std::string::npos) ++failures;
      if (logical_content(db) != before) ++failures;
      fs::remove(dir / "ballast");
    }
    return failures;
  });
  if (status == -2) {
    MESSAGE("this machine allows no private tmpfs (no mount namespace): the full file system is covered by the VFS test only");
    return;
  }
  CAPTURE(ntm::test::slurp(report));
  CHECK(status == 0);
}
