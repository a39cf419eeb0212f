#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "distribution_spec.h"
#include "internal/json_positions.h"
#include "scenario_limits.h"

// Internal to the scenario loader (it includes nlohmann::json; keep it out of public
// headers). Typed access to JSON values that records every problem with its JSON pointer
// and goes on, so one load reports all the mistakes of a file.

namespace clusterscope::engine::loader {

using Json = nlohmann::json;

struct PendingError {
  std::size_t offset = 0;    // where it is shown: the value, or its key (see Problems::add)
  std::size_t sequence = 0;  // discovery order, to keep problems at one place in order
  std::string pointer;
  std::string message;
};

// Collects errors with their place in the text. Memory and time stay bounded however many
// mistakes a file holds: only the `keep` earliest by position are kept (the rest are
// counted), and "did you mean" hints are computed for the first kHinted errors only.
class Problems {
 public:
  static constexpr std::size_t kHinted = 200;

  // `positions` (may be null: every offset is 0) must outlive this object.
  Problems(const JsonPositions* positions, std::size_t keep);

  // `atKey`: place the error on the member's key rather than on its value.
  void add(std::string pointer, std::string message, bool atKey = false);
  // The same at an explicit byte offset (a repeated key: the pointer names the last one).
  void addAt(std::size_t offset, std::string pointer, std::string message);
  bool detailed() const { return total_ < kHinted; }
  // Where the value at `pointer` starts in the text (0 when positions are unknown): the order
  // of an object's members as written, which nlohmann::json does not keep.
  std::size_t offsetOf(const std::string& pointer) const {
    return positions_ ? positions_->offsetOf(pointer) : 0;
  }
  bool empty() const { return total_ == 0; }
  std::size_t total() const { return total_; }
  // The earliest errors by position (ties in discovery order), at most `keep`.
  std::vector<PendingError> earliest();

 private:
  void prune();

  const JsonPositions* positions_;
  std::size_t keep_;
  std::vector<PendingError> kept_;
  std::size_t total_ = 0;
  std::size_t cutoff_ = static_cast<std::size_t>(-1);  // errors placed after this are dropped
};

// Arrays longer than this are refused unread: parsing them would only use memory.
inline constexpr std::size_t kMaxArrayItems = 100000;

// A numeric interval with open or closed ends, which also words its own error message.
struct Range {
  double lo = -std::numeric_limits<double>::infinity();
  double hi = std::numeric_limits<double>::infinity();
  bool loOpen = false;
  bool hiOpen = false;

  static Range any() { return {}; }
  static Range atLeast(double lo) { return {lo, Range{}.hi, false, false}; }
  static Range greaterThan(double lo) { return {lo, Range{}.hi, true, false}; }
  static Range between(double lo, double hi) { return {lo, hi, false, false}; }
  static Range aboveAtMost(double lo, double hi) { return {lo, hi, true, false}; }
  // Durations: zero or more, or at least one tick of the clock where zero means nothing.
  static Range ms() { return between(0, limits::kMaxMs); }
  static Range positiveMs() { return between(limits::kTickMs, limits::kMaxMs); }
  static Range seconds() { return between(0, limits::kMaxS); }
  static Range positiveSeconds() { return between(limits::kTickS, limits::kMaxS); }
  // A run, a metrics interval or an autoscaler period: a millisecond at least, so that the
  // number of ticks of fixed-period events stays in proportion to the run.
  static Range period(double max = limits::kMaxS) { return between(limits::kMinRunS, max); }
  static Range rate() { return between(0, limits::kMaxRateRps); }
  static Range factor() { return aboveAtMost(0, limits::kMaxFactor); }

  bool contains(double v) const;
  // "must be between 0 and 1, got 1.5"
  std::string violation(double v) const;
};

enum class Need { Optional, Required };

std::string childPointer(const std::string& parent, std::string_view key);
std::string childPointer(const std::string& parent, std::size_t index);
// "a string", "an object", "null", ...
std::string typeName(const Json& value);

// Checks on a single value at `pointer`; each reports its own problem and returns nullopt.
std::optional<double> readNumber(Problems& p, const Json& v, const std::string& pointer,
                                 const Range& range);
std::optional<std::int64_t> readInteger(Problems& p, const Json& v, const std::string& pointer,
                                        std::int64_t lo, std::int64_t hi);
std::optional<std::string> readString(Problems& p, const Json& v, const std::string& pointer);
// A service, module or node name: 1..64 characters of [A-Za-z0-9_.-].
std::optional<std::string> readName(Problems& p, const Json& v, const std::string& pointer);
// A distribution object, or a bare number meaning a constant.
std::optional<DistributionSpec> readDistribution(Problems& p, const Json& v,
                                                 const std::string& pointer);

// Reads the members of one JSON object. Every getter declares its key as known; finish()
// then reports the members no getter asked for, with a spelling hint.
class ObjectReader {
 public:
  // Reports "expected an object" when `value` is not one; the getters then return nothing.
  ObjectReader(Problems& problems, const Json& value, std::string pointer);

  bool ok() const { return object_ != nullptr; }
  const std::string& pointer() const { return pointer_; }
  std::string pointerOf(std::string_view key) const { return childPointer(pointer_, key); }
  Problems& problems() { return problems_; }
  bool has(std::string_view key) const;

  // The raw member, or nullptr when absent ("missing required key" when required).
  const Json* value(std::string_view key, Need need = Need::Optional);
  std::optional<double> number(std::string_view key, const Range& range,
                               Need need = Need::Optional);
  std::optional<std::int64_t> integer(std::string_view key, std::int64_t lo, std::int64_t hi,
                                      Need need = Need::Optional);
  std::optional<std::uint64_t> unsignedInteger(std::string_view key, Need need = Need::Optional);
  std::optional<std::string> string(std::string_view key, Need need = Need::Optional);
  std::optional<std::string> name(std::string_view key, Need need = Need::Optional);
  std::optional<bool> boolean(std::string_view key, Need need = Need::Optional);
  // Index of the value in `names`; `unknown` is the error's sentence with %1 for the value,
  // translated (text::translate("ScenarioLoader", "unknown lb policy %1")).
  std::optional<std::size_t> choice(std::string_view key, const std::vector<std::string>& names,
                                    const std::string& unknown, Need need = Need::Optional);
  std::optional<DistributionSpec> distribution(std::string_view key, Need need = Need::Optional);
  // The member if it is an array of at most kMaxArrayItems (reported otherwise).
  const Json* array(std::string_view key, Need need = Need::Optional);

  // A member that exists in the format but not in this context: reported when present with
  // `message`, a translated sentence that names the key
  // (text::translate("ScenarioLoader", "\"calls\" does not apply to ...")).
  void notApplicable(std::string_view key, const std::string& message);
  // Marks keys as handled without reading them (their value was already reported).
  void ignore(std::string_view key);
  // Reports each member no getter asked for: `unknown key "x" <context> (did you mean "y"?)`,
  // `context` a translated phrase ("in a choice") or empty.
  void finish(const std::string& context = {});

 private:
  void declare(std::string_view key, bool suggestible = true);

  Problems& problems_;
  const Json* object_ = nullptr;
  std::string pointer_;
  std::vector<std::string> known_;    // keys to suggest
  std::vector<std::string> handled_;  // keys not to report as unknown
};

}  // namespace clusterscope::engine::loader
