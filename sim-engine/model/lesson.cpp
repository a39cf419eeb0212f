#include "lesson.h"

#include <algorithm>

namespace clusterscope::model {

LocalText::LocalText(std::string plain) {
  // An empty string is no text at all: a step without "text" equals one with "text": "".
  if (!plain.empty()) variants_.push_back({std::string(), std::move(plain)});
}

LocalText::LocalText(const char* plain) : LocalText(std::string(plain ? plain : "")) {}

LocalText LocalText::translated(std::vector<Variant> variants) {
  LocalText t;
  t.variants_ = std::move(variants);
  return t;
}

const std::string& LocalText::in(std::string_view language) const {
  static const std::string kNone;
  if (variants_.empty()) return kNone;
  for (const std::string_view wanted : {language, std::string_view("en")}) {
    const auto it = std::find_if(variants_.begin(), variants_.end(),
                                 [&](const Variant& v) { return v.language == wanted; });
    if (it != variants_.end()) return it->text;
  }
  return variants_.front().text;
}

bool LocalText::empty() const {
  return std::all_of(variants_.begin(), variants_.end(),
                     [](const Variant& v) { return v.text.empty(); });
}

}  // namespace clusterscope::model
