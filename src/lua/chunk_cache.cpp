// The compiled chunks of script files, per process (see load_script_text in sandbox.h).
#include <lua.hpp>

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "lua/sandbox.h"
#include "model/hash.h"

namespace ntm::lua {

namespace {

// Never changed once cached: the threads of a national check look an entry up under the
// lock (a pointer copied) and read it outside it.
struct Compiled {
  std::string text;       // the source it was compiled from: a changed file is compiled again
  std::string bytecode;   // lua_dump of the function, with its debug information
  std::string sha256;     // of text
};

// Scripts are a few kilobytes each; the caps keep a run that loads many distinct large
// texts from growing the cache without bound (those are simply compiled each time).
constexpr std::size_t kMaxText = 1 << 20;
constexpr std::size_t kMaxTotal = 32u << 20;

std::mutex lock;
std::map<std::string, std::shared_ptr<const Compiled>, std::less<>> cache;

// The entry of `chunkname` when it was compiled from `text`, else nullptr.
std::shared_ptr<const Compiled> cached(std::string_view text, const char* chunkname) {
  std::shared_ptr<const Compiled> entry;
  {
    std::lock_guard<std::mutex> hold(lock);
    auto it = cache.find(std::string_view(chunkname));
    if (it != cache.end()) entry = it->second;
  }
  return entry && entry->text == text ? entry : nullptr;
}
std::size_t total = 0;

int append(lua_State*, const void* p, std::size_t size, void* out) {
  static_cast<std::string*>(out)->append(static_cast<const char*>(p), size);
  return 0;
}

// Hands lua_load the bytecode in one piece, after charging the text's length, as parsing
// the text would have been charged.
struct CachedReader {
  std::string_view bytecode;
  std::size_t text_size;
  bool done = false;
};

const char* read_cached(lua_State* L, void* data, std::size_t* size) {
  auto* reader = static_cast<CachedReader*>(data);
  if (reader->done) {
    *size = 0;
    return nullptr;
  }
  charge(L, static_cast<long double>(reader->text_size));   // raised inside lua_load: protected
  reader->done = true;
  *size = reader->bytecode.size();
  return reader->bytecode.data();
}

}  // namespace

std::string script_sha256(std::string_view text, const char* chunkname) {
  if (auto entry = cached(text, chunkname)) return entry->sha256;
  return sha256_hex(text);
}

int load_script_text(lua_State* L, std::string_view text, const char* chunkname) {
  if (auto entry = cached(text, chunkname)) {
    CachedReader reader{entry->bytecode, text.size()};
    return lua_load(L, read_cached, &reader, chunkname, "b");
  }
  int status = load_text(L, text, chunkname);
  if (status != LUA_OK || text.size() > kMaxText) return status;
  std::string dumped;
  if (lua_dump(L, append, &dumped, 0) != 0) return status;
  auto entry = std::make_shared<const Compiled>(Compiled{std::string(text), std::move(dumped), sha256_hex(text)});
  std::lock_guard<std::mutex> hold(lock);
  auto it = cache.find(std::string_view(chunkname));
  if (it != cache.end()) {
    total -= it->second->text.size() + it->second->bytecode.size();
    cache.erase(it);
  }
  if (total + entry->text.size() + entry->bytecode.size() > kMaxTotal) return status;
  total += entry->text.size() + entry->bytecode.size();
  cache.emplace(chunkname, std::move(entry));
  return status;
}

}  // namespace ntm::lua
