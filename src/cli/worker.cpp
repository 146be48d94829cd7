#include "cli/worker.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#if defined(__linux__) && defined(__x86_64__)
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <sys/syscall.h>
#define NTM_SECCOMP 1
#endif

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <new>
#include <sstream>
#include <thread>
#include <vector>

#include "app/paths.h"
#include "app/snapshot.h"
#include "cli/common.h"
#include "model/i18n.h"

#if defined(__SANITIZE_ADDRESS__)
#define NTM_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define NTM_SANITIZED 1
#endif
#endif

namespace ntm::cli {

namespace {

using Clock = std::chrono::steady_clock;
constexpr auto kGrace = std::chrono::seconds(1);

// What the worker tells the supervisor, in memory they share (mapped before the fork): the
// deadline of the script code running now (0: none runs), which the supervisor reads when it
// wakes. A national check runs hundreds of scripts: telling each start and end through the
// pipe cost a write and a wake-up of the supervisor each (6 % of the check). The pipe carries
// one byte only when a script starts while the supervisor sleeps without a deadline.
struct Shared {
  std::atomic<std::int64_t> deadline_ns{0};
  std::atomic<std::int32_t> sleeping{0};   // the supervisor waits with no deadline to wake for
};
static_assert(std::atomic<std::int64_t>::is_always_lock_free && std::atomic<std::int32_t>::is_always_lock_free,
              "shared between processes: lock-free atomics only");

Shared* g_shared = nullptr;
int g_notice_fd = -1;
bool g_in_worker = false;

void notify(Clock::time_point deadline, bool running) {
  if (!g_shared) return;
  std::int64_t ns = std::chrono::duration_cast<std::chrono::nanoseconds>(deadline.time_since_epoch()).count();
  g_shared->deadline_ns.store(running ? std::max<std::int64_t>(ns, 1) : 0);
  if (running && g_shared->sleeping.exchange(0) != 0) {
    char wake = 1;
    ssize_t ignored = ::write(g_notice_fd, &wake, 1);   // a full pipe cannot happen: one byte per sleep
    (void)ignored;
  }
}

std::size_t address_space_now() {
  std::ifstream statm("/proc/self/statm");
  std::size_t pages = 0;
  statm >> pages;
  return pages * static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
}

void confine(const lua::Limits& limits) {
  struct rlimit core {0, 0};
  ::setrlimit(RLIMIT_CORE, &core);
#ifndef NTM_SANITIZED
  // Room for the scripts of every thread (a national check runs one per core, at most 8)
  // and one more: a backstop for native allocations, not the scripts' limit.
  std::size_t threads = std::clamp(std::thread::hardware_concurrency(), 1u, 8u);
  std::size_t cap = address_space_now() + (threads + 1) * limits.memory_bytes + (512u << 20);
  struct rlimit as {cap, cap};
  ::setrlimit(RLIMIT_AS, &as);
#else
  (void)limits;
#endif
#ifdef NTM_SECCOMP
  static const int denied[] = {SYS_socket, SYS_connect, SYS_bind, SYS_listen, SYS_accept, SYS_accept4,
#ifndef NTM_SANITIZED
                               SYS_execve, SYS_execveat,
#endif
  };
  std::vector<sock_filter> filter;
  filter.push_back(BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch)));
  filter.push_back(BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_X86_64, 1, 0));
  filter.push_back(BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EPERM));   // another ABI: refuse
  filter.push_back(BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)));
  filter.push_back(BPF_JUMP(BPF_JMP | BPF_JGE | BPF_K, 0x40000000, 0, 1));   // x32 numbers
  filter.push_back(BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EPERM));
  for (int nr : denied) {
    filter.push_back(BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, static_cast<unsigned>(nr), 0, 1));
    filter.push_back(BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EPERM));
  }
  filter.push_back(BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW));
  sock_fprog program{static_cast<unsigned short>(filter.size()), filter.data()};
  if (::prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == 0) ::prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &program);
#endif
}

std::string seconds_text(double s) {
  std::ostringstream out;
  out << s;
  return out.str();
}

}  // namespace

bool ends_after_command() { return g_in_worker; }

int end_process(int status) {
#ifdef NTM_SANITIZED
  return status;
#else
  app::remove_snapshot_files();
  std::cout.flush();
  std::cerr.flush();
  std::fflush(nullptr);
  ::_exit(status);
#endif
}

int supervised(const lua::Limits& limits, const std::optional<std::string>& db_flag, const std::function<int()>& body) {
  if (db_flag) {
    int status = guarded([&] {
      std::string setting = app::database_setting(*db_flag);
      if (app::is_postgres_address(setting)) app::postgres_snapshot(setting);
      return 0;
    });
    if (status != 0) return status;
  }
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) return guarded(body);
  void* memory = ::mmap(nullptr, sizeof(Shared), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  if (memory == MAP_FAILED) {
    ::close(fds[0]);
    ::close(fds[1]);
    return guarded(body);
  }
  Shared* shared = new (memory) Shared;
  struct Unmap {
    void* memory;
    ~Unmap() { ::munmap(memory, sizeof(Shared)); }
  } unmap{memory};
  std::cout.flush();
  std::cerr.flush();
  std::fflush(nullptr);
  pid_t parent = ::getpid();
  pid_t pid = ::fork();
  if (pid < 0) {
    ::close(fds[0]);
    ::close(fds[1]);
    return guarded(body);
  }
  if (pid == 0) {
    // The worker dies with its supervisor: `kill -9` of the command stops the work as it
    // would without a worker (and a write in progress rolls back, as SQLite guarantees).
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != parent) ::_exit(kDataError);
    ::close(fds[0]);
    g_notice_fd = fds[1];
    g_shared = shared;
    g_in_worker = true;
    confine(limits);
    lua::set_run_watch(notify);
    int status = guarded(body);
    std::cout.flush();
    std::cerr.flush();
    std::fflush(nullptr);
    ::_exit(status);
  }
  ::close(fds[1]);
  // Ctrl-C reaches both processes; the worker decides what it means (stop the script, or
  // end), the supervisor waits for it.
  struct sigaction ignore {}, old_int {}, old_term {};
  ignore.sa_handler = SIG_IGN;
  ::sigaction(SIGINT, &ignore, &old_int);
  ::sigaction(SIGQUIT, &ignore, &old_term);
  bool killed = false;
  for (;;) {
    // Script code runs until a deadline: wake a second after it, and stop the worker if the
    // code running then (the same script, or a later one with a later deadline) is past its
    // own. No script code runs: sleep until the worker says one starts, or ends.
    int timeout = -1;
    if (std::int64_t ns = shared->deadline_ns.load(); ns != 0) {
      auto end = Clock::time_point(std::chrono::nanoseconds(ns)) + kGrace;
      auto now = Clock::now();
      if (now > end) {
        ::kill(pid, SIGKILL);
        killed = true;
        break;
      }
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(end - now).count();
      timeout = static_cast<int>(std::min<long long>(left + 1, 1 << 30));
    } else {
      shared->sleeping.store(1);
      if (shared->deadline_ns.load() != 0) {   // a script started meanwhile
        shared->sleeping.store(0);
        continue;
      }
    }
    pollfd p{fds[0], POLLIN, 0};
    int ready = ::poll(&p, 1, timeout);
    if (ready < 0 && errno == EINTR) continue;
    if (ready == 0) continue;   // the deadline: look again
    char wake[64];
    ssize_t got = ::read(fds[0], wake, sizeof wake);
    if (got > 0 || (got < 0 && errno == EINTR)) continue;
    break;   // end of file: the worker has exited (or is exiting)
  }
  ::close(fds[0]);
  int raw = 0;
  while (::waitpid(pid, &raw, 0) < 0 && errno == EINTR) {
  }
  ::sigaction(SIGINT, &old_int, nullptr);
  ::sigaction(SIGQUIT, &old_term, nullptr);
  if (killed) {
    std::cerr << tr("Script bị dừng: vượt giới hạn thời gian (", "Script stopped: time limit exceeded (")
              << seconds_text(limits.seconds)
              << tr(" giây; đổi bằng --time-limit); script không tự dừng được nên tiến trình chạy nó đã bị buộc dừng "
                    "sau thêm 1 giây. Cơ sở dữ liệu không đổi.\n",
                    " s; change with --time-limit); the script did not stop by itself, so the process running it was "
                    "killed one second later. The database is unchanged.\n");
    return kLimit;
  }
  if (WIFEXITED(raw)) return WEXITSTATUS(raw);
  int sig = WTERMSIG(raw);
  if (sig == SIGINT) return 130;   // Ctrl-C ended the command, as without a worker
  std::cerr << tr("ntm dừng bất thường (tín hiệu ", "ntm stopped abnormally (signal ") << sig << ", " << strsignal(sig)
            << tr("). Mọi lệnh ghi đều ghi trong một giao dịch, nên cơ sở dữ liệu có tất cả hoặc không có gì của lệnh này.\n",
                  "). Every command writes in one transaction, so the database holds all of this command's writes or none.\n");
  return kDataError;
}

}  // namespace ntm::cli
