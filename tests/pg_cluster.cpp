#include "pg_cluster.h"

#include <fcntl.h>
#include <pwd.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>
#include <vector>

#include "store/pg_connection.h"

namespace fs = std::filesystem;

namespace ntm::test {

namespace {

// The last lines of a log, for the message of a failed start.
std::string tail_of(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  std::string all = text.str();
  return all.size() > 2000 ? all.substr(all.size() - 2000) : all;
}

// The folder of initdb and postgres: pg_config's (libpq-dev has it), else the newest
// /usr/lib/postgresql/N/bin of Debian's server packages.
fs::path find_bindir() {
  if (FILE* pipe = ::popen("pg_config --bindir 2>/dev/null", "r")) {
    char line[4096] = {};
    bool got = std::fgets(line, sizeof line, pipe) != nullptr;
    ::pclose(pipe);
    std::string dir = got ? line : "";
    while (!dir.empty() && (dir.back() == '\n' || dir.back() == '\r')) dir.pop_back();
    if (!dir.empty() && fs::exists(fs::path(dir) / "initdb") && fs::exists(fs::path(dir) / "postgres")) return dir;
  }
  fs::path best;
  int best_version = -1;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator("/usr/lib/postgresql", ec)) {
    int version = std::atoi(entry.path().filename().c_str());
    if (version > best_version && fs::exists(entry.path() / "bin" / "initdb")) {
      best_version = version;
      best = entry.path() / "bin";
    }
  }
  if (best.empty())
    throw std::runtime_error("PostgreSQL server not found (pg_config --bindir, /usr/lib/postgresql/*/bin): "
                             "install the postgresql package (tools/deps.sh does)");
  return best;
}

}  // namespace

PgCluster& PgCluster::get() {
  static PgCluster cluster;   // destroyed at exit: stops the server, removes the folder
  return cluster;
}

PgCluster::PgCluster() {
  try {
    start();
  } catch (...) {
    stop();   // a half-started server must not outlive a failed constructor
    throw;
  }
}

PgCluster::~PgCluster() { stop(); }

std::string PgCluster::conninfo(const std::string& database, const std::string& user) const {
  return "host=" + dir_.string() + " port=" + std::to_string(port()) + " dbname=" + database + " user=" + user;
}

namespace {

struct Account {
  bool drop = false;   // run as uid/gid instead of ourselves
  uid_t uid = 0;
  gid_t gid = 0;
};

// Starts `argv` in `cwd` with standard output and error appended to `log`, as `account`.
// As root the program runs under setpriv, which changes user and then execs it (the pid we
// get is the program's own) and can still set the parent-death signal after the change of
// user, which clears it. `die_with_parent`: the program gets SIGINT (PostgreSQL's fast
// shutdown) when this process dies without stopping it (a crashed test).
pid_t spawn(std::vector<std::string> argv, const fs::path& cwd, const fs::path& log, const Account& account,
            bool die_with_parent) {
  if (account.drop) {
    std::vector<std::string> prefix{"setpriv", "--reuid=" + std::to_string(account.uid),
                                    "--regid=" + std::to_string(account.gid), "--clear-groups"};
    if (die_with_parent) prefix.push_back("--pdeathsig=INT");
    prefix.push_back("--");
    argv.insert(argv.begin(), prefix.begin(), prefix.end());
  }
  std::vector<char*> args;
  for (std::string& a : argv) args.push_back(a.data());
  args.push_back(nullptr);
  int out = ::open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (out < 0) throw std::runtime_error("cannot open " + log.string());
  pid_t pid = ::fork();
  if (pid == 0) {
    // Only async-signal-safe calls between fork and exec.
    if (!account.drop && die_with_parent) ::prctl(PR_SET_PDEATHSIG, SIGINT);
    ::dup2(out, 1);
    ::dup2(out, 2);
    int in = ::open("/dev/null", O_RDONLY);
    if (in >= 0) ::dup2(in, 0);
    if (::chdir(cwd.c_str()) != 0) ::_exit(126);   // the unprivileged user may not enter ours
    ::execvp(args[0], args.data());
    ::_exit(127);
  }
  ::close(out);
  if (pid < 0) throw std::runtime_error("fork failed");
  return pid;
}

// Runs `argv` to its end; its exit status (-1 when killed).
int run(const std::vector<std::string>& argv, const fs::path& cwd, const fs::path& log, const Account& account) {
  pid_t pid = spawn(argv, cwd, log, account, false);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace

void PgCluster::start() {
  bindir_ = find_bindir();
  // Under /tmp, not $TMPDIR: a Unix socket path must fit in 107 bytes.
  std::string pattern = "/tmp/ntm-pg-XXXXXX";
  if (!::mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp " + pattern + " failed");
  dir_ = pattern;

  Account account;
  if (::geteuid() == 0) {
    // PostgreSQL refuses to run as root ("root" execution of the server is not permitted).
    const passwd* nobody = ::getpwnam("nobody");
    if (!nobody) throw std::runtime_error("running as root and there is no user \"nobody\" to run PostgreSQL as");
    account = {true, nobody->pw_uid, nobody->pw_gid};
    if (::chown(dir_.c_str(), account.uid, account.gid) != 0)
      throw std::runtime_error("chown " + dir_.string() + " to nobody failed");
  }
  as_nobody_ = account.drop;
  uid_ = account.uid;
  gid_ = account.gid;
  const fs::path data = dir_ / "data";
  const fs::path initdb_log = dir_ / "initdb.log";
  const fs::path server_log = dir_ / "server.log";

  // Throwaway: no fsync anywhere; UTF-8 whatever this machine's locale.
  int status = run({bin("initdb").string(), "-D", data.string(), "-U", "ntm", "--auth=trust", "-E", "UTF8",
                    "--locale=C.UTF-8", "--no-sync", "--no-instructions"},
                   dir_, initdb_log, account);
  if (status != 0) throw std::runtime_error("initdb failed (" + std::to_string(status) + "):\n" + tail_of(initdb_log));

  // pg_hba.conf: the first matching line wins. Members of ntm_password_users give their
  // password (the tests of wrong and missing passwords); everyone else is trusted.
  {
    std::ofstream hba(data / "pg_hba.conf", std::ios::trunc);
    hba << "local all +ntm_password_users scram-sha-256\n"
           "local all all trust\n";
    if (!hba) throw std::runtime_error("cannot write pg_hba.conf");
  }

  server_ = spawn({bin("postgres").string(), "-D", data.string(), "-k", dir_.string(), "-p", std::to_string(port()),
                   "-c", "listen_addresses=", "-c", "fsync=off", "-c", "synchronous_commit=off", "-c",
                   "full_page_writes=off", "-c", "shared_buffers=16MB", "-c", "max_connections=40"},
                  dir_, server_log, account, true);

  // Ready when pg_isready says so (exit 0); 1 is "starting up", 2 "no answer yet". The cap
  // only ends a hang: a loaded machine may take a while.
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  const fs::path probe_log = dir_ / "pg_isready.log";
  for (;;) {
    int ready = run({bin("pg_isready").string(), "-q", "-h", dir_.string(), "-p", std::to_string(port()), "-d",
                     "postgres", "-U", "ntm"},
                    dir_, probe_log, Account{});
    if (ready == 0) break;
    int server_status = 0;
    if (::waitpid(server_, &server_status, WNOHANG) == server_) {
      server_ = -1;
      throw std::runtime_error("postgres stopped while starting:\n" + tail_of(server_log));
    }
    if (std::chrono::steady_clock::now() > deadline)
      throw std::runtime_error("postgres did not accept connections within 120 s:\n" + tail_of(server_log));
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }

  store::PgConnection admin(conninfo("postgres"));
  admin.exec("CREATE DATABASE ntm_test");   // alone: not allowed in a multi-statement string
  admin.exec("CREATE ROLE ntm_password_users NOLOGIN");
}

void PgCluster::stop() noexcept {
  if (server_ > 0) {
    Account account{as_nobody_, uid_, gid_};
    int status = -1;
    try {
      status = run({bin("pg_ctl").string(), "stop", "-D", (dir_ / "data").string(), "-m", "fast", "-w", "-t", "120"},
                   dir_, dir_ / "pg_ctl.log", account);
    } catch (...) {
    }
    if (status != 0) ::kill(server_, SIGQUIT);   // immediate shutdown: the data is thrown away anyway
    int server_status = 0;
    while (::waitpid(server_, &server_status, 0) < 0 && errno == EINTR) {
    }
    server_ = -1;
  }
  if (!dir_.empty()) {
    std::error_code ec;
    fs::remove_all(dir_, ec);
    dir_.clear();
  }
}

}  // namespace ntm::test
