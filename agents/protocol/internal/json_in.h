#pragma once

#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "decode_result.h"

// Internal to the protocol library (it names nlohmann::json; keep it out of public headers).
// Strict typed reading of a JSON body: the first problem ends the decoding with a
// DecodeFailure, thrown here and caught by the public decoder that started it, so no
// exception ever leaves the library. Places are JSON pointers ("/service/edges/0/to"), spelt
// out only when there is a problem: the hub reads thousands of reports a second.

namespace clusterscope::agents::protocol::detail {

using Json = nlohmann::json;

struct DecodeFailure {
  DecodeReason reason;
  std::string message;
};

[[noreturn]] void fail(DecodeReason reason, std::string message);
// The decoders' outer layer: runs `decode` and turns a DecodeFailure into a DecodeError.
template <typename T, typename F>
Decoded<T> guarded(F&& decode) {
  try {
    return decode();
  } catch (DecodeFailure& f) {
    return DecodeError{f.reason, std::move(f.message)};
  }
}

// At most `limit` bytes of `s`, every byte outside printable ASCII shown as '?': safe to log.
std::string printable(std::string_view s, std::size_t limit = 64);

// The body of a control message: nesting checked first (without recursion), then parsed;
// it must be an object.
Json parseObject(std::string_view text);
// The deepest nesting of brackets outside strings, counting no further than one past `limit`
// (where it stops, at byte *at).
int nestingDepth(std::string_view text, int limit, std::size_t* at = nullptr);

// "/a" + "b" -> "/a/b", escaped as RFC 6901 says; the root is "/".
std::string child(const std::string& path, std::string_view key);
std::string child(const std::string& path, std::size_t index);

// Where a value is: a path, or a key or index below a path or another place. Refers to its
// parts without copying them, so it must not outlive them: build it where it is used.
class Where {
 public:
  Where(const std::string& path) : path_(&path) {}
  Where(const std::string& parent, std::string_view key)
      : path_(&parent), key_(key), step_(Step::Key) {}
  Where(const Where& parent, std::string_view key)
      : parent_(&parent), key_(key), step_(Step::Key) {}
  Where(const Where& parent, std::size_t index)
      : parent_(&parent), index_(index), step_(Step::Index) {}
  std::string str() const;

 private:
  enum class Step { None, Key, Index };
  const std::string* path_ = nullptr;  // the base: a path, or
  const Where* parent_ = nullptr;      // another place
  std::string_view key_;
  std::size_t index_ = 0;
  Step step_ = Step::None;
};

// What a string must look like beyond its length (docs/protocol.md, "Strings").
enum class Token {
  Name,      // 1..64 of [A-Za-z0-9_.-]: services, modules, nodes
  Instance,  // 1..128 of [A-Za-z0-9_.:#@-]
  Word,      // 1..32 of [a-z0-9_.-]: capabilities, error codes
  Endpoint,  // 1..256 printable ASCII, starting tcp:// ipc:// inproc:// http:// or https://
};

std::uint64_t readCount(const Json& v, const Where& at);  // 0 .. 2^64-1
std::int64_t readInteger(const Json& v, const Where& at, std::int64_t lo, std::int64_t hi);
double readNumber(const Json& v, const Where& at, double lo, double hi);
bool readBool(const Json& v, const Where& at);
// Any text without control characters other than tab, carriage return and newline.
std::string readText(const Json& v, const Where& at, std::size_t maxBytes);
std::string readToken(const Json& v, const Where& at, Token kind);
const Json& readArray(const Json& v, const Where& at, std::size_t maxItems);

// The members of one object. Getters without a fallback require their key.
class ObjectIn {
 public:
  ObjectIn(const Json& v, std::string path);

  const std::string& path() const { return path_; }
  std::string at(std::string_view key) const { return child(path_, key); }
  Where where(std::string_view key) const { return Where(path_, key); }
  const Json* find(std::string_view key) const;  // nullptr when absent
  bool has(std::string_view key) const { return find(key) != nullptr; }
  const Json& get(std::string_view key) const;  // MissingField when absent

  std::uint64_t count(std::string_view key) const;
  std::uint64_t count(std::string_view key, std::uint64_t fallback) const;
  std::int64_t integer(std::string_view key, std::int64_t lo, std::int64_t hi) const;
  std::int64_t integer(std::string_view key, std::int64_t lo, std::int64_t hi,
                       std::int64_t fallback) const;
  double number(std::string_view key, double lo, double hi) const;
  double number(std::string_view key, double lo, double hi, double fallback) const;
  bool boolean(std::string_view key) const;
  bool boolean(std::string_view key, bool fallback) const;
  std::string text(std::string_view key, std::size_t maxBytes) const;
  std::string textOr(std::string_view key, std::size_t maxBytes) const;  // "" when absent
  std::string token(std::string_view key, Token kind) const;
  std::string tokenOr(std::string_view key, Token kind) const;  // "" when absent
  ObjectIn object(std::string_view key) const;
  std::optional<ObjectIn> objectOr(std::string_view key) const;
  const Json& array(std::string_view key, std::size_t maxItems) const;
  const Json* arrayOr(std::string_view key, std::size_t maxItems) const;  // nullptr when absent

  // Calls f(const ObjectIn&) for each element of the array `key`, which must all be objects.
  enum class Need { Required, Optional };
  template <typename F>
  void eachObject(std::string_view key, std::size_t maxItems, Need need, F&& f) const {
    const Json* items = need == Need::Required ? &array(key, maxItems) : arrayOr(key, maxItems);
    if (items == nullptr) return;
    const std::string base = at(key);
    for (std::size_t i = 0; i < items->size(); ++i) f(ObjectIn((*items)[i], child(base, i)));
  }

  // An enumeration by its wire name; BadValue for a name `fromName` does not know.
  template <typename E>
  E choice(std::string_view key, std::optional<E> (*fromName)(std::string_view)) const {
    return named(get(key), where(key), fromName);
  }
  template <typename E>
  E choice(std::string_view key, std::optional<E> (*fromName)(std::string_view), E fallback) const {
    const Json* v = find(key);
    return v ? named(*v, where(key), fromName) : fallback;
  }

 private:
  template <typename E>
  static E named(const Json& v, const Where& at, std::optional<E> (*fromName)(std::string_view)) {
    const std::string name = readText(v, at, kMaxEnumBytes);
    if (const std::optional<E> e = fromName(name)) return *e;
    fail(DecodeReason::BadValue, at.str() + ": unknown value \"" + printable(name) + "\"");
  }
  static constexpr std::size_t kMaxEnumBytes = 64;

  const Json& object_;
  std::string path_;
};

// Writing: nlohmann's dump with invalid UTF-8 replaced, never throwing.
std::string dumpBody(const Json& body);

}  // namespace clusterscope::agents::protocol::detail
