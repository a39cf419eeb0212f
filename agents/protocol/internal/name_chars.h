#pragma once

#include <algorithm>
#include <string_view>

// Internal to the protocol library: the characters of a service, module or node name, the
// same as the scenario format's ([A-Za-z0-9_.-]).

namespace clusterscope::agents::protocol::detail {

inline bool isNameChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '.' || c == '-';
}

inline bool isNameText(std::string_view s) { return std::all_of(s.begin(), s.end(), isNameChar); }

}  // namespace clusterscope::agents::protocol::detail
