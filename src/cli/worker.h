// Running a command that runs scripts in a worker process, supervised by the ntm process
// the user started (as MediaWiki's Scribunto runs its standalone Lua engine).
//
// The in-process meter (lua/host.cpp, native_caps.cpp) stops a script at its limits with a
// message naming the limit and the script line. The worker is what holds if the meter ever
// misses something: a native call no one metered, a copy no one counted.
//   - Time: the worker tells the supervisor, in memory they share, when script code starts
//     and stops running and until when it may run (lua::set_run_watch); the supervisor
//     sleeps until that deadline, and is woken through a pipe only when a script starts
//     while it sleeps with none. Past the deadline of the script code running then plus one
//     second the supervisor kills the worker (SIGKILL) and reports the time limit (exit 3).
//     Nothing a script does can outlive its limit by more than that second.
//   - Memory: the worker's address space is capped (RLIMIT_AS) at what it had when it
//     started plus twice the memory limit plus 512 MiB, so no uncounted copy can grow the
//     process without end; an allocation past it fails and is reported as the memory limit.
//     (Not in sanitizer builds, whose shadow memory needs terabytes of address space.)
//   - Reach: the worker may not open network sockets or start programs (a seccomp filter:
//     socket, connect, bind, listen, accept, execve; execve stays allowed in sanitizer
//     builds, which start a symbolizer to print their reports), and writes no core file.
//   - The worker dies with the supervisor (PR_SET_PDEATHSIG): kill -9 of ntm stops the work.
//   - A worker that dies of a signal is reported with a message (exit 1), never as a crash of
//     the command; every write is one transaction, so the database holds all of it or none.
// The database, files and terminal are the worker's own (it is a fork of the command), so
// output, Ctrl-C and exit statuses are as without it.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "lua/host.h"

namespace ntm::cli {

// Runs `body` (through guarded()) in a worker process under `limits`; returns the exit
// status to give. Falls back to running in-process when the system refuses a fork. When the
// database setting of `db_flag` (app::database_setting) is a PostgreSQL server, its snapshot
// (app/snapshot.h) is taken first, here: the worker may not open sockets. nullopt for a command
// that does not read the user's database.
int supervised(const lua::Limits& limits, const std::optional<std::string>& db_flag, const std::function<int()>& body);

// True in a worker process: it ends (_exit) as soon as its command returns, and the system
// takes back its memory whole.
bool ends_after_command();

// Ends the process with `status` once a command is done: the snapshots of a server are
// removed, the standard streams flushed, and the process exits without destroying its objects
// one by one (the command line's option tree, the caches of OpenSSL and ICU): they hold
// nothing else to save, and destroying them took 3 ms after every command. Under a sanitizer
// it returns `status`, for main to return: the ordinary end, whose leak check then runs.
int end_process(int status);
// Moves `value` where it is never destroyed when ends_after_command(): a national check's
// trees and caches (tens of thousands of nodes) took 6 ms to free one by one in a process
// about to end. Otherwise leaves it as it is.
template <class T>
void leave_to_exit(T& value) {
  if (ends_after_command()) new T(std::move(value));
}

}  // namespace ntm::cli
