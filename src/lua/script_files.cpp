#include "lua/script_files.h"

#include <fstream>
#include <iterator>

namespace ntm::lua {

namespace {

std::shared_ptr<const std::string> read_whole(const std::filesystem::path& path, std::uintmax_t max_bytes,
                                              std::uintmax_t* too_large) {
  *too_large = 0;
  std::error_code ec;
  auto bytes = std::filesystem::file_size(path, ec);
  if (!ec && bytes > max_bytes) {
    *too_large = bytes;
    return nullptr;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return nullptr;
  auto text = std::make_shared<std::string>();
  if (!ec) text->reserve(static_cast<std::size_t>(bytes));
  text->assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  if (in.bad()) return nullptr;
  // A file that grew past the cap after its size was taken.
  if (text->size() > max_bytes) {
    *too_large = text->size();
    return nullptr;
  }
  return text;
}

}  // namespace

std::shared_ptr<const std::string> ScriptFiles::text(const std::filesystem::path& path, std::uintmax_t max_bytes,
                                                     std::uintmax_t* too_large) {
  *too_large = 0;
  std::string key = path.string();
  {
    std::lock_guard<std::mutex> hold(lock_);
    if (auto it = texts_.find(key); it != texts_.end()) {
      if (it->second->size() <= max_bytes) return it->second;
      *too_large = it->second->size();
      return nullptr;
    }
  }
  auto text = read_whole(path, max_bytes, too_large);
  if (!text) return nullptr;   // not kept: the next asker reads again and meets the same fault
  std::lock_guard<std::mutex> hold(lock_);
  return texts_.emplace(std::move(key), std::move(text)).first->second;
}

std::shared_ptr<const std::string> read_script_file(ScriptFiles* files, const std::filesystem::path& path,
                                                    std::uintmax_t max_bytes, std::uintmax_t* too_large) {
  return files ? files->text(path, max_bytes, too_large) : read_whole(path, max_bytes, too_large);
}

}  // namespace ntm::lua
