#pragma once

// Lets QCOMPARE print std::string values on failure, not only the compared expressions.

#include <QtTest>
#include <string>

namespace QTest {
template <>
inline char* toString(const std::string& s) {
  return qstrdup(s.c_str());
}
}  // namespace QTest
