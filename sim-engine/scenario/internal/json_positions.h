#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

// Internal to the scenario loader. nlohmann::json 3.11 keeps no source positions, so once it
// has accepted a document we walk the text again with a tiny lexer and remember where each
// value (and each object member's key) starts. Nothing here allocates per byte of input; the
// index costs 12 bytes per JSON value.

namespace clusterscope::engine::loader {

// Where a text-level check failed: byte offset and message.
struct TextProblem {
  std::size_t offset = 0;
  std::string message;
};

// Refuses nesting deeper than `maxDepth` without recursion, before any parser sees the text
// (a deep document can overflow the stack). Tolerates malformed text: strings are skipped
// with their escapes, everything else is scanned for brackets only.
std::optional<TextProblem> checkNesting(std::string_view text, int maxDepth);

// The offset of the first number literal outside strings whose magnitude is too large for a
// double (nlohmann reports that without a position).
std::optional<std::size_t> findOverflowingNumber(std::string_view text);

// Decodes the JSON string literal starting at text[offset] (its opening quote). The text
// must be valid JSON there.
std::string decodeJsonString(std::string_view text, std::size_t offset);

// "a/b~c" -> "a~1b~0c" (RFC 6901).
std::string escapePointerToken(std::string_view token);
// The reverse: "~1" becomes '/', "~0" becomes '~'.
std::string unescapePointerToken(std::string_view token);

class JsonPositions {
 public:
  struct Duplicate {
    std::string pointer;  // of the repeated member
    std::size_t keyOffset = 0;
  };

  // Indexes a document that nlohmann accepted (so it is well formed and shallow). `text` must
  // outlive the index. Lookups fill a cache: one index serves one thread.
  explicit JsonPositions(std::string_view text);

  // Offset of the value at `pointer`, or of its key when `key` is set and the value is an
  // object member. A pointer that does not exist resolves to its nearest existing ancestor.
  // For a repeated key the last occurrence counts, as it does in nlohmann.
  std::size_t offsetOf(std::string_view pointer, bool key = false) const;

  // Object members whose key already appeared in the same object, in document order.
  const std::vector<Duplicate>& duplicates() const { return duplicates_; }

 private:
  static constexpr std::uint32_t kNoKey = 0xffffffffu;
  struct Node {
    std::uint32_t value = 0;     // offset of the value's first character
    std::uint32_t key = kNoKey;  // offset of the key's opening quote; kNoKey outside objects
    std::uint32_t end = 0;       // index of the first node after this value's subtree
  };

  // The children of a container, built on first use so that many lookups in one large
  // array or object stay linear overall.
  struct Children {
    std::vector<std::uint32_t> items;                        // array elements
    std::unordered_map<std::string, std::uint32_t> members;  // the last of repeated keys
  };
  const Children& children(std::size_t parent) const;

  std::size_t skipSpace(std::size_t pos) const;
  std::size_t skipString(std::size_t pos) const;
  std::size_t indexValue(std::size_t pos, std::uint32_t keyOffset, std::string& pointer);
  // Index of the child of nodes_[parent] named by `token`; nodes_.size() when there is none.
  std::size_t child(std::size_t parent, std::string_view token) const;

  std::string_view text_;
  std::vector<Node> nodes_;
  std::vector<Duplicate> duplicates_;
  mutable std::unordered_map<std::uint32_t, Children> children_;
};

// Turns byte offsets into 1-based line and column; columns count UTF-8 code points.
class LineMap {
 public:
  explicit LineMap(std::string_view text);
  std::pair<int, int> lineColumn(std::size_t offset) const;

 private:
  std::string_view text_;
  std::vector<std::size_t> lineStarts_;
};

}  // namespace clusterscope::engine::loader
