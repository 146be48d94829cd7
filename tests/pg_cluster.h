// A throwaway PostgreSQL server for the tests of the PostgreSQL store: its own data folder
// and Unix socket in a temporary folder, no TCP, started on first use in the test process and
// stopped and removed at its exit.
#pragma once

#include <filesystem>
#include <string>
#include <sys/types.h>

namespace ntm::test {

class PgCluster {
 public:
  // The server of this test process, started on the first call: initdb, postgres listening on
  // a socket in a fresh folder under /tmp, waits (up to 120 s) until it accepts connections,
  // creates the database "ntm_test". Throws std::runtime_error, with the server's log, when
  // it cannot start. Call it first from the main thread: a server started as the child of
  // another thread is told to stop when that thread ends.
  //
  // As root, initdb and postgres run as the user "nobody" (PostgreSQL refuses to run as root),
  // which owns the folder. Superuser of the cluster: "ntm"; every local connection is trusted,
  // except those of members of the role "ntm_password_users", which need their password.
  static PgCluster& get();

  // A libpq connection string: "host=/tmp/ntm-pg-… port=5432 dbname=… user=…".
  std::string conninfo(const std::string& database = "ntm_test", const std::string& user = "ntm") const;
  const std::filesystem::path& socket_dir() const { return dir_; }
  int port() const { return 5432; }   // the socket is in a private folder: no clash

  ~PgCluster();
  PgCluster(const PgCluster&) = delete;
  PgCluster& operator=(const PgCluster&) = delete;

 private:
  PgCluster();
  void start();
  void stop() noexcept;
  std::filesystem::path bin(const char* program) const { return bindir_ / program; }

  std::filesystem::path dir_;      // the socket, the data folder (data/) and the logs
  std::filesystem::path bindir_;   // initdb, postgres, pg_ctl, pg_isready
  pid_t server_ = -1;
  bool as_nobody_ = false;
  uid_t uid_ = 0;
  gid_t gid_ = 0;
};

}  // namespace ntm::test
