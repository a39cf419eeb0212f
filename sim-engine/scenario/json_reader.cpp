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

// `what` is a noun phrase in the user's language ("a number").
std::string expected(const std::string& what, const Json& v) {
  return text::format(text::translate("ScenarioLoader", "expected %1, got %2"),
                      {what, typeName(v)});
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
  const std::string low = formatNumber(lo), high = formatNumber(hi), got = formatNumber(v);
  // Each bound's wording as a whole sentence, so that a translation may order it as it needs.
  if (hasLo && hasHi) {
    if (!loOpen && !hiOpen) {
      return text::format(text::translate("ScenarioLoader", "must be between %1 and %2, got %3"),
                          {low, high, got});
    }
    if (loOpen && !hiOpen) {
      return text::format(
          text::translate("ScenarioLoader", "must be greater than %1 and at most %2, got %3"),
          {low, high, got});
    }
    if (!loOpen) {
      return text::format(
          text::translate("ScenarioLoader", "must be at least %1 and less than %2, got %3"),
          {low, high, got});
    }
    return text::format(
        text::translate("ScenarioLoader", "must be greater than %1 and less than %2, got %3"),
        {low, high, got});
  }
  if (hasLo) {
    return text::format(loOpen
                            ? text::translate("ScenarioLoader", "must be greater than %1, got %2")
                            : text::translate("ScenarioLoader", "must be at least %1, got %2"),
                        {low, got});
  }
  if (hasHi) {
    return text::format(hiOpen ? text::translate("ScenarioLoader", "must be less than %1, got %2")
                               : text::translate("ScenarioLoader", "must be at most %1, got %2"),
                        {high, got});
  }
  return ", got " + got;  // no bound: nothing is out of range
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
      return text::translate("ScenarioLoader", "a boolean");
    case Json::value_t::string:
      return text::translate("ScenarioLoader", "a string");
    case Json::value_t::array:
      return text::translate("ScenarioLoader", "an array");
    case Json::value_t::object:
      return text::translate("ScenarioLoader", "an object");
    default:
      return text::translate("ScenarioLoader", "a number");
  }
}

std::optional<double> readNumber(Problems& p, const Json& v, const std::string& pointer,
                                 const Range& range) {
  if (!v.is_number()) {
    p.add(pointer, expected(text::translate("ScenarioLoader", "a number"), v));
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
      p.add(pointer, text::format(text::translate("ScenarioLoader", "expected an integer, got %1"),
                                  {formatNumber(d)}));
      return std::nullopt;
    }
    if (!range.contains(d)) {
      p.add(pointer, range.violation(d));
      return std::nullopt;
    }
    return static_cast<std::int64_t>(d);
  }
  p.add(pointer, expected(text::translate("ScenarioLoader", "an integer"), v));
  return std::nullopt;
}

std::optional<std::string> readString(Problems& p, const Json& v, const std::string& pointer) {
  if (!v.is_string()) {
    p.add(pointer, expected(text::translate("ScenarioLoader", "a string"), v));
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
    p.add(pointer, text::format(text::translate("ScenarioLoader",
                                                "%1 is not a valid name: use 1 to 64 letters, "
                                                "digits, \"_\", \".\" or \"-\""),
                                {quotedText(*s)}));
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
    p.add(pointer,
          expected(text::translate("ScenarioLoader", "a distribution (an object or a number)"), v));
    return std::nullopt;
  }
  const std::size_t before = p.total();
  ObjectReader r(p, v, pointer);
  const auto kind =
      r.choice("dist", kDistributionNames,
               text::translate("ScenarioLoader", "unknown distribution %1"), Need::Required);
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
        p.add(r.pointerOf("max"),
              text::format(
                  text::translate("ScenarioLoader", "\"max\" (%1) is less than \"min\" (%2)"),
                  {formatNumber(*hi), formatNumber(*lo)}));
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
  r.finish(text::format(text::translate("ScenarioLoader", "for dist %1"),
                        {"\"" + kDistributionNames[*kind] + "\""}));
  if (p.total() != before) return std::nullopt;
  return spec;
}

ObjectReader::ObjectReader(Problems& problems, const Json& value, std::string pointer)
    : problems_(problems), pointer_(std::move(pointer)) {
  if (value.is_object()) {
    object_ = &value;
  } else {
    problems_.add(pointer_, expected(text::translate("ScenarioLoader", "an object"), value));
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
      problems_.add(pointer_,
                    text::format(text::translate("ScenarioLoader", "missing required key %1"),
                                 {"\"" + std::string(key) + "\""}));
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
    problems_.add(pointerOf(key), expected(text::translate("ScenarioLoader", "an integer"), *v));
  } else if (const double d = v->get<double>(); d != std::floor(d)) {
    problems_.add(pointerOf(key),
                  text::format(text::translate("ScenarioLoader", "expected an integer, got %1"),
                               {formatNumber(d)}));
  } else if (d < 0) {
    problems_.add(pointerOf(key), Range::atLeast(0).violation(d));
  } else if (d >= 18446744073709551616.0) {
    problems_.add(pointerOf(key),
                  text::format(text::translate("ScenarioLoader", "must be less than 2^64, got %1"),
                               {formatNumber(d)}));
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
    problems_.add(pointerOf(key), expected(text::translate("ScenarioLoader", "a boolean"), *v));
    return std::nullopt;
  }
  return v->get<bool>();
}

std::optional<std::size_t> ObjectReader::choice(std::string_view key,
                                                const std::vector<std::string>& names,
                                                const std::string& unknown, Need need) {
  const auto s = string(key, need);
  if (!s) return std::nullopt;
  const auto it = std::find(names.begin(), names.end(), *s);
  if (it != names.end()) return static_cast<std::size_t>(it - names.begin());
  std::string message = text::format(unknown, {quotedText(*s)});
  const std::string hint = problems_.detailed() ? didYouMean(*s, names) : std::string();
  message += hint.empty()
                 ? " " + text::format(text::translate("ScenarioLoader", "(expected %1)"),
                                      {quotedList(names, text::translate("ScenarioLoader", "or"))})
                 : hint;
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
    problems_.add(pointerOf(key), expected(text::translate("ScenarioLoader", "an array"), *v));
    return nullptr;
  }
  if (v->size() > kMaxArrayItems) {
    problems_.add(
        pointerOf(key),
        text::format(text::translate("ScenarioLoader", "too many entries: %1 (the limit is %2)"),
                     {std::to_string(v->size()), std::to_string(kMaxArrayItems)}));
    return nullptr;
  }
  return v;
}

void ObjectReader::notApplicable(std::string_view key, const std::string& message) {
  declare(key, false);
  if (has(key)) problems_.add(pointerOf(key), message, true);
}

void ObjectReader::ignore(std::string_view key) { declare(key, false); }

void ObjectReader::finish(const std::string& context) {
  if (object_ == nullptr) return;
  for (const auto& [key, member] : object_->items()) {
    (void)member;
    if (std::find(handled_.begin(), handled_.end(), key) != handled_.end()) continue;
    std::string message =
        context.empty()
            ? text::format(text::translate("ScenarioLoader", "unknown key %1"), {quotedText(key)})
            : text::format(text::translate("ScenarioLoader", "unknown key %1 %2"),
                           {quotedText(key), context});
    if (problems_.detailed()) message += didYouMean(key, known_);
    problems_.add(pointerOf(key), std::move(message), true);
  }
}

}  // namespace clusterscope::engine::loader
