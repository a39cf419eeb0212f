#include "internal/json_reader.h"

#include <algorithm>
#include <cmath>

#include "internal/json_positions.h"
#include "internal/text_format.h"
#include "name_suggestion.h"

namespace clusterscope::engine::loader {

namespace {

const std::vector<std::string> kDistributionNames = {"constant", "exponential", "uniform",
                                                     "lognormal"};
const std::vector<std::string> kDistributionKeys = {"dist",   "value", "mean",
                                                    "stddev", "min",   "max"};

bool isNameChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '.' || c == '-';
}

std::string expected(const char* what, const Json& v) {
  return std::string("expected ") + what + ", got " + typeName(v);
}

}  // namespace

Problems::Problems(const JsonPositions* positions, std::size_t keep)
    : positions_(positions), keep_(keep) {}

void Problems::add(std::string pointer, std::string message, bool atKey) {
  const std::size_t offset = positions_ ? positions_->offsetOf(pointer, atKey) : 0;
  addAt(offset, std::move(pointer), std::move(message));
}

void Problems::addAt(std::size_t offset, std::string pointer, std::string message) {
  const std::size_t sequence = total_++;
  if (offset > cutoff_) return;
  kept_.push_back({offset, sequence, std::move(pointer), std::move(message)});
  if (kept_.size() >= 2 * keep_ + 16) prune();
}

void Problems::prune() {
  std::sort(kept_.begin(), kept_.end(), [](const PendingError& a, const PendingError& b) {
    return a.offset != b.offset ? a.offset < b.offset : a.sequence < b.sequence;
  });
  if (kept_.size() > keep_) {
    kept_.resize(keep_);
    cutoff_ = kept_.empty() ? 0 : kept_.back().offset;
  }
}

std::vector<PendingError> Problems::earliest() {
  prune();
  return kept_;
}

bool Range::contains(double v) const {
  const bool aboveLo = loOpen ? v > lo : v >= lo;
  const bool belowHi = hiOpen ? v < hi : v <= hi;
  return aboveLo && belowHi;
}

std::string Range::violation(double v) const {
  const bool hasLo = std::isfinite(lo);
  const bool hasHi = std::isfinite(hi);
  std::string rule;
  if (hasLo && hasHi && !loOpen && !hiOpen) {
    rule = "must be between " + formatNumber(lo) + " and " + formatNumber(hi);
  } else {
    if (hasLo) rule = (loOpen ? "must be greater than " : "must be at least ") + formatNumber(lo);
    if (hasHi) {
      rule += rule.empty() ? "must be " : " and ";
      rule += (hiOpen ? "less than " : "at most ") + formatNumber(hi);
    }
  }
  return rule + ", got " + formatNumber(v);
}

std::string childPointer(const std::string& parent, std::string_view key) {
  return parent + "/" + escapePointerToken(key);
}

std::string childPointer(const std::string& parent, std::size_t index) {
  return parent + "/" + std::to_string(index);
}

std::string typeName(const Json& value) {
  switch (value.type()) {
    case Json::value_t::null:
      return "null";
    case Json::value_t::boolean:
      return "a boolean";
    case Json::value_t::string:
      return "a string";
    case Json::value_t::array:
      return "an array";
    case Json::value_t::object:
      return "an object";
    default:
      return "a number";
  }
}

std::optional<double> readNumber(Problems& p, const Json& v, const std::string& pointer,
                                 const Range& range) {
  if (!v.is_number()) {
    p.add(pointer, expected("a number", v));
    return std::nullopt;
  }
  const double d = v.get<double>();
  if (!range.contains(d)) {
    p.add(pointer, range.violation(d));
    return std::nullopt;
  }
  return d;
}

std::optional<std::int64_t> readInteger(Problems& p, const Json& v, const std::string& pointer,
                                        std::int64_t lo, std::int64_t hi) {
  const Range range = Range::between(static_cast<double>(lo), static_cast<double>(hi));
  if (v.is_number_unsigned()) {
    const auto u = v.get<std::uint64_t>();
    if (u > static_cast<std::uint64_t>(hi) || static_cast<std::int64_t>(u) < lo) {
      p.add(pointer, range.violation(static_cast<double>(u)));
      return std::nullopt;
    }
    return static_cast<std::int64_t>(u);
  }
  if (v.is_number_integer()) {
    const auto i = v.get<std::int64_t>();
    if (i < lo || i > hi) {
      p.add(pointer, range.violation(static_cast<double>(i)));
      return std::nullopt;
    }
    return i;
  }
  if (v.is_number_float()) {
    // JSON has one number type: 3.0 is the integer 3 (JSON Schema agrees).
    const double d = v.get<double>();
    if (d != std::floor(d)) {
      p.add(pointer, "expected an integer, got " + formatNumber(d));
      return std::nullopt;
    }
    if (!range.contains(d)) {
      p.add(pointer, range.violation(d));
      return std::nullopt;
    }
    return static_cast<std::int64_t>(d);
  }
  p.add(pointer, expected("an integer", v));
  return std::nullopt;
}

std::optional<std::string> readString(Problems& p, const Json& v, const std::string& pointer) {
  if (!v.is_string()) {
    p.add(pointer, expected("a string", v));
    return std::nullopt;
  }
  return v.get<std::string>();
}

std::optional<std::string> readName(Problems& p, const Json& v, const std::string& pointer) {
  auto s = readString(p, v, pointer);
  if (!s) return std::nullopt;
  const bool valid =
      !s->empty() && s->size() <= 64 && std::all_of(s->begin(), s->end(), isNameChar);
  if (!valid) {
    p.add(pointer, quotedText(*s) +
                       " is not a valid name: use 1 to 64 letters, digits, \"_\", \".\" or \"-\"");
    return std::nullopt;
  }
  return s;
}

std::optional<DistributionSpec> readDistribution(Problems& p, const Json& v,
                                                 const std::string& pointer) {
  if (v.is_number()) {
    const auto value = readNumber(p, v, pointer, Range::ms());
    if (!value) return std::nullopt;
    return DistributionSpec::constant(*value);
  }
  if (!v.is_object()) {
    p.add(pointer, expected("a distribution (an object or a number)", v));
    return std::nullopt;
  }
  const std::size_t before = p.total();
  ObjectReader r(p, v, pointer);
  const auto kind = r.choice("dist", kDistributionNames, "distribution", Need::Required);
  if (!kind) {
    for (const std::string& key : kDistributionKeys) r.ignore(key);
    r.finish();
    return std::nullopt;
  }
  DistributionSpec spec;
  switch (static_cast<DistributionKind>(*kind)) {
    case DistributionKind::Constant:
      spec = DistributionSpec::constant(r.number("value", Range::ms(), Need::Required).value_or(0));
      break;
    case DistributionKind::Exponential:
      spec = DistributionSpec::exponential(
          r.number("mean", Range::positiveMs(), Need::Required).value_or(0));
      break;
    case DistributionKind::Uniform: {
      const auto lo = r.number("min", Range::ms(), Need::Required);
      const auto hi = r.number("max", Range::ms(), Need::Required);
      if (lo && hi && *lo > *hi) {
        p.add(r.pointerOf("max"), "\"max\" (" + formatNumber(*hi) + ") is less than \"min\" (" +
                                      formatNumber(*lo) + ")");
      }
      spec = DistributionSpec::uniform(lo.value_or(0), hi.value_or(0));
      break;
    }
    case DistributionKind::Lognormal: {
      const auto mean = r.number("mean", Range::positiveMs(), Need::Required);
      const auto stddev = r.number("stddev", Range::ms(), Need::Required);
      spec = DistributionSpec::lognormal(mean.value_or(0), stddev.value_or(0));
      break;
    }
  }
  r.finish(" for dist \"" + kDistributionNames[*kind] + "\"");
  if (p.total() != before) return std::nullopt;
  return spec;
}

ObjectReader::ObjectReader(Problems& problems, const Json& value, std::string pointer)
    : problems_(problems), pointer_(std::move(pointer)) {
  if (value.is_object()) {
    object_ = &value;
  } else {
    problems_.add(pointer_, expected("an object", value));
  }
}

bool ObjectReader::has(std::string_view key) const {
  return object_ != nullptr && object_->contains(std::string(key));
}

void ObjectReader::declare(std::string_view key, bool suggestible) {
  handled_.emplace_back(key);
  if (suggestible) known_.emplace_back(key);
}

const Json* ObjectReader::value(std::string_view key, Need need) {
  declare(key);
  if (object_ == nullptr) return nullptr;
  const auto it = object_->find(std::string(key));
  if (it == object_->end()) {
    if (need == Need::Required) {
      problems_.add(pointer_, "missing required key \"" + std::string(key) + "\"");
    }
    return nullptr;
  }
  return &*it;
}

std::optional<double> ObjectReader::number(std::string_view key, const Range& range, Need need) {
  const Json* v = value(key, need);
  return v ? readNumber(problems_, *v, pointerOf(key), range) : std::nullopt;
}

std::optional<std::int64_t> ObjectReader::integer(std::string_view key, std::int64_t lo,
                                                  std::int64_t hi, Need need) {
  const Json* v = value(key, need);
  return v ? readInteger(problems_, *v, pointerOf(key), lo, hi) : std::nullopt;
}

std::optional<std::uint64_t> ObjectReader::unsignedInteger(std::string_view key, Need need) {
  const Json* v = value(key, need);
  if (v == nullptr) return std::nullopt;
  // nlohmann stores non-negative integers as unsigned, negative ones as signed.
  if (v->is_number_unsigned()) return v->get<std::uint64_t>();
  if (v->is_number_integer()) {
    problems_.add(pointerOf(key), Range::atLeast(0).violation(v->get<double>()));
  } else if (!v->is_number_float()) {
    problems_.add(pointerOf(key), expected("an integer", *v));
  } else if (const double d = v->get<double>(); d != std::floor(d)) {
    problems_.add(pointerOf(key), "expected an integer, got " + formatNumber(d));
  } else if (d < 0) {
    problems_.add(pointerOf(key), Range::atLeast(0).violation(d));
  } else if (d >= 18446744073709551616.0) {
    problems_.add(pointerOf(key), "must be less than 2^64, got " + formatNumber(d));
  } else {
    return static_cast<std::uint64_t>(d);
  }
  return std::nullopt;
}

std::optional<std::string> ObjectReader::string(std::string_view key, Need need) {
  const Json* v = value(key, need);
  return v ? readString(problems_, *v, pointerOf(key)) : std::nullopt;
}

std::optional<std::string> ObjectReader::name(std::string_view key, Need need) {
  const Json* v = value(key, need);
  return v ? readName(problems_, *v, pointerOf(key)) : std::nullopt;
}

std::optional<bool> ObjectReader::boolean(std::string_view key, Need need) {
  const Json* v = value(key, need);
  if (v == nullptr) return std::nullopt;
  if (!v->is_boolean()) {
    problems_.add(pointerOf(key), expected("a boolean", *v));
    return std::nullopt;
  }
  return v->get<bool>();
}

std::optional<std::size_t> ObjectReader::choice(std::string_view key,
                                                const std::vector<std::string>& names,
                                                std::string_view what, Need need) {
  const auto s = string(key, need);
  if (!s) return std::nullopt;
  const auto it = std::find(names.begin(), names.end(), *s);
  if (it != names.end()) return static_cast<std::size_t>(it - names.begin());
  std::string message = "unknown " + std::string(what) + " " + quotedText(*s);
  const std::string hint = problems_.detailed() ? didYouMean(*s, names) : std::string();
  message += hint.empty() ? " (expected " + quotedList(names, "or") + ")" : hint;
  problems_.add(pointerOf(key), std::move(message));
  return std::nullopt;
}

std::optional<DistributionSpec> ObjectReader::distribution(std::string_view key, Need need) {
  const Json* v = value(key, need);
  return v ? readDistribution(problems_, *v, pointerOf(key)) : std::nullopt;
}

const Json* ObjectReader::array(std::string_view key, Need need) {
  const Json* v = value(key, need);
  if (v == nullptr) return nullptr;
  if (!v->is_array()) {
    problems_.add(pointerOf(key), expected("an array", *v));
    return nullptr;
  }
  if (v->size() > kMaxArrayItems) {
    problems_.add(pointerOf(key), "too many entries: " + std::to_string(v->size()) +
                                      " (the limit is " + std::to_string(kMaxArrayItems) + ")");
    return nullptr;
  }
  return v;
}

void ObjectReader::notApplicable(std::string_view key, std::string_view why) {
  declare(key, false);
  if (has(key)) {
    problems_.add(pointerOf(key), "\"" + std::string(key) + "\" does not apply " + std::string(why),
                  true);
  }
}

void ObjectReader::ignore(std::string_view key) { declare(key, false); }

void ObjectReader::finish(std::string_view context) {
  if (object_ == nullptr) return;
  for (const auto& [key, member] : object_->items()) {
    (void)member;
    if (std::find(handled_.begin(), handled_.end(), key) != handled_.end()) continue;
    std::string message = "unknown key " + quotedText(key) + std::string(context);
    if (problems_.detailed()) message += didYouMean(key, known_);
    problems_.add(pointerOf(key), std::move(message), true);
  }
}

}  // namespace clusterscope::engine::loader
