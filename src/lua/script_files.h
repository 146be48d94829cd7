// The script files of one command, each read once: a national check runs the same six
// scripts, and the library they use, for each of 63 provinces (an open, a read and a search
// of the script folders each time). Shared by the threads of the command (app::Session).
// A command does not see an edit made to a script while it runs; the next command does.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <string>

namespace ntm::lua {

class ScriptFiles {
 public:
  // The text of `path`, read whole on first use; nullptr when it cannot be read. A file
  // longer than `max_bytes` is not read: `*too_large` gets its size (0 otherwise).
  std::shared_ptr<const std::string> text(const std::filesystem::path& path, std::uintmax_t max_bytes,
                                          std::uintmax_t* too_large);
  // What `find` answers for library `name`, asked once per name (an empty path: none).
  template <class Find>
  std::filesystem::path library(const std::string& name, Find&& find) {
    {
      std::lock_guard<std::mutex> hold(lock_);
      if (auto it = libraries_.find(name); it != libraries_.end()) return it->second;
    }
    std::filesystem::path found = find();
    std::lock_guard<std::mutex> hold(lock_);
    return libraries_.emplace(name, std::move(found)).first->second;
  }

 private:
  std::mutex lock_;
  std::map<std::string, std::shared_ptr<const std::string>> texts_;
  std::map<std::string, std::filesystem::path> libraries_;
};

// Reads a script file whole, through `files` when given (else from the disk each time);
// as ScriptFiles::text.
std::shared_ptr<const std::string> read_script_file(ScriptFiles* files, const std::filesystem::path& path,
                                                    std::uintmax_t max_bytes, std::uintmax_t* too_large);

}  // namespace ntm::lua
